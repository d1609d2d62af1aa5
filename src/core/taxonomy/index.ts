/**
 * The failure vocabularies and the line classifier. `classifyLine` returns every entry whose
 * pattern matches a raw log line, with the entities its named groups captured. Patterns are
 * compiled once at load; a literal prefilter (prefilter.ts) skips patterns that cannot match,
 * so classifying a line costs one pass over it plus the few candidate regexes.
 */
import type { FailureCategory } from '../model';
import { AWS } from './aws';
import { ECS } from './ecs';
import { ELB } from './elb';
import { ERRNO_ENTRIES } from './errno';
import { GRPC } from './grpc';
import { HTTP } from './http';
import { KUBERNETES } from './kubernetes';
import { LIBRARY } from './library';
import { LiteralIndex, requiredLiterals } from './prefilter';
import { RUNTIME } from './runtime';
import type { CaptureName, TaxonomyEntry, TaxonomyMatch, Vocabulary } from './types';

export * from './types';

/** Every entry, vocabulary by vocabulary. */
export const TAXONOMY: readonly TaxonomyEntry[] = [...GRPC, ...ERRNO_ENTRIES, ...HTTP, ...KUBERNETES, ...ECS, ...ELB, ...AWS, ...RUNTIME, ...LIBRARY];

interface CompiledPattern {
  entry: number;
  regex: RegExp;
}

const index = new LiteralIndex();
const compiled: CompiledPattern[] = [];
/** Patterns to try when a literal is in the line, by literal id. */
const patternsByLiteral: number[][] = [];
/** Patterns with no required literal: always tried. */
const alwaysTried: number[] = [];
const byId = new Map<string, TaxonomyEntry>();
TAXONOMY.forEach((entry, entryIndex) => {
  if (byId.has(entry.id)) throw new Error(`duplicate taxonomy id ${entry.id}`);
  byId.set(entry.id, entry);
  for (const pattern of entry.patterns) {
    const literals = requiredLiterals(pattern);
    // A global/sticky flag would make exec stateful; the data never sets one, strip it anyway.
    const regex = pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
    const patternIndex = compiled.push({ entry: entryIndex, regex }) - 1;
    if (!literals) alwaysTried.push(patternIndex);
    for (const literal of new Set(literals)) (patternsByLiteral[index.add(literal)] ??= []).push(patternIndex);
  }
});

export interface ClassifyOptions {
  /** Try every pattern, skipping the prefilter (for tests that check the prefilter is sound). */
  exhaustive?: boolean;
}

/**
 * Every entry matching `text`, once each (its first matching pattern wins). Order: strong
 * before weak, failure modes before symptoms, then by position in the line.
 */
export function classifyLine(text: string, options: ClassifyOptions = {}): TaxonomyMatch[] {
  const matched = new Set<number>();
  const matches: TaxonomyMatch[] = [];
  for (const patternIndex of candidates(text, options.exhaustive === true)) {
    const pattern = compiled[patternIndex]!;
    if (matched.has(pattern.entry)) continue;
    const m = pattern.regex.exec(text);
    if (!m) continue;
    matched.add(pattern.entry);
    matches.push({ entry: TAXONOMY[pattern.entry]!, text: m[0], index: m.index, entities: capturedEntities(m) });
  }
  return matches.sort(byRelevance);
}

/** Pattern indices worth trying on `text`, in data order (so an entry's first pattern wins). */
function candidates(text: string, exhaustive: boolean): number[] {
  if (exhaustive) return compiled.map((_, i) => i);
  const found = index.scan(text.toLowerCase());
  if (found.length === 0) return alwaysTried;
  const set = new Set<number>(alwaysTried);
  for (const id of found) for (const p of patternsByLiteral[id]!) set.add(p);
  return [...set].sort((a, b) => a - b);
}

function capturedEntities(m: RegExpExecArray): Partial<Record<CaptureName, string>> {
  const entities: Partial<Record<CaptureName, string>> = {};
  if (!m.groups) return entities;
  for (const [name, value] of Object.entries(m.groups)) {
    if (value === undefined) continue;
    const cleaned = value.trim().replace(/^["'\u201c]+|["'\u201d]+$/g, '');
    if (cleaned) entities[name as CaptureName] = cleaned;
  }
  return entities;
}

function byRelevance(a: TaxonomyMatch, b: TaxonomyMatch): number {
  const strength = (m: TaxonomyMatch): number => (m.entry.strength === 'strong' ? 0 : 1);
  const symptom = (m: TaxonomyMatch): number => (m.entry.category === 'symptom' || m.entry.category === 'unknown' ? 1 : 0);
  return strength(a) - strength(b) || symptom(a) - symptom(b) || a.index - b.index;
}

/** The entries that indicate `category` (or `symptom`). */
/**
 * The first match that names a failure mode (not a symptom such as an HTTP 500, nor a normal
 * event such as `Pulled`), among those `accept` keeps: what a caller asks when it wants the mode
 * a text is about.
 */
export function failureMatch(text: string, accept: (match: TaxonomyMatch) => boolean = () => true): FailureMatch | undefined {
  return classifyLine(text).find((m): m is FailureMatch => m.entry.category !== 'symptom' && m.entry.category !== 'unknown' && accept(m));
}

/** A match whose entry names a failure mode. */
export type FailureMatch = TaxonomyMatch & { readonly entry: TaxonomyEntry & { readonly category: FailureCategory } };

export function entriesFor(category: FailureCategory | 'symptom'): TaxonomyEntry[] {
  return TAXONOMY.filter((e) => e.category === category);
}

/** The entry with this id (`grpc.UNAVAILABLE`, `k8s.OOMKilled`), if any. */
export function lookup(id: string): TaxonomyEntry | undefined {
  return byId.get(id);
}

/** Entries of one vocabulary. */
export function vocabulary(name: Vocabulary): TaxonomyEntry[] {
  return TAXONOMY.filter((e) => e.vocabulary === name);
}

/** Patterns the prefilter cannot skip (no required literal); kept small so scans stay cheap. */
export function unfilteredPatterns(): { id: string; source: string }[] {
  return alwaysTried.map((i) => ({ id: TAXONOMY[compiled[i]!.entry]!.id, source: compiled[i]!.regex.source }));
}
