/** Registers every runbook.* command; handlers get the shared services explicitly. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { clearApiKey, setApiKey } from './apiKey';
import { applyRemediation } from './applyRemediation';
import { copyQueryAsCli } from './copyQuery';
import { draftRunbook } from './draftRunbook';
import { judge } from './judge';
import { findTemplateInCode, jumpToCode } from './jumpToCode';
import { investigateAlertInEditor, openIncident } from './openIncident';
import { reopenInvestigation } from './reopenInvestigation';
import { showCommit } from './showCommit';
import { showEvidence } from './showEvidence';

export function registerCommands(services: Services): vscode.Disposable[] {
  const register = (id: string, handler: (arg?: unknown) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, handler);
  return [
    register('runbook.openIncident', (arg) => openIncident(services, arg)),
    register('runbook.investigateAlertInEditor', () => investigateAlertInEditor(services)),
    register('runbook.showEvidence', (arg) => showEvidence(services, arg)),
    register('runbook.jumpToCode', (arg) => jumpToCode(services, arg)),
    register('runbook.findTemplateInCode', (arg) => findTemplateInCode(services, arg)),
    register('runbook.showCommit', (arg) => showCommit(services, arg)),
    register('runbook.copyQueryAsCli', (arg) => copyQueryAsCli(services, arg)),
    register('runbook.pruneHypothesis', (arg) => judge(services, 'prune', arg)),
    register('runbook.markRootCause', (arg) => judge(services, 'root-cause', arg)),
    register('runbook.retestHypothesis', (arg) => judge(services, 'retest', arg)),
    register('runbook.applyRemediation', (arg) => applyRemediation(services, arg)),
    register('runbook.draftRunbook', () => draftRunbook(services)),
    register('runbook.reopenInvestigation', (arg) => reopenInvestigation(services, arg)),
    register('runbook.refreshHistory', () => services.history.refresh()),
    register('runbook.setApiKey', () => setApiKey(services)),
    register('runbook.clearApiKey', () => clearApiKey(services)),
    register('runbook.cancelInvestigation', () => {
      const session = services.sessions.current;
      if (session?.isRunning) session.cancel('cancelled by the user');
      return session?.id;
    }),
  ];
}
