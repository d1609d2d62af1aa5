/**
 * runbook.openIncident: pick an incident source, start the investigation with a cancellable
 * progress notification, and wire the event stream to the scratchpad, tree, panel and log.
 * Argument `'demo'` skips the quick pick (tests, walkthroughs).
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EventStream } from '../../core/events';
import type { InvestigationOutcome } from '../../core/events';
import type { InvestigationState } from '../../core/state';
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
import type { DemoEnvironment, RunbookRuntime, RunInvestigationOptions } from '../runtimeApi';
import type { Services } from '../services';
import { InvestigationSession } from '../session';
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

type IncidentSource = 'demo' | 'alert-json';

interface SourceItem extends vscode.QuickPickItem {
  source: IncidentSource;
}

const SOURCE_ITEMS: SourceItem[] = [
  {
    label: `$(beaker) Demo: image-resizer 5xx after deploy (${DEMO_INCIDENT_ID})`,
    description: 'bundled scenario on local emulators, no credentials',
    source: 'demo',
  },
  { label: '$(json) Paste alert JSON…', description: 'CloudWatch alarm, PagerDuty or Opsgenie payload', source: 'alert-json' },
];

export async function openIncident(services: Services, arg?: unknown): Promise<InvestigationSummary | undefined> {
  const source = arg === 'demo' ? 'demo' : await pickSource();
  if (source === undefined) return undefined;
  if (source === 'alert-json') {
    if (!requireTrust('investigating a pasted alert', 'uses your AWS credentials')) return undefined;
    void vscode.window.showInformationMessage('Runbook: pasting alert JSON is not yet supported. Try the demo incident.');
    return undefined;
  }
  return investigateDemo(services);
}

async function pickSource(): Promise<IncidentSource | undefined> {
  const picked = await vscode.window.showQuickPick(SOURCE_ITEMS, { title: 'Runbook: Open Incident', placeHolder: 'Which incident do you want to investigate?' });
  return picked?.source;
}

async function investigateDemo(services: Services): Promise<InvestigationSummary | undefined> {
  const { sessions, log, context } = services;
  if (sessions.current?.isRunning) {
    const answer = await vscode.window.showWarningMessage(
      `Runbook: an investigation of ${sessions.current.incidentId} is running. Cancel it and start a new one?`,
      { modal: true },
      'Start New Investigation',
    );
    if (answer !== 'Start New Investigation') return undefined;
  }
  // Closes the previous session's sandbox before its repository folder may be reused.
  sessions.clear();

  let runtime: RunbookRuntime;
  try {
    runtime = services.loadRuntime();
  } catch (error) {
    log.error(`could not load dist/runtime.js: ${errorText(error)}`);
    void vscode.window.showErrorMessage(`Runbook: the investigation engine could not be loaded (${errorText(error)}).`);
    return undefined;
  }

  const globalStorageDir = context.globalStorageUri.fsPath;
  // Workspace storage when a folder is open, so two windows do not share one sandbox repository.
  const repoDir = sandboxRepoDir((context.storageUri ?? context.globalStorageUri).fsPath, DEMO_SCENARIO_ID);

  let environment: DemoEnvironment;
  try {
    environment = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Runbook: starting the demo sandbox' }, async () => {
      await fs.mkdir(path.dirname(repoDir), { recursive: true });
      return runtime.startDemo({ scenarioId: DEMO_SCENARIO_ID, repoDir });
    });
  } catch (error) {
    log.error(`starting the sandbox failed: ${errorText(error)}`);
    void vscode.window.showErrorMessage(`Runbook: the demo sandbox could not start (${errorText(error)}).`);
    return undefined;
  }
  const workspaceRepoDir = await demoWorkspaceRepo(environment.commits, log);

  // The scenario's clock, advancing with the wall clock: queries and events use scenario time.
  const wallStart = Date.now();
  const scenarioNow = (): Date => new Date(environment.now.getTime() + (Date.now() - wallStart));
  const id = investigationId(environment.incident.id, new Date());
  const filesBase = vscode.workspace.isTrusted && vscode.workspace.workspaceFolders?.[0] ? vscode.workspace.workspaceFolders[0].uri.fsPath : globalStorageDir;
  const files = investigationFiles(filesBase, id);
  const stream = new EventStream(id, scenarioNow);
  const session = new InvestigationSession(stream, environment, files, log, workspaceRepoDir);
  sessions.start(session);
  try {
    session.onDispose(runtime.attachScratchpad(stream, files.scratchpadFile));
  } catch (error) {
    log.warn(`[${id}] the scratchpad cannot be written (${errorText(error)}); continuing without it`);
  }
  log.info(`[${id}] investigating ${environment.incident.id}; scratchpad ${files.scratchpadFile}`);
  void vscode.commands.executeCommand(`${INVESTIGATION_VIEW_ID}.focus`);

  const run = await runWithProgress(session, runtime, { incident: environment.incident, providers: environment.providers, stream, now: scenarioNow, signal: session.signal });
  // A newer investigation may have replaced this one meanwhile; then it was already disposed.
  if (sessions.current === session) session.finish();
  const finalState = run.state ?? session.state;
  if (run.error) log.error(`[${id}] the investigation failed: ${run.error}`);
  announce(finalState, { aborted: session.signal.aborted, error: run.error });
  return {
    investigationId: id,
    incidentId: environment.incident.id,
    outcome: finalState.outcome ?? (session.signal.aborted ? 'cancelled' : 'failed'),
    rootCause: finalState.conclusion?.status === 'root-cause' ? finalState.conclusion.summary : undefined,
    confidence: finalState.conclusion ? percent(finalState.conclusion.confidence) : undefined,
    scratchpadFile: files.scratchpadFile,
  };
}

/** Runs the engine under a cancellable notification; cancel and the timeout setting abort it. */
async function runWithProgress(
  session: InvestigationSession,
  runtime: RunbookRuntime,
  options: RunInvestigationOptions,
): Promise<{ state?: InvestigationState; error?: string }> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, cancellable: true, title: `Runbook: investigating ${options.incident.id}` },
    async (progress, token) => {
      const cancelListener = token.onCancellationRequested(() => session.cancel('cancelled from the progress notification'));
      const progressListener = session.onDidApplyEvent((event) => {
        if (event.type === 'phase.changed') progress.report({ message: event.phase });
        else if (event.type === 'hypothesis.updated' && event.status === 'testing') {
          progress.report({ message: `testing: ${session.state.hypotheses[event.hypothesisId]?.title ?? event.hypothesisId}` });
        }
      });
      const timeoutSeconds = Math.max(10, vscode.workspace.getConfiguration('runbook').get<number>('limits.investigationTimeoutSeconds', 300));
      const timer = setTimeout(() => session.cancel(`timed out after ${timeoutSeconds} s`), timeoutSeconds * 1000);
      try {
        return { state: await runtime.runInvestigation(options) };
      } catch (error) {
        // An abort is an outcome, not a failure.
        return session.signal.aborted ? {} : { error: errorText(error) };
      } finally {
        clearTimeout(timer);
        cancelListener.dispose();
        progressListener.dispose();
      }
    },
  );
}

/** Tells the user how it ended, without blocking the command (its promise is the run's). */
function announce(state: InvestigationState, how: { aborted: boolean; error?: string }): void {
  const incidentId = state.incident?.id ?? 'the incident';
  const conclusion = state.conclusion;
  if (conclusion?.status === 'root-cause') {
    void vscode.window
      .showInformationMessage(`Runbook: root cause of ${incidentId}: ${conclusion.summary} (${percent(conclusion.confidence)}%)`, 'Show Evidence', 'Draft Runbook')
      .then((answer) => {
        if (answer === 'Show Evidence') void vscode.commands.executeCommand('runbook.showEvidence', { kind: 'rootCause' });
        if (answer === 'Draft Runbook') void vscode.commands.executeCommand('runbook.draftRunbook');
      });
  } else if (conclusion) {
    void vscode.window.showWarningMessage(`Runbook: the investigation of ${incidentId} was inconclusive: ${conclusion.summary}`);
  } else if (state.outcome === 'cancelled' || how.aborted) {
    void vscode.window.showInformationMessage(`Runbook: the investigation of ${incidentId} was cancelled.`);
  } else if (state.outcome === 'failed' || how.error) {
    void vscode.window.showErrorMessage(`Runbook: the investigation of ${incidentId} failed: ${state.error ?? how.error ?? 'unknown error'}`);
  }
}

/**
 * The open demo workspace (materialized by `runbook sandbox init`, so it has .runbook/sandbox.json)
 * when it holds the sandbox's commits: Show Commit then uses the workspace's own repository.
 * Only in a trusted workspace: showing a commit runs git there.
 */
async function demoWorkspaceRepo(sandboxCommits: Record<string, string>, log: vscode.LogOutputChannel): Promise<string | undefined> {
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
