/**
 * Template tokens: a literal, the bare wildcard `<*>`, or a partial wildcard such as `uid=<*>`,
 * `(<*>)` or `<*>@<*>/<*>`. Matching and generalising work on these.
 */
import { mergeWildcards, WILDCARD } from './mask';

/** Compiled form of one template token, so matching a line costs string compares only. */
export type TokenMatcher =
  | { kind: 'literal'; text: string }
  | { kind: 'any' }
  | { kind: 'glob'; text: string; parts: string[] };

export function compileToken(token: string): TokenMatcher {
  if (token === WILDCARD) return { kind: 'any' };
  if (!token.includes(WILDCARD)) return { kind: 'literal', text: token };
  return { kind: 'glob', text: token, parts: token.split(WILDCARD) };
}

/** Whether a (masked) line token is an instance of a template token. */
export function tokenMatches(matcher: TokenMatcher, value: string): boolean {
  switch (matcher.kind) {
    case 'any':
      return true;
    case 'literal':
      return matcher.text === value;
    case 'glob':
      return value === matcher.text || globMatches(matcher.parts, value);
  }
}

function globMatches(parts: readonly string[], value: string): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const limit = value.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = value.indexOf(parts[i]!, at);
    if (found < 0 || found + parts[i]!.length > limit) return false;
    at = found + parts[i]!.length;
  }
  return true;
}

/** Whether two compiled template tokens can describe the same value (either covers the other). */
export function matchersCompatible(a: TokenMatcher, b: TokenMatcher, textA: string, textB: string): boolean {
  if (textA === textB || a.kind === 'any' || b.kind === 'any') return true;
  if (a.kind === 'glob' && tokenMatches(a, textB)) return true;
  if (b.kind === 'glob' && tokenMatches(b, textA)) return true;
  return false;
}

const OPAQUE = '\u0001';
const OPENERS = '([{<"\'';
const CLOSERS = ')]}>"\',;:.!?';
/** Prefix ends that mark a key (`user=`, `pid:`, `(uid=`) or an opening bracket or quote. */
const KEY_ENDS = '=:([{<"\'@#/.';

/**
 * The most specific token covering all values: shared leading key/punctuation and shared
 * trailing punctuation are kept, the rest becomes `<*>` (`user=root`,`user=admin` → `user=<*>`;
 * `(host8.net)`,`(dsl.example.net)` → `(<*>)`).
 */
export function generaliseTokens(values: readonly string[]): string {
  const distinct = [...new Set(values)];
  if (distinct.length === 1) return distinct[0]!;
  if (distinct.includes(WILDCARD)) return WILDCARD;
  // Existing wildcards become one opaque char so no prefix or suffix cuts through them.
  const encoded = distinct.map((v) => v.split(WILDCARD).join(OPAQUE));
  let prefix = encoded[0]!;
  let suffix = encoded[0]!;
  for (const value of encoded.slice(1)) {
    prefix = commonPrefix(prefix, value);
    suffix = commonSuffix(suffix, value);
  }
  let keep = 0;
  for (let i = 0; i < prefix.length; i++) {
    if (KEY_ENDS.includes(prefix[i]!)) keep = i + 1;
    else if (!isKeyChar(prefix.charCodeAt(i))) break;
  }
  prefix = prefix.slice(0, keep);
  let tail = 0;
  while (tail < suffix.length && CLOSERS.includes(suffix[suffix.length - 1 - tail]!)) tail++;
  suffix = suffix.slice(suffix.length - tail);
  // Never let prefix and suffix overlap inside the shortest value.
  const shortest = Math.min(...encoded.map((v) => v.length));
  if (prefix.length + suffix.length > shortest) suffix = '';
  if (prefix.length + suffix.length > shortest) prefix = '';
  return mergeWildcards(`${prefix}${WILDCARD}${suffix}`.split(OPAQUE).join(WILDCARD));
}

function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45 || OPENERS.includes(String.fromCharCode(c));
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return a.slice(0, i);
}

function commonSuffix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return a.slice(a.length - i);
}
