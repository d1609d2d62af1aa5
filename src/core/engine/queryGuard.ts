/**
 * The causal query builder's guard: every query must be tied to a hypothesis, bounded in
 * time and target, and not a repeat. Broad queries are refused (with the reason recorded);
 * repeats and budget overruns are warned about and still allowed, per the method.
 */
import type { QuerySpec } from '../model';
import type { InvestigationLimits } from './limits';

export type GuardVerdict =
  | { verdict: 'run'; warnings: string[] }
  | { verdict: 'reuse'; of: string; warnings: string[] }
  | { verdict: 'refuse'; reason: string };

const WILDCARD_TARGET = /^(?:\*|all|any|)$|\/\*$|^\*\//i;

/** `filter … | stats count(*) … by bin(…)`: a filtered count per time bin, nothing else. */
const FILTERED_COUNT = /^filter\s.+\|\s*stats\s+count\(\*\)(?:\s+as\s+\w+)?\s+by\s+bin\(\w+\)\s*$/s;

export class QueryGuard {
  private readonly seen = new Map<string, string>();
  private readonly windows: { key: string; id: string; start: number; end: number }[] = [];
  private readonly calls = new Map<string, number>();

  constructor(private readonly limits: InvestigationLimits) {}

  check(query: QuerySpec): GuardVerdict {
    const refusal = this.broadness(query);
    if (refusal) return { verdict: 'refuse', reason: refusal };

    const warnings: string[] = [];
    const exact = exactKey(query);
    const previous = this.seen.get(exact);
    if (previous) {
      warnings.push(`Repeated query: ${describe(query)} is identical to ${previous}; reusing its result.`);
      return { verdict: 'reuse', of: previous, warnings };
    }
    const near = this.nearDuplicate(query);
    if (near) warnings.push(`Near-duplicate query: ${describe(query)} overlaps ${near} by more than 90% of its window.`);

    const count = (this.calls.get(query.provider) ?? 0) + 1;
    if (count > this.limits.perProviderCalls) {
      warnings.push(`Call budget: ${count} calls to ${query.provider} exceed the limit of ${this.limits.perProviderCalls}; continuing.`);
    }
    return { verdict: 'run', warnings };
  }

  /** Records a query that ran, for repeat detection and budgets. */
  record(query: QuerySpec): void {
    this.calls.set(query.provider, (this.calls.get(query.provider) ?? 0) + 1);
    this.seen.set(exactKey(query), query.id);
    if (query.window) this.windows.push({ key: shapeKey(query), id: query.id, ...query.window });
  }

  private broadness(query: QuerySpec): string | undefined {
    if (WILDCARD_TARGET.test(query.target.trim())) {
      return `Refused broad query: target "${query.target}" is not a specific ${query.provider} resource.`;
    }
    if (!query.operation.startsWith('logs.')) return undefined;
    if (!query.window) return 'Refused broad query: a log query needs a bounded time window.';
    const span = query.window.end - query.window.start;
    if (span <= 0) return 'Refused query: its time window is empty.';
    const filter = String(query.params.filterPattern ?? query.params.queryString ?? query.params.terms ?? '').trim();
    // A filtered count by time bin returns a row per bin, whatever the span: it may look back days.
    const limit = query.operation === 'logs.insights' && FILTERED_COUNT.test(filter) ? this.limits.maxLogCountWindowMs : this.limits.maxLogWindowMs;
    if (span > limit) {
      return `Refused broad query: a ${formatSpan(span)} window over ${query.target} exceeds the ${formatSpan(limit)} limit; narrow it to the incident.`;
    }
    if ((!filter || filter === '[]') && span > this.limits.maxUnfilteredLogWindowMs) {
      return `Refused broad query: no filter pattern over ${formatSpan(span)} of ${query.target} would fetch everything; add a pattern tied to the hypothesis.`;
    }
    return undefined;
  }

  private nearDuplicate(query: QuerySpec): string | undefined {
    if (!query.window) return undefined;
    const key = shapeKey(query);
    const span = query.window.end - query.window.start;
    for (const other of this.windows) {
      if (other.key !== key) continue;
      const overlap = Math.min(other.end, query.window.end) - Math.max(other.start, query.window.start);
      if (span > 0 && overlap / span > 0.9) return other.id;
    }
    return undefined;
  }
}

function shapeKey(query: QuerySpec): string {
  const params = Object.keys(query.params)
    .filter((k) => !/start|end/i.test(k))
    .sort()
    .map((k) => `${k}=${String(query.params[k])}`);
  return `${query.provider}|${query.operation}|${query.target}|${params.join('&')}`;
}

function exactKey(query: QuerySpec): string {
  const params = Object.keys(query.params)
    .sort()
    .map((k) => `${k}=${String(query.params[k])}`);
  return `${query.provider}|${query.operation}|${query.target}|${params.join('&')}|${query.window?.start ?? ''}-${query.window?.end ?? ''}`;
}

function describe(query: QuerySpec): string {
  return `${query.operation} on ${query.target}`;
}

export function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
