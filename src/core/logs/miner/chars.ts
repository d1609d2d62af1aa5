/**
 * Character-level vocabulary shared by the masking modules: the wildcard, character classes
 * gathered in one scan (so plain words never reach a regex), and the punctuation that wraps
 * values.
 */

export const WILDCARD = '<*>';

export const CLASS_SLASH = 1;
export const CLASS_QUOTE = 2;
export const CLASS_COLON = 4;
export const CLASS_STRUCT = 8; // = , ; ! | ( ) [ ] { } < > @ #
export const CLASS_OTHER = 16; // anything else that is not a letter, digit, '.', '-', '_'

const CLASS_TABLE = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    if (ch === '/' || ch === '\\') table[c] = CLASS_SLASH;
    else if (ch === '"' || ch === "'" || ch === '`') table[c] = CLASS_QUOTE;
    else if (ch === ':') table[c] = CLASS_COLON;
    else if ('=,;!|()[]{}<>@#'.includes(ch)) table[c] = CLASS_STRUCT;
    else if (/[A-Za-z0-9._-]/.test(ch)) table[c] = 0;
    else table[c] = CLASS_OTHER;
  }
  return table;
})();

export function charClass(c: number): number {
  return c < 128 ? CLASS_TABLE[c]! : CLASS_OTHER;
}

export const LEADING_PUNCT = '([{<"\'';
export const TRAILING_PUNCT = ')]}>"\',;:.!?';

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Segment delimiters of a token: values live between them (`key=<*>`, `(<*>)`, `a:<*>`). */
export function isSegmentDelimiter(c: number): boolean {
  switch (c) {
    case 44: // ,
    case 59: // ;
    case 33: // !
    case 61: // =
    case 124: // |
    case 34: // "
    case 39: // '
    case 91: // [
    case 93: // ]
    case 40: // (
    case 41: // )
    case 123: // {
    case 125: // }
    case 60: // <
    case 62: // >
    case 58: // :
      return true;
    default:
      return false;
  }
}

