/** Mirrors every investigation event into the "Runbook AI" LogOutputChannel. */
import type * as vscode from 'vscode';
import { describeEvent } from './eventLogFormat';
import type { SessionStore } from './session';

export function logInvestigationEvents(sessions: SessionStore, log: vscode.LogOutputChannel): vscode.Disposable {
  return sessions.onDidApplyEvent(({ event }) => {
    const { level, text } = describeEvent(event);
    log[level](text);
  });
}
