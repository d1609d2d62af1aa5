/**
 * Did a metric change, and when? A series is compared with its own first stretch (the
 * baseline, read robustly: median and MAD, so a short earlier bump does not move it). A shift
 * is a sustained departure — most of a few consecutive points beyond the noise band — and its
 * onset is walked back to where the climb began, so a slow leak is dated from its start, not
 * from the minute it crossed a threshold. Pure: no provider, no clock.
 */

export interface SeriesPoint {
  /** epoch ms */
  timestamp: number;
  value: number;
}

export interface MetricShift {
  direction: 'up' | 'down';
  /** Median of the baseline stretch. */
  baseline: number;
  /** Median of the points since the onset. */
  level: number;
  /** The extreme value since the onset (max going up, min going down). */
  extreme: number;
  /** epoch ms: where the departure began. */
  onset: number;
  /** `step`: reached its level at once; `ramp`: climbed over several periods. */
  shape: 'step' | 'ramp';
  /** level / baseline (Infinity from a zero baseline). */
  ratio: number;
}

export interface ShiftOptions {
  /** Points the baseline needs (default 8). */
  minBaseline?: number;
  /** Share of the points, from the start, taken as the baseline (default 0.2, at least minBaseline). */
  baselineShare?: number;
  /** Smallest relative change worth reporting (default 0.3 = 30 %). */
  minRelative?: number;
  /** Smallest absolute change worth reporting, in the metric's unit (default 0). */
  minAbsolute?: number;
}

const SUSTAIN_WINDOW = 5;
const SUSTAIN_NEEDED = 4;
/** At the end of the series (a failure still under way) fewer periods remain: all of at least this many must agree. */
const SUSTAIN_TAIL = 3;

export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The first sustained departure from the series' baseline, if there is one. */
export function detectShift(points: readonly SeriesPoint[], options: ShiftOptions = {}): MetricShift | undefined {
  const minBaseline = options.minBaseline ?? 8;
  const series = [...points].filter((p) => Number.isFinite(p.value)).sort((a, b) => a.timestamp - b.timestamp);
  const baselineLength = Math.max(minBaseline, Math.floor(series.length * (options.baselineShare ?? 0.2)));
  if (series.length < baselineLength + SUSTAIN_TAIL) return undefined;
  const baselineValues = series.slice(0, baselineLength).map((p) => p.value);
  const base = median(baselineValues);
  const mad = median(baselineValues.map((v) => Math.abs(v - base)));
  // 1.4826·MAD estimates σ for normal noise; four of them is well outside the noise.
  const band = Math.max(4 * 1.4826 * mad, (options.minRelative ?? 0.3) * Math.abs(base), options.minAbsolute ?? 0, Number.EPSILON);
  const side = (v: number): -1 | 0 | 1 => (v > base + band ? 1 : v < base - band ? -1 : 0);

  for (let i = baselineLength; i + SUSTAIN_TAIL <= series.length; i++) {
    const direction = side(series[i]!.value);
    if (!direction) continue;
    const window = series.slice(i, i + SUSTAIN_WINDOW);
    const needed = window.length < SUSTAIN_WINDOW ? window.length : SUSTAIN_NEEDED;
    if (window.filter((p) => side(p.value) === direction).length < needed) continue;
    // Walk back over the climb: points still beyond half the band, in the same direction.
    let start = i;
    const climbing = (v: number) => (direction > 0 ? v > base + band / 2 : v < base - band / 2);
    while (start > baselineLength && climbing(smoothed(series, start - 1))) start--;
    const after = series.slice(start).map((p) => p.value);
    const level = median(series.slice(i).map((p) => p.value));
    const extreme = direction > 0 ? Math.max(...after) : Math.min(...after);
    // A ramp takes several periods between leaving the baseline and reaching its level.
    const reached = series.findIndex((p, index) => index >= start && (direction > 0 ? p.value >= level - band / 2 : p.value <= level + band / 2));
    const ramp = reached - start >= 5;
    // A slow climb leaves the baseline long before it clears the noise band: date it where its trend line meets the baseline.
    const onset = ramp ? rampStart(series.slice(start, reached + 1), base, series[baselineLength - 1]!.timestamp, series[start]!.timestamp) : series[start]!.timestamp;
    return {
      direction: direction > 0 ? 'up' : 'down',
      baseline: round(base),
      level: round(level),
      extreme: round(extreme),
      onset,
      shape: ramp ? 'ramp' : 'step',
      ratio: base === 0 ? (level === 0 ? 1 : Infinity) : round(level / base),
    };
  }
  return undefined;
}

/** Where the least-squares line through the climb crosses the baseline, within [earliest, latest]. */
function rampStart(climb: readonly SeriesPoint[], base: number, earliest: number, latest: number): number {
  const n = climb.length;
  const meanT = climb.reduce((sum, p) => sum + p.timestamp, 0) / n;
  const meanV = climb.reduce((sum, p) => sum + p.value, 0) / n;
  const covariance = climb.reduce((sum, p) => sum + (p.timestamp - meanT) * (p.value - meanV), 0);
  const variance = climb.reduce((sum, p) => sum + (p.timestamp - meanT) ** 2, 0);
  if (!variance || !covariance) return latest;
  const slope = covariance / variance;
  const crossing = meanT + (base - meanV) / slope;
  return Math.round(Math.min(latest, Math.max(earliest, crossing)));
}

/** Median of a point and its neighbours: one noisy point neither starts nor stops a climb. */
function smoothed(series: readonly SeriesPoint[], index: number): number {
  return median(series.slice(Math.max(0, index - 1), index + 2).map((p) => p.value));
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
