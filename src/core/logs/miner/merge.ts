/**
 * When two templates are one: the decisions the miner takes after it creates or changes a
 * cluster. Kept apart from the miner's bookkeeping so the rules can be read (and tested) alone.
 */
import { WILDCARD, collapseAdjacent } from './mask';
import { generaliseTokens, matchersCompatible, type TokenMatcher } from './tokenMatch';

/** What the merge rules read of a template (the miner's clusters carry these precomputed). */
export interface TemplateShape {
  tokens: readonly string[];
  matchers: readonly TokenMatcher[];
  /** Tokens that are not variable tokens (see isVariableToken), with multiplicity. */
  anchorCounts: ReadonlyMap<string, number>;
  anchorTotal: number;
}

/**
 * Positions where two same-length templates disagree (neither token covers the other), or
 * undefined when more than `limit` do or the two only line up through wildcards.
 */
export function differingPositions(a: TemplateShape, b: TemplateShape, limit: number): number[] | undefined {
  const out: number[] = [];
  let covered = 0;
  for (let i = 0; i < a.tokens.length; i++) {
    const x = a.tokens[i]!;
    const y = b.tokens[i]!;
    if (x === y) continue;
    if (matchersCompatible(a.matchers[i]!, b.matchers[i]!, x, y)) {
      // One wildcard covering a literal is a family resemblance; several mean the two
      // templates only line up by accident (shifted variable-length regions).
      if (++covered > MAX_COVERED) return undefined;
      continue;
    }
    out.push(i);
    if (out.length > limit) return undefined;
  }
  return out;
}

const MAX_COVERED = 1;

/** Same-length templates folded into one, position by position. */
export function generaliseTemplates(templates: readonly (readonly string[])[]): string[] {
  const first = templates[0]!;
  return first.map((_, i) => generaliseTokens(templates.map((t) => t[i]!)));
}

/** Values shared with another template's slot that mark a slot as data. */
const RECURRING_VALUES = 2;

const QUOTED = /^[^"'`]*["'`].*["'`][^"'`]*$/;

export interface SlotEvidence {
  /** Distinct literal values seen at the slot across the sibling templates. */
  values: readonly string[];
  /** Whether a value was already seen in a slot that is a variable elsewhere. */
  isKnownVariable(value: string): boolean;
  /**
   * How the values also fill a slot of other templates: user names recur across
   * `session opened for user X` and `session closed for user X`. `values`: the most of them in
   * one other context; `contexts`: other contexts holding two or more of them.
   */
  recurrence: { values: number; contexts: number };
  /** Token position of the slot. */
  slot: number;
}

/**
 * Whether one slot that separates sibling templates holds a variable. Few distinct values
 * that are plain words (`opened`/`closed`, `RUNNING`/`FAILED`) are constants that make different
 * events; many distinct values, or values that already look like data, are a variable.
 */
export function isVariableSlot(evidence: SlotEvidence, threshold: number): boolean {
  const values = evidence.values;
  if (values.length < 2) return true;
  if (values.some(isVariableToken)) return true;
  if (values.every((v) => QUOTED.test(v))) return true;
  // A log level is what an SRE filters on: `INFO x` and `ERROR x` stay different templates.
  if (values.some((v) => LEVEL_WORDS.has(slotCore(v).toLowerCase()))) return false;
  // Upper-case words are enumerations (GET/POST, RUNNING/FAILED): only many values make them data.
  if (!values.every(isEnumWord)) {
    const known = values.filter((v) => evidence.isKnownVariable(v)).length;
    if (known >= values.length - 1 && known >= 1) return true;
    // In a grid of event words × names (opened/closed × users) both slots recur; the data slot
    // is the one with more values than the contexts its values recur in.
    const r = evidence.recurrence;
    if (values.length >= 3 && r.values >= RECURRING_VALUES && values.length > r.contexts) return true;
  }
  // The first word names the event far more often than it carries data (`boot (command 5)`,
  // `cupsd startup succeeded`): counting values alone never makes it a variable.
  if (evidence.slot === 0) return false;
  return values.length >= threshold;
}

const LEVEL_WORDS = new Set(['trace', 'debug', 'info', 'notice', 'warn', 'warning', 'error', 'err', 'fatal', 'critical', 'crit', 'severe', 'alert', 'emerg', 'emergency', 'panic']);

function isEnumWord(value: string): boolean {
  return /^[A-Z][A-Z0-9_]+$/.test(slotCore(value));
}

/** The part of a slot value that varies: `user=root` → `root`, `(host)` → `host`. */
export function slotCore(value: string): string {
  const eq = value.lastIndexOf('=');
  const afterKey = eq >= 0 && eq < value.length - 1 ? value.slice(eq + 1) : value;
  return afterKey.replace(/^[([{<"'`]+/, '').replace(/[)\]}>"'`,;:.!?]+$/, '');
}

/** Template tokens (units) that may stay unaligned in a variable-length merge. */
const MAX_UNANCHORED = 2;

const UNIT = /^[(]?(?:[kKMGTPE]?i?[bB]|bytes?|[mµun]?s|secs?|seconds?|mins?|minutes?|hours?|h|days?|%)[)\],;:.]*$/;

/** A token that is a variable and at most punctuation (`<*>`, `(<*>`, `<*>,`), not `key=<*>`. */
export function isVariableToken(token: string): boolean {
  return token.includes(WILDCARD) && /^[^A-Za-z0-9]*$/.test(token.split(WILDCARD).join(''));
}

/**
 * Aligns templates of different lengths whose only differences are variable-length values: a
 * region may differ if it holds a variable and at most measurement units (`18 bytes (18.4 KB)`
 * vs `0 bytes`; `<1 sec` vs `00:01`). Returns the merged template, or undefined.
 * Constants must anchor most of both templates, so `to <*> refused` never absorbs `timed out`.
 */
export function alignVariableLength(shapeA: TemplateShape, shapeB: TemplateShape): string[] | undefined {
  // Cheap bounds first: the LCS is at most the smaller anchor count and the shared anchors.
  const needed = Math.max(2, shapeA.anchorTotal - MAX_UNANCHORED, shapeB.anchorTotal - MAX_UNANCHORED);
  if (Math.min(shapeA.anchorTotal, shapeB.anchorTotal) < needed) return undefined;
  let shared = 0;
  for (const [anchor, count] of shapeA.anchorCounts) shared += Math.min(count, shapeB.anchorCounts.get(anchor) ?? 0);
  if (shared < needed) return undefined;
  const a = shapeA.tokens;
  const b = shapeB.tokens;
  const anchors = anchorLcs(a, b);
  if (anchors.length < needed) return undefined;
  const out: string[] = [];
  let ia = 0;
  let ib = 0;
  for (let k = 0; k <= anchors.length; k++) {
    const [na, nb] = k < anchors.length ? anchors[k]! : [a.length, b.length];
    const gapA = a.slice(ia, na);
    const gapB = b.slice(ib, nb);
    if (gapA.length > 0 || gapB.length > 0) {
      if (!gapIsVariable(gapA, gapB)) return undefined;
      if (gapA.length === gapB.length && gapA.length > 0) {
        for (let i = 0; i < gapA.length; i++) out.push(generaliseTokens([gapA[i]!, gapB[i]!]));
      } else {
        out.push(WILDCARD);
      }
    }
    if (k < anchors.length) out.push(a[na]!);
    ia = na + 1;
    ib = nb + 1;
  }
  return collapseAdjacent(out);
}

/** A token a variable-length value may consist of: a variable or a measurement unit. */
export function isAbsorbable(token: string): boolean {
  return isVariableToken(token) || UNIT.test(token);
}

/** A differing region is a variable-length value: variables plus at most measurement units. */
function gapIsVariable(gapA: readonly string[], gapB: readonly string[]): boolean {
  const both = [...gapA, ...gapB];
  if (!both.some(isVariableToken)) return false;
  return both.every(isAbsorbable);
}

/** Longest common subsequence of non-variable tokens, as index pairs. */
function anchorLcs(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const here = i * (m + 1) + j;
      if (a[i] === b[j] && !isVariableToken(a[i]!)) table[here] = table[(i + 1) * (m + 1) + j + 1]! + 1;
      else table[here] = Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j] && !isVariableToken(a[i]!)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[(i + 1) * (m + 1) + j]! >= table[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return pairs;
}
