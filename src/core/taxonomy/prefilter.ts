/**
 * A cheap prefilter for the matcher: from each pattern's source, the literal text any match
 * must contain (per top-level alternative). A line is tried against a pattern only if one of
 * its literals occurs in the lowercased line. Literals are found in one pass over the line via a
 * trigram index, so a scan stays linear in the text, whatever the number of patterns.
 */

const MIN_LITERAL = 3;

/**
 * The literals a match of `pattern` must contain, lowercased: any one of them is enough to keep
 * the pattern, and one of them is in every match. Undefined when no such set exists (always try
 * the pattern). Conservative by construction: classes, escapes, optional atoms and lookarounds
 * end a literal run; a required group contributes the literals of all its alternatives.
 */
export function requiredLiterals(pattern: RegExp): string[] | undefined {
  return requiredOf(pattern.source)?.map((l) => l.toLowerCase());
}

/** One literal per alternative of `source` (the union is required), or undefined. */
function requiredOf(source: string): string[] | undefined {
  const union: string[] = [];
  for (const alternative of splitTopLevel(source)) {
    const best = requiredOfSequence(alternative);
    if (!best) return undefined;
    union.push(...best);
  }
  return union;
}

/** The best requirement of one alternative: its longest literal run, or a required group's set. */
function requiredOfSequence(alternative: string): string[] | undefined {
  const candidates: string[][] = [];
  let run = '';
  const end = (): void => { if (run.length >= MIN_LITERAL) candidates.push([run]); run = ''; };
  let i = 0;
  while (i < alternative.length) {
    let atom: string | undefined; // the literal character, or undefined for a non-literal atom
    let group: string | undefined; // the body of a group that may be required
    const c = alternative[i]!;
    if (c === '\\') {
      const next = alternative[i + 1] ?? '';
      if (LITERAL_ESCAPE.test(next)) { atom = next; i += 2; }
      else if (next === 'u' || next === 'x' || next === 'p' || next === 'P' || next === 'k' || next === 'c') {
        i += 2;
        if (alternative[i] === '{' || alternative[i] === '<') { while (i < alternative.length && alternative[i] !== '}' && alternative[i] !== '>') i++; i++; }
        else i += next === 'x' ? 2 : next === 'u' ? 4 : next === 'c' ? 1 : 0;
      } else i += 2;
    } else if (c === '[') {
      i = skipClass(alternative, i);
    } else if (c === '(') {
      const close = skipGroup(alternative, i);
      group = groupBody(alternative.slice(i, close));
      i = close;
    } else if (c === '.' || c === '^' || c === '$') {
      i++;
    } else {
      atom = c;
      i++;
    }
    // Quantifier on the atom just read?
    const q = alternative[i];
    let optional = false;
    let repeated = false;
    if (q === '?' || q === '*') { optional = true; i++; }
    else if (q === '+') { repeated = true; i++; }
    else if (q === '{' && /^\{\d+(?:,\d*)?\}/.test(alternative.slice(i))) {
      const m = /^\{(\d+)(,?)(\d*)\}/.exec(alternative.slice(i))!;
      optional = m[1] === '0';
      repeated = !optional && (m[2] === ',' || m[1] !== '1');
      i += m[0].length;
    }
    if (alternative[i] === '?' && (q === '?' || q === '*' || q === '+' || q === '{')) i++; // lazy
    if (group !== undefined && !optional) {
      const inner = requiredOf(group);
      if (inner) candidates.push(inner);
    }
    if (atom === undefined || optional) { end(); continue; }
    run += atom;
    if (repeated) end();
  }
  end();
  // Prefer long literals and small sets: each extra alternative is another way to be a candidate.
  const score = (set: string[]): number => Math.min(...set.map((l) => l.length)) - (set.length - 1) * 2;
  return candidates.sort((a, b) => score(b) - score(a))[0];
}

/** The body of a capturing or non-capturing group; undefined for lookarounds (not consumed). */
function groupBody(group: string): string | undefined {
  const inner = group.slice(1, -1);
  if (inner.startsWith('?:')) return inner.slice(2);
  if (inner.startsWith('?=') || inner.startsWith('?!') || inner.startsWith('?<=') || inner.startsWith('?<!')) return undefined;
  const named = /^\?<[A-Za-z_$][\w$]*>/.exec(inner);
  return named ? inner.slice(named[0].length) : inner;
}

/** Splits a regex source at `|` outside groups and classes. */
function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { parts.push(source.slice(start, i)); start = i + 1; }
  }
  parts.push(source.slice(start));
  return parts;
}

/** Escapes that stand for one literal character (`\.`, `\/`, `\(`); others are classes or assertions. */
const LITERAL_ESCAPE = /[.\\/()[\]{}|?*+^$:'"`<>=!,#&%@~ -]/;

function skipClass(s: string, i: number): number {
  i++;
  while (i < s.length && s[i] !== ']') i += s[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipGroup(s: string, i: number): number {
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') { i += 2; continue; }
    if (c === '[') { i = skipClass(s, i); continue; }
    if (c === '(') depth++;
    else if (c === ')') { depth--; if (depth === 0) return i + 1; }
    i++;
  }
  return i;
}

/**
 * A trigram as a small integer (10 bits per character), so probing needs no slice and the Map
 * keys stay small integers. Non-ASCII characters may collide; startsWith settles every hit.
 */
function trigramAt(s: string, i: number): number {
  return ((s.charCodeAt(i) & 0x3ff) << 20) | ((s.charCodeAt(i + 1) & 0x3ff) << 10) | (s.charCodeAt(i + 2) & 0x3ff);
}

/** Literal lookup by trigram: one Map probe per position of the line. */
export class LiteralIndex {
  private readonly byTrigram = new Map<number, number[]>();
  private readonly literals: string[] = [];
  private readonly ids = new Map<string, number>();

  /** Adds a literal (at least MIN_LITERAL characters); returns its id. */
  add(literal: string): number {
    const existing = this.ids.get(literal);
    if (existing !== undefined) return existing;
    const id = this.literals.push(literal) - 1;
    this.ids.set(literal, id);
    const key = trigramAt(literal, 0);
    const bucket = this.byTrigram.get(key);
    if (bucket) bucket.push(id);
    else this.byTrigram.set(key, [id]);
    return id;
  }

  /** The ids of the literals that occur in `lower`, each once. */
  scan(lower: string): number[] {
    const found: number[] = [];
    const last = lower.length - MIN_LITERAL;
    for (let i = 0; i <= last; i++) {
      const bucket = this.byTrigram.get(trigramAt(lower, i));
      if (bucket === undefined) continue;
      for (const id of bucket) if (!found.includes(id) && lower.startsWith(this.literals[id]!, i)) found.push(id);
    }
    return found;
  }

  get size(): number {
    return this.literals.length;
  }
}
