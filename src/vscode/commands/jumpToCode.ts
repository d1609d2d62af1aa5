/** runbook.jumpToCode: opens the source line a stack frame or log line names. */
import * as vscode from 'vscode';
import { openCodeLocation } from '../codeLocation';
import { codeTargetFrom } from '../commandArgs';
import type { Services } from '../services';
import { findCodeLocation, rootCauseCodeLocations } from '../treeNodes';

export async function jumpToCode(services: Services, arg?: unknown): Promise<{ path: string } | undefined> {
  const session = services.sessions.current;
  if (!session) {
    void vscode.window.showInformationMessage('Runbook: no investigation yet. Open an incident first.');
    return undefined;
  }
  const target = codeTargetFrom(arg) ?? rootCauseCodeLocations(session.state)[0];
  const location = target ? findCodeLocation(session.state, target.evidenceId, target.index) : undefined;
  if (!location) {
    void vscode.window.showInformationMessage('Runbook: this investigation has no code location to jump to (yet).');
    return undefined;
  }
  const opened = await openCodeLocation(location, [session.repoDir]);
  if (opened) services.log.info(`jump to code ${location.path}:${location.line} → ${opened.fsPath}`);
  return opened ? { path: opened.fsPath } : undefined;
}
