/** Helpers shared by the failure-mode rules: windows, log comparisons, timestamps. */
import { extractCodeLocations } from '../../logs/stackFrames';
import { compareTemplates, type TemplateChange } from '../../logs/simpleTemplate';
import type { CodeLocation, FailureCategory, QuerySpec } from '../../model';
import type { ChangeRecord, EvidenceDraft, HypothesisProposal, HypothesisView, QueryProposal, QueryResult, TriageContext } from '../types';

export interface FailureRule {
  /** Stable id, kept in the hypothesis focus (`focus.rule`). */
  id: string;
  category: FailureCategory;
  /** For initial hypotheses: a proposal when the context makes this mode plausible. */
  propose?(context: TriageContext): HypothesisProposal | undefined;
  plan(hypothesis: HypothesisView, context: TriageContext): QueryProposal[];
  interpret(hypothesis: HypothesisView, query: QuerySpec, result: QueryResult, context: TriageContext): EvidenceDraft[];
  refine?(hypothesis: HypothesisView, evidence: readonly EvidenceDraft[], context: TriageContext): HypothesisProposal[];
}

const MINUTE = 60_000;

/** The deployment most likely to matter: the latest one that landed before symptoms began (≤ 2 h). */
export function suspectChange(context: TriageContext): ChangeRecord | undefined {
  return context.changes
    .filter((c) => c.at <= context.onset && context.onset - c.at <= 2 * 60 * MINUTE)
    .sort((a, b) => b.at - a.at)[0];
}

export interface ComparisonWindows {
  incident: { start: number; end: number };
  baseline: { start: number; end: number };
}

/**
 * Incident window: from shortly before onset (or the suspect change) to now, at most 6 h.
 * Baseline: the same length just before it, at most 1 h, so "new since" is meaningful.
 */
export function comparisonWindows(context: TriageContext, changeAt?: number): ComparisonWindows {
  const start = Math.min(context.onset - 10 * MINUTE, changeAt ?? Infinity);
  const end = Math.min(context.now, start + 6 * 60 * MINUTE - 1);
  const span = Math.min(end - start, 60 * MINUTE);
  return { incident: { start, end }, baseline: { start: start - span, end: start - 1 } };
}

export function logComparison(context: TriageContext, filterPattern: string, rationale: string, changeAt?: number): QueryProposal[] {
  if (!context.logGroup) return [];
  const windows = comparisonWindows(context, changeAt);
  return [
    {
      provider: 'cloudwatch-logs',
      operation: 'logs.compareWindows',
      target: context.logGroup,
      params: { filterPattern, baselineStart: windows.baseline.start, baselineEnd: windows.baseline.end },
      window: windows.incident,
      rationale,
    },
  ];
}

export function ecsServiceTarget(context: TriageContext): string | undefined {
  const target = context.incident.target;
  return target.platform === 'ecs' ? `${target.cluster}/${target.service}` : undefined;
}

export function templateChanges(result: Extract<QueryResult, { operation: 'logs.compareWindows' }>): TemplateChange[] {
  const minutes = (w: { start: number; end: number }) => Math.max(1, (w.end - w.start) / MINUTE);
  return compareTemplates(result.baseline, result.incident, minutes(result.baselineWindow), minutes(result.incidentWindow));
}

export function codeLocationsOf(messages: readonly string[]): CodeLocation[] {
  const seen = new Set<string>();
  const out: CodeLocation[] = [];
  for (const message of messages) {
    for (const location of extractCodeLocations(message)) {
      const key = `${location.path}:${location.line}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(location);
      }
    }
  }
  return out;
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
export function describeChange(change: TemplateChange): string {
  const what = change.change === 'new' ? `new since ${clock(change.firstSeen)}` : change.change === 'surged' ? `×${change.ratio.toFixed(1)} the baseline rate` : change.change;
  return `"${change.template}" ×${change.count} (${what}; baseline ${change.baselineCount})`;
}

export const RESOURCE_EXHAUSTION = /out ?of ?memory|OutOfMemory|heap|allocation failed|OOMKilled|ENOMEM|Cannot allocate/i;
