/**
 * runbook.reopenInvestigation: a past investigation rebuilt from its JSONL scratchpad — the tree,
 * the evidence panel, Copy Query, Show Commit and Jump to Code work at once; re-testing or
 * remediating reconnects to its environment first (the demo's sandbox, or the user's own
 * environment in a trusted workspace). New judgements are appended to the same scratchpad.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EventStream, type InvestigationEvent } from '../../core/events';
import type { Incident } from '../../core/incident';
import { parseScratchpadText, pastDescription } from '../history';
import { errorText } from '../investigationRunner';
import { DEMO_SCENARIO_ID, investigationFiles, parseSandboxMarker, SANDBOX_MARKER, sandboxRepoDir } from '../investigationFiles';
import type { Services } from '../services';
import { InvestigationSession } from '../session';
import { INVESTIGATION_VIEW_ID } from '../treeView';
import { liveEnvironment, startDemoEnvironment } from './openIncident';

function fileFrom(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.endsWith('.jsonl')) return arg;
  const file = typeof arg === 'object' && arg !== null ? (arg as { file?: unknown }).file : undefined;
  return typeof file === 'string' && file.endsWith('.jsonl') ? file : undefined;
}

export async function reopenInvestigation(services: Services, arg?: unknown): Promise<{ investigationId: string; events: number } | undefined> {
  const file = fileFrom(arg) ?? (await pickPast(services));
  if (!file) return undefined;
  // Only scratchpads the history lists: a command argument cannot point the reader elsewhere.
  if (!services.history.directories().some((dir) => path.dirname(file) === dir)) {
    void vscode.window.showWarningMessage(`Runbook: ${file} is not a scratchpad of this workspace.`);
    return undefined;
  }
  if (services.sessions.current?.isRunning) {
    const answer = await vscode.window.showWarningMessage(
      `Runbook: an investigation of ${services.sessions.current.incidentId} is running. Cancel it and reopen the past one?`,
      { modal: true },
      'Reopen',
    );
    if (answer !== 'Reopen') return undefined;
  }
  let events: InvestigationEvent[];
  try {
    events = parseScratchpadText(await fs.readFile(file, 'utf8'));
  } catch (error) {
    void vscode.window.showErrorMessage(`Runbook: cannot read ${file}: ${errorText(error)}`);
    return undefined;
  }
  const started = events.find((event) => event.type === 'investigation.started');
  if (!started || started.type !== 'investigation.started') {
    void vscode.window.showErrorMessage(`Runbook: ${path.basename(file)} does not record the start of an investigation.`);
    return undefined;
  }
  const incident: Incident = started.incident;
  const isDemo = incident.source === 'demo';
  const id = started.investigationId;
  const stream = new EventStream(id);
  for (const event of events) stream.push(event);

  const storage = (services.context.storageUri ?? services.context.globalStorageUri).fsPath;
  const demoRepo = sandboxRepoDir(storage, DEMO_SCENARIO_ID);
  const files = { ...investigationFiles(path.dirname(path.dirname(path.dirname(file))), id), scratchpadFile: file };
  const session = new InvestigationSession(stream, files, services.log, {
    origin: isDemo ? 'demo' : 'live',
    reopened: true,
    repoDir: isDemo ? ((await exists(demoRepo)) ? demoRepo : undefined) : vscode.workspace.isTrusted ? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath : undefined,
    workspaceRepoDir: vscode.workspace.isTrusted ? await workspaceRepoFor(isDemo) : undefined,
    reconnect: async () => {
      const runtime = services.loadRuntime();
      if (isDemo) return startDemoEnvironment(services, runtime);
      if (!vscode.workspace.isTrusted) throw new Error('this investigation used your own environment, which is disabled in Restricted Mode; trust the workspace to reconnect');
      return liveEnvironment(runtime, incident);
    },
  });
  services.sessions.start(session);

  // New judgements go to the same scratchpad — unless that would write into an untrusted workspace.
  const inWorkspace = (vscode.workspace.workspaceFolders ?? []).some((folder) => file.startsWith(folder.uri.fsPath + path.sep));
  if (vscode.workspace.isTrusted || !inWorkspace) {
    try {
      session.onDispose(services.loadRuntime().attachScratchpad(stream, file, { replay: false }));
    } catch (error) {
      services.log.warn(`[${id}] new events cannot be appended to ${file} (${errorText(error)})`);
    }
  } else {
    services.log.info(`[${id}] Restricted Mode: judgements on this reopened investigation are not written into the workspace`);
  }
  services.log.info(`[${id}] reopened from ${file} (${events.length} events)`);
  void vscode.commands.executeCommand(`${INVESTIGATION_VIEW_ID}.focus`);
  return { investigationId: id, events: events.length };
}

async function pickPast(services: Services): Promise<string | undefined> {
  const entries = await services.history.list();
  if (!entries.length) {
    void vscode.window.showInformationMessage('Runbook: this workspace has no past investigations yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({ label: `${entry.incidentId} · ${entry.incidentTitle}`, description: pastDescription(entry), detail: entry.rootCause, file: entry.file })),
    { title: 'Runbook: Reopen Investigation', placeHolder: 'Which investigation?', matchOnDescription: true },
  );
  return picked?.file;
}

/** The workspace folder holding the service's repository: the demo workspace's, or the first folder. */
async function workspaceRepoFor(isDemo: boolean): Promise<string | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (!isDemo) return folder.uri.fsPath;
    try {
      const marker = parseSandboxMarker(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, ...SANDBOX_MARKER.split('/')))));
      if (marker?.scenarioId === DEMO_SCENARIO_ID) return folder.uri.fsPath;
    } catch {
      // not the demo workspace
    }
  }
  return undefined;
}

async function exists(dir: string): Promise<boolean> {
  try {
    await fs.stat(dir);
    return true;
  } catch {
    return false;
  }
}
