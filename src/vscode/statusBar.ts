/**
 * The status bar item of the current investigation: spinning while it runs (phase, hypothesis
 * count), then its outcome; hidden when there is none. Clicking it reveals the Investigation view.
 */
import * as vscode from 'vscode';
import type { SessionStore } from './session';
import { statusText } from './statusText';

export function registerStatusBar(sessions: SessionStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('runbook.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Runbook Investigation';
  item.command = 'runbook.investigation.focus';
  let last = '';
  const update = (): void => {
    const session = sessions.current;
    if (!session) {
      item.hide();
      last = '';
      return;
    }
    const status = statusText(session.incidentId, session.state, session.isRunning);
    // Events arrive by the dozen per second; touch the item only when its text changes.
    const key = `${status.text}|${status.tooltip}|${status.background ?? ''}`;
    if (key === last) return;
    last = key;
    item.text = status.text;
    item.tooltip = status.tooltip;
    item.backgroundColor = status.background ? new vscode.ThemeColor(status.background) : undefined;
    item.accessibilityInformation = { label: status.text.replace(/\$\([^)]+\)\s*/g, ''), role: 'button' };
    item.show();
  };
  update();
  return vscode.Disposable.from(item, sessions.onDidChangeSession(update), sessions.onDidApplyEvent(update), sessions.onDidChangeRunState(update));
}
