/**
 * A failure that comes back on a schedule (a task killed every few hours) did not begin at
 * this alert: it began when the pattern did, maybe days ago, and its cause is a change from
 * then. The orchestrator forgets stopped tasks within the hour and pods keep one previous
 * container, so the history comes from the logs: error lines counted per hour by Logs
 * Insights (a server-side count, a few hundred rows, not the events) over the past days.
 */
import type { Recurrence, TriageContext } from '../reasoner/types';
import { contextQuery } from './contextQuery';
import { binnedSeries } from './logQueries';
import type { QueryRunner } from './queryRunner';

const HOUR = 3_600_000;
/** How far back the pattern is looked for. */
export const RECURRENCE_LOOKBACK_MS = 7 * 24 * HOUR;
/** Episodes needed, the current one included, before a failure counts as recurring. */
const MIN_EPISODES = 3;
/** Shortest period worth the name (faster than this is one ongoing failure). */
const MIN_PERIOD_MS = 2 * HOUR;
/** How regular the gaps must be: their spread (coefficient of variation) at most this. */
const MAX_SPREAD = 0.35;

const DEATH_QUERY = 'filter @message like /(?i)(error|exception|fatal|panic|killed|out of memory)/ | stats count(*) as errors by bin(1h)';

/**
 * Episodes are hours well above the usual (three times the median hour, at least 3 lines),
 * adjacent hours merged. Recurring = at least three, the last one at the incident, with
 * regular gaps of two hours or more.
 */
export function detectRecurrence(bins: readonly [number, number][], onset: number): Recurrence | undefined {
  if (bins.length < MIN_EPISODES) return undefined;
  const counts = bins.map(([, v]) => v).sort((a, b) => a - b);
  // Absent bins are zero hours: the median of the full span, not only of the hours with lines.
  const hours = Math.max(bins.length, Math.round((bins[bins.length - 1]![0] - bins[0]![0]) / HOUR) + 1);
  const zeros = hours - bins.length;
  const mid = Math.floor(hours / 2);
  const median = mid < zeros ? 0 : counts[mid - zeros]!;
  const high = Math.max(3, median * 3);
  const episodes: number[] = [];
  let last = -Infinity;
  for (const [at, value] of bins) {
    if (value < high) continue;
    if (at - last > HOUR) episodes.push(at);
    last = at;
  }
  if (episodes.length < MIN_EPISODES) return undefined;
  // The current episode must be the incident's own, not an old pattern that stopped.
  if (Math.abs(episodes[episodes.length - 1]! - onset) > 2 * HOUR) return undefined;
  const gaps = episodes.slice(1).map((at, i) => at - episodes[i]!);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const spread = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length) / mean;
  if (mean < MIN_PERIOD_MS || spread > MAX_SPREAD) return undefined;
  return { since: episodes[0]!, periodMs: Math.round(mean / 60_000) * 60_000, episodes };
}

/** Whether the incident looks like units dying (the only failures worth a look back days). */
function unitsDied(context: TriageContext): boolean {
  return context.terminations.length > 0 || (context.pods ?? []).some((p) => p.containers.some((c) => c.restartCount > 0));
}

/** Reads the hourly error counts over the past days when units died; sets `context.recurrence` when they recur. */
export async function readRecurrence(runner: QueryRunner, context: TriageContext): Promise<void> {
  if (context.logSource?.kind !== 'cloudwatch' || !unitsDied(context)) return;
  const window = { start: context.onset - RECURRENCE_LOOKBACK_MS, end: context.now };
  const read = await runner.run(contextQuery('cloudwatch-logs', 'logs.insights', context.logSource.logGroup, { queryString: DEATH_QUERY }, 'Units died: has this happened before, on a schedule? (errors per hour over 7 days, Logs Insights)', window));
  if (!read.ok) {
    context.unavailable.push(`history of ${context.incident.service}'s failures: ${read.error}`);
    return;
  }
  if (read.result.operation !== 'logs.insights') return;
  context.recurrence = detectRecurrence(binnedSeries(read.result.result.rows, 'errors', 'bin(1h)'), context.onset);
}

/** `every ~4 h since 2026-11-18 09:00 UTC (14 times)` */
export function describeRecurrence(recurrence: Recurrence): string {
  const hours = Math.round((recurrence.periodMs / HOUR) * 10) / 10;
  const since = new Date(recurrence.since).toISOString();
  return `every ~${hours} h since ${since.slice(0, 10)} ${since.slice(11, 16)} UTC (${recurrence.episodes.length} times)`;
}
