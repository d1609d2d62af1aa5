/**
 * Numbers the service logs about itself, read as series: `processing_ms=2100`, `elapsed=7.2s`,
 * `duration: 6012.4 ms` (PostgreSQL), `took 2300ms`, `p99=2.3s`, `heap used 900 MB`. Each
 * measurement is keyed by its name and the line it sits in (numbers masked), so "checkout
 * rendered elapsed" and "offers lookup elapsed" are two series, and compared with its own
 * baseline the way metric shifts are: medians, and a rise that holds for most of the window.
 */
import type { LogEvent } from '../../providers/types';

export type MeasureUnit = 'ms' | 'bytes';

export interface Measurement {
  /** `processing_ms`, `elapsed`, `duration`, `took`, `p99`, `heap used` */
  name: string;
  /** Normalised: durations in ms, sizes in bytes. */
  value: number;
  unit: MeasureUnit;
}

export interface ValueShift {
  name: string;
  unit: MeasureUnit;
  /** The line the value is logged in, numbers masked: what the series is of. */
  shape: string;
  /** A line from the incident window, as logged. */
  example: string;
  baselineMedian: number;
  incidentMedian: number;
  ratio: number;
  /** epoch ms of the first incident value above the baseline's range. */
  since: number;
  baselineCount: number;
  incidentCount: number;
}

const DURATION: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, sec: 1000, secs: 1000, seconds: 1000, m: 60_000, min: 60_000 };
const SIZE: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };

/** Names that say the number is a duration even without a unit suffix on the value (`processing_ms=2100`, `latency=2.3`). */
const DURATION_NAME = /(?:_ms|Ms|_millis|_seconds|_secs|_s|latency|duration|elapsed|took|time|p\d{2,3})$/i;
const SIZE_NAME = /(?:heap|rss|memory|mem|bytes|size)(?:[ _]used)?$/i;

/** `name=value[unit]` or `name: value unit`, and the prose forms `took 230ms`, `in 2.3s`. */
const KEYED = /\b([A-Za-z][\w.]*(?:[ _](?:used|ms|time))?)\s*[=:]\s*"?(\d+(?:\.\d+)?)\s?(ns|us|µs|ms|s|sec|secs|seconds|min|m|b|kb|kib|mb|mib|gb|gib)?\b"?/gi;
const PROSE = /\b(took|in|after)\s+(\d+(?:\.\d+)?)\s?(ns|us|µs|ms|s|sec|secs|seconds)\b/gi;

export function measurementsOf(message: string): Measurement[] {
  const first = message.split('\n', 1)[0] ?? '';
  const out: Measurement[] = [];
  for (const match of first.matchAll(KEYED)) {
    const [, rawName, number, rawUnit] = match;
    const name = rawName!.toLowerCase();
    const unit = rawUnit?.toLowerCase();
    const value = Number(number);
    // Ids, counts of rows, ports, status codes: numbers that are not measurements of speed or size.
    if (unit && unit in DURATION && (unit !== 'm' || DURATION_NAME.test(name))) out.push({ name, value: value * DURATION[unit]!, unit: 'ms' });
    else if (unit && unit in SIZE) out.push({ name, value: value * SIZE[unit]!, unit: 'bytes' });
    else if (!unit && DURATION_NAME.test(name)) out.push({ name, value: /_s$|_secs?$|_seconds$/i.test(name) ? value * 1000 : value, unit: 'ms' });
    else if (!unit && SIZE_NAME.test(name)) out.push({ name, value, unit: 'bytes' });
  }
  for (const match of first.matchAll(PROSE)) out.push({ name: match[1]!.toLowerCase(), value: Number(match[2]) * DURATION[match[3]!.toLowerCase()]!, unit: 'ms' });
  return out;
}

/** The line without its leading timestamp, with its numbers and hex ids masked: lines of one shape are one series. */
export function shapeOf(message: string): string {
  return (message.split('\n', 1)[0] ?? '')
    .replace(/^\S*\d{4}-\d\d-\d\d[T ][\d:.,]+\S*\s*/, '')
    .replace(/\b[0-9a-f]{8,}\b/gi, '<id>')
    .replace(/\d+(?:\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

const MIN_POINTS = 5;
/** A rise worth a hypothesis: twice the baseline, and past what the baseline ever logged. */
const MIN_RATIO = 2;

/**
 * Measurements whose typical value rose against the baseline: the incident median at least
 * twice the baseline median and above the baseline's 90th percentile, with enough points on
 * both sides. Sorted by ratio, largest first.
 */
export function valueShifts(baseline: readonly LogEvent[], incident: readonly LogEvent[]): ValueShift[] {
  const series = (events: readonly LogEvent[]) => {
    const map = new Map<string, { name: string; unit: MeasureUnit; shape: string; points: { at: number; value: number; line: string }[] }>();
    for (const event of events) {
      const shape = shapeOf(event.message);
      for (const m of measurementsOf(event.message)) {
        const key = `${m.name}\u0000${shape}`;
        const entry = map.get(key) ?? { name: m.name, unit: m.unit, shape, points: [] };
        entry.points.push({ at: event.timestamp, value: m.value, line: event.message });
        map.set(key, entry);
      }
    }
    return map;
  };
  const before = series(baseline);
  const after = series(incident);
  const out: ValueShift[] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    if (!then || then.points.length < MIN_POINTS || now.points.length < MIN_POINTS) continue;
    const base = then.points.map((p) => p.value).sort((a, b) => a - b);
    const current = now.points.map((p) => p.value).sort((a, b) => a - b);
    const baselineMedian = quantile(base, 0.5);
    const incidentMedian = quantile(current, 0.5);
    const p90 = quantile(base, 0.9);
    if (baselineMedian <= 0 || incidentMedian < MIN_RATIO * baselineMedian || incidentMedian <= p90) continue;
    const above = now.points.filter((p) => p.value > p90).sort((a, b) => a.at - b.at);
    out.push({
      name: now.name,
      unit: now.unit,
      shape: now.shape,
      example: above[Math.floor(above.length / 2)]?.line ?? now.points[0]!.line,
      baselineMedian,
      incidentMedian,
      ratio: incidentMedian / baselineMedian,
      since: above[0]?.at ?? now.points[0]!.at,
      baselineCount: then.points.length,
      incidentCount: now.points.length,
    });
  }
  return out.sort((a, b) => b.ratio - a.ratio);
}

/** `2100` ms → `2.1 s`, `900000000` bytes → `900 MB`. */
export function formatMeasure(value: number, unit: MeasureUnit): string {
  if (unit === 'ms') return value >= 1000 ? `${Math.round(value / 100) / 10} s` : `${Math.round(value)} ms`;
  return value >= 1e9 ? `${Math.round(value / 1e8) / 10} GB` : `${Math.round(value / 1e6)} MB`;
}

function quantile(sorted: readonly number[], q: number): number {
  const index = (sorted.length - 1) * q;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (index - low);
}

/** Literal terms that find lines carrying measurements, for a log filter. */
export const MEASUREMENT_TERMS = ['ms', 'elapsed', 'duration', 'latency', 'took', 'Took', 'p95', 'p99', 'heap'];
