/**
 * CloudWatch Logs FilterLogEvents for the emulator (`Logs_20140328.FilterLogEvents`), read-only
 * over a LogStore. Logs Insights (StartQuery/GetQueryResults/StopQuery) is in ./insights.
 */
import { decodeToken, EmulatorError, encodeToken, invalidParameter } from '../emulatorError';
import { compileFilterPattern, FilterPatternError } from './filterPattern';
import { eventIdOf, ingestionTimeOf, lowerBound, type LogStore } from './logEvents';

/** The emulator's page size when the request sets no `limit` (the real service uses 10,000). */
export const DEFAULT_FILTER_PAGE_SIZE = 1000;
const MAX_FILTER_LIMIT = 10_000;

type Body = Record<string, unknown>;

function optionalNumber(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidParameter(`${field} must be a number`);
  return value;
}

/** `logGroupIdentifier` may be a name or an ARN (`arn:aws:logs:…:log-group:NAME[:*]`). */
function groupName(body: Body): string {
  const { logGroupName, logGroupIdentifier } = body;
  if (logGroupName !== undefined && logGroupIdentifier !== undefined) {
    throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const raw = logGroupName ?? logGroupIdentifier;
  if (typeof raw !== 'string' || raw === '') throw invalidParameter('logGroupName or logGroupIdentifier is required');
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(raw);
  return arn ? arn[1] : raw;
}

function streamFilter(body: Body): (stream: string) => boolean {
  const { logStreamNames, logStreamNamePrefix } = body;
  if (logStreamNames !== undefined && logStreamNamePrefix !== undefined) {
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive');
  }
  if (Array.isArray(logStreamNames)) {
    const names = new Set(logStreamNames.map(String));
    return (stream) => names.has(stream);
  }
  if (typeof logStreamNamePrefix === 'string') return (stream) => stream.startsWith(logStreamNamePrefix);
  return () => true;
}

export function filterLogEvents(store: LogStore, body: Body): unknown {
  const group = groupName(body);
  const events = store.events(group);
  if (!events) throw new EmulatorError('ResourceNotFoundException', 'The specified log group does not exist.');

  const limit = optionalNumber(body, 'limit') ?? DEFAULT_FILTER_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FILTER_LIMIT) {
    throw invalidParameter(`limit must be an integer between 1 and ${MAX_FILTER_LIMIT}`);
  }
  const startTime = optionalNumber(body, 'startTime') ?? 0;
  const endTime = optionalNumber(body, 'endTime') ?? Number.MAX_SAFE_INTEGER;
  if (startTime > endTime) throw invalidParameter('startTime must be less than or equal to endTime');

  let matches: (message: string) => boolean;
  try {
    matches = compileFilterPattern(typeof body.filterPattern === 'string' ? body.filterPattern : undefined);
  } catch (error) {
    if (error instanceof FilterPatternError) throw invalidParameter(error.message);
    throw error;
  }
  const inStream = streamFilter(body);

  // The token is the index of the next matching event; it is only valid for the same group.
  let position = lowerBound(events, startTime);
  if (body.nextToken !== undefined) {
    const token = decodeToken(body.nextToken);
    if (token.g !== group || typeof token.p !== 'number') throw invalidParameter('The specified nextToken is invalid.');
    position = Math.max(position, token.p);
  }

  const page: unknown[] = [];
  let nextToken: string | undefined;
  for (; position < events.length && events[position].timestamp <= endTime; position++) {
    const event = events[position];
    if (!inStream(event.logStreamName) || !matches(event.message)) continue;
    if (page.length === limit) {
      nextToken = encodeToken({ g: group, p: position });
      break;
    }
    page.push({
      logStreamName: event.logStreamName,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: ingestionTimeOf(event, position),
      eventId: eventIdOf(event, position),
    });
  }
  return { events: page, searchedLogStreams: [], ...(nextToken ? { nextToken } : {}) };
}
