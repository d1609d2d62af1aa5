/**
 * Restricted Mode (an untrusted workspace): Runbook AI runs only the bundled demo against its own
 * emulators. Anything that uses credentials, mutates infrastructure or writes into the workspace
 * is refused with a message that says why and how to enable it.
 */
import * as vscode from 'vscode';

const MANAGE_TRUST = 'Manage Workspace Trust';

/** True when trusted; otherwise tells the user that `what` is disabled in Restricted Mode. */
export function requireTrust(what: string, why: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showErrorMessage(`Runbook: ${what} is disabled in Restricted Mode because it ${why}. Trust this workspace to enable it.`, MANAGE_TRUST)
    .then((answer) => {
      if (answer === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
