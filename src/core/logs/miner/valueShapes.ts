/**
 * Value shapes recognised as a whole, before a token is split at its punctuation: numbers,
 * ISO timestamps, URLs, logfmt `key=value`, clock times, addresses, Windows paths. Index-based
 * where the hot path (signature.ts) calls them, so it need not slice the token.
 */
import * as chars from './chars';

// Module-level aliases: these run per character, and transpiled imports resolve through a
// property lookup on every call.
const isAlnum = chars.isAlnum;
const isDigit = chars.isDigit;
const isSegmentDelimiter = chars.isSegmentDelimiter;
const LEADING_PUNCT = chars.LEADING_PUNCT;
const TRAILING_PUNCT = chars.TRAILING_PUNCT;
const WILDCARD = chars.WILDCARD;

const IPV6 = /^(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}$/i;
const CLOCK = /^\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?$/;
/** A host name with a port (`proxy.example.com:5070`, `worker-7:8443`) is one address. */
const HOST_PORT = /^[A-Za-z0-9][\w-]*(?:[.-][\w-]+)+:\d{1,5}$/;
/** `file.c:1831` is a source location, not a host: its line number alone is the variable. */
const SOURCE_FILE = /\.(?:c|cc|cpp|cxx|h|hpp|m|mm|java|kt|scala|groovy|py|rb|go|rs|js|mjs|cjs|ts|tsx|jsx|cs|fs|vb|php|pl|swift|dart|erl|ex|exs|lua|sh):\d+$/i;
/** Java's InetSocketAddress form `host/10.0.0.1:8030` is one address. */
const HOST_SLASH_IP = /^[\w.-]+\/\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$/;
/** A bound or approximation sign belongs to its number (`<1`, `>=5`, `~3`). */
export const BOUNDED_NUMBER = /^(?:<=?|>=?|~)\d[\d.,]*$/;
export const WINDOWS_PATH = /^[A-Za-z]:\\/;

/** Where numericSpan found the value: `text[from, to)` is the `<*>`, the rest is kept. */
export const numericResult = { from: 0, to: 0 };

/**
 * Whether `text[start, end)` (a letter-free token) is one numeric value between optional
 * brackets and trailing punctuation; sets numericResult. Index-based, so the hot path can use it
 * without slicing the token.
 */
export function numericSpan(text: string, start: number, end: number): boolean {
  let from = start;
  let to = end;
  while (from < to && isLeadingNumericPunct(text.charCodeAt(from))) from++;
  while (to > from && isTrailingPunct(text.charCodeAt(to - 1))) to--;
  let i = from;
  // `<1`, `>=5`, `~3`, `#2` are values; `=5` is a key's value and keeps its `=`.
  const sign = text.charCodeAt(i);
  if (i < to && (sign === 60 || sign === 62 || sign === 126 || sign === 35)) {
    i++;
    if (i < to && text.charCodeAt(i) === 61 && (sign === 60 || sign === 62)) i++;
  }
  if (i < to && (text.charCodeAt(i) === 45 || text.charCodeAt(i) === 43)) i++;
  if (i >= to || !isDigit(text.charCodeAt(i))) return false;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!(isDigit(c) || c === 46 || c === 58 || c === 45 || c === 43 || c === 95 || c === 37)) return false;
  }
  numericResult.from = from;
  numericResult.to = to;
  return true;
}

/** `(`, `[`, `{`, `"`, `'` */
function isLeadingNumericPunct(c: number): boolean {
  return c === 40 || c === 91 || c === 123 || c === 34 || c === 39;
}

/** `)]}>"',;:.!?` */
function isTrailingPunct(c: number): boolean {
  return c === 41 || c === 93 || c === 125 || c === 62 || c === 34 || c === 39 || c === 44 || c === 59 || c === 58 || c === 46 || c === 33 || c === 63;
}

/**
 * Whether `text[start, end)` is an ISO-8601 date or date-time: `2024-05-01`,
 * `2024-05-01T10:21`, `…:07`, `….123`, `…Z`, `…+02:00` (the ISO dates a regex would match, without a regex
 * or a slice: every line of most services starts with one).
 */
export function isoDateAt(text: string, start: number, end: number): boolean {
  if (end - start < 10 || !digitsAt(text, start, 4) || text.charCodeAt(start + 4) !== 45 || !digitsAt(text, start + 5, 2) || text.charCodeAt(start + 7) !== 45 || !digitsAt(text, start + 8, 2)) return false;
  let i = start + 10;
  if (i === end) return true;
  const t = text.charCodeAt(i);
  if (t !== 84 /* T */ && t !== 32) return false;
  if (end - i < 6 || !digitsAt(text, i + 1, 2) || text.charCodeAt(i + 3) !== 58 || !digitsAt(text, i + 4, 2)) return false;
  i += 6;
  if (i + 3 <= end && text.charCodeAt(i) === 58 && digitsAt(text, i + 1, 2)) i += 3;
  if (i < end && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44) && i + 1 < end && isDigit(text.charCodeAt(i + 1))) {
    i++;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
  }
  if (i === end) return true;
  const zone = text.charCodeAt(i);
  if (zone === 90 /* Z */) return i + 1 === end;
  if (zone !== 43 && zone !== 45) return false;
  if (!digitsAt(text, i + 1, 2)) return false;
  i += 3;
  if (i < end && text.charCodeAt(i) === 58) i++;
  return end - i === 2 && digitsAt(text, i, 2);
}

function digitsAt(text: string, from: number, count: number): boolean {
  if (from + count > text.length) return false;
  for (let i = from; i < from + count; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** `http://host/x`, `url=https://…`, `(s3://bucket/key)`: the URL is one variable. */
export function maskUrl(token: string, schemeEnd: number): string | undefined {
  let start = schemeEnd;
  while (start > 0 && /[A-Za-z0-9+.-]/.test(token[start - 1]!)) start--;
  if (start === schemeEnd || !/[A-Za-z]/.test(token[start]!)) return undefined;
  let end = token.length;
  while (end > schemeEnd + 3 && TRAILING_PUNCT.includes(token[end - 1]!)) end--;
  return `${token.slice(0, start)}${WILDCARD}${token.slice(end)}`;
}

/**
 * logfmt's `key=value` (optionally bracketed): a value with a digit or a path separator is one
 * variable (`duration_ms=45`, `(uid=0)`, `path=/api/x,`). Other shapes take the general rules.
 */
export function maskKeyValue(token: string): string | undefined {
  const eq = token.indexOf('=');
  if (eq <= 0 || eq === token.length - 1) return undefined;
  let keyStart = 0;
  while (keyStart < eq && LEADING_PUNCT.includes(token[keyStart]!)) keyStart++;
  if (keyStart === eq) return undefined;
  for (let i = keyStart; i < eq; i++) {
    const c = token.charCodeAt(i);
    if (!(isAlnum(c) || c === 95 || c === 46 || c === 45)) return undefined;
  }
  let end = token.length;
  while (end > eq + 1 && TRAILING_PUNCT.includes(token[end - 1]!)) end--;
  let valueHasSignal = false;
  for (let i = eq + 1; i < end; i++) {
    const c = token.charCodeAt(i);
    if (isSegmentDelimiter(c) || c === 34 || c === 39) return undefined;
    if (isDigit(c) || c === 47 || c === 92) valueHasSignal = true;
  }
  if (!valueHasSignal) return undefined;
  return `${token.slice(0, eq + 1)}${WILDCARD}${token.slice(end)}`;
}

export function isWholeValue(core: string): boolean {
  if (core.includes(':')) {
    if (core.length > 3 && WINDOWS_PATH.test(core)) return true;
    if (CLOCK.test(core) || isoDateAt(core, 0, core.length)) return true;
    if (HOST_PORT.test(core) && !SOURCE_FILE.test(core)) return true;
    if (core.includes('/') && HOST_SLASH_IP.test(core)) return true;
    if (core.length >= 6 && IPV6.test(core) && /\d/.test(core)) return true;
    return false;
  }
  return isoDateAt(core, 0, core.length) || BOUNDED_NUMBER.test(core);
}

