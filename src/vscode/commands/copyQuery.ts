/**
 * runbook.copyQueryAsCli: a query of the investigation as the aws / kubectl / git commands that
 * ask the same question, on the clipboard (and shown, since a remote browser may refuse the
 * clipboard). From a query row, an evidence row (its query) or the evidence panel.
 */
import * as vscode from 'vscode';
import { queryToCli } from '../../core/queryCli';
import type { Services } from '../services';

export interface CopiedQuery {
  queryId: string;
  command: string;
}

function queryIdFrom(arg: unknown, services: Services): string | undefined {
  if (typeof arg === 'string' && arg) return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { queryId, evidenceId } = arg as { queryId?: unknown; evidenceId?: unknown };
  if (typeof queryId === 'string' && queryId) return queryId;
  if (typeof evidenceId === 'string') return services.sessions.current?.state.evidence[evidenceId]?.queryId;
  return undefined;
}

export async function copyQueryAsCli(services: Services, arg?: unknown): Promise<CopiedQuery | undefined> {
  const session = services.sessions.current;
  if (!session) {
    void vscode.window.showInformationMessage('Runbook: no investigation yet. Open an incident first.');
    return undefined;
  }
  const queryId = queryIdFrom(arg, services) ?? (await pickQuery(services));
  const record = queryId ? session.state.queries[queryId] : undefined;
  if (!queryId || !record) {
    if (queryId) void vscode.window.showWarningMessage(`Runbook: query ${queryId} is not part of this investigation.`);
    return undefined;
  }
  const command = queryToCli(record.query, { ...session.currentEnvironment?.cli, repoDir: session.workspaceRepoDir });
  await vscode.env.clipboard.writeText(command);
  services.log.info(`[${session.id}] copied ${queryId} as CLI:\n${command}`);
  const firstLine = command.split('\n').find((line) => !line.startsWith('#')) ?? command;
  void vscode.window.showInformationMessage(`Runbook: copied ${queryId} as CLI: ${firstLine}`, 'Show All').then((answer) => {
    if (answer === 'Show All') services.log.show(true);
  });
  return { queryId, command };
}

async function pickQuery(services: Services): Promise<string | undefined> {
  const state = services.sessions.current?.state;
  if (!state) return undefined;
  const items = state.queryOrder
    .map((id) => state.queries[id])
    .filter((record) => record !== undefined)
    .map((record) => ({ label: `${record.query.id}  ${record.query.operation} ${record.query.target}`, description: record.state, detail: record.query.rationale, id: record.query.id }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Runbook: Copy Query as CLI', placeHolder: 'Which query?', matchOnDetail: true });
  return picked?.id;
}
