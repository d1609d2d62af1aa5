/**
 * Context keys for when-clauses (package.json menus, commandPalette, viewsWelcome):
 *   runbook.hasInvestigation  an investigation exists (running or finished)
 *   runbook.investigating     it is running (Cancel Investigation)
 *   runbook.concluded         it reached a conclusion (Draft Runbook)
 *   runbook.hasCodeLocation   the root cause cites a code location (Jump to Code)
 *   runbook.hasCommits        the root cause names commits (Show Commit)
 *   runbook.hasRemediations   a proposed remediation awaits a decision (Apply Remediation)
 * Only changed values are sent: setContext is a round trip to the workbench.
 */
import * as vscode from 'vscode';
import type { InvestigationSession, SessionStore } from './session';
import { rootCauseCodeLocations } from './treeNodes';

type Keys = Record<
  'runbook.hasInvestigation' | 'runbook.investigating' | 'runbook.concluded' | 'runbook.hasCodeLocation' | 'runbook.hasCommits' | 'runbook.hasRemediations',
  boolean
>;

export function registerContextKeys(sessions: SessionStore): vscode.Disposable {
  const sent = new Map<string, boolean>();
  const update = (): void => {
    for (const [key, value] of Object.entries(keysFor(sessions.current))) {
      if (sent.get(key) === value) continue;
      sent.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  };
  update();
  return vscode.Disposable.from(sessions.onDidChangeSession(update), sessions.onDidApplyEvent(update), sessions.onDidChangeRunState(update));
}

function keysFor(session: InvestigationSession | undefined): Keys {
  const conclusion = session?.state.conclusion;
  return {
    'runbook.hasInvestigation': session !== undefined,
    'runbook.investigating': session?.isRunning ?? false,
    'runbook.concluded': conclusion !== undefined,
    'runbook.hasCodeLocation': session !== undefined && rootCauseCodeLocations(session.state).length > 0,
    'runbook.hasCommits': (conclusion?.commits.length ?? 0) > 0,
    'runbook.hasRemediations': session?.hasPendingRemediation() ?? false,
  };
}
