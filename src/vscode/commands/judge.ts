/**
 * runbook.pruneHypothesis / runbook.markRootCause / runbook.retestHypothesis: the user's
 * judgement on a hypothesis, recorded as a `user.judgement` event (scratchpad, tree, panel).
 * Re-test then resumes the engine, which tests the node again and re-evaluates the conclusion;
 * a reopened investigation first reconnects to its environment.
 */
import * as vscode from 'vscode';
import { approver } from '../approvals';
import { errorText, resume } from '../investigationRunner';
import { judgementDone, judgementRefusal, JUDGEMENT_TITLES, type Judgement } from '../judgements';
import type { Services } from '../services';

export interface JudgementResult {
  hypothesisId: string;
  judgement: Judgement;
  /** For a re-test: how the resumed investigation ended. */
  outcome?: string;
}

function hypothesisIdFrom(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg) return arg;
  const id = typeof arg === 'object' && arg !== null ? (arg as { hypothesisId?: unknown }).hypothesisId : undefined;
  return typeof id === 'string' && id ? id : undefined;
}

export async function judge(services: Services, judgement: Judgement, arg?: unknown): Promise<JudgementResult | undefined> {
  const session = services.sessions.current;
  if (!session) {
    void vscode.window.showInformationMessage('Runbook: no investigation yet. Open an incident first.');
    return undefined;
  }
  const hypothesisId = hypothesisIdFrom(arg) ?? (await pickHypothesis(services, judgement));
  if (!hypothesisId) return undefined;
  const refusal = judgementRefusal(session.state, hypothesisId, judgement, session.isRunning);
  if (refusal) {
    void vscode.window.showInformationMessage(`Runbook: ${refusal}.`);
    return undefined;
  }

  if (judgement !== 'retest') {
    session.stream.emit({ type: 'user.judgement', hypothesisId, judgement, by: approver() });
    void vscode.window.showInformationMessage(`Runbook: ${judgementDone(session.state, hypothesisId, judgement)}`);
    return { hypothesisId, judgement };
  }

  // Re-test needs the environment (providers); connect before recording anything.
  let runtime;
  let environment;
  try {
    runtime = services.loadRuntime();
    environment = await session.connect();
  } catch (error) {
    void vscode.window.showErrorMessage(`Runbook: cannot re-test: ${errorText(error)}`);
    return undefined;
  }
  if (services.sessions.current !== session) return undefined;
  session.stream.emit({ type: 'user.judgement', hypothesisId, judgement, by: approver() });
  services.log.info(`[${session.id}] ${judgementDone(session.state, hypothesisId, judgement)}`);
  const title = session.state.hypotheses[hypothesisId]?.title ?? hypothesisId;
  const run = await resume(services, session, runtime, environment, `Runbook: re-testing "${title}"`);
  return { hypothesisId, judgement, outcome: run.state.outcome };
}

async function pickHypothesis(services: Services, judgement: Judgement): Promise<string | undefined> {
  const state = services.sessions.current?.state;
  if (!state) return undefined;
  const items = state.hypothesisOrder
    .map((id) => state.hypotheses[id])
    .filter((hypothesis) => hypothesis !== undefined)
    .map((hypothesis) => ({ label: `${hypothesis.id}  ${hypothesis.title}`, description: `${hypothesis.status} · ${Math.round(hypothesis.confidence * 100)}%`, id: hypothesis.id }));
  const picked = await vscode.window.showQuickPick(items, { title: `Runbook: ${JUDGEMENT_TITLES[judgement]}`, placeHolder: 'Which hypothesis?' });
  return picked?.id;
}
