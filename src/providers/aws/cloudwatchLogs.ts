/**
 * LogsProvider over the real CloudWatch Logs API: FilterLogEvents, paging until the query's
 * limit, and Logs Insights (see ./insights). Every query is bounded: without a limit the
 * provider still stops at DEFAULT_MAX_EVENTS, because an unbounded log fetch is exactly what
 * the engine must not do.
 */
import { type CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { InsightsQuery, InsightsResult, LogEvent, LogFilterQuery, LogsProvider } from '../types';
import { toProviderError } from './errors';
import { type InsightsPollingOptions, runInsightsQuery } from './insights';

/** Events per FilterLogEvents request (the API allows up to 10,000; smaller pages cancel sooner). */
export const LOGS_PAGE_SIZE = 1000;
/** Cap when the query sets no limit. */
export const DEFAULT_MAX_EVENTS = 10_000;

export interface CloudWatchLogsProviderOptions {
  pageSize?: number;
  profile?: string;
  /** Configured keys, redacted from error messages. */
  secrets?: readonly (string | undefined)[];
  /** Logs Insights polling and overall timeout (default 60 s). */
  insights?: InsightsPollingOptions;
}

export class CloudWatchLogsProvider implements LogsProvider {
  readonly id = 'cloudwatch-logs' as const;

  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly options: CloudWatchLogsProviderOptions = {},
  ) {}

  async filterLogEvents(query: LogFilterQuery, signal?: AbortSignal): Promise<LogEvent[]> {
    const max = query.limit ?? DEFAULT_MAX_EVENTS;
    const pageSize = this.options.pageSize ?? LOGS_PAGE_SIZE;
    const context = { provider: 'cloudwatch-logs' as const, operation: 'FilterLogEvents', target: query.logGroup, profile: this.options.profile, secrets: this.options.secrets };
    const events: LogEvent[] = [];
    const seenTokens = new Set<string>();
    let nextToken: string | undefined;
    try {
      while (events.length < max) {
        signal?.throwIfAborted();
        const page = await this.client.send(
          new FilterLogEventsCommand({
            logGroupName: query.logGroup,
            filterPattern: query.filterPattern || undefined,
            startTime: query.startTime,
            endTime: query.endTime,
            limit: Math.min(pageSize, max - events.length),
            nextToken,
          }),
          { abortSignal: signal },
        );
        for (const event of page.events ?? []) {
          if (event.timestamp === undefined || event.message === undefined) continue;
          events.push({ timestamp: event.timestamp, message: event.message, logStream: event.logStreamName });
          if (events.length === max) break;
        }
        // Stop on a repeated token rather than trusting the server never to send one twice.
        if (!page.nextToken || seenTokens.has(page.nextToken)) break;
        seenTokens.add(page.nextToken);
        nextToken = page.nextToken;
      }
    } catch (error) {
      throw toProviderError(error, context, signal);
    }
    return events;
  }

  insights(query: InsightsQuery, signal?: AbortSignal): Promise<InsightsResult> {
    const context = { provider: 'cloudwatch-logs' as const, profile: this.options.profile, secrets: this.options.secrets };
    return runInsightsQuery(this.client, query, context, this.options.insights, signal);
  }
}
