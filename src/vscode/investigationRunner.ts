/**
 * Runs the engine for a session — the first investigation or a re-test (resume) — under a
 * cancellable progress notification; the Cancel button, "Runbook: Cancel Investigation" and
 * the timeout setting all abort the same AbortSignal.
 */
import * as vscode from 'vscode';
import { EventStream } from '../core/events';
import type { InvestigationState } from '../core/state';
import type { InvestigationEnvironment, RunbookRuntime } from './runtimeApi';
import type { Services } from './services';
import type { InvestigationSession } from './session';
import { percent } from './treePresentation';

export interface RunResult {
  state: InvestigationState;
  error?: string;
  aborted: boolean;
}

/** The first run of a new session. */
export function investigate(services: Services, session: InvestigationSession, runtime: RunbookRuntime, environment: InvestigationEnvironment): Promise<RunResult> {
  return runWithProgress(services, session, `Runbook: investigating ${environment.incident.id}`, (signal) =>
    runtime.runInvestigation({
      incident: environment.incident,
      providers: environment.providers,
      stream: session.stream,
      now: () => environment.now(),
      signal,
      serviceMap: environment.serviceMap,
      logGroups: environment.logGroups,
      limits: environment.limits,
    }),
  );
}

/**
 * Continues the session's investigation after a `user.judgement` retest: the engine re-reads the
 * recorded events from a fresh stream (so nothing is recorded twice) and its new events are
 * forwarded onto the session's stream, where the tree, panel and scratchpad see them.
 */
export function resume(services: Services, session: InvestigationSession, runtime: RunbookRuntime, environment: InvestigationEnvironment, title: string): Promise<RunResult> {
  const recorded = [...session.stream.events];
  const lastSeq = recorded.reduce((max, event) => Math.max(max, event.seq), 0);
  const fresh = new EventStream(session.id, () => environment.now());
  const unforward = fresh.subscribe((event) => {
    if (event.seq > lastSeq) session.stream.push(event);
  });
  return runWithProgress(services, session, title, (signal) =>
    runtime.resumeInvestigation({
      events: recorded,
      stream: fresh,
      providers: environment.providers,
      now: () => environment.now(),
      signal,
      serviceMap: environment.serviceMap,
      logGroups: environment.logGroups,
      limits: environment.limits,
    }),
  ).finally(unforward);
}

async function runWithProgress(
  services: Services,
  session: InvestigationSession,
  title: string,
  work: (signal: AbortSignal) => Promise<InvestigationState>,
): Promise<RunResult> {
  const signal = session.beginRun();
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, cancellable: true, title }, async (progress, token) => {
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
      return { state: await work(signal), aborted: signal.aborted };
    } catch (error) {
      // An abort is an outcome, not a failure.
      return signal.aborted ? { state: session.state, aborted: true } : { state: session.state, aborted: false, error: errorText(error) };
    } finally {
      clearTimeout(timer);
      cancelListener.dispose();
      progressListener.dispose();
    }
  });
  // A newer investigation may have replaced this one meanwhile; then it was already disposed.
  if (services.sessions.current === session) session.finish();
  if (result.error) services.log.error(`[${session.id}] the investigation failed: ${result.error}`);
  announce(session.state, result);
  return result;
}

/** Tells the user how it ended, without blocking the command (its promise is the run's). */
function announce(state: InvestigationState, how: { aborted: boolean; error?: string }): void {
  const incidentId = state.incident?.id ?? 'the incident';
  const conclusion = state.conclusion;
  if (how.aborted || state.outcome === 'cancelled') {
    void vscode.window.showInformationMessage(`Runbook: the investigation of ${incidentId} was cancelled.`);
  } else if (state.outcome === 'failed' || how.error) {
    void vscode.window.showErrorMessage(`Runbook: the investigation of ${incidentId} failed: ${state.error ?? how.error ?? 'unknown error'}`);
  } else if (conclusion?.status === 'root-cause') {
    void vscode.window
      .showInformationMessage(`Runbook: root cause of ${incidentId}: ${conclusion.summary} (${percent(conclusion.confidence)}%)`, 'Show Evidence', 'Draft Runbook')
      .then((answer) => {
        if (answer === 'Show Evidence') void vscode.commands.executeCommand('runbook.showEvidence', { kind: 'rootCause' });
        if (answer === 'Draft Runbook') void vscode.commands.executeCommand('runbook.draftRunbook');
      });
  } else if (conclusion) {
    void vscode.window.showWarningMessage(`Runbook: the investigation of ${incidentId} was inconclusive: ${conclusion.summary}`);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
