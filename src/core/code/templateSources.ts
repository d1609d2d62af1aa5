/**
 * Log template → the source line(s) that print it. A template (`WARN thumbnail cache size=<*>
 * entries, heap used <*> MB`) is what the code wrote literally with the interpolated values
 * masked, so its constant fragments are literal substrings of the emitting line. They are
 * searched with `git grep -F` (fixed strings: log text is never turned into a regular
 * expression) and each hit is scored by how much of the template's constant text it holds.
 *
 * Log lines often carry more constant text than the code has in one literal (a logger adds the
 * level, the code prints `error.stack`), so levels are dropped and long fragments are also
 * searched by their word-boundary prefixes and suffixes.
 */
import type { GitProvider } from '../../providers/types';

export interface SourceMatch {
  /** Relative to the repository root, `/`-separated. */
  path: string;
  /** 1-based */
  line: number;
  text: string;
  /** 0–1: the share of the template's constant text on the line, weighted by the kind of file and line. */
  score: number;
  /** The fragments of the template found on the line. */
  matchedParts: string[];
}

export interface TemplateSourceOptions {
  /** Results returned (default 10). */
  maxResults?: number;
  /** Lines git grep may return (default 400): a fragment matching more is not distinctive anyway. */
  maxGrepMatches?: number;
  /** Results scoring below this are dropped (default 0.15). */
  minScore?: number;
  signal?: AbortSignal;
}

/** Placeholders of the template miners (`<*>`, `<NUM>`, `<IP>`) and characters code would escape. */
const SPLIT = /<\*>|<[A-Z][A-Z0-9_]*>|["'`\\]/;
/** Severity words a logger usually prints itself (the code does not contain them in the message). */
const LEVEL = /^(?:\[?(?:TRACE|DEBUG|FINE|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|FATAL|CRITICAL|CRIT|ALERT|EMERG|PANIC)\]?:?(?:\s+|$))+/i;
/** Single words too common in code to identify a log statement. */
const GENERIC = new Set(['error', 'errors', 'failed', 'failure', 'fail', 'exception', 'warning', 'warn', 'info', 'debug', 'null', 'undefined', 'true', 'false', 'none', 'done', 'start', 'started', 'stop', 'stopped', 'ok', 'success', 'request', 'response', 'status', 'value', 'result', 'message', 'timeout', 'retry', 'retrying']);
/** Shortest fragment searched on its own, and shortest prefix/suffix cut from a longer one. */
const MIN_FRAGMENT = 4;
const MIN_PIECE = 10;
const MAX_SEARCH_STRINGS = 16;

export interface TemplateFragment {
  /** The constant text as the template has it (level removed, trimmed). */
  text: string;
  /** Strings whose presence on a line counts as finding this fragment: itself, then prefixes/suffixes, longest first. */
  searches: string[];
}

function isDistinctive(text: string): boolean {
  if (text.length < MIN_FRAGMENT || !/[A-Za-z]{2}/.test(text)) return false;
  const words = text.toLowerCase().match(/[a-z][a-z0-9_]*/g) ?? [];
  return !(words.length === 1 && GENERIC.has(words[0]) && text.replace(/[^A-Za-z]/g, '').length === words[0].length);
}

/** Word-boundary prefixes and suffixes of a fragment, longest first, down to MIN_PIECE characters. */
function pieces(text: string): string[] {
  const out: string[] = [];
  const boundaries = [...text.matchAll(/\s+/g)].map((match) => match.index ?? 0);
  for (const at of boundaries) out.push(text.slice(0, at).trim(), text.slice(at).trim());
  return out.filter((piece) => piece.length >= MIN_PIECE && isDistinctive(piece)).sort((a, b) => b.length - a.length);
}

/** The template's constant fragments and what to search for each. */
export function templateFragments(template: string): TemplateFragment[] {
  const firstLine = template.split(/\r?\n/)[0] ?? '';
  const seen = new Set<string>();
  const fragments: TemplateFragment[] = [];
  for (const raw of firstLine.split(SPLIT)) {
    const text = raw.trim().replace(LEVEL, '').trim();
    if (!isDistinctive(text) || seen.has(text)) continue;
    seen.add(text);
    fragments.push({ text, searches: [text, ...pieces(text)] });
  }
  return fragments;
}

/**
 * The strings to grep: every fragment, then the longest pieces, bounded. Short strings are left
 * out when longer ones exist: a line holding only a short one scores too low to be kept, and
 * in a large repository its many hits would use up the grep's match budget.
 */
function searchStrings(fragments: readonly TemplateFragment[]): string[] {
  const whole = fragments.map((fragment) => fragment.text);
  const partial = fragments.flatMap((fragment) => fragment.searches.slice(1));
  const all = [...new Set([...whole, ...partial.sort((a, b) => b.length - a.length)])];
  const long = all.filter((search) => search.length >= MIN_PIECE);
  return (long.length ? long : all).slice(0, MAX_SEARCH_STRINGS);
}

/** Where a file sits: the emitting line is in source, not in its tests, docs or lockfiles. */
export function fileWeight(path: string): number {
  const lower = `/${path.toLowerCase()}`;
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  if (/^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|cargo\.lock|go\.sum|poetry\.lock|gemfile\.lock|composer\.lock|pipfile\.lock)$/.test(name)) return 0.05;
  if (/\/(?:node_modules|vendor|third_party|dist|build|out|target)\//.test(lower) || /\.(?:min\.js|map)$/.test(name)) return 0.2;
  if (/\.(?:md|markdown|rst|adoc|txt)$/.test(name) || /\/(?:docs?|documentation)\//.test(lower) || name === 'changelog') return 0.35;
  if (/\/(?:tests?|__tests__|spec|specs|testdata|fixtures?|__mocks__)\//.test(lower) || /(?:\.test|\.spec|_test|_spec)\.[a-z0-9]+$/.test(name) || /^test_.*\.py$/.test(name)) return 0.5;
  if (/\.(?:json|ya?ml|toml|ini|csv|log|xml|html?)$/.test(name)) return 0.6;
  return 1;
}

const LOGGING_CALL = /\b(?:console\.\w+|log(?:ger)?\.\w+|logging\.\w+|log\w*\(|print(?:f|ln)?\b|fmt\.\w+|System\.(?:out|err)|Console\.Write|puts\b|warn\b|slog\.|zap\.|raise\b|throw\b|panic\()/i;
const COMMENT = /^\s*(?:\/\/|#|\*|\/\*|--|;)/;

/** A logging call is the likeliest emitter; a comment that quotes the message the least. */
function lineWeight(text: string): number {
  if (COMMENT.test(text)) return 0.6;
  return LOGGING_CALL.test(text) ? 1 : 0.85;
}

/** Score of one line, or undefined when it holds too little of the template to be its emitter. */
export function scoreSourceLine(fragments: readonly TemplateFragment[], path: string, text: string): { score: number; matchedParts: string[] } | undefined {
  const total = fragments.reduce((sum, fragment) => sum + fragment.text.length, 0);
  if (!total) return undefined;
  let found = 0;
  const matchedParts: string[] = [];
  for (const fragment of fragments) {
    const best = fragment.searches.find((search) => text.includes(search));
    if (!best) continue;
    found += best.length;
    matchedParts.push(best);
  }
  if (!matchedParts.length || found < Math.min(MIN_PIECE, total)) return undefined;
  const coverage = Math.min(1, found / total);
  return { score: Math.round(coverage * fileWeight(path) * lineWeight(text) * 1000) / 1000, matchedParts };
}

/** Source lines that likely emit `template`, best first (deduplicated by path and line). */
export async function findTemplateSources(template: string, git: Pick<GitProvider, 'grep'>, options: TemplateSourceOptions = {}): Promise<SourceMatch[]> {
  const fragments = templateFragments(template);
  if (!fragments.length) return [];
  const hits = await git.grep(searchStrings(fragments), { maxMatches: options.maxGrepMatches ?? 400 }, options.signal);
  const minScore = options.minScore ?? 0.15;
  const byLocation = new Map<string, SourceMatch>();
  for (const hit of hits) {
    const key = `${hit.path}:${hit.line}`;
    if (byLocation.has(key)) continue;
    const scored = scoreSourceLine(fragments, hit.path, hit.text);
    if (scored && scored.score >= minScore) byLocation.set(key, { path: hit.path, line: hit.line, text: hit.text, ...scored });
  }
  return [...byLocation.values()]
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path) || a.line - b.line)
    .slice(0, options.maxResults ?? 10);
}
