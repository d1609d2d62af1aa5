/**
 * Tokenizer for the sandbox's subset of the CloudWatch Logs Insights query language.
 *
 * The subset has no arithmetic, so a `/` always opens a regular expression literal — that is
 * what lets `filter @message like /a|b/` keep its `|` instead of splitting the pipeline there.
 * Every token keeps its character offsets: MalformedQueryException answers point at them.
 */

export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based offsets into the query string, end exclusive. */
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

export type TokenKind =
  | 'ident' // commands, keywords and plain field names: filter, like, latency, user.id
  | 'field' // @message, @timestamp, `field with spaces`
  | 'string' // "…" or '…' (value is unescaped)
  | 'regex' // /…/flags (value is the source, flags separate)
  | 'number' // 42, 1.5
  | 'duration' // 5m, 30s, 1h (bin sizes)
  | 'op' // = != < <= > >= =~
  | 'punct'; // | , ( ) *

export interface Token {
  kind: TokenKind;
  /** The token's meaning: unescaped string, regex source, identifier or operator text. */
  value: string;
  /** Regex flags (only `i` is accepted). */
  flags?: string;
  start: number;
  end: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_.]/;

function readQuoted(query: string, start: number, quote: string): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < query.length) {
    const char = query[i];
    if (char === '\\' && i + 1 < query.length) {
      const next = query[i + 1];
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
      continue;
    }
    if (char === quote) return { value, end: i + 1 };
    value += char;
    i++;
  }
  throw new QuerySyntaxError(`unterminated string literal starting at position ${start}`, start, query.length);
}

/** `/source/flags`: `\/` stays escaped in the source (JS RegExp accepts it as a literal slash). */
function readRegex(query: string, start: number): { value: string; flags: string; end: number } {
  let i = start + 1;
  let inClass = false;
  while (i < query.length) {
    const char = query[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) {
      const source = query.slice(start + 1, i);
      let end = i + 1;
      while (end < query.length && /[A-Za-z]/.test(query[end])) end++;
      return { value: source, flags: query.slice(i + 1, end), end };
    }
    i++;
  }
  throw new QuerySyntaxError(`unterminated regular expression starting at position ${start}`, start, query.length);
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i];
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const start = i;
    if (char === '"' || char === "'") {
      const { value, end } = readQuoted(query, i, char);
      tokens.push({ kind: 'string', value, start, end });
      i = end;
    } else if (char === '`') {
      const close = query.indexOf('`', i + 1);
      if (close < 0) throw new QuerySyntaxError(`unterminated \`field name\` starting at position ${start}`, start, query.length);
      tokens.push({ kind: 'field', value: query.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
    } else if (char === '/') {
      const { value, flags, end } = readRegex(query, i);
      tokens.push({ kind: 'regex', value, flags, start, end });
      i = end;
    } else if (char === '@') {
      let end = i + 1;
      while (end < query.length && IDENT_PART.test(query[end])) end++;
      if (end === i + 1) throw new QuerySyntaxError(`expected a field name after "@" at position ${start}`, start, start + 1);
      tokens.push({ kind: 'field', value: query.slice(i, end), start, end });
      i = end;
    } else if (/[0-9]/.test(char)) {
      const match = /^\d+(\.\d+)?/.exec(query.slice(i)) as RegExpExecArray;
      let end = i + match[0].length;
      // A unit glued to the number makes a duration (bin(5m)); anything else glued on is an error.
      if (end < query.length && /[A-Za-z]/.test(query[end])) {
        while (end < query.length && /[A-Za-z]/.test(query[end])) end++;
        tokens.push({ kind: 'duration', value: query.slice(i, end), start, end });
      } else {
        tokens.push({ kind: 'number', value: match[0], start, end });
      }
      i = end;
    } else if (IDENT_START.test(char)) {
      let end = i + 1;
      while (end < query.length && IDENT_PART.test(query[end])) end++;
      tokens.push({ kind: 'ident', value: query.slice(i, end), start, end });
      i = end;
    } else if (char === '!' || char === '<' || char === '>' || char === '=') {
      const two = query.slice(i, i + 2);
      const op = ['!=', '<=', '>=', '=~'].includes(two) ? two : char;
      if (op === '!') throw new QuerySyntaxError(`unexpected symbol "!" at position ${start}`, start, start + 1);
      tokens.push({ kind: 'op', value: op, start, end: i + op.length });
      i += op.length;
    } else if ('|,()*'.includes(char)) {
      tokens.push({ kind: 'punct', value: char, start, end: i + 1 });
      i++;
    } else {
      throw new QuerySyntaxError(`unexpected symbol "${char}" at position ${start}`, start, start + 1);
    }
  }
  return tokens;
}
