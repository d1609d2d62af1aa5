/** Registers every runbook.* command; handlers get the shared services explicitly. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { applyRemediation } from './applyRemediation';
import { draftRunbook } from './draftRunbook';
import { jumpToCode } from './jumpToCode';
import { openIncident } from './openIncident';
import { showCommit } from './showCommit';
import { showEvidence } from './showEvidence';

export function registerCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('runbook.openIncident', (arg?: unknown) => openIncident(services, arg)),
    vscode.commands.registerCommand('runbook.showEvidence', (arg?: unknown) => showEvidence(services, arg)),
    vscode.commands.registerCommand('runbook.jumpToCode', (arg?: unknown) => jumpToCode(services, arg)),
    vscode.commands.registerCommand('runbook.showCommit', (arg?: unknown) => showCommit(services, arg)),
    vscode.commands.registerCommand('runbook.applyRemediation', (arg?: unknown) => applyRemediation(services, arg)),
    vscode.commands.registerCommand('runbook.draftRunbook', () => draftRunbook(services)),
    vscode.commands.registerCommand('runbook.cancelInvestigation', () => {
      const session = services.sessions.current;
      if (session?.isRunning) session.cancel('cancelled by the user');
      return session?.id;
    }),
  ];
}
