/**
 * The online template miner: one pass, bounded memory, one configuration for every source.
 *
 * 1. Mask: hard variables (numbers, ids, IPs, paths, …) become `<*>` (maskToken.ts).
 * 2. Match: a masked line joins the cluster whose template covers it token by token. An
 *    exact-signature cache makes the common case one Map lookup.
 * 3. Otherwise it starts a cluster, and the miner looks for siblings: same-length templates
 *    that differ in one slot. When the slot's values look like data (values already seen as
 *    variables, values that recur in another template's slot, many distinct values) the family
 *    folds into one template with `<*>` there; two plain words (`opened`/`closed`) stay
 *    literal, because those are different events. Templates of different lengths fold when
 *    they differ only by variable-length values (`0 bytes` vs `18 bytes (18.4 KB)`).
 * Decisions only ever generalise, so an id handed out stays valid: merged ids alias the survivor.
 *
 * Memory: at most `maxClusters` clusters (least recently used evicted), a bounded signature
 * cache, bounded slot memory and aliases; nothing grows with the number of lines.
 */
import { covers, matchElastic, matchSameLength, newCluster, setTokens, sharedAnchors, countAnchors, type Cluster } from './cluster';
import { collapseAdjacent, maskMessage, WILDCARD } from './mask';
import { alignVariableLength, differingPositions, generaliseTemplates, isVariableSlot } from './merge';
import { normaliseTemplate } from './normalise';
import * as signature from './signature';
import { contextKey, SlotMemory } from './slotMemory';
import { jsonMessage } from './structured';

export interface MinerOptions {
  /** Cluster cap; the least recently used clusters are evicted beyond it. Default 5,000. */
  maxClusters?: number;
  /** Tokens kept per message; the rest folds into one trailing `<*>`. Default 100. */
  maxTokens?: number;
  /** Distinct plain-word values that make a slot a variable on their own. Default 5. */
  variableThreshold?: number;
  /** Exact masked-signature → cluster cache entries (and slot-memory entries). Default 50,000. */
  signatureCacheSize?: number;
  /** Clusters inspected per length when looking for siblings of a new cluster. Default 1,000. */
  siblingScanLimit?: number;
}

export interface TemplateInfo {
  clusterId: number;
  templateId: string;
  template: string;
  count: number;
}

// Module-level aliases for the per-line calls (transpiled imports resolve per call).
const maskHash = signature.maskHash;
const hashTokens = signature.hashTokens;
const signatureHash = signature.signatureHash;

/** Exact-signature cache entry: 62 bits of hash (h1 keys the map, h2 confirms). */
interface CachedSignature {
  h2: number;
  cluster: Cluster;
  next: CachedSignature | undefined;
}

const DEFAULTS: Required<MinerOptions> = {
  maxClusters: 5_000,
  maxTokens: 100,
  variableThreshold: 5,
  signatureCacheSize: 50_000,
  siblingScanLimit: 1_000,
};

/** Length differences the variable-length alignment and elastic matching consider. */
const LENGTH_SLACK = 3;

export class TemplateMiner {
  private readonly options: Required<MinerOptions>;
  private readonly clusters = new Map<number, Cluster>();
  private readonly byLength = new Map<number, Set<Cluster>>();
  private readonly elastic = new Set<Cluster>();
  /** Clusters by skeleton: the only candidates for a variable-length merge. */
  private readonly bySkeleton = new Map<string, Set<Cluster>>();
  private readonly signatures = new Map<number, CachedSignature>();
  private cachedSignatures = 0;
  private readonly aliases = new Map<number, number>();
  private readonly memory: SlotMemory;
  private nextId = 1;
  private tick = 0;

  constructor(options: MinerOptions = {}) {
    this.options = { ...DEFAULTS, ...stripUndefined(options) };
    this.memory = new SlotMemory(this.options.signatureCacheSize);
  }

  /** Number of live clusters. */
  get size(): number {
    return this.clusters.size;
  }

  /**
   * Adds one message; returns its cluster id (resolve it later: clusters merge as they learn).
   * A structured JSON line is templated by its message field (see structured.ts).
   */
  add(line: string): number {
    this.tick++;
    const message = structuredMessage(line);
    let tokens: string[] | undefined;
    if (!maskHash(message, this.options.maxTokens)) {
      tokens = this.tokensOf(message);
      hashTokens(tokens);
    }
    const h1 = signatureHash.h1;
    const h2 = signatureHash.h2;
    const cached = this.cached(h1, h2);
    if (cached) {
      cached.count++;
      cached.lastUsed = this.tick;
      return cached.id;
    }
    tokens ??= this.tokensOf(message);
    let cluster = this.findMatch(tokens, true);
    if (cluster) {
      cluster.count++;
      cluster.lastUsed = this.tick;
    } else {
      cluster = this.generalise(this.create(tokens));
      if (this.clusters.size > this.options.maxClusters) this.evict();
    }
    this.remember(h1, h2, cluster);
    return cluster.id;
  }

  /** The cluster a message would join now, without learning from it. */
  match(line: string): number | undefined {
    const tokens = this.tokensOf(structuredMessage(line));
    hashTokens(tokens);
    return (this.cached(signatureHash.h1, signatureHash.h2) ?? this.findMatch(tokens, false))?.id;
  }

  /** The surviving cluster id for an id handed out earlier (merges alias ids). */
  resolve(id: number): number {
    let current = id;
    for (let hops = 0; hops < 64; hops++) {
      const next = this.aliases.get(current);
      if (next === undefined) break;
      current = next;
    }
    if (current !== id) this.aliases.set(id, current);
    return current;
  }

  /** The normalised template of a cluster (by any id it has had), or undefined once evicted. */
  template(id: number): string | undefined {
    const cluster = this.clusters.get(this.resolve(id));
    if (!cluster) return undefined;
    cluster.template ??= normaliseTemplate(cluster.tokens.join(' '));
    return cluster.template;
  }

  /** Live templates, most frequent first. */
  templates(): TemplateInfo[] {
    return [...this.clusters.values()]
      .map((c) => {
        const template = this.template(c.id)!;
        return { clusterId: c.id, template, templateId: templateIdOf(template), count: c.count };
      })
      .sort((a, b) => b.count - a.count);
  }

  // ------------------------------------------------------------------ matching

  /** Masked tokens of a message; long messages keep `maxTokens` tokens, the rest one `<*>`. */
  private tokensOf(message: string): string[] {
    const tokens = maskMessage(message);
    if (tokens.length <= this.options.maxTokens) return tokens;
    return collapseAdjacent([...tokens.slice(0, this.options.maxTokens - 1), WILDCARD]);
  }

  private findMatch(tokens: readonly string[], learn: boolean): Cluster | undefined {
    const lineAnchors = countAnchors(tokens);
    let best: Cluster | undefined;
    let bestLiterals = -1;
    for (const cluster of this.byLength.get(tokens.length) ?? []) {
      // An all-wildcard template (a line that was only numbers) must not swallow word lines.
      if (cluster.anchors === 0 && lineAnchors > 0) continue;
      const literals = matchSameLength(cluster, tokens);
      if (literals > bestLiterals) {
        best = cluster;
        bestLiterals = literals;
      }
    }
    if (best) {
      if (learn) this.learnValues(best, tokens);
      return best;
    }
    for (const cluster of this.elastic) {
      const delta = tokens.length - cluster.tokens.length;
      if (delta < -LENGTH_SLACK || delta > LENGTH_SLACK || cluster.anchors === 0) continue;
      if (matchElastic(cluster, tokens)) return cluster;
    }
    return undefined;
  }

  /** Literal values seen in variable slots: later siblings with these values fold sooner. */
  private learnValues(cluster: Cluster, tokens: readonly string[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (cluster.matchers[i]!.kind !== 'literal' && !token.includes(WILDCARD)) this.memory.learnVariable(token);
    }
  }

  // ------------------------------------------------------------------ learning

  private create(tokens: string[]): Cluster {
    const cluster = newCluster(this.nextId++, tokens, this.tick);
    this.clusters.set(cluster.id, cluster);
    this.index(cluster);
    this.memory.registerTemplate(tokens);
    return cluster;
  }

  /** Folds a new or changed cluster into its family while the evidence says they are one. */
  private generalise(start: Cluster): Cluster {
    let cluster = start;
    for (let round = 0; round < 16; round++) {
      const merged = this.mergeSiblings(cluster) ?? this.mergeAcrossLengths(cluster);
      if (!merged) return cluster;
      cluster = merged;
    }
    return cluster;
  }

  private mergeSiblings(cluster: Cluster): Cluster | undefined {
    const peers = this.byLength.get(cluster.tokens.length);
    if (!peers) return undefined;
    const bySlot = new Map<number, Cluster[]>();
    const subsumed: Cluster[] = [];
    let scanned = 0;
    for (const other of peers) {
      if (other === cluster) continue;
      if (++scanned > this.options.siblingScanLimit) break;
      // A template that covers another outright absorbs it: the older, more specific cluster
      // would otherwise keep claiming its exact lines.
      if (cluster.anchors > 0 && covers(cluster, other)) {
        subsumed.push(other);
        continue;
      }
      if (other.anchors > 0 && covers(other, cluster)) return this.replace([cluster, other], other.tokens, other.elastic);
      const diff = differingPositions(cluster, other, 1);
      if (!diff) continue;
      // Siblings need shared constants besides the slot: `running` and `blocked` are no family.
      if (sharedAnchors(cluster.tokens, other.tokens) === 0) continue;
      // Fully compatible: one template covers the other (e.g. a new, more general line).
      if (diff.length === 0) return this.merge([cluster, other]);
      const slot = diff[0]!;
      const list = bySlot.get(slot);
      if (list) list.push(other);
      else bySlot.set(slot, [other]);
    }
    if (subsumed.length > 0) return this.replace([cluster, ...subsumed], cluster.tokens, cluster.elastic);
    const slots = [...bySlot.entries()].sort((x, y) => y[1].length - x[1].length);
    for (const [slot, siblings] of slots) {
      const members = [cluster, ...siblings];
      const values = [...new Set(members.map((c) => c.tokens[slot]!))];
      const evidence = {
        values,
        slot,
        isKnownVariable: (v: string) => this.memory.isKnownVariable(v),
        recurrence: this.memory.recurrence(values, new Set(members.map((m) => contextKey(m.tokens, slot)))),
      };
      if (isVariableSlot(evidence, this.options.variableThreshold)) return this.merge(members, slot);
    }
    return undefined;
  }

  private mergeAcrossLengths(cluster: Cluster): Cluster | undefined {
    const length = cluster.tokens.length;
    let scanned = 0;
    for (const other of this.bySkeleton.get(cluster.skeleton) ?? []) {
      const delta = Math.abs(other.tokens.length - length);
      if (delta === 0 || delta > LENGTH_SLACK) continue;
      if (++scanned > this.options.siblingScanLimit) break;
      const aligned = alignVariableLength(cluster, other);
      if (aligned) return this.replace([cluster, other], aligned, true);
    }
    return undefined;
  }

  /** Merges same-length clusters into the oldest one, generalising every differing slot. */
  private merge(members: Cluster[], slot?: number): Cluster {
    if (slot !== undefined) for (const m of members) this.memory.learnVariable(m.tokens[slot]!);
    return this.replace(members, generaliseTemplates(members.map((m) => m.tokens)), members.some((m) => m.elastic));
  }

  private replace(members: Cluster[], tokens: string[], elastic: boolean): Cluster {
    const survivor = members.reduce((a, b) => (a.id <= b.id ? a : b));
    for (const m of members) {
      this.unindex(m);
      if (m !== survivor) {
        this.clusters.delete(m.id);
        m.mergedInto = survivor;
        this.alias(m.id, survivor.id);
        survivor.count += m.count;
        survivor.lastUsed = Math.max(survivor.lastUsed, m.lastUsed);
      }
    }
    setTokens(survivor, tokens);
    survivor.elastic = elastic;
    this.index(survivor);
    this.memory.registerTemplate(tokens);
    return survivor;
  }

  // ------------------------------------------------------------------ bookkeeping

  private index(cluster: Cluster): void {
    const n = cluster.tokens.length;
    let set = this.byLength.get(n);
    if (!set) this.byLength.set(n, (set = new Set()));
    set.add(cluster);
    if (cluster.elastic) this.elastic.add(cluster);
    let skeleton = this.bySkeleton.get(cluster.skeleton);
    if (!skeleton) this.bySkeleton.set(cluster.skeleton, (skeleton = new Set()));
    skeleton.add(cluster);
  }

  private unindex(cluster: Cluster): void {
    const set = this.byLength.get(cluster.tokens.length);
    set?.delete(cluster);
    if (set && set.size === 0) this.byLength.delete(cluster.tokens.length);
    this.elastic.delete(cluster);
    const skeleton = this.bySkeleton.get(cluster.skeleton);
    skeleton?.delete(cluster);
    if (skeleton && skeleton.size === 0) this.bySkeleton.delete(cluster.skeleton);
  }

  private alias(from: number, to: number): void {
    this.aliases.set(from, to);
    // Bounded: the oldest aliases go first; a caller holding one falls back to match().
    if (this.aliases.size > this.options.maxClusters * 8) {
      const oldest = this.aliases.keys().next();
      if (!oldest.done) this.aliases.delete(oldest.value);
    }
  }

  /** The live cluster cached for a signature hash (following merges), if any. */
  private cached(h1: number, h2: number): Cluster | undefined {
    for (let entry = this.signatures.get(h1); entry; entry = entry.next) {
      if (entry.h2 !== h2) continue;
      let cluster = entry.cluster;
      while (cluster.mergedInto) cluster = cluster.mergedInto;
      if (cluster.evicted) return undefined;
      if (cluster !== entry.cluster) entry.cluster = cluster;
      return cluster;
    }
    return undefined;
  }

  private remember(h1: number, h2: number, cluster: Cluster): void {
    if (this.cachedSignatures >= this.options.signatureCacheSize) {
      // Drop the oldest tenth at once: cheaper than per-entry LRU, same bound.
      let drop = Math.ceil(this.options.signatureCacheSize / 10);
      for (const [key, entry] of this.signatures) {
        for (let e: CachedSignature | undefined = entry; e; e = e.next) {
          this.cachedSignatures--;
          drop--;
        }
        this.signatures.delete(key);
        if (drop <= 0) break;
      }
    }
    const head = this.signatures.get(h1);
    for (let entry = head; entry; entry = entry.next) {
      if (entry.h2 === h2) {
        entry.cluster = cluster;
        return;
      }
    }
    this.signatures.set(h1, { h2, cluster, next: head });
    this.cachedSignatures++;
  }

  /** Evicts the least recently used tenth of the clusters. */
  private evict(): void {
    const victims = [...this.clusters.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    const count = Math.max(1, Math.floor(this.options.maxClusters / 10));
    for (const victim of victims.slice(0, count)) {
      this.unindex(victim);
      this.clusters.delete(victim.id);
      victim.evicted = true;
    }
  }
}

/**
 * A JSON log line's message field; a line that ends in a JSON object after a plain prefix
 * (`2024-… INFO [app] {"msg":"…"}`) keeps its prefix; any other line as is.
 */
function structuredMessage(line: string): string {
  const brace = line.indexOf('{');
  if (brace < 0 || line.charCodeAt(line.length - 1) !== 125 /* } */) return line;
  if (brace === 0 || line.slice(0, brace).trim() === '') return jsonMessage(line);
  if (line.charCodeAt(brace + 1) !== 34 /* " */) return line;
  const message = jsonMessage(line.slice(brace));
  return message === line.slice(brace) ? line : `${line.slice(0, brace)}${message}`;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A stable id for a template string: the same template gets the same id in every run and
 * file, so ids can be compared across windows and cited in evidence (FNV-1a based, 13 hex).
 */
export function templateIdOf(template: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x5bd1e995;
  for (let i = 0; i < template.length; i++) {
    const c = template.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${(h2 & 0xfffff).toString(16).padStart(5, '0')}`;
}

/** Mines a batch: one `{ templateId, template }` per message, in order, with final templates. */
export function mineTemplates(messages: readonly string[], options?: MinerOptions): { templateId: string; template: string }[] {
  const miner = new TemplateMiner(options);
  const ids = messages.map((m) => miner.add(m));
  const named = new Map<number, { templateId: string; template: string }>();
  return ids.map((id, i) => {
    const root = miner.resolve(id);
    const known = named.get(root);
    if (known) return known;
    // A line whose cluster was evicted gets the template it would match now, else its own mask.
    const template = miner.template(root) ?? miner.template(miner.match(messages[i]!) ?? -1) ?? normaliseTemplate(maskMessage(structuredMessage(messages[i]!)).join(' '));
    const result = { templateId: templateIdOf(template), template };
    if (miner.template(root) !== undefined) named.set(root, result);
    return result;
  });
}
