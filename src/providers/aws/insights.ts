/**
 * Logs Insights over the real API: StartQuery, then GetQueryResults until the query leaves
 * Scheduled/Running. Aggregations (counts per minute, top patterns) run server-side, so the
 * engine reads a few rows instead of pulling raw events.
 *
 * Polling backs off (100 ms doubling to 1 s by default) because most queries over an incident
 * window finish within a second or two, and a long one should not cost a request every 100 ms.
 * The overall wait is bounded; on timeout or cancellation the query is stopped (StopQuery,
 * best effort) so it stops consuming the account's concurrent-query quota.
 */
import { type CloudWatchLogsClient, GetQueryResultsCommand, type ResultField, StartQueryCommand, StopQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type InsightsQuery, type InsightsResult, ProviderError } from '../types';
import { type AwsCallContext, toProviderError } from './errors';

export interface InsightsPollingOptions {
  /** Give up (and stop the query) after this long, in ms. Default 60 s. */
  timeoutMs?: number;
  /** First wait before polling, in ms; doubles up to maxPollMs. Default 100. */
  initialPollMs?: number;
  /** Longest wait between polls, in ms. Default 1000. */
  maxPollMs?: number;
}

export const DEFAULT_INSIGHTS_TIMEOUT_MS = 60_000;
/** Rows asked for when the query sets no limit: enough for any aggregation, bounded like every query. */
export const DEFAULT_INSIGHTS_LIMIT = 1000;
/** How long a best-effort StopQuery may delay the cancellation or timeout it follows. */
const STOP_QUERY_BUDGET_MS = 2000;

const IN_PROGRESS = new Set(['Scheduled', 'Running']);
const FINAL_STATUSES = new Set<InsightsResult['status']>(['Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown']);

/** A wait that ends early (rejecting) when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `[{field, value}]` rows → records; `@ptr` (an opaque event pointer) is not evidence. */
export function toRows(results: readonly ResultField[][] | undefined): Record<string, string>[] {
  return (results ?? []).map((row) => {
    const record: Record<string, string> = {};
    for (const { field, value } of row) {
      if (field === undefined || field === '@ptr' || value === undefined) continue;
      record[field] = value;
    }
    return record;
  });
}

function describeTarget(logGroups: readonly string[]): string {
  return logGroups.length <= 3 ? logGroups.join(', ') : `${logGroups.slice(0, 3).join(', ')} and ${logGroups.length - 3} more`;
}

export async function runInsightsQuery(
  client: CloudWatchLogsClient,
  query: InsightsQuery,
  context: Omit<AwsCallContext, 'operation' | 'target'>,
  options: InsightsPollingOptions = {},
  signal?: AbortSignal,
): Promise<InsightsResult> {
  const target = describeTarget(query.logGroups);
  const timeoutMs = options.timeoutMs ?? DEFAULT_INSIGHTS_TIMEOUT_MS;
  const maxPollMs = options.maxPollMs ?? 1000;
  let pollMs = Math.min(options.initialPollMs ?? 100, maxPollMs);

  // One signal for every request and wait: the caller's cancellation or our own deadline.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('Logs Insights deadline')), timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;

  let operation = 'StartQuery';
  let queryId: string | undefined;
  try {
    signal?.throwIfAborted();
    const started = await client.send(
      new StartQueryCommand({
        logGroupNames: query.logGroups,
        queryString: query.queryString,
        // The API takes epoch seconds, inclusive at second granularity.
        startTime: Math.floor(query.startTime / 1000),
        endTime: Math.floor(query.endTime / 1000),
        limit: query.limit ?? DEFAULT_INSIGHTS_LIMIT,
      }),
      { abortSignal: combined },
    );
    queryId = started.queryId;
    if (!queryId) throw new ProviderError('cloudwatch-logs', 'failed', `CloudWatch Logs StartQuery on ${target} returned no query id`);

    operation = 'GetQueryResults';
    for (;;) {
      await sleep(pollMs, combined);
      pollMs = Math.min(pollMs * 2, maxPollMs);
      const page = await client.send(new GetQueryResultsCommand({ queryId }), { abortSignal: combined });
      const status = page.status ?? 'Unknown';
      if (IN_PROGRESS.has(status)) continue;
      const statistics = page.statistics;
      return {
        status: FINAL_STATUSES.has(status as InsightsResult['status']) ? (status as InsightsResult['status']) : 'Unknown',
        rows: toRows(page.results),
        ...(statistics
          ? { statistics: { recordsMatched: statistics.recordsMatched ?? 0, recordsScanned: statistics.recordsScanned ?? 0, bytesScanned: statistics.bytesScanned ?? 0 } }
          : {}),
      };
    }
  } catch (error) {
    const cancelled = signal?.aborted === true;
    const timedOut = !cancelled && deadline.signal.aborted;
    if (queryId && (cancelled || timedOut)) await stopQuery(client, queryId);
    if (timedOut) {
      const seconds = Math.round(timeoutMs / 100) / 10;
      throw new ProviderError(
        'cloudwatch-logs',
        'timeout',
        `CloudWatch Logs Insights query on ${target} did not complete within ${seconds} s${queryId ? ' and was stopped' : ''}. Narrow the time window or the log groups.`,
        { cause: error },
      );
    }
    throw toProviderError(error, { ...context, operation, target }, signal);
  } finally {
    clearTimeout(timer);
  }
}

/** Best effort: a failure to stop must not replace the error the caller is about to see. */
async function stopQuery(client: CloudWatchLogsClient, queryId: string): Promise<void> {
  try {
    await client.send(new StopQueryCommand({ queryId }), { abortSignal: AbortSignal.timeout(STOP_QUERY_BUDGET_MS) });
  } catch {
    // The query ends on its own at the service's limit; nothing more to do.
  }
}
