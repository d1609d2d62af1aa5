/**
 * Masking a whole message: tokens (maskToken.ts), then what needs neighbours — date words
 * beside variables, a quoted value spanning tokens — then adjacent variables merge
 * (`at Fri Jun 17 07:07:00 2005` → `at <*>`, `[<*> <*>]` → `[<*>]`).
 *
 * This is the reference (token array) path; signature.ts is the allocation-free hot path and
 * must agree with it.
 */
import { maskToken, mergeWildcards, WILDCARD } from './maskToken';

export { maskToken, mergeWildcards, WILDCARD };

/** Month, weekday and time-zone names count as variables only next to another variable (dates). */
export const DATE_WORDS = new Set([
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun',
  'UTC', 'GMT', 'PST', 'PDT', 'EST', 'EDT', 'CST', 'CDT', 'MST', 'MDT', 'CET', 'CEST', 'BST', 'IST', 'JST',
]);

const LEADING_PUNCT = '([{<"\'';
const TRAILING_PUNCT = ')]}>"\',;:.!?';
const MAX_QUOTED_SPAN = 6;

/** Splits a message into whitespace-separated tokens (control characters count as space). */
export function tokenize(message: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i < message.length; i++) {
    if (message.charCodeAt(i) <= 32) {
      if (start >= 0) {
        tokens.push(message.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) tokens.push(message.slice(start));
  return tokens;
}

/** Tokenise + mask: the miner's view of a message, as tokens. */
export function maskMessage(message: string): string[] {
  return maskTokens(tokenize(message));
}

/** Masks tokenised text: each token, then the rules that look at neighbours, then merging. */
export function maskTokens(tokens: readonly string[]): string[] {
  const masked = joinQuotedSpans(tokens).map(maskToken);
  // Twice: a run of date words (`Sat Jun 18`) turns variable from the end that touches a value.
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < masked.length; k++) {
      const i = pass === 0 ? k : masked.length - 1 - k;
      const token = masked[i]!;
      if (!isDateWordCandidate(token)) continue;
      const word = stripPunct(token);
      if (DATE_WORDS.has(word) && besideVariable(masked, i)) masked[i] = token.replace(word, WILDCARD);
    }
  }
  return collapseAdjacent(masked);
}

/** Whether a token may be a date word: 3–7 chars, upper-case first letter after punctuation. */
export function isDateWordCandidate(token: string): boolean {
  if (token.length < 3 || token.length > 7) return false;
  let i = 0;
  while (i < token.length && LEADING_PUNCT.includes(token[i]!)) i++;
  const c = token.charCodeAt(i);
  return c >= 65 && c <= 90;
}

/** A double-quoted value of a key spanning a few tokens (`tag="View Lock",`) becomes one token.
 * Only after `=`: a bare opening quote often starts quoted text with structure in it
 * (`"GET /v2/servers HTTP/1.1"`), which stays tokenised. */
function joinQuotedSpans(tokens: readonly string[]): readonly string[] {
  let out: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const end = token.includes('="') && countQuotes(token) === 1 ? closingToken(tokens, i) : -1;
    if (end < 0) {
      out?.push(token);
      continue;
    }
    out ??= tokens.slice(0, i);
    out.push(tokens.slice(i, end + 1).join(' '));
    i = end;
  }
  return out ?? tokens;
}

function closingToken(tokens: readonly string[], open: number): number {
  for (let j = open + 1; j < tokens.length && j <= open + MAX_QUOTED_SPAN; j++) {
    const quotes = countQuotes(tokens[j]!);
    if (quotes === 1) return j;
    if (quotes > 1) return -1;
  }
  return -1;
}

export function countQuotes(token: string): number {
  let n = 0;
  for (let i = 0; i < token.length; i++) if (token.charCodeAt(i) === 34) n++;
  return n;
}

export function stripPunct(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && LEADING_PUNCT.includes(token[start]!)) start++;
  while (end > start && TRAILING_PUNCT.includes(token[end - 1]!)) end--;
  return token.slice(start, end);
}

function besideVariable(tokens: readonly string[], i: number): boolean {
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  return (before !== undefined && before.includes(WILDCARD)) || (after !== undefined && after.includes(WILDCARD));
}

/** Joins a token ending in `<*>` with a following token starting with `<*>`. */
export function collapseAdjacent(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const previous = out[out.length - 1];
    if (previous !== undefined && previous.endsWith(WILDCARD) && token.startsWith(WILDCARD)) {
      out[out.length - 1] = previous.slice(0, -WILDCARD.length) + token;
    } else {
      out.push(token);
    }
  }
  return out;
}
