/**
 * Masking one whitespace-free token: the variable parts become `<*>`.
 *
 * One rule set for every service (no per-source regexes), following the corrected Loghub
 * convention so templates compare with it: punctuation around a value is kept (`uid=<*>`,
 * `[<*>]`, `<*>,`), numbers, hex, UUIDs, IPs, host:port, times, dates, paths, URLs, quoted
 * values and true/false/null are variables, and adjacent variables merge (`<*>.<*>` → `<*>`).
 *
 * A token is masked only when its shape says it is a value. A word that merely holds a short
 * digit group (`ssh2`, `eth0`, `jk2_init`) stays literal: the miner generalises it later if it
 * varies, so constants like `ssh2` survive while names that vary still become `<*>`.
 */
import * as chars from './chars';
import { isoDateAt, isWholeValue, maskKeyValue, maskUrl, numericResult, numericSpan, WINDOWS_PATH, BOUNDED_NUMBER } from './valueShapes';

export { charClass, CLASS_QUOTE, CLASS_SLASH, WILDCARD } from './chars';
export { isoDateAt, numericResult, numericSpan } from './valueShapes';

// Module-level aliases: these run per token or per character, and transpiled imports resolve
// through a property lookup on every call.
const CLASS_QUOTE = chars.CLASS_QUOTE;
const CLASS_SLASH = chars.CLASS_SLASH;
const LEADING_PUNCT = chars.LEADING_PUNCT;
const TRAILING_PUNCT = chars.TRAILING_PUNCT;
const WILDCARD = chars.WILDCARD;
const classOf = chars.charClass;
const isAlnum = chars.isAlnum;
const isDigit = chars.isDigit;
const isSegmentDelimiter = chars.isSegmentDelimiter;
const isoAt = isoDateAt;
const wholeValue = isWholeValue;
const keyValue = maskKeyValue;
const urlValue = maskUrl;
const numeric = numericSpan;
const numericFound = numericResult;

const KEYWORDS = new Set(['true', 'false', 'null']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An IPv4 address with an optional port, not part of a path (`/10.0.0.1:80` keeps its `:<*>`). */
const IPV4 = /(?<![\w./])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![\w.])/g;
const SEGMENT_CHARS = /[,;!=|"'[\](){}<>:]/;
const PATH = /^(?:\.{1,2}|~)?(?:\/[^/]+)+\/?$/;
const PROTOCOL_VERSION = /^(?:HTTP|HTTPS|SPDY|TLSv?|SSLv?)\/?\d+(?:\.\d+)*$/i;
/** One quoted value inside a token: `'users'`, `tag="View Lock",`, `"x"`. */
const QUOTED_VALUE = /^([^"'`]*)(["'`])[^"'`]+\2([^"'`]*)$/;

/** Masks one token, classifying its characters first. */
export function maskToken(token: string): string {
  let digits = 0;
  let letters = 0;
  let classes = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c | 32) >= 97 && (c | 32) <= 122) letters++;
    else classes |= classOf(c);
  }
  return maskClassified(token, digits, letters, classes);
}

/**
 * Masks a token whose character counts and classes the caller already has (`dots`: number of
 * `.`, or -1 when unknown).
 */
export function maskClassified(token: string, digits: number, letters: number, classes: number, dots = -1): string {
  if (classes & CLASS_QUOTE) {
    const quoted = QUOTED_VALUE.exec(token);
    if (quoted) return `${quoted[1]}${quoted[2]}${WILDCARD}${quoted[2]}${maskToken(quoted[3]!)}`;
  }
  if (digits === 0) {
    if (classes & CLASS_SLASH) return maskComplex(token);
    return letters >= 4 && mayHoldKeyword(token) ? maskSegments(token) : token;
  }
  if (letters === 0 && (classes & (CLASS_SLASH | CLASS_QUOTE)) === 0) {
    const numeric = maskNumeric(token);
    if (numeric !== undefined) return numeric;
  }
  return maskComplex(token, dots);
}

function mayHoldKeyword(token: string): boolean {
  return /true|false|null/i.test(token);
}

/**
 * Letter-free tokens: a number, IP, time or date between optional brackets and trailing
 * punctuation is one `<*>` (`(123)`, `10.0.0.1:80,`, `07:07:00`, `<1`, `#3`, `50%`).
 * Lists (`1,2,3`) and compounds fall through to the general rules.
 */
function maskNumeric(token: string): string | undefined {
  if (!numeric(token, 0, token.length)) return undefined;
  const { from, to } = numericFound;
  return from === 0 && to === token.length ? WILDCARD : `${token.slice(0, from)}${WILDCARD}${token.slice(to)}`;
}

function maskComplex(token: string, dots = -1): string {
  // ISO timestamps are the most common compound value: recognise them before anything else.
  if (token.length >= 10 && token.charCodeAt(4) === 45 && isoAt(token, 0, token.length)) return WILDCARD;
  const scheme = token.indexOf('://');
  if (scheme > 0) {
    const url = urlValue(token, scheme);
    if (url !== undefined) return url;
  }
  const pair = keyValue(token);
  if (pair !== undefined) return pair;
  const first = token.charCodeAt(0);
  // A bare path (`/var/lib/x`); `/10.0.0.1:80` and `/x,` take the segment rules.
  if ((first === 47 || first === 126) && PATH.test(token) && !SEGMENT_CHARS.test(token)) return WILDCARD;
  let work = token;
  if (token.length >= 7 && (dots < 0 ? token.includes('.') : dots >= 3)) {
    IPV4.lastIndex = 0;
    work = token.replace(IPV4, WILDCARD);
    if (work === WILDCARD) return work;
  }
  // Whole values that contain segment delimiters themselves (times, dates, addresses).
  let start = 0;
  let end = work.length;
  while (start < end && LEADING_PUNCT.includes(work[start]!)) start++;
  while (end > start && TRAILING_PUNCT.includes(work[end - 1]!)) end--;
  const core = work.slice(start, end);
  if (start > 0 && work[start - 1] === '<' && BOUNDED_NUMBER.test(`<${core}`)) return `${work.slice(0, start - 1)}${WILDCARD}${work.slice(end)}`;
  if (core.length > 0 && wholeValue(core)) return `${work.slice(0, start)}${WILDCARD}${work.slice(end)}`;
  return mergeWildcards(maskSegments(work));
}

/** Finer delimiters inside a non-path segment: `00000042@2024/5/1` → `<*>@<*>/<*>/<*>`. */
function isPieceDelimiter(c: number): boolean {
  return c === 64 /* @ */ || c === 35 /* # */ || c === 47 /* / */ || c === 92 /* \ */;
}

/** Splits at segment delimiters, masks each segment, keeps the delimiters. */
function maskSegments(token: string): string {
  let out = '';
  let segmentStart = 0;
  let previousDelimiter = -1;
  for (let i = 0; i <= token.length; i++) {
    const c = i < token.length ? token.charCodeAt(i) : -1;
    if (c !== -1 && !isSegmentDelimiter(c)) continue;
    if (i > segmentStart) out += maskSegment(token.slice(segmentStart, i), previousDelimiter);
    if (c !== -1) out += token[i];
    previousDelimiter = c;
    segmentStart = i + 1;
  }
  return out;
}

function maskSegment(segment: string, previousDelimiter: number): string {
  if (segment === '*') return segment; // the middle of an existing `<*>`
  const first = segment.charCodeAt(0);
  if ((first === 47 || first === 46 || first === 126) && PATH.test(segment)) return WILDCARD;
  if (segment.length > 3 && WINDOWS_PATH.test(segment)) return WILDCARD;
  if (segment.length >= 4 && segment.length <= 5 && KEYWORDS.has(segment.toLowerCase())) return WILDCARD;
  // A value after `=` holding a digit or a path separator is one variable, whatever its inner
  // punctuation (`handler=com.acme.a.b@5f3c2e1`, `cmp=com.app/.MainActivity`).
  if (previousDelimiter === 61 /* = */ && (segment.includes('/') || segment.includes('\\'))) return WILDCARD;
  if (!hasDigit(segment)) return segment;
  if (previousDelimiter === 61 /* = */) return WILDCARD;
  if (UUID.test(segment) || PROTOCOL_VERSION.test(segment)) return WILDCARD;
  let out = '';
  let pieceStart = 0;
  for (let i = 0; i <= segment.length; i++) {
    const c = i < segment.length ? segment.charCodeAt(i) : -1;
    if (c !== -1 && !isPieceDelimiter(c)) continue;
    if (i > pieceStart) out += maskWord(segment.slice(pieceStart, i));
    if (c !== -1) out += segment[i];
    pieceStart = i + 1;
  }
  return out;
}

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
}

/**
 * A word without delimiters: `-`-separated parts are judged one by one (`node-246` →
 * `node-<*>`), dotted parts together (`v6.1.7601` → `<*>`, `dump.4821` → `dump.<*>`). Once one
 * part of a compound is a value, its other digit-bearing parts are too
 * (`web-7d9f8b6c5-x2k9p` → `web-<*>`).
 */
function maskWord(word: string): string {
  if (!hasDigit(word)) return KEYWORDS.has(word.toLowerCase()) ? WILDCARD : word;
  const first = word.charCodeAt(0);
  const second = word.length > 1 ? word.charCodeAt(1) : -1;
  if (isDigit(first) || ((first === 45 || first === 43 || first === 46) && isDigit(second))) return WILDCARD;
  const parts = splitDashes(word);
  if (parts.length === 1) return isHardValue(word) ? maskDotted(word) : word;
  const hard = parts.map(isHardValue);
  if (!hard.includes(true)) return word;
  let out = '';
  let lastWasWildcard = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (hard[i] || hasDigit(part)) {
      const masked: string = lastWasWildcard ? WILDCARD : maskDotted(part);
      if (!lastWasWildcard) out += i === 0 ? masked : `-${masked}`;
      lastWasWildcard = masked.endsWith(WILDCARD);
    } else {
      out += i === 0 ? part : `-${part}`;
      lastWasWildcard = false;
    }
  }
  return out;
}

/** Splits at a `-` that follows an alphanumeric (`blk_-123` stays whole: `_` precedes). */
function splitDashes(word: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i < word.length - 1; i++) {
    if (word.charCodeAt(i) === 45 && isAlnum(word.charCodeAt(i - 1))) {
      parts.push(word.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(word.slice(start));
  return parts;
}

/**
 * Whether a dash-free word is a value rather than an identifier that happens to hold a digit:
 * a number, any run of 3+ digits, more digits than letters, or long hex.
 */
function isHardValue(part: string): boolean {
  // Scans dot-separated sub-parts in place (no split: this runs for every id-like token).
  let start = 0;
  for (let i = 0; i <= part.length; i++) {
    if (i < part.length && part.charCodeAt(i) !== 46) continue;
    if (i > start && isHardSub(part, start, i)) return true;
    start = i + 1;
  }
  return false;
}

/** A value: starts with a digit, has a run of 3+ digits, more digits than letters, or is long hex. */
function isHardSub(text: string, start: number, end: number): boolean {
  if (isDigit(text.charCodeAt(start))) return true;
  let digits = 0;
  let letters = 0;
  let run = 0;
  let maxRun = 0;
  let hex = true;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i);
    if (isDigit(d)) {
      digits++;
      run++;
      if (run > maxRun) maxRun = run;
    } else {
      run = 0;
      if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122)) letters++;
      if (!((d >= 97 && d <= 102) || (d >= 65 && d <= 70))) hex = false;
    }
  }
  return digits > 0 && (maxRun >= 3 || digits > letters || (hex && end - start >= 6));
}

/** Index of the first dotted sub-part that is a value, or -1. */
function firstHardSub(subs: readonly string[]): number {
  for (let k = 0; k < subs.length; k++) {
    const sub = subs[k]!;
    if (sub.length > 0 && isHardSub(sub, 0, sub.length)) return k;
  }
  return -1;
}

/**
 * A hard part of a dotted name: words before the first value stay (`dump.4821` → `dump.<*>`,
 * `retries......3` → `retries......<*>`); a dotted name that starts with a value
 * (`10.1.2.3`, `v6.1.7601`, `24-54.host.net`) is one variable.
 */
function maskDotted(part: string): string {
  const subs = part.split('.');
  const hard = firstHardSub(subs);
  if (hard <= 0) return WILDCARD;
  for (let k = 0; k < hard; k++) if (hasDigit(subs[k]!)) return WILDCARD;
  return `${subs.slice(0, hard).join('.')}.${WILDCARD}`;
}

/** `<*><*>` → `<*>` and `<*>.<*>` → `<*>` (the corrected Loghub CV and DV rules). */
export function mergeWildcards(text: string): string {
  if (text.indexOf('><') < 0 && text.indexOf('>.<') < 0) return text;
  let out = text;
  for (;;) {
    const next = out.replace(/<\*>(?:\.?<\*>)+/g, WILDCARD);
    if (next === out) return out;
    out = next;
  }
}
