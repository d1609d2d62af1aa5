/**
 * A cluster: one template and what is derived from it for fast matching and merging.
 */
import { WILDCARD } from './mask';
import { isAbsorbable, isVariableToken, type TemplateShape } from './merge';
import { compileToken, tokenMatches, type TokenMatcher } from './tokenMatch';

export interface Cluster extends TemplateShape {
  id: number;
  tokens: string[];
  matchers: TokenMatcher[];
  count: number;
  lastUsed: number;
  /** Normalised template text, computed on demand. */
  template: string | undefined;
  /** Tokens that are not a bare `<*>`: a template needs some to claim a line. */
  anchors: number;
  anchorCounts: Map<string, number>;
  anchorTotal: number;
  /**
   * Made by a variable-length merge: its bare `<*>` stand for zero or more tokens, the extra
   * ones being variables or units (`<*> bytes <*> received` covers `0 bytes received` and
   * `9 bytes (9 KB) received`).
   */
  elastic: boolean;
  /** Set when this cluster was merged into another (follow the chain to the survivor). */
  mergedInto: Cluster | undefined;
  /** Set when evicted: cached references to it are stale. */
  evicted: boolean;
  /**
   * The tokens that are neither variables nor units, joined: two templates can only differ by
   * variable-length values if their skeletons are equal (see alignVariableLength).
   */
  skeleton: string;
}

export function newCluster(id: number, tokens: string[], tick: number): Cluster {
  const cluster: Cluster = {
    id,
    tokens,
    matchers: [],
    count: 1,
    lastUsed: tick,
    template: undefined,
    anchors: 0,
    anchorCounts: new Map(),
    anchorTotal: 0,
    elastic: false,
    mergedInto: undefined,
    evicted: false,
    skeleton: '',
  };
  setTokens(cluster, tokens);
  return cluster;
}

/** Installs a template on a cluster with everything derived from it. */
export function setTokens(cluster: Cluster, tokens: string[]): void {
  cluster.tokens = tokens;
  cluster.matchers = tokens.map(compileToken);
  cluster.template = undefined;
  cluster.anchors = countAnchors(tokens);
  cluster.anchorCounts = new Map();
  let variables = 0;
  for (const t of tokens) {
    if (isVariableToken(t)) variables++;
    else cluster.anchorCounts.set(t, (cluster.anchorCounts.get(t) ?? 0) + 1);
  }
  cluster.anchorTotal = tokens.length - variables;
  cluster.skeleton = tokens.filter((t) => !isAbsorbable(t)).join('\u0001');
}

export function countAnchors(tokens: readonly string[]): number {
  let n = 0;
  for (const t of tokens) if (t !== WILDCARD) n++;
  return n;
}

/** Positions holding the same non-wildcard token in both templates. */
export function sharedAnchors(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] && a[i] !== WILDCARD) n++;
  return n;
}

/** Whether `general` matches every token of the same-length template `specific`. */
export function covers(general: Cluster, specific: Cluster): boolean {
  if (general.tokens.length !== specific.tokens.length) return false;
  for (let i = 0; i < general.tokens.length; i++) {
    if (general.tokens[i] !== specific.tokens[i] && !tokenMatches(general.matchers[i]!, specific.tokens[i]!)) return false;
  }
  return true;
}

/** Token-by-token match of a same-length line; returns the literal matches, or -1. */
export function matchSameLength(cluster: Cluster, tokens: readonly string[]): number {
  let literals = 0;
  for (let i = 0; i < tokens.length; i++) {
    const matcher = cluster.matchers[i]!;
    if (!tokenMatches(matcher, tokens[i]!)) return -1;
    if (matcher.kind === 'literal') literals++;
  }
  return literals;
}

/** Match against an elastic cluster: each bare `<*>` takes zero or more absorbable tokens. */
export function matchElastic(cluster: Cluster, tokens: readonly string[]): boolean {
  const t = cluster.matchers.length;
  const l = tokens.length;
  // failed[i * (l + 1) + j]: template suffix i cannot match line suffix j.
  const failed = new Uint8Array((t + 1) * (l + 1));
  const step = (i: number, j: number): boolean => {
    if (i === t) return j === l;
    if (failed[i * (l + 1) + j]) return false;
    const matcher = cluster.matchers[i]!;
    let ok = false;
    if (matcher.kind === 'any') {
      if (step(i + 1, j)) ok = true;
      else {
        for (let k = j; k < l; k++) {
          if (k > j && !isAbsorbable(tokens[k]!)) break;
          if (step(i + 1, k + 1)) {
            ok = true;
            break;
          }
        }
      }
    } else {
      ok = j < l && tokenMatches(matcher, tokens[j]!) && step(i + 1, j + 1);
    }
    if (!ok) failed[i * (l + 1) + j] = 1;
    return ok;
  };
  return step(0, 0);
}
