/** runbook.draftRunbook: writes a runbook drafted from the concluded investigation into the workspace. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { requireTrust } from '../workspaceTrust';

export async function draftRunbook(services: Services): Promise<{ path: string } | undefined> {
  if (!requireTrust('drafting runbooks', 'writes files into the workspace')) return undefined;
  const session = services.sessions.current;
  if (!session?.state.conclusion) {
    void vscode.window.showInformationMessage('Runbook: there is no concluded investigation to draft a runbook from.');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Runbook: open a folder to draft runbooks into.');
    return undefined;
  }
  let draft: { relativePath: string; content: string };
  try {
    draft = services.loadRuntime().draftRunbook(session.state);
  } catch (error) {
    void vscode.window.showErrorMessage(`Runbook: could not draft a runbook (${error instanceof Error ? error.message : String(error)}).`);
    return undefined;
  }
  const segments = draft.relativePath.split(/[\\/]+/).filter(Boolean);
  // The drafter builds the path from incident data: never let it leave the workspace folder.
  if (segments.length === 0 || segments.some((segment) => segment === '..' || segment === '.') || path.isAbsolute(draft.relativePath)) {
    void vscode.window.showErrorMessage(`Runbook: refusing to write the runbook to "${draft.relativePath}".`);
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder.uri, ...segments);
  if (await exists(target)) {
    const answer = await vscode.window.showWarningMessage(`Runbook: ${segments.join('/')} already exists. Overwrite it?`, { modal: true }, 'Overwrite');
    if (answer !== 'Overwrite') return undefined;
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(draft.content));
  services.log.info(`[${session.id}] drafted runbook ${target.fsPath}`);
  await vscode.window.showTextDocument(target, { preview: false });
  return { path: target.fsPath };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
