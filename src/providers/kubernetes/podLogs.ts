/**
 * Parses `GET …/pods/{name}/log?timestamps=true` into LogEvents.
 *
 * The kubelet stores logs per line, so with timestamps every line carries its own RFC 3339
 * prefix and normally becomes its own event. Two deliberately simple exceptions keep a stack
 * trace together as one event (what the stack-frame extractor wants):
 *   - a line without a timestamp prefix continues the previous event;
 *   - a line with the same timestamp as the previous event that starts with whitespace (an
 *     indented `    at …` frame written in the same write) continues it as well.
 * Anything else — e.g. a second unindented line in the same nanosecond — stays separate.
 */
import type { LogEvent } from '../types';

const TIMESTAMPED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2}) (.*)$/;

/** Epoch ms of an RFC 3339 timestamp with up to nanosecond precision (Date.parse takes milliseconds). */
function parseTimestamp(seconds: string, fraction: string | undefined, zone: string): number {
  const millis = fraction ? `.${fraction.slice(1, 4).padEnd(3, '0')}` : '';
  return Date.parse(`${seconds}${millis}${zone}`);
}

export function parsePodLog(text: string, logStream?: string): LogEvent[] {
  const events: LogEvent[] = [];
  let lastStamp: string | undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const match = TIMESTAMPED.exec(line);
    const previous = events[events.length - 1];
    if (!match) {
      // No prefix: a continuation (or a server that ignored timestamps=true — then time is unknown).
      if (previous) previous.message += `\n${line}`;
      else events.push({ timestamp: 0, message: line, ...(logStream ? { logStream } : {}) });
      continue;
    }
    const [, seconds, fraction, zone, message] = match;
    const stamp = `${seconds}${fraction ?? ''}${zone}`;
    if (previous && stamp === lastStamp && /^\s/.test(message)) {
      previous.message += `\n${message}`;
      continue;
    }
    lastStamp = stamp;
    events.push({ timestamp: parseTimestamp(seconds, fraction, zone), message, ...(logStream ? { logStream } : {}) });
  }
  return events;
}
