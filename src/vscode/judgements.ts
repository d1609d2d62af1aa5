/**
 * The user's judgements on a hypothesis (Prune, Mark as Root Cause, Re-test): when each is
 * allowed and what it is called. Pure (no 'vscode' import). The judgement itself is a
 * `user.judgement` event on the investigation's stream, so it lands in the JSONL scratchpad
 * beside the engine's own decisions and survives a replay.
 */
import type { InvestigationState } from '../core/state';

export type Judgement = 'prune' | 'root-cause' | 'retest';

export const JUDGEMENT_TITLES: Record<Judgement, string> = {
  prune: 'Prune',
  'root-cause': 'Mark as Root Cause',
  retest: 'Re-test',
};

/** Why the judgement cannot be made now, or undefined when it can. */
export function judgementRefusal(state: InvestigationState, hypothesisId: string, judgement: Judgement, running: boolean): string | undefined {
  const hypothesis = state.hypotheses[hypothesisId];
  if (!hypothesis) return `hypothesis ${hypothesisId} is not part of this investigation`;
  switch (judgement) {
    case 'prune':
      return hypothesis.status === 'pruned' ? `"${hypothesis.title}" is already pruned` : undefined;
    case 'root-cause':
      return state.conclusion?.status === 'root-cause' && state.conclusion.hypothesisId === hypothesisId ? `"${hypothesis.title}" is already the root cause` : undefined;
    case 'retest':
      return running ? 'the investigation is still running; wait for it to finish (or cancel it) before re-testing' : undefined;
  }
}

/** What the user is told once the judgement is recorded. */
export function judgementDone(state: InvestigationState, hypothesisId: string, judgement: Judgement): string {
  const title = state.hypotheses[hypothesisId]?.title ?? hypothesisId;
  switch (judgement) {
    case 'prune':
      return `pruned "${title}"; your judgement is recorded in the scratchpad.`;
    case 'root-cause':
      return `marked "${title}" as the root cause; your judgement is recorded in the scratchpad and outranks the engine's.`;
    case 'retest':
      return `re-testing "${title}"…`;
  }
}
