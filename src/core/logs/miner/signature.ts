/**
 * The miner's hot path: a 62-bit hash of a message's masked tokens, computed in one scan
 * without building the tokens or the signature string. Plain words are hashed straight from
 * the message; only tokens that need masking allocate.
 *
 * It hashes exactly the text `maskMessage(message).join(TOKEN_SEPARATOR)` would give (tests
 * hold it to that), so a cache keyed by it is a cache of the masked signature. Lines that need
 * the neighbour rules (date words, quoted spans) or are too long report `false`: the caller
 * takes the token-array path and hashes the tokens with `hashTokens`.
 */
import { countQuotes, DATE_WORDS, isDateWordCandidate, stripPunct } from './mask';
import { charClass, CLASS_QUOTE, CLASS_SLASH, isoDateAt, maskClassified, numericResult, numericSpan } from './maskToken';

/** Joins tokens inside a signature: a control character never kept inside a token. */
export const TOKEN_SEPARATOR = '\u0001';

/** Result of the last hash (FNV-1a and a polynomial hash, 31 bits each), without allocating a pair. */
export const signatureHash = { h1: 0, h2: 0 };

// Local bindings: the hot loop calls these per token, and transpiled imports resolve through a
// namespace lookup per call.
const classOf = charClass;
const maskOne = maskClassified;
const QUOTE_CLASS = CLASS_QUOTE;
const MASKING_CLASSES = CLASS_QUOTE | CLASS_SLASH;
const numeric = numericSpan;
const isoDate = isoDateAt;
const span = numericResult;
const SEPARATOR_CODE = TOKEN_SEPARATOR.charCodeAt(0);
const WILDCARD_TEXT = '<*>';
const TRUE_BITS = letterBits('true');
const FALSE_BITS = letterBits('false');
const NULL_BITS = letterBits('null');

function letterBits(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) - 97);
  return bits;
}

function mayHoldKeyword(bits: number): boolean {
  return (bits & TRUE_BITS) === TRUE_BITS || (bits & FALSE_BITS) === FALSE_BITS || (bits & NULL_BITS) === NULL_BITS;
}

/** Up to 4 chars packed in a number, to test date words without slicing. */
function wordCode(text: string, start: number, end: number): number {
  let code = 0;
  for (let i = start; i < end; i++) code = code * 128 + (text.charCodeAt(i) & 127);
  return code;
}

const DATE_WORD_CODES = new Set([...DATE_WORDS].filter((w) => w.length <= 4).map((w) => wordCode(w, 0, w.length)));

const H1_SEED = 0x811c9dc5 | 0;
const H2_SEED = 0x2545f491;

function mix1(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

function mix2(h: number, c: number): number {
  return (Math.imul(h, 31) + c) | 0;
}

/** Hashes masked tokens (the token-array path) the same way maskHash hashes a message. */
export function hashTokens(tokens: readonly string[]): void {
  let h1 = H1_SEED;
  let h2 = H2_SEED;
  for (let t = 0; t < tokens.length; t++) {
    if (t > 0) {
      h1 = mix1(h1, SEPARATOR_CODE);
      h2 = mix2(h2, SEPARATOR_CODE);
    }
    const token = tokens[t]!;
    for (let i = 0; i < token.length; i++) {
      const c = token.charCodeAt(i);
      h1 = mix1(h1, c);
      h2 = mix2(h2, c);
    }
  }
  signatureHash.h1 = h1 & 0x7fffffff;
  signatureHash.h2 = h2 & 0x7fffffff;
}

/**
 * Hashes the masked signature of `message` into `signatureHash`. Returns false when the line
 * needs the token-array path (neighbour rules) or has more than `maxTokens` tokens.
 */
export function maskHash(message: string, maxTokens: number): boolean {
  let h1 = H1_SEED;
  let h2 = H2_SEED;
  let count = 0;
  let lastEndsWild = false;
  const n = message.length;
  let i = 0;
  while (i < n) {
    let c = message.charCodeAt(i);
    if (c <= 32) {
      i++;
      continue;
    }
    const start = i;
    // Hash the token as a plain word while classifying it; rewind if it turns out to need masking.
    const before1 = h1;
    const before2 = h2;
    if (count > 0) {
      h1 = mix1(h1, SEPARATOR_CODE);
      h2 = mix2(h2, SEPARATOR_CODE);
    }
    let digits = 0;
    let letters = 0;
    let classes = 0;
    let dots = 0;
    let letterSet = 0;
    do {
      h1 = mix1(h1, c);
      h2 = mix2(h2, c);
      if (c >= 48 && c <= 57) digits++;
      else if ((c | 32) >= 97 && (c | 32) <= 122) {
        letters++;
        letterSet |= 1 << ((c | 32) - 97);
      } else if (c === 46) dots++;
      else classes |= classOf(c);
      i++;
    } while (i < n && (c = message.charCodeAt(i)) > 32);
    if ((classes & QUOTE_CLASS) !== 0) {
      const token = message.slice(start, i);
      if (token.includes('="') && countQuotes(token) === 1) return false;
    }
    let masked: string | undefined;
    let maskFrom = -1; // a numeric value in place: message[maskFrom, maskTo) is the `<*>`
    let maskTo = -1;
    if (digits === 0) {
      const first = message.charCodeAt(start);
      const length = i - start;
      if (first <= 90 && length >= 3 && length <= 7) {
        // Date words need their neighbours: plain 3–4 letter words are checked by code, the
        // rest (with punctuation) by text.
        if (classes === 0 && dots === 0) {
          if (length <= 4 && first >= 65 && DATE_WORD_CODES.has(wordCode(message, start, i))) return false;
        } else {
          const token = message.slice(start, i);
          if (isDateWordCandidate(token) && DATE_WORDS.has(stripPunct(token))) return false;
        }
      }
      // Without digits only quotes, paths and true/false/null change a token.
      if ((classes & MASKING_CLASSES) !== 0 || (letters >= 4 && mayHoldKeyword(letterSet))) masked = maskOne(message.slice(start, i), 0, letters, classes, dots);
    } else if (letters === 0 && (classes & MASKING_CLASSES) === 0 && numeric(message, start, i)) {
      maskFrom = span.from;
      maskTo = span.to;
    } else if (letters <= 2 && (classes & QUOTE_CLASS) === 0 && isoDate(message, start, i)) {
      maskFrom = start; // an ISO timestamp: the whole token
      maskTo = i;
    } else {
      masked = maskOne(message.slice(start, i), digits, letters, classes, dots);
    }
    if (masked === undefined && maskFrom < 0) {
      // A plain word: already hashed.
      if (++count > maxTokens) return false;
      lastEndsWild = false;
      continue;
    }
    h1 = before1;
    h2 = before2;
    const startsWild = maskFrom >= 0 ? maskFrom === start : masked!.startsWith(WILDCARD_TEXT);
    if (lastEndsWild && startsWild) {
      // `a<*>` + `<*>b` is the one token `a<*>b`: continue it without a separator.
      const text = maskFrom < 0 ? masked! : message;
      const to = maskFrom < 0 ? masked!.length : i;
      for (let k = maskFrom < 0 ? WILDCARD_TEXT.length : maskTo; k < to; k++) {
        const d = text.charCodeAt(k);
        h1 = mix1(h1, d);
        h2 = mix2(h2, d);
      }
    } else {
      if (++count > maxTokens) return false;
      if (count > 1) {
        h1 = mix1(h1, SEPARATOR_CODE);
        h2 = mix2(h2, SEPARATOR_CODE);
      }
      if (maskFrom < 0) {
        for (let k = 0; k < masked!.length; k++) {
          const d = masked!.charCodeAt(k);
          h1 = mix1(h1, d);
          h2 = mix2(h2, d);
        }
      } else {
        for (let k = start; k < maskFrom; k++) {
          const d = message.charCodeAt(k);
          h1 = mix1(h1, d);
          h2 = mix2(h2, d);
        }
        for (let k = 0; k < WILDCARD_TEXT.length; k++) {
          const d = WILDCARD_TEXT.charCodeAt(k);
          h1 = mix1(h1, d);
          h2 = mix2(h2, d);
        }
        for (let k = maskTo; k < i; k++) {
          const d = message.charCodeAt(k);
          h1 = mix1(h1, d);
          h2 = mix2(h2, d);
        }
      }
    }
    lastEndsWild = maskFrom >= 0 ? maskTo === i : masked!.endsWith(WILDCARD_TEXT);
  }
  signatureHash.h1 = h1 & 0x7fffffff;
  signatureHash.h2 = h2 & 0x7fffffff;
  return true;
}
