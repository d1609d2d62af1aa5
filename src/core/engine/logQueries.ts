/**
 * Log queries in the shapes every log source understands: a list of literal terms (any may
 * match) rendered as a CloudWatch filter pattern or a pod-log filter, over an incident window
 * compared with the baseline just before it.
 */
import type { QuerySpec } from '../model';
import type { LogSource, TriageContext } from '../reasoner/types';
import type { LogWindows } from '../logs/patternChange';

const MINUTE = 60_000;

/** Terms of the triage overview: anything error- or warning-like. */
export const OVERVIEW_TERMS = ['ERROR', 'Error', 'error', 'Exception', 'exception', 'FATAL', 'fatal', 'CRITICAL', 'critical', 'WARN', 'warn', 'fail', 'Fail', 'refused', 'timeout', 'Timeout', 'TIMEOUT', 'timed out', 'denied', 'panic', 'Traceback'];

/**
 * Incident window: from shortly before onset (or the suspect change) to now, at most 6 h.
 * Baseline: the same length just before it, at most 1 h, so "new since" is meaningful.
 */
export function logWindows(context: Pick<TriageContext, 'onset' | 'now'> & { activeSince?: number }, changeAt?: number): LogWindows {
  const start = Math.min(context.onset - 10 * MINUTE, changeAt ?? Infinity, context.activeSince ?? Infinity);
  const end = Math.min(context.now, start + 6 * 60 * MINUTE - 1);
  const span = Math.min(end - start, 60 * MINUTE);
  return { incident: { start, end }, baseline: { start: start - span, end: start - 1 } };
}

/** CloudWatch filter pattern syntax for "any of these terms". */
export function filterPatternOf(terms: readonly string[]): string {
  return terms.map((t) => (/^[A-Za-z0-9_.]+$/.test(t) ? `?${t}` : `?"${t.replace(/"/g, '\\"')}"`)).join(' ');
}

/**
 * `wide`: an overview that also keeps the lines the terms miss but the failure taxonomy knows,
 * and a dead container's last lines. Only pod logs can: they are read whole and filtered here,
 * while a CloudWatch filter pattern runs on the server.
 */
export function renderLogQuery(source: LogSource, terms: readonly string[], windows: LogWindows, options: { wide?: boolean } = {}): Omit<QuerySpec, 'id' | 'hypothesisId' | 'rationale'> {
  const params = { terms: JSON.stringify(terms), filterPattern: filterPatternOf(terms), baselineStart: windows.baseline.start, baselineEnd: windows.baseline.end, ...(options.wide && source.kind !== 'cloudwatch' ? { wide: 'true' } : {}) };
  return source.kind === 'cloudwatch'
    ? { provider: 'cloudwatch-logs', operation: 'logs.compareWindows', target: source.logGroup, params, window: windows.incident }
    : { provider: 'kubernetes', operation: 'logs.compareWindows', target: `${source.namespace}/${source.labelSelector}`, params, window: windows.incident };
}

/** Logs Insights rows `{ "bin(1m)": "2026-11-20 10:16:00.000", errors: "12" }` → [epoch ms, count], sorted. */
export function perMinuteSeries(rows: readonly Record<string, string>[], field: string): [number, number][] {
  return binnedSeries(rows, field, 'bin(1m)');
}

/** The same for any bin key (`bin(1h)`). */
export function binnedSeries(rows: readonly Record<string, string>[], field: string, binKey: string): [number, number][] {
  return rows
    .map((row) => [Date.parse(`${(row[binKey] ?? '').replace(' ', 'T')}Z`), Number(row[field] ?? 0)] as [number, number])
    .filter(([t, v]) => !Number.isNaN(t) && !Number.isNaN(v))
    .sort((a, b) => a[0] - b[0]);
}
