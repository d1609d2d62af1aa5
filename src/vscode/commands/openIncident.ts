/**
 * runbook.openIncident: pick an incident source — the bundled demo (sandbox emulators), a pasted
 * alert payload or the JSON in the active editor (the user's own AWS/Kubernetes/git, trusted
 * workspaces only), or a past investigation — then investigate under a cancellable progress
 * notification, wiring the event stream to the scratchpad, tree, panel and log.
 * Argument `'demo'` skips the quick pick (tests, walkthroughs).
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EventStream } from '../../core/events';
import type { InvestigationOutcome } from '../../core/events';
import type { Incident } from '../../core/incident';
import { alertError, askForAlert } from '../alertInput';
import { errorText, investigate } from '../investigationRunner';
import {
  DEMO_INCIDENT_ID,
  DEMO_SCENARIO_ID,
  investigationFiles,
  investigationId,
  parseSandboxMarker,
  SANDBOX_MARKER,
  sameCommits,
  sandboxRepoDir,
  type SandboxMarker,
} from '../investigationFiles';
import type { InvestigationEnvironment, RunbookRuntime } from '../runtimeApi';
import type { Services } from '../services';
import { InvestigationSession } from '../session';
import { planLiveInvestigation, readSettings } from '../settings';
import { percent } from '../treePresentation';
import { INVESTIGATION_VIEW_ID } from '../treeView';
import { requireTrust } from '../workspaceTrust';

export interface InvestigationSummary {
  investigationId: string;
  incidentId: string;
  outcome?: InvestigationOutcome;
  rootCause?: string;
  /** 0–100 */
  confidence?: number;
  scratchpadFile: string;
}

type IncidentSource = 'demo' | 'alert-json' | 'alert-editor' | 'past';

interface SourceItem extends vscode.QuickPickItem {
  source: IncidentSource;
}

function sourceItems(): SourceItem[] {
  const items: SourceItem[] = [
    {
      label: `$(beaker) Demo: image-resizer 5xx after deploy (${DEMO_INCIDENT_ID})`,
      description: 'bundled scenario on local emulators, no credentials',
      source: 'demo',
    },
    { label: '$(json) Paste alert JSON…', description: 'CloudWatch alarm, Alertmanager webhook or incident JSON', source: 'alert-json' },
  ];
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'json') {
    items.push({ label: '$(go-to-file) Alert JSON in the active editor', description: path.basename(editor.document.fileName), source: 'alert-editor' });
  }
  items.push({ label: '$(history) Past investigation…', description: 'reopen one from its scratchpad', source: 'past' });
  return items;
}

export async function openIncident(services: Services, arg?: unknown): Promise<InvestigationSummary | undefined> {
  const source = arg === 'demo' ? 'demo' : await pickSource();
  switch (source) {
    case undefined:
      return undefined;
    case 'demo':
      return investigateDemo(services);
    case 'past':
      await vscode.commands.executeCommand('runbook.reopenInvestigation');
      return undefined;
    case 'alert-json': {
      if (!requireTrust('investigating a pasted alert', 'uses your AWS, Kubernetes and GitHub credentials')) return undefined;
      const runtime = loadRuntime(services);
      const incident = runtime && (await askForAlert(runtime));
      return incident && runtime ? investigateLive(services, runtime, incident) : undefined;
    }
    case 'alert-editor':
      return investigateAlertInEditor(services);
  }
}

/** runbook.investigateAlertInEditor: the active editor's text as an alert payload. */
export async function investigateAlertInEditor(services: Services): Promise<InvestigationSummary | undefined> {
  if (!requireTrust('investigating an alert', 'uses your AWS, Kubernetes and GitHub credentials')) return undefined;
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Runbook: open the alert JSON in an editor first.');
    return undefined;
  }
  const runtime = loadRuntime(services);
  if (!runtime) return undefined;
  const text = editor.document.getText();
  const problem = alertError(runtime, text) ?? (text.trim() ? undefined : 'the editor is empty');
  if (problem) {
    // The document stays as it is: the user fixes the named field and runs the command again.
    void vscode.window.showErrorMessage(`Runbook: this is not an alert we can investigate — ${problem}`);
    return undefined;
  }
  return investigateLive(services, runtime, runtime.parseAlert(text));
}

async function pickSource(): Promise<IncidentSource | undefined> {
  const picked = await vscode.window.showQuickPick(sourceItems(), { title: 'Runbook: Open Incident', placeHolder: 'Which incident do you want to investigate?' });
  return picked?.source;
}

function loadRuntime(services: Services): RunbookRuntime | undefined {
  try {
    return services.loadRuntime();
  } catch (error) {
    services.log.error(`could not load dist/runtime.js: ${errorText(error)}`);
    void vscode.window.showErrorMessage(`Runbook: the investigation engine could not be loaded (${errorText(error)}).`);
    return undefined;
  }
}

/** Asks before replacing a running investigation; true when the caller may go on. */
async function replaceRunning(services: Services): Promise<boolean> {
  const current = services.sessions.current;
  if (!current?.isRunning) return true;
  const answer = await vscode.window.showWarningMessage(
    `Runbook: an investigation of ${current.incidentId} is running. Cancel it and start a new one?`,
    { modal: true },
    'Start New Investigation',
  );
  return answer === 'Start New Investigation';
}

async function investigateDemo(services: Services): Promise<InvestigationSummary | undefined> {
  const { sessions, log } = services;
  if (!(await replaceRunning(services))) return undefined;
  // Closes the previous session's sandbox before its repository folder may be reused.
  sessions.clear();
  const runtime = loadRuntime(services);
  if (!runtime) return undefined;
  let environment: InvestigationEnvironment & { commits: Record<string, string> };
  try {
    environment = await startDemoEnvironment(services, runtime);
  } catch (error) {
    log.error(`starting the sandbox failed: ${errorText(error)}`);
    void vscode.window.showErrorMessage(`Runbook: the demo sandbox could not start (${errorText(error)}).`);
    return undefined;
  }
  environment.limits = readSettings((key) => vscode.workspace.getConfiguration('runbook').get(key)).limits;
  const workspaceRepoDir = await demoWorkspaceRepo(environment.commits, log);
  return startInvestigation(services, runtime, environment, { origin: 'demo', workspaceRepoDir });
}

/** Starts the bundled scenario's sandbox, its repository in the extension's own storage. */
export async function startDemoEnvironment(services: Services, runtime: RunbookRuntime): Promise<InvestigationEnvironment & { commits: Record<string, string> }> {
  const { context } = services;
  // Workspace storage when a folder is open, so two windows do not share one sandbox repository.
  const repoDir = sandboxRepoDir((context.storageUri ?? context.globalStorageUri).fsPath, DEMO_SCENARIO_ID);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Runbook: starting the demo sandbox' }, async () => {
    await fs.mkdir(path.dirname(repoDir), { recursive: true });
    return runtime.startDemo({ scenarioId: DEMO_SCENARIO_ID, repoDir });
  });
}

/** The user's own environment from the `runbook.*` settings, for a pasted alert. */
export function liveEnvironment(runtime: RunbookRuntime, incident: Incident): InvestigationEnvironment {
  const settings = readSettings((key) => vscode.workspace.getConfiguration('runbook').get(key));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const plan = planLiveInvestigation(incident, settings, folder);
  if (!plan.ok) throw new Error(plan.reason);
  const environment = runtime.startLive(plan.settings);
  environment.limits = settings.limits;
  return environment;
}

async function investigateLive(services: Services, runtime: RunbookRuntime, incident: Incident): Promise<InvestigationSummary | undefined> {
  if (!(await replaceRunning(services))) return undefined;
  let environment: InvestigationEnvironment;
  try {
    environment = liveEnvironment(runtime, incident);
  } catch (error) {
    void vscode.window.showErrorMessage(`Runbook: cannot investigate ${incident.id}: ${errorText(error)}`, 'Open Settings').then((answer) => {
      if (answer === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'runbook.');
    });
    return undefined;
  }
  services.sessions.clear();
  services.log.info(`investigating ${incident.id} against your environment (region ${environment.cli.awsRegion ?? 'none'}, repository ${environment.repoDir ?? 'none'})`);
  return startInvestigation(services, runtime, environment, { origin: 'live', workspaceRepoDir: vscode.workspace.isTrusted ? environment.repoDir : undefined });
}

/** Where scratchpads go: the workspace when trusted, else the extension's workspace storage. */
export function filesBaseDir(services: Services): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (vscode.workspace.isTrusted && folder) return folder.uri.fsPath;
  return (services.context.storageUri ?? services.context.globalStorageUri).fsPath;
}

async function startInvestigation(
  services: Services,
  runtime: RunbookRuntime,
  environment: InvestigationEnvironment,
  options: { origin: 'demo' | 'live'; workspaceRepoDir?: string },
): Promise<InvestigationSummary> {
  const { sessions, log } = services;
  const id = investigationId(environment.incident.id, new Date());
  const files = investigationFiles(filesBaseDir(services), id);
  const stream = new EventStream(id, () => environment.now());
  const session = new InvestigationSession(stream, files, log, { origin: options.origin, environment, workspaceRepoDir: options.workspaceRepoDir });
  sessions.start(session);
  try {
    session.onDispose(runtime.attachScratchpad(stream, files.scratchpadFile));
  } catch (error) {
    log.warn(`[${id}] the scratchpad cannot be written (${errorText(error)}); continuing without it`);
  }
  log.info(`[${id}] investigating ${environment.incident.id}; scratchpad ${files.scratchpadFile}`);
  void vscode.commands.executeCommand(`${INVESTIGATION_VIEW_ID}.focus`);

  const run = await investigate(services, session, runtime, environment);
  const finalState = run.state;
  return {
    investigationId: id,
    incidentId: environment.incident.id,
    outcome: finalState.outcome ?? (run.aborted ? 'cancelled' : 'failed'),
    rootCause: finalState.conclusion?.status === 'root-cause' ? finalState.conclusion.summary : undefined,
    confidence: finalState.conclusion ? percent(finalState.conclusion.confidence) : undefined,
    scratchpadFile: files.scratchpadFile,
  };
}

/**
 * The open demo workspace (materialized by `runbook sandbox init`, so it has .runbook/sandbox.json)
 * when it holds the sandbox's commits: Show Commit then uses the workspace's own repository.
 * Only in a trusted workspace: showing a commit runs git there.
 */
export async function demoWorkspaceRepo(sandboxCommits: Record<string, string>, log: vscode.LogOutputChannel): Promise<string | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    let marker: SandboxMarker | undefined;
    try {
      marker = parseSandboxMarker(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, ...SANDBOX_MARKER.split('/')))));
    } catch {
      continue; // no marker in this folder
    }
    if (!marker || marker.scenarioId !== DEMO_SCENARIO_ID) continue;
    if (!sameCommits(marker.commits, sandboxCommits)) {
      log.warn(`demo workspace ${folder.uri.fsPath} was materialized from another version of ${marker.scenarioId}; commits are shown from the sandbox's copy`);
      return undefined;
    }
    if (!vscode.workspace.isTrusted) {
      log.info(`demo workspace ${folder.uri.fsPath}: Restricted Mode, commits are shown from the sandbox's copy`);
      return undefined;
    }
    log.info(`demo workspace ${folder.uri.fsPath} holds the sandbox's commits`);
    return folder.uri.fsPath;
  }
  return undefined;
}
