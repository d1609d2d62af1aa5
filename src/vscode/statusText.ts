/** The investigation status bar item's text for a session's state. Pure (no 'vscode' import). */
import type { InvestigationState } from '../core/state';
import { percent } from './treePresentation';

export interface StatusText {
  text: string;
  tooltip: string;
  /** Theme color id for the item's background, e.g. on failure. */
  background?: string;
}

/** What the item says for a session's state. Pure: unit-tested. */
export function statusText(incidentId: string, state: InvestigationState, running: boolean): StatusText {
  const hypotheses = state.hypothesisOrder.length;
  if (running) {
    const testing = state.hypothesisOrder.map((id) => state.hypotheses[id]).find((node) => node?.status === 'testing');
    return {
      text: `$(loading~spin) Runbook: ${incidentId} · ${state.phase}${hypotheses ? ` · ${hypotheses} hypotheses` : ''}`,
      tooltip: `Investigating ${incidentId}${testing ? ` — testing ${testing.id}: ${testing.title}` : ''}. Click to show the hypothesis tree.`,
    };
  }
  const conclusion = state.conclusion;
  if (conclusion?.status === 'root-cause') {
    return { text: `$(target) Runbook: ${incidentId} · root cause ${percent(conclusion.confidence)}%`, tooltip: `Root cause: ${conclusion.summary}` };
  }
  if (conclusion) return { text: `$(question) Runbook: ${incidentId} · inconclusive`, tooltip: conclusion.summary };
  if (state.outcome === 'failed') return { text: `$(error) Runbook: ${incidentId} · failed`, tooltip: state.error ?? 'The investigation failed.', background: 'statusBarItem.errorBackground' };
  if (state.outcome === 'cancelled') return { text: `$(circle-slash) Runbook: ${incidentId} · cancelled`, tooltip: 'The investigation was cancelled.' };
  return { text: `$(debug-pause) Runbook: ${incidentId} · stopped`, tooltip: 'The investigation is not running.' };
}
