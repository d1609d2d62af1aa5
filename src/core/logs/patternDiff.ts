/**
 * "What is new or different since it started?" — log patterns of an incident window compared
 * with a baseline window: templates that are new, gone, or changed rate significantly, with
 * counts, first/last seen, an example, the level, whether it is an exception and its code
 * locations; ranked with error-level and exception patterns first.
 *
 * One miner learns both windows (baseline first, in time order), so a pattern gets the same
 * template in both. Stack traces are folded first: a trace is one event, its frames its code
 * locations. Rates are compared with a conditional binomial test (rateTest.ts), so a handful
 * of lines never counts as a surge.
 */
import type { CodeLocation } from '../model';
import type { LogEvent } from '../../providers/types';
import { foldStackTraces } from './foldStackTraces';
import { TemplateMiner, templateIdOf, type MinerOptions } from './miner/miner';
import { levelRank, parseLogLine, type LogLevel } from './miner/structured';
import { compareRates } from './rateTest';
import { extractCodeLocations, parseFrame } from './stackFrames';

export type PatternChange = 'new' | 'surged' | 'dropped' | 'gone' | 'steady';

export interface PatternBucket {
  /** epoch ms, bucket start */
  start: number;
  count: number;
}

export interface PatternDiffEntry {
  /** Stable id of the template text (same template → same id in every run). */
  templateId: string;
  template: string;
  change: PatternChange;
  incidentCount: number;
  baselineCount: number;
  /** incident rate / baseline rate (per ms, or per event without timestamps); Infinity when new, 0 when gone */
  ratio: number;
  /** One-sided p-value of the change's direction (more for new/surged/steady-up, fewer otherwise). */
  pValue: number;
  /** pValue below `alpha`: the change is unlikely to be chance. */
  significant: boolean;
  /** epoch ms: first occurrence in the incident window (in the baseline window when the incident has none) */
  firstSeen: number;
  /** epoch ms: last occurrence, same window as firstSeen */
  lastSeen: number;
  /** The most severe level seen on the pattern's events. */
  level?: LogLevel;
  /** The pattern names an exception or its events carry a stack trace. */
  isException: boolean;
  /** One occurrence (first in the incident window, else in the baseline), folded trace included. */
  example: string;
  /** User-code frames from the pattern's traces, top of stack first. */
  codeLocations: CodeLocation[];
  /** Incident-window histogram (time exposure only). */
  buckets?: PatternBucket[];
}

export interface TimeWindow {
  /** epoch ms, inclusive */
  start: number;
  /** epoch ms, inclusive */
  end: number;
}

export interface PatternDiffOptions {
  /** Defaults to the baseline events' time span. */
  baselineWindow?: TimeWindow;
  /** Defaults to the incident events' time span. */
  incidentWindow?: TimeWindow;
  /**
   * What rates are per: `time` (window durations) or `events` (each window's event count, for
   * logs without timestamps). Default: `time` when both windows have a duration, else `events`.
   */
  exposure?: 'time' | 'events';
  /** Rate ratio a surge (or, inverted, a drop) must reach. Default 2. */
  minRatio?: number;
  /** Significance level of the rate test. Default 0.001 (many templates are tested at once). */
  alpha?: number;
  /** Histogram bucket size; default: a round size giving at most 60 buckets. */
  bucketMs?: number;
  /** Keep the first N ranked entries. Default: all. */
  limit?: number;
  /** Include patterns whose rate did not change. Default true. */
  includeSteady?: boolean;
  /** Fold stack traces into their events first. Default true. */
  fold?: boolean;
  miner?: MinerOptions;
}

const EXCEPTION_TEXT = /\b[A-Z][A-Za-z0-9]*(?:Exception|Error|Throwable)\b|(?:^|\s)Error: |Traceback \(most recent call last\)|(?:^|\s)panic: |\bgoroutine \d+ \[|\b(?:uncaught|unhandled) (?:exception|error|rejection)/i;
const MAX_EXAMPLE_CHARS = 4_000;
const MAX_CODE_LOCATIONS = 10;
const NICE_BUCKETS = [1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000];

interface Observation {
  timestamp: number;
  /** What was mined: the message (plus the exception header of its trace). */
  key: string;
  text: string;
  level: LogLevel | undefined;
  exception: boolean;
  clusterId: number;
  /** Filled in by tally(). */
  templateId?: string;
}

interface Tally {
  templateId: string;
  template: string;
  count: [number, number];
  first: [number, number];
  last: [number, number];
  example: [Observation | undefined, Observation | undefined];
  level: LogLevel | undefined;
  exception: boolean;
  traces: Observation[];
  times: number[];
}

export function patternDiff(baseline: readonly LogEvent[], incident: readonly LogEvent[], options: PatternDiffOptions = {}): PatternDiffEntry[] {
  return analyzePatterns(baseline, incident, options).entries;
}

export interface PatternAnalysis {
  entries: PatternDiffEntry[];
  /** The events compared (folded when `fold`), per window, in input order. */
  baselineEvents: LogEvent[];
  incidentEvents: LogEvent[];
  /** templateId of each of those events, same order. */
  baselineTemplateIds: string[];
  incidentTemplateIds: string[];
  exposure: 'time' | 'events';
}

/** patternDiff plus which template each (folded) event got, for drill-down and evaluation. */
export function analyzePatterns(baseline: readonly LogEvent[], incident: readonly LogEvent[], options: PatternDiffOptions = {}): PatternAnalysis {
  const fold = options.fold ?? true;
  const windows = [fold ? foldStackTraces(baseline) : [...baseline], fold ? foldStackTraces(incident) : [...incident]] as const;
  const miner = new TemplateMiner(options.miner);
  // Mined in time order (baseline first), so the miner sees the stream as it happened.
  const observed = windows.map((events) => {
    const order = events.map((_, i) => i).sort((a, b) => events[a]!.timestamp - events[b]!.timestamp);
    const out: Observation[] = new Array(events.length);
    for (const i of order) out[i] = observe(events[i]!, miner);
    return out;
  });
  const tallies = tally(observed as [Observation[], Observation[]], miner);

  const baselineWindow = options.baselineWindow ?? span(observed[0]!);
  const incidentWindow = options.incidentWindow ?? span(observed[1]!);
  const duration = (w: TimeWindow | undefined) => (w ? w.end - w.start : 0);
  const timed = duration(baselineWindow) > 0 && duration(incidentWindow) > 0;
  const exposure = options.exposure ?? (timed ? 'time' : 'events');
  const baselineExposure = Math.max(1, exposure === 'time' ? duration(baselineWindow) : observed[0]!.length);
  const incidentExposure = Math.max(1, exposure === 'time' ? duration(incidentWindow) : observed[1]!.length);
  const minRatio = options.minRatio ?? 2;
  const alpha = options.alpha ?? 0.001;
  const bucketMs = exposure === 'time' && incidentWindow ? options.bucketMs ?? niceBucket(duration(incidentWindow)) : undefined;

  const entries = [...tallies.values()].map((t): PatternDiffEntry => {
    const [baselineCount, incidentCount] = t.count;
    const rates = compareRates(baselineCount, incidentCount, baselineExposure, incidentExposure);
    let change: PatternChange = 'steady';
    let pValue = rates.ratio >= 1 ? rates.pMore : rates.pFewer;
    if (baselineCount === 0) {
      change = 'new';
      pValue = rates.pMore;
    } else if (incidentCount === 0) {
      pValue = rates.pFewer;
      change = pValue < alpha ? 'gone' : 'steady';
    } else if (rates.ratio >= minRatio && rates.pMore < alpha) change = 'surged';
    else if (rates.ratio <= 1 / minRatio && rates.pFewer < alpha) change = 'dropped';
    const w = incidentCount > 0 ? 1 : 0;
    const example = t.example[1] ?? t.example[0]!;
    return {
      templateId: t.templateId,
      template: t.template,
      change,
      incidentCount,
      baselineCount,
      ratio: rates.ratio,
      pValue,
      significant: pValue < alpha,
      firstSeen: t.first[w],
      lastSeen: t.last[w],
      ...(t.level ? { level: t.level } : {}),
      isException: t.exception,
      example: example.text.length > MAX_EXAMPLE_CHARS ? `${example.text.slice(0, MAX_EXAMPLE_CHARS)}…` : example.text,
      codeLocations: codeLocationsOf(t.traces),
      ...(bucketMs && incidentWindow ? { buckets: histogram(t.times, incidentWindow, bucketMs) } : {}),
    };
  });
  const ranked = entries.filter((e) => options.includeSteady !== false || e.change !== 'steady').sort(compareEntries);
  return {
    entries: options.limit !== undefined ? ranked.slice(0, options.limit) : ranked,
    baselineEvents: windows[0],
    incidentEvents: windows[1],
    baselineTemplateIds: observed[0]!.map((o) => o.templateId!),
    incidentTemplateIds: observed[1]!.map((o) => o.templateId!),
    exposure,
  };
}

/** Parses and mines one (folded) event. */
function observe(event: LogEvent, miner: TemplateMiner): Observation {
  const newline = event.message.indexOf('\n');
  const head = newline < 0 ? event.message : event.message.slice(0, newline);
  const parsed = parseLogLine(head);
  const trace = newline < 0 ? '' : event.message.slice(newline + 1);
  const fullText = parsed.errorText ? `${event.message}\n${parsed.errorText}` : event.message;
  const exception = EXCEPTION_TEXT.test(head) || (trace.length > 0 && hasTrace(trace)) || (parsed.errorText !== undefined && EXCEPTION_TEXT.test(parsed.errorText));
  // A head (`request failed`) whose trace names the exception is keyed by both, so different
  // exceptions behind one log call stay different patterns.
  const header = exception ? exceptionHeader(trace || parsed.errorText || '') : undefined;
  const key = header && !parsed.message.includes(exceptionName(header)) ? `${parsed.message} ${header}` : parsed.message;
  return {
    timestamp: event.timestamp || parsed.timestamp || 0,
    key,
    text: fullText,
    level: parsed.level,
    exception,
    clusterId: miner.add(key),
  };
}

function hasTrace(trace: string): boolean {
  return trace.split('\n').some((line) => parseFrame(line) !== undefined || EXCEPTION_TEXT.test(line));
}

/** The first line of a trace that names the exception (`java.lang.X: msg`, `ValueError: x`). */
function exceptionHeader(trace: string): string | undefined {
  const lines = trace.split('\n').map((l) => l.trim()).filter(Boolean);
  // Python prints the exception last; Java, .NET and Node first.
  const candidates = lines[0]?.startsWith('Traceback') || lines.some((l) => l.startsWith('File "')) ? [...lines].reverse() : lines;
  return candidates.find((l) => EXCEPTION_TEXT.test(l) && !l.startsWith('at ') && !l.startsWith('Traceback'));
}

/** `java.lang.OutOfMemoryError: Java heap space` → `java.lang.OutOfMemoryError`. */
function exceptionName(header: string): string {
  return header.replace(/^Caused by:\s*/, '').split(/[:\s]/, 1)[0]!;
}

function tally(observed: [Observation[], Observation[]], miner: TemplateMiner): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const templateOf = new Map<number, { id: string; text: string }>();
  observed.forEach((observations, w) => {
    for (const o of observations) {
      const root = miner.resolve(o.clusterId);
      let named = templateOf.get(root);
      if (!named) {
        // A cluster evicted meanwhile (huge inputs): the template the line would match now.
        const text = miner.template(root) ?? miner.template(miner.match(o.key) ?? -1) ?? o.key;
        named = { id: templateIdOf(text), text };
        templateOf.set(root, named);
      }
      o.templateId = named.id;
      let t = tallies.get(named.id);
      if (!t) {
        t = { templateId: named.id, template: named.text, count: [0, 0], first: [Infinity, Infinity], last: [-Infinity, -Infinity], example: [undefined, undefined], level: undefined, exception: false, traces: [], times: [] };
        tallies.set(named.id, t);
      }
      t.count[w]!++;
      if (o.timestamp < t.first[w]!) t.first[w] = o.timestamp;
      if (o.timestamp > t.last[w]!) t.last[w] = o.timestamp;
      t.example[w] ??= o;
      if (levelRank(o.level) > levelRank(t.level)) t.level = o.level;
      if (o.exception) {
        t.exception = true;
        if (t.traces.length < 5) t.traces.push(o);
      }
      if (w === 1) t.times.push(o.timestamp);
    }
  });
  return tallies;
}

function codeLocationsOf(traces: readonly Observation[]): CodeLocation[] {
  const seen = new Set<string>();
  const out: CodeLocation[] = [];
  for (const o of traces) {
    for (const location of extractCodeLocations(o.text)) {
      const key = `${location.path}:${location.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(location);
      if (out.length >= MAX_CODE_LOCATIONS) return out;
    }
  }
  return out;
}

function span(observations: readonly Observation[]): TimeWindow | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const o of observations) {
    if (o.timestamp <= 0) continue;
    if (o.timestamp < start) start = o.timestamp;
    if (o.timestamp > end) end = o.timestamp;
  }
  return start <= end ? { start, end } : undefined;
}

function niceBucket(durationMs: number): number {
  return NICE_BUCKETS.find((size) => durationMs / size <= 60) ?? NICE_BUCKETS[NICE_BUCKETS.length - 1]!;
}

function histogram(times: readonly number[], window: TimeWindow, bucketMs: number): PatternBucket[] {
  const first = Math.floor(window.start / bucketMs) * bucketMs;
  const count = Math.max(1, Math.floor((window.end - first) / bucketMs) + 1);
  const buckets = Array.from({ length: count }, (_, i) => ({ start: first + i * bucketMs, count: 0 }));
  for (const t of times) {
    const i = Math.floor((t - first) / bucketMs);
    if (i >= 0 && i < count) buckets[i]!.count++;
  }
  return buckets;
}

function isErrorish(e: PatternDiffEntry): boolean {
  return e.isException || levelRank(e.level) >= levelRank('error');
}

/**
 * Rank: what appeared or surged first — errors and exceptions, then warnings, then the rest —
 * then what dropped or disappeared, then steady patterns; within a tier errors first, then the
 * strongest evidence (smallest p-value), then the most occurrences, then the earliest.
 */
function tier(e: PatternDiffEntry): number {
  if (e.change === 'new' || e.change === 'surged') return isErrorish(e) ? 0 : e.level === 'warn' ? 1 : 2;
  return e.change === 'steady' ? 4 : 3;
}

function compareEntries(a: PatternDiffEntry, b: PatternDiffEntry): number {
  return (
    tier(a) - tier(b) ||
    Number(isErrorish(b)) - Number(isErrorish(a)) ||
    a.pValue - b.pValue ||
    b.incidentCount - a.incidentCount ||
    a.firstSeen - b.firstSeen ||
    a.template.localeCompare(b.template)
  );
}

export interface DescribeOptions {
  /** Symptom onset (epoch ms): new patterns read "new since <time>". */
  since?: number;
  /** Time formatter; default UTC `HH:MM:SS`. */
  formatTime?: (epochMs: number) => string;
}

/**
 * One line of evidence for a pattern, e.g.
 * "new since 10:21:00: `java.lang.OutOfMemoryError: Java heap space` ×4,210, first at 10:21:07".
 */
export function describePatternChange(entry: PatternDiffEntry, options: DescribeOptions = {}): string {
  const time = options.formatTime ?? utcTime;
  const count = `×${entry.incidentCount.toLocaleString('en-US')}`;
  const baseline = entry.baselineCount.toLocaleString('en-US');
  const template = `\`${entry.template}\``;
  switch (entry.change) {
    case 'new':
      return `${options.since !== undefined ? `new since ${time(options.since)}` : 'new'}: ${template} ${count}, first at ${time(entry.firstSeen)}`;
    case 'surged':
      return `surged ${formatRatio(entry.ratio)}: ${template} ${count} (baseline ${baseline}), first at ${time(entry.firstSeen)}`;
    case 'dropped':
      return `dropped to ${formatRatio(entry.ratio)}: ${template} ${count} (baseline ${baseline})`;
    case 'gone':
      return `gone: ${template} (baseline ×${baseline}, last at ${time(entry.lastSeen)})`;
    case 'steady':
      return `steady: ${template} ${count} (baseline ${baseline})`;
  }
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${ratio.toFixed(1)}×`;
}

function utcTime(epochMs: number): string {
  return epochMs > 0 && Number.isFinite(epochMs) ? new Date(epochMs).toISOString().slice(11, 19) : 'start';
}
