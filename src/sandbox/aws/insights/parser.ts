/**
 * Parser for the subset of the Logs Insights query language the engine emits (listed in
 * docs/scenarios.md, "How the emulators serve logs"). Anything outside it throws a
 * QuerySyntaxError naming the construct and its position, which the emulator answers as
 * MalformedQueryException — so an engine change that emits unsupported syntax fails loudly in
 * tests instead of silently matching nothing.
 */
import type { Aggregate, AggregateFunction, Command, FilterExpr, GroupKey, Literal, ParsedQuery, SortKey } from './ast';
import { QuerySyntaxError, tokenize, type Token } from './lexer';

export { QuerySyntaxError } from './lexer';

const SUPPORTED_COMMANDS = ['fields', 'display', 'filter', 'parse', 'stats', 'sort', 'limit', 'pattern'];
/** Real commands the sandbox does not implement: refused by name rather than as "unknown". */
const UNSUPPORTED_COMMANDS = new Set(['dedup', 'unmask', 'unnest', 'lookup', 'diff', 'anomaly', 'source', 'filterindex', 'fieldindex']);
const AGGREGATES = new Set<AggregateFunction>(['count', 'count_distinct', 'sum', 'avg', 'min', 'max']);
const BIN_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** The real service caps results at 10,000 rows per GetQueryResults. */
export const MAX_QUERY_LIMIT = 10_000;

/**
 * Compiles a query regex. Logs Insights regexes are RE2-like: `(?i)` at the start means
 * case-insensitive, and lookarounds do not exist — refusing them keeps the engine honest.
 */
export function compileRegex(source: string, flags: string, token: Pick<Token, 'start' | 'end'>): RegExp {
  let body = source;
  let jsFlags = '';
  for (const flag of flags) {
    if (flag !== 'i') throw new QuerySyntaxError(`unsupported regular expression flag "${flag}" (only i is supported)`, token.start, token.end);
    jsFlags = 'i';
  }
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    jsFlags = 'i';
  }
  if (/\(\?<?[=!]/.test(body)) throw new QuerySyntaxError('lookahead and lookbehind are not supported in Logs Insights regular expressions', token.start, token.end);
  try {
    return new RegExp(body, jsFlags);
  } catch (error) {
    throw new QuerySyntaxError(`invalid regular expression /${source}/: ${(error as Error).message}`, token.start, token.end);
  }
}

class Cursor {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly endOffset: number,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  next(): Token | undefined {
    return this.tokens[this.index++];
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  /** Consumes the token if it is the given identifier/punctuation/operator. */
  accept(value: string, kind?: Token['kind']): Token | undefined {
    const token = this.peek();
    if (token && token.value === value && (kind ? token.kind === kind : token.kind === 'ident' || token.kind === 'punct' || token.kind === 'op')) {
      this.index++;
      return token;
    }
    return undefined;
  }

  expect(value: string, what = `"${value}"`): Token {
    const token = this.accept(value);
    if (!token) throw this.error(`expected ${what}`);
    return token;
  }

  error(message: string, token = this.peek()): QuerySyntaxError {
    if (!token) return new QuerySyntaxError(`${message} but the query ended`, this.endOffset, this.endOffset);
    return new QuerySyntaxError(`${message}, found "${token.kind === 'string' ? JSON.stringify(token.value) : token.value}" at position ${token.start}`, token.start, token.end);
  }
}

/** A field reference: `@message`, `latency`, `` `odd name` ``. */
function field(cursor: Cursor, what = 'a field name'): string {
  const token = cursor.peek();
  if (!token || (token.kind !== 'field' && token.kind !== 'ident')) throw cursor.error(`expected ${what}`);
  cursor.next();
  return token.value;
}

function fieldList(cursor: Cursor): string[] {
  const fields = [field(cursor)];
  while (cursor.accept(',')) fields.push(field(cursor));
  if (cursor.accept('as')) throw cursor.error('field aliases and expressions in fields are not supported by the sandbox; expected "|" or the end of the query');
  return fields;
}

function literal(cursor: Cursor): Literal {
  const token = cursor.peek();
  if (token?.kind === 'string') {
    cursor.next();
    return { kind: 'string', value: token.value };
  }
  if (token?.kind === 'number') {
    cursor.next();
    return { kind: 'number', value: Number(token.value) };
  }
  throw cursor.error('expected a string or number literal');
}

function likePattern(cursor: Cursor, fieldName: string, negated: boolean, regexOnly: boolean): FilterExpr {
  const token = cursor.peek();
  if (token?.kind === 'regex') {
    cursor.next();
    return { kind: 'like', field: fieldName, negated, pattern: { kind: 'regex', regex: compileRegex(token.value, token.flags ?? '', token) } };
  }
  if (token?.kind === 'string' && !regexOnly) {
    cursor.next();
    return { kind: 'like', field: fieldName, negated, pattern: { kind: 'substring', text: token.value } };
  }
  throw cursor.error(regexOnly ? 'expected a /regular expression/ after =~' : 'expected a /regular expression/ or a "string" after like');
}

function predicate(cursor: Cursor): FilterExpr {
  const name = field(cursor, 'a field name in filter');
  if (cursor.accept('like')) return likePattern(cursor, name, false, false);
  if (cursor.peek()?.value === 'not' && cursor.peek(1)?.value === 'like') {
    cursor.next();
    cursor.next();
    return likePattern(cursor, name, true, false);
  }
  const op = cursor.peek();
  if (op?.kind === 'op') {
    cursor.next();
    if (op.value === '=~') return likePattern(cursor, name, false, true);
    const value = literal(cursor);
    if (value.kind === 'string' && op.value !== '=' && op.value !== '!=') {
      throw new QuerySyntaxError(`${op.value} needs a number in the sandbox (string ordering is not supported)`, op.start, op.end);
    }
    return { kind: 'compare', field: name, op: op.value as '=' | '!=' | '<' | '<=' | '>' | '>=', value };
  }
  throw cursor.error(`expected like, not like, =~ or a comparison after ${name}`);
}

function unary(cursor: Cursor): FilterExpr {
  if (cursor.peek()?.kind === 'ident' && cursor.peek()?.value === 'not' && cursor.peek(1)?.value !== 'like') {
    cursor.next();
    return { kind: 'not', expr: unary(cursor) };
  }
  if (cursor.accept('(')) {
    const expr = orExpr(cursor);
    cursor.expect(')', '")" to close "("');
    return expr;
  }
  return predicate(cursor);
}

function andExpr(cursor: Cursor): FilterExpr {
  let left = unary(cursor);
  while (cursor.accept('and')) left = { kind: 'and', left, right: unary(cursor) };
  return left;
}

function orExpr(cursor: Cursor): FilterExpr {
  let left = andExpr(cursor);
  while (cursor.accept('or')) left = { kind: 'or', left, right: andExpr(cursor) };
  return left;
}

/** Named groups of a regex source, in order (`(?<name>`, not lookbehind `(?<=`/`(?<!`). */
function namedGroups(source: string): string[] {
  return [...source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((match) => match[1]);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function parseCommand(cursor: Cursor): Command {
  const parse = () => {
    const source = field(cursor, 'the field to parse');
    const token = cursor.peek();
    if (token?.kind === 'regex') {
      cursor.next();
      const regex = compileRegex(token.value, token.flags ?? '', token);
      const names = namedGroups(regex.source);
      if (names.length === 0) throw new QuerySyntaxError('parse with a regular expression needs at least one named capture group (?<name>…)', token.start, token.end);
      return { kind: 'parse', field: source, regex, names, positional: false } as const;
    }
    if (token?.kind === 'string') {
      // Glob form: parse @message "user=* action=*" as user, action
      cursor.next();
      const pieces = token.value.split('*');
      cursor.expect('as', '"as" and field names after a parse glob');
      const names = [field(cursor)];
      while (cursor.accept(',')) names.push(field(cursor));
      if (names.length !== pieces.length - 1) {
        throw new QuerySyntaxError(`the parse glob has ${pieces.length - 1} "*" but ${names.length} field names follow "as"`, token.start, token.end);
      }
      // Each * is a lazy group, except a trailing one, which takes the rest of the value.
      let body = escapeRegex(pieces[0]);
      for (let i = 1; i < pieces.length; i++) {
        const trailing = i === pieces.length - 1 && pieces[i] === '';
        body += `(${trailing ? '.*' : '.*?'})${escapeRegex(pieces[i])}`;
      }
      return { kind: 'parse', field: source, regex: new RegExp(body, 's'), names, positional: true } as const;
    }
    throw cursor.error('expected a /regular expression/ or a "glob" after the parsed field');
  };

  const token = cursor.next() as Token;
  if (token.kind !== 'ident') throw cursor.error('expected a command', token);
  switch (token.value) {
    case 'fields':
    case 'display':
      return { kind: 'fields', fields: fieldList(cursor), replace: token.value === 'display' };
    case 'filter':
      return { kind: 'filter', expr: orExpr(cursor) };
    case 'parse':
      return parse();
    case 'stats':
      return stats(cursor);
    case 'sort': {
      const keys: SortKey[] = [];
      do {
        const name = field(cursor, 'a field to sort by');
        const descending = cursor.accept('desc') !== undefined;
        if (!descending) cursor.accept('asc');
        keys.push({ field: name, descending });
      } while (cursor.accept(','));
      return { kind: 'sort', keys };
    }
    case 'limit': {
      const count = cursor.next();
      if (!count || count.kind !== 'number' || !/^\d+$/.test(count.value) || Number(count.value) < 1 || Number(count.value) > MAX_QUERY_LIMIT) {
        throw cursor.error(`limit needs an integer between 1 and ${MAX_QUERY_LIMIT}`, count);
      }
      return { kind: 'limit', count: Number(count.value) };
    }
    case 'pattern':
      return { kind: 'pattern', field: field(cursor, 'the field to find patterns in') };
    default: {
      const name = token.value.toLowerCase();
      if (UNSUPPORTED_COMMANDS.has(name)) {
        throw new QuerySyntaxError(`the ${token.value} command is not supported by the Runbook AI sandbox (supported: ${SUPPORTED_COMMANDS.join(', ')})`, token.start, token.end);
      }
      throw new QuerySyntaxError(`unknown command "${token.value}" at position ${token.start} (supported: ${SUPPORTED_COMMANDS.join(', ')})`, token.start, token.end);
    }
  }
}

function stats(cursor: Cursor): Command {
  const aggregates: Aggregate[] = [];
  do {
    const fnToken = cursor.next();
    const fn = fnToken?.value as AggregateFunction | undefined;
    if (!fnToken || fnToken.kind !== 'ident' || !fn || !AGGREGATES.has(fn)) {
      throw cursor.error(`expected an aggregate function (${[...AGGREGATES].join(', ')})`, fnToken);
    }
    cursor.expect('(', `"(" after ${fn}`);
    let argument: string | undefined;
    if (cursor.accept('*')) {
      if (fn !== 'count') throw cursor.error(`${fn}(*) is not valid; name a field`);
    } else {
      argument = field(cursor, `a field inside ${fn}()`);
    }
    cursor.expect(')', `")" to close ${fn}(`);
    const text = `${fn}(${argument ?? '*'})`;
    const name = cursor.accept('as') ? field(cursor, 'an alias after "as"') : text;
    aggregates.push({ fn, field: argument, name });
  } while (cursor.accept(','));

  const groupBy: GroupKey[] = [];
  if (cursor.accept('by')) {
    do {
      if (cursor.peek()?.value === 'bin' && cursor.peek(1)?.value === '(') {
        cursor.next();
        cursor.next();
        const size = cursor.next();
        const match = size?.kind === 'duration' ? /^(\d+)([a-z]+)$/.exec(size.value) : null;
        if (!size || !match || !(match[2] in BIN_UNITS) || Number(match[1]) < 1) {
          throw cursor.error('expected a bin size like 30s, 1m, 5m or 1h (units: ms, s, m, h, d)', size);
        }
        cursor.expect(')', '")" to close bin(');
        const text = `bin(${size.value})`;
        groupBy.push({ kind: 'bin', sizeMs: Number(match[1]) * BIN_UNITS[match[2]], name: cursor.accept('as') ? field(cursor, 'an alias after "as"') : text });
      } else {
        const name = field(cursor, 'a field or bin(…) after "by"');
        groupBy.push({ kind: 'field', field: name, name: cursor.accept('as') ? field(cursor, 'an alias after "as"') : name });
      }
    } while (cursor.accept(','));
  }
  return { kind: 'stats', aggregates, groupBy };
}

/** Parses a whole query; throws QuerySyntaxError. */
export function parseQuery(query: string): ParsedQuery {
  if (query.trim() === '') throw new QuerySyntaxError('the query string is empty', 0, 0);
  const tokens = tokenize(query);
  const cursor = new Cursor(tokens, query.length);
  const commands: Command[] = [];
  for (;;) {
    if (cursor.done() || cursor.peek()?.value === '|') throw cursor.error('expected a command');
    commands.push(parseCommand(cursor));
    if (cursor.done()) break;
    if (!cursor.accept('|')) throw cursor.error('expected "|" or the end of the query');
  }
  const aggregations = commands.filter((command) => command.kind === 'stats' || command.kind === 'pattern').length;
  if (aggregations > 1) {
    throw new QuerySyntaxError('the sandbox supports one stats or pattern command per query', 0, query.length);
  }
  return { commands };
}
