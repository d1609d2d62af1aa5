/**
 * What a raw log line says besides its text: a structured JSON line's message, level, time and
 * error fields, or a plain line's leading ISO timestamp and level word. The miner templates the
 * message; the level and time feed the pattern diff.
 */

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface ParsedLine {
  /** The text to template: a JSON line's message field, else the line (minus a leading timestamp). */
  message: string;
  level?: LogLevel;
  /** epoch ms, when the line carries a timestamp */
  timestamp?: number;
  /** A JSON line's error / stack field, kept for code locations and exception detection. */
  errorText?: string;
}

const MESSAGE_KEYS = ['message', 'msg', '@message', 'log', 'text', 'event', 'body'];
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'levelname', 'log.level', 'loglevel', '@level'];
const TIME_KEYS = ['timestamp', 'time', '@timestamp', 'ts', 'datetime', 'date'];
const ERROR_KEYS = ['error', 'err', 'exception', 'stack', 'stack_trace', 'stacktrace', 'error.stack_trace', 'exc_info'];
/** Context fields that are not the event (left out of a JSON line without a message field). */
const META_KEYS = new Set([...LEVEL_KEYS, ...TIME_KEYS, ...ERROR_KEYS, 'logger', 'logger_name', 'thread', 'thread_name', 'pid', 'hostname', 'host', 'service', 'trace_id', 'span_id', 'traceId', 'spanId', 'request_id', 'requestId', 'v', 'name', 'caller']);

const LEADING_ISO = /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)\]?\s+/;
/** An upper-case level word anywhere near the start (`… ERROR [main] …`, `[WARN]`, `<INFO>`). */
const LEVEL_WORD = /(?:^|[\s[(<|])(FATAL|CRITICAL|CRIT|EMERG|ALERT|PANIC|SEVERE|ERROR|ERR|WARNING|WARN|INFO|NOTICE|DEBUG|TRACE)(?=$|[\s\])>:|,])/;
/** Any-case level only where a logger puts it: `error: x`, `[warn] x`, `<info> x` at the start. */
const LEADING_LEVEL = /^(?:\[(fatal|critical|error|err|warning|warn|info|notice|debug|trace)\]|<(fatal|critical|error|err|warning|warn|info|notice|debug|trace)>|(fatal|critical|error|err|warning|warn|info|notice|debug|trace):)/i;
const BRACKETED_LEVEL = /[[<](fatal|critical|error|err|warning|warn|info|notice|debug|trace)[\]>]/i;
const LEVEL_KEY_VALUE = /\b(?:level|severity|lvl)["']?[=:]\s*["']?([A-Za-z]+)/;

/** Normalises a level name (`WARNING`, `err`, `Information`, syslog numbers) to LogLevel. */
export function normaliseLevel(value: unknown): LogLevel | undefined {
  if (typeof value === 'number') {
    // syslog severities 0–7 and pino/bunyan numeric levels 10–60
    if (value >= 10) return value >= 60 ? 'fatal' : value >= 50 ? 'error' : value >= 40 ? 'warn' : value >= 30 ? 'info' : value >= 20 ? 'debug' : 'trace';
    return value <= 2 ? 'fatal' : value === 3 ? 'error' : value === 4 ? 'warn' : value <= 6 ? 'info' : 'debug';
  }
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (/^(fatal|crit|critical|emerg|emergency|alert|panic|severe)/.test(v)) return 'fatal';
  if (/^(err|error|exception)/.test(v)) return 'error';
  if (/^(warn|warning)/.test(v)) return 'warn';
  if (/^(info|information|informational|notice)/.test(v)) return 'info';
  if (/^(debug|fine|config)/.test(v)) return 'debug';
  if (/^(trace|finer|finest|verbose)/.test(v)) return 'trace';
  return undefined;
}

/** Severity order for ranking: higher is worse. */
export function levelRank(level: LogLevel | undefined): number {
  switch (level) {
    case 'fatal':
      return 5;
    case 'error':
      return 4;
    case 'warn':
      return 3;
    case 'info':
      return 2;
    case 'debug':
      return 1;
    default:
      return 0;
  }
}

/** Only the message of a JSON log line (the miner's need; cheaper than parseLogLine). */
export function jsonMessage(line: string): string {
  const json = parseJsonObject(line.trim());
  if (!json) return line;
  for (const key of MESSAGE_KEYS) {
    const value = lookup(json, key);
    if (typeof value === 'string') return value;
  }
  return fromJson(json, line.trim()).message;
}

export function parseLogLine(line: string): ParsedLine {
  const trimmed = line.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    const json = parseJsonObject(trimmed);
    if (json) return fromJson(json, trimmed);
  }
  let message = line;
  let timestamp: number | undefined;
  const iso = LEADING_ISO.exec(trimmed);
  if (iso) {
    const parsed = Date.parse(iso[1]!.replace(' ', 'T').replace(',', '.'));
    if (Number.isFinite(parsed)) {
      timestamp = parsed;
      message = trimmed.slice(iso[0].length);
    }
  }
  return { message, level: detectLevel(message), ...(timestamp !== undefined ? { timestamp } : {}) };
}

/**
 * The level a plain-text line announces (`ERROR`, `[warn]`, `error: …`, `level=error`), if any.
 * Lower-case words count only where loggers put levels, so "retrying after error" stays unlevelled.
 */
export function detectLevel(text: string): LogLevel | undefined {
  const head = text.length > 160 ? text.slice(0, 160) : text;
  const match = LEVEL_KEY_VALUE.exec(head) ?? LEADING_LEVEL.exec(head.trimStart()) ?? LEVEL_WORD.exec(head) ?? BRACKETED_LEVEL.exec(head);
  return match ? normaliseLevel(match[1] ?? match[2] ?? match[3]) : undefined;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function fromJson(json: Record<string, unknown>, raw: string): ParsedLine {
  const messageKey = MESSAGE_KEYS.find((k) => typeof lookup(json, k) === 'string');
  const level = normaliseLevel(firstDefined(json, LEVEL_KEYS));
  const time = firstDefined(json, TIME_KEYS);
  const timestamp = typeof time === 'number' ? (time < 1e11 ? time * 1000 : time) : typeof time === 'string' ? Date.parse(time) : Number.NaN;
  const error = firstDefined(json, ERROR_KEYS);
  const errorText = typeof error === 'string' ? error : error !== undefined ? errorToText(error) : undefined;
  let message: string;
  if (messageKey) message = String(lookup(json, messageKey));
  else {
    // No message field: the event is its non-context fields, as `key=value` pairs.
    const pairs = Object.entries(json).filter(([k]) => !META_KEYS.has(k));
    message = pairs.length > 0 ? pairs.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ') : raw;
  }
  return {
    message,
    ...(level ? { level } : {}),
    ...(Number.isFinite(timestamp) ? { timestamp } : {}),
    ...(errorText ? { errorText } : {}),
  };
}

function errorToText(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return error === undefined ? undefined : String(error);
  const e = error as Record<string, unknown>;
  const head = [e.type ?? e.name ?? e.kind, e.message ?? e.msg].filter((x) => typeof x === 'string').join(': ');
  const stack = typeof e.stack === 'string' ? e.stack : typeof e.stack_trace === 'string' ? e.stack_trace : '';
  // A JavaScript stack already starts with "Type: message".
  if (stack && (!head || stack.startsWith(head))) return stack;
  return [head, stack].filter(Boolean).join('\n') || JSON.stringify(error);
}

/** `a.b` keys: a literal dotted key first, then the nested path. */
function lookup(json: Record<string, unknown>, key: string): unknown {
  if (key in json) return json[key];
  if (!key.includes('.')) return undefined;
  let current: unknown = json;
  for (const part of key.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function firstDefined(json: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) {
    const value = lookup(json, key);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}
