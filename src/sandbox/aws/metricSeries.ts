/**
 * CloudWatch metric data of a scenario: each metric's segments (steady, ramp, step, noise) and
 * explicit points expand to raw datapoints, one per `periodSeconds`, with deterministic noise
 * seeded from the scenario id and the metric's position (like the log generators). GetMetricData
 * aggregates them server-side into the requested period: every raw datapoint counts as one
 * sample, so Sum adds them, Average is their mean, SampleCount counts them and pNN is the
 * nearest-rank percentile.
 */
import { createRng, hashSeed } from '../scenario/logTemplate';
import type { ScenarioMetric } from '../scenario/scenario';
import { PERCENTILE } from './awsSignalsScenario';

export interface RawPoint {
  /** epoch ms */
  t: number;
  v: number;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The metric's raw datapoints, sorted by time (one per timestamp: explicit points win, then later segments). */
export function expandMetric(scenarioId: string, position: number, metric: ScenarioMetric): RawPoint[] {
  const rng = createRng(hashSeed(`${scenarioId}/metric/${position}`));
  const step = metric.periodSeconds * 1000;
  const byTime = new Map<number, number>();
  for (const segment of metric.series) {
    const from = Date.parse(segment.from);
    const to = Date.parse(segment.to);
    const at = segment.at === undefined ? undefined : Date.parse(segment.at);
    const toValue = segment.toValue ?? segment.value;
    const floor = Math.min(segment.value, toValue) >= 0 ? 0 : -Infinity;
    for (let t = from; t < to; t += step) {
      let value: number;
      switch (segment.shape) {
        case 'ramp':
          value = segment.value + ((toValue - segment.value) * (t - from)) / Math.max(1, to - step - from);
          break;
        case 'step':
          value = at !== undefined && t >= at ? toValue : segment.value;
          break;
        default:
          value = segment.value;
      }
      const noise = segment.noise > 0 ? (rng() * 2 - 1) * segment.noise : 0;
      byTime.set(t, round(Math.max(floor, value + noise)));
    }
  }
  for (const point of metric.points) byTime.set(Date.parse(point.at), point.value);
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, v }));
}

/** First index with t >= time (binary search). */
export function lowerBoundPoint(points: readonly RawPoint[], time: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid].t < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One statistic of a bucket's samples; undefined for a statistic the emulator does not know. */
export function statisticOf(stat: string, values: readonly number[]): number | undefined {
  switch (stat) {
    case 'Sum':
      return round(values.reduce((sum, value) => sum + value, 0));
    case 'Average':
      return round(values.reduce((sum, value) => sum + value, 0) / values.length);
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
    default: {
      if (!PERCENTILE.test(stat)) return undefined;
      const p = Number(stat.slice(1));
      const sorted = [...values].sort((a, b) => a - b);
      const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
      return sorted[Math.min(sorted.length, rank) - 1];
    }
  }
}

export function isKnownStatistic(stat: string): boolean {
  return ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(stat) || PERCENTILE.test(stat);
}

/**
 * Aggregates raw points into buckets of `periodSeconds`, aligned to multiples of the period
 * since the epoch, whose start is in [startTime, endTime). Oldest first; empty buckets are
 * left out, as CloudWatch does.
 */
export function aggregate(points: readonly RawPoint[], stat: string, periodSeconds: number, startTime: number, endTime: number): RawPoint[] {
  const period = periodSeconds * 1000;
  const first = Math.floor(startTime / period) * period;
  const out: RawPoint[] = [];
  let index = lowerBoundPoint(points, first);
  for (let bucket = first; bucket < endTime && index < points.length; bucket += period) {
    if (points[index].t >= bucket + period) {
      // Skip empty buckets quickly.
      bucket = Math.floor(points[index].t / period) * period - period;
      continue;
    }
    const values: number[] = [];
    while (index < points.length && points[index].t < bucket + period) values.push(points[index++].v);
    if (values.length > 0) out.push({ t: bucket, v: statisticOf(stat, values)! });
  }
  return out;
}
