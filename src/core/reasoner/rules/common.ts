/** Helpers shared by the failure-mode rules: the rule shape, windows, queries, formatting. */
import { logWindows, renderLogQuery } from '../../engine/logQueries';
export { suspectChange } from '../../engine/changes';
import { diffLogWindows, type PatternChange } from '../../logs/patternChange';
import type { FailureCategory, PatternSummary, QuerySpec } from '../../model';
import type { EvidenceDraft, HypothesisProposal, HypothesisView, QueryProposal, QueryResult, TriageContext } from '../types';

export interface FailureRule {
  /** Stable id, kept in the hypothesis focus (`focus.rule`). */
  id: string;
  category: FailureCategory;
  /** For initial hypotheses: a proposal when the context makes this mode plausible. */
  propose?(context: TriageContext): HypothesisProposal | HypothesisProposal[] | undefined;
  plan(hypothesis: HypothesisView, context: TriageContext): QueryProposal[];
  interpret(hypothesis: HypothesisView, query: QuerySpec, result: QueryResult, context: TriageContext): EvidenceDraft[];
  refine?(hypothesis: HypothesisView, evidence: readonly EvidenceDraft[], context: TriageContext): HypothesisProposal[];
}

const MINUTE = 60_000;

export function logQuery(context: TriageContext, terms: readonly string[], rationale: string, changeAt?: number, options: { wide?: boolean } = {}): QueryProposal[] {
  if (!context.logSource) return [];
  return [{ ...renderLogQuery(context.logSource, terms, logWindows(context, changeAt), options), rationale }];
}

/** The query that lists how units stopped: ECS stopped tasks or Kubernetes pods. */
export function terminationQuery(context: TriageContext, rationale: string): QueryProposal[] {
  const target = context.incident.target;
  if (target.platform === 'ecs') {
    return [{ provider: 'ecs', operation: 'ecs.stoppedTasks', target: `${target.cluster}/${target.service}`, params: {}, window: logWindows(context).incident, rationale }];
  }
  return [{ provider: 'kubernetes', operation: 'k8s.pods', target: `${target.namespace}/${podSelector(context)}`, params: {}, rationale }];
}

export function eventsQuery(context: TriageContext, rationale: string): QueryProposal[] {
  const target = context.incident.target;
  if (target.platform === 'ecs') return [{ provider: 'ecs', operation: 'ecs.serviceEvents', target: `${target.cluster}/${target.service}`, params: {}, rationale }];
  return [{ provider: 'kubernetes', operation: 'k8s.events', target: target.namespace, params: {}, rationale }];
}

export function podSelector(context: TriageContext): string {
  const target = context.incident.target;
  if (target.platform !== 'kubernetes') return '';
  return context.logSource?.kind === 'pods' ? context.logSource.labelSelector : (target.labelSelector ?? `app=${target.name}`);
}

export function patternsOf(result: Extract<QueryResult, { operation: 'logs.compareWindows' }>): PatternChange[] {
  return diffLogWindows(result.baseline, result.incident, { baseline: result.baselineWindow, incident: result.incidentWindow });
}

export function isFresh(change: PatternChange): boolean {
  return change.change === 'new' || change.change === 'surged';
}

export function summarisePatterns(changes: readonly PatternChange[], max = 5): PatternSummary[] {
  return changes.slice(0, max).map((c) => ({
    template: c.template,
    change: c.change,
    incidentCount: c.incidentCount,
    baselineCount: c.baselineCount,
    firstSeen: c.incidentCount ? iso(c.firstSeen) : undefined,
    example: c.example.length > 500 ? `${c.example.slice(0, 500)}…` : c.example,
  }));
}

/** "10:12 UTC" — incidents are discussed in wall-clock minutes. */
export function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Untrusted text for excerpts: capped, never interpreted. */
export function excerpt(lines: readonly string[], maxLines = 6, maxChars = 1_500): string {
  const text = lines.slice(0, maxLines).join('\n');
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/** One-line description of a template change for evidence summaries. */
export function describeChange(change: PatternChange): string {
  const what =
    change.change === 'new' ? `new since ${clock(change.firstSeen)}` : change.change === 'surged' ? `×${change.ratio.toFixed(1)} the baseline rate` : change.change === 'steady' ? 'steady' : change.change;
  return `"${change.template}" ×${change.incidentCount} (${what}; baseline ${change.baselineCount})`;
}

export function minutesBetween(from: number, to: number): number {
  return Math.round((to - from) / MINUTE);
}
