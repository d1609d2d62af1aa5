/**
 * Multi-factor, explainable confidence. Code, not the reasoner, decides: the reasoner grades
 * individual results, this module weighs them. A hypothesis without cited supporting evidence
 * stays below the confirmation bar whatever its prior.
 */
import type { ConfidenceFactors, Evidence, HypothesisNode } from '../model';

export const CONFIDENCE_WEIGHTS = { strength: 0.4, temporal: 0.2, corroboration: 0.25, specificity: 0.15 } as const;

/** Without supporting evidence a hypothesis can never reach the bar. */
export const UNSUPPORTED_CAP = 0.2;

/** Evidence read through APIs is never proof: leave room for what was not looked at. */
export const MAX_CONFIDENCE = 0.95;

export interface ConfidenceInput {
  node: HypothesisNode;
  /** The hypothesis's own evidence: only this decides its strength. */
  evidence: readonly Evidence[];
  /** Supporting evidence of its ancestors: corroborates, but cannot make it strong. */
  inherited?: readonly Evidence[];
  /** epoch ms of symptom onset */
  onset: number;
  /** epoch ms of the change this hypothesis blames, if any */
  changeAt?: number;
  /** Providers this hypothesis needed that could not be read. */
  unavailableSources: number;
}

const STRENGTH_VALUE = { strong: 1, weak: 0.5, none: 0 } as const;

export function computeConfidence(input: ConfidenceInput): { confidence: number; factors: ConfidenceFactors } {
  const supporting = input.evidence.filter((e) => e.supports && e.strength !== 'none' && e.kind !== 'unavailable');
  const refuting = input.evidence.filter((e) => !e.supports && e.strength !== 'none');
  const explanation: string[] = [];

  const best = Math.max(0, ...supporting.map((e) => STRENGTH_VALUE[e.strength]));
  const worstRefutation = Math.max(0, ...refuting.map((e) => STRENGTH_VALUE[e.strength]));
  const strength = clamp(best - 0.6 * worstRefutation);
  explanation.push(
    supporting.length
      ? `Evidence: ${supporting.length} supporting item(s), strongest ${best === 1 ? 'strong' : 'weak'}${refuting.length ? `; ${refuting.length} refuting` : ''}.`
      : `Evidence: nothing supports it${refuting.length ? `; ${refuting.length} item(s) refute it` : ''}.`,
  );

  const corroborating = [...supporting, ...(input.inherited ?? []).filter((e) => e.supports && e.strength !== 'none' && e.kind !== 'unavailable')];
  const temporal = temporalScore(input, supporting.length ? supporting : corroborating);
  explanation.push(temporal.text);

  const sources = new Set(corroborating.map((e) => e.source));
  const corroboration = sources.size >= 3 ? 1 : sources.size === 2 ? 0.8 : sources.size === 1 ? 0.4 : 0;
  explanation.push(`Corroboration: ${sources.size} independent source(s)${sources.size ? ` (${[...sources].join(', ')})` : ''}.`);

  const namesCulprit = supporting.some((e) => (e.commits?.length ?? 0) > 0 || (e.codeLocations?.length ?? 0) > 0 || e.culprit !== undefined);
  const specificity = clamp(0.4 + 0.2 * input.node.depth + (namesCulprit ? 0.3 : 0));
  explanation.push(`Specificity: depth ${input.node.depth}${namesCulprit ? ', names the culprit (commit or code location)' : ''}.`);

  let confidence =
    CONFIDENCE_WEIGHTS.strength * strength +
    CONFIDENCE_WEIGHTS.temporal * temporal.value +
    CONFIDENCE_WEIGHTS.corroboration * corroboration +
    CONFIDENCE_WEIGHTS.specificity * specificity;

  if (supporting.length === 0) {
    confidence = Math.min(confidence, UNSUPPORTED_CAP);
  }
  if (input.unavailableSources > 0) {
    const penalty = Math.min(0.3, 0.12 * input.unavailableSources);
    confidence *= 1 - penalty;
    explanation.push(`Unavailable: ${input.unavailableSources} source(s) could not be read (−${Math.round(penalty * 100)}%).`);
  }
  confidence = Math.round(Math.min(MAX_CONFIDENCE, clamp(confidence)) * 100) / 100;
  return { confidence, factors: { strength: round(strength), temporal: round(temporal.value), corroboration: round(corroboration), specificity: round(specificity), explanation } };
}

function temporalScore(input: ConfidenceInput, supporting: readonly Evidence[]): { value: number; text: string } {
  if (input.changeAt !== undefined) {
    const lead = input.onset - input.changeAt;
    const minutes = Math.round(lead / 60_000);
    if (lead >= 0 && lead <= 30 * 60_000) return { value: 1, text: `Timing: the change landed ${minutes} min before symptoms began.` };
    if (lead >= 0 && lead <= 2 * 3_600_000) return { value: 0.6, text: `Timing: the change landed ${minutes} min before symptoms began.` };
    if (lead < 0) return { value: 0.1, text: `Timing: the change came ${-minutes} min after symptoms began.` };
    return { value: 0.3, text: `Timing: the change is ${Math.round(minutes / 60)} h older than the symptoms.` };
  }
  const firsts = supporting.map((e) => (e.observedAt ? Date.parse(e.observedAt) : NaN)).filter((t) => !Number.isNaN(t));
  // An object read now (a Service with no endpoints, a claim still Pending) is in that state while the symptoms last.
  if (!firsts.length && supporting.some((e) => e.kind === 'object-state')) return { value: 0.6, text: 'Timing: the object is in this state now, while the symptoms last (no date of the change).' };
  if (!firsts.length) return { value: 0, text: 'Timing: no dated observation.' };
  const first = Math.min(...firsts);
  const lead = input.onset - first;
  // A cause shows up shortly before its symptoms or with them; long before is background.
  if (lead <= 30 * 60_000 && lead >= -15 * 60_000) return { value: 0.8, text: `Timing: first observed ${Math.abs(Math.round(lead / 60_000))} min ${lead >= 0 ? 'before' : 'after'} symptom onset.` };
  return { value: 0.3, text: 'Timing: first observation is far from symptom onset.' };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
