/**
 * Logs Insights operations of the emulator: `Logs_20140328.StartQuery`, `GetQueryResults`
 * and `StopQuery`, over the same LogStore FilterLogEvents reads.
 *
 * Like the real service, StartQuery only compiles the query (a malformed one fails there, with
 * MalformedQueryException and the offending offsets) and returns an id; the caller must poll.
 * The first GetQueryResults of a query answers `Running` with no results — so a provider that
 * does not poll fails its tests — and the next one `Complete` with everything. Times on the
 * wire are epoch SECONDS, inclusive at second granularity.
 */
import { randomUUID } from 'node:crypto';
import { EmulatorError, invalidParameter } from '../../emulatorError';
import { lowerBound, type LogStore } from '../logEvents';
import type { ParsedQuery } from './ast';
import { evaluateQuery, type InsightsEvent, type ResultField } from './evaluate';
import { MAX_QUERY_LIMIT, parseQuery, QuerySyntaxError } from './parser';

type Body = Record<string, unknown>;

/** Largest plausible epoch second (9999-12-31): a bigger value is almost surely milliseconds. */
const MAX_EPOCH_SECONDS = 253_402_300_799;
const MAX_LOG_GROUPS = 50;
/** GetQueryResults answers `Running` this many times before `Complete`. */
const RUNNING_POLLS = 1;

type QueryStatus = 'Running' | 'Complete' | 'Cancelled';

interface StoredQuery {
  status: QueryStatus;
  polls: number;
  groups: string[];
  startSeconds: number;
  endSeconds: number;
  limit: number;
  parsed: ParsedQuery;
  /** Computed on the transition to Complete. */
  results?: ResultField[][];
  statistics?: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

function malformed(error: QuerySyntaxError): EmulatorError {
  const failure = new EmulatorError('MalformedQueryException', error.message);
  // The real exception carries the compile error with character offsets; the SDK exposes it.
  failure.extra = { queryCompileError: { location: { startCharOffset: error.start, endCharOffset: error.end }, message: error.message } };
  return failure;
}

function epochSeconds(body: Body, field: 'startTime' | 'endTime'): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidParameter(`${field} is required and must be a non-negative integer (epoch seconds)`);
  if (value > MAX_EPOCH_SECONDS) throw invalidParameter(`${field} ${value} is not epoch seconds (did you pass milliseconds?)`);
  return value;
}

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME` → NAME; names pass through. */
function groupNameOf(identifier: string): string {
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return arn ? arn[1] : identifier;
}

function logGroups(body: Body): string[] {
  const given = (['logGroupName', 'logGroupNames', 'logGroupIdentifiers'] as const).filter((key) => body[key] !== undefined);
  if (given.length !== 1) {
    throw invalidParameter('Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
  }
  const raw = body[given[0]];
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0 || list.length > MAX_LOG_GROUPS || !list.every((item) => typeof item === 'string' && item !== '')) {
    throw invalidParameter(`${given[0]} must name between 1 and ${MAX_LOG_GROUPS} log groups`);
  }
  return [...new Set((list as string[]).map(groupNameOf))];
}

export class InsightsQueries {
  private readonly queries = new Map<string, StoredQuery>();

  constructor(
    private readonly store: LogStore,
    private readonly accountId: string,
  ) {}

  /** Answers one Logs Insights operation, or undefined when `operation` is not one of them. */
  handle(operation: string, body: Body): unknown {
    switch (operation) {
      case 'StartQuery':
        return this.start(body);
      case 'GetQueryResults':
        return this.results(body);
      case 'StopQuery':
        return this.stop(body);
      default:
        return undefined;
    }
  }

  private start(body: Body): unknown {
    if (body.queryLanguage !== undefined && body.queryLanguage !== 'CWLI') {
      throw invalidParameter(`queryLanguage ${String(body.queryLanguage)} is not supported by the Runbook AI sandbox (only CWLI)`);
    }
    if (typeof body.queryString !== 'string') throw invalidParameter('queryString is required');
    const groups = logGroups(body);
    const startSeconds = epochSeconds(body, 'startTime');
    const endSeconds = epochSeconds(body, 'endTime');
    if (endSeconds < startSeconds) throw invalidParameter('endTime must be greater than or equal to startTime');
    let limit = MAX_QUERY_LIMIT;
    if (body.limit !== undefined) {
      if (typeof body.limit !== 'number' || !Number.isInteger(body.limit) || body.limit < 1 || body.limit > MAX_QUERY_LIMIT) {
        throw invalidParameter(`limit must be an integer between 1 and ${MAX_QUERY_LIMIT}`);
      }
      limit = body.limit;
    }
    let parsed: ParsedQuery;
    try {
      parsed = parseQuery(body.queryString);
    } catch (error) {
      if (error instanceof QuerySyntaxError) throw malformed(error);
      throw error;
    }
    for (const group of groups) {
      if (!this.store.has(group)) throw new EmulatorError('ResourceNotFoundException', `Log group '${group}' does not exist for account ID '${this.accountId}'`);
    }
    const queryId = randomUUID();
    this.queries.set(queryId, { status: 'Running', polls: 0, groups, startSeconds, endSeconds, limit, parsed });
    return { queryId };
  }

  private query(body: Body): StoredQuery {
    const id = body.queryId;
    if (typeof id !== 'string' || id === '') throw invalidParameter('queryId is required');
    const query = this.queries.get(id);
    if (!query) throw new EmulatorError('ResourceNotFoundException', `Query ${id} does not exist.`);
    return query;
  }

  private results(body: Body): unknown {
    const query = this.query(body);
    if (query.status === 'Running') {
      query.polls++;
      if (query.polls > RUNNING_POLLS) this.complete(query);
    }
    if (query.status !== 'Complete') {
      return { status: query.status, results: [], statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 } };
    }
    return { status: 'Complete', results: query.results, statistics: query.statistics };
  }

  private stop(body: Body): unknown {
    const query = this.query(body);
    if (query.status !== 'Running') return { success: false };
    query.status = 'Cancelled';
    return { success: true };
  }

  /** Evaluates the query over its window: events whose second is in [startTime, endTime]. */
  private complete(query: StoredQuery): void {
    const from = query.startSeconds * 1000;
    const to = query.endSeconds * 1000 + 999;
    const events: InsightsEvent[] = [];
    let bytesScanned = 0;
    for (const group of query.groups) {
      const stored = this.store.events(group) ?? [];
      for (let position = lowerBound(stored, from); position < stored.length && stored[position].timestamp <= to; position++) {
        const event = stored[position];
        bytesScanned += Buffer.byteLength(event.message);
        events.push({
          timestamp: event.timestamp,
          message: event.message,
          logStreamName: event.logStreamName,
          logGroupName: group,
          ptr: () => Buffer.from(`${this.accountId}:${group}:${position}`).toString('base64url'),
        });
      }
    }
    // Each group is already in time order; only a multi-group query needs a merge.
    if (query.groups.length > 1) events.sort((a, b) => a.timestamp - b.timestamp);
    const { results, recordsMatched } = evaluateQuery(query.parsed, events, this.accountId, query.limit);
    query.results = results;
    query.statistics = { recordsMatched, recordsScanned: events.length, bytesScanned };
    query.status = 'Complete';
  }
}
