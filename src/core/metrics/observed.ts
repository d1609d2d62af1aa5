/**
 * Metric series read through the kinds table: which of them shifted the bad way, on which
 * resource, and what that means (a mode of the workload, load on a shared dependency, traffic,
 * or only the symptom). Series CloudWatch had no data for are reported as such, not as zero.
 */
import type { MetricSeries } from '../../providers/types';
import { metricKind, resourceName, type MetricKind } from './kinds';
import { detectShift, type MetricShift } from './shift';

export interface ObservedShift {
  /** `CPUUtilization (orders-prod)`: how a chart names it. */
  label: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** The resource the metric is about (ECS service, database, target group's service…). */
  resource: string;
  kind?: MetricKind;
  shift: MetricShift;
  /** [epoch ms, value], oldest first: the panel draws it. */
  points: [number, number][];
}

export function observeShifts(series: readonly MetricSeries[]): ObservedShift[] {
  const out: ObservedShift[] = [];
  for (const s of series) {
    if (s.status === 'empty' || s.points.length === 0) continue;
    const dimensions = s.query.dimensions ?? {};
    const kind = metricKind(s.query.namespace, s.query.metricName, dimensions);
    const shift = detectShift(s.points, { minAbsolute: kind?.minAbsolute });
    // Only the harmful direction: CPU falling or connections dropping is not what paged anyone.
    if (!shift || shift.direction !== (kind?.bad ?? 'up')) continue;
    const resource = kind ? resourceName(kind, dimensions) : (Object.values(dimensions)[0] ?? s.query.namespace);
    out.push({
      label: `${s.query.metricName} (${resource})`,
      namespace: s.query.namespace,
      metricName: s.query.metricName,
      dimensions,
      resource,
      kind,
      shift,
      points: s.points.map((p) => [p.timestamp, p.value]),
    });
  }
  return out;
}

/** The series an evidence item carries for its chart. */
export function chartOf(observed: ObservedShift): { label: string; points: [number, number][] } {
  return { label: observed.label, points: observed.points };
}

/** `CPUUtilization rose 31 → 99 (×3.2) from 13:43` in words, with a saturation note. */
export function describeShift(observed: ObservedShift, clock: (ms: number) => string): string {
  const { shift, kind } = observed;
  const verb = shift.direction === 'up' ? 'rose' : 'fell';
  const ratio = Number.isFinite(shift.ratio) ? ` (×${shift.ratio})` : '';
  const ceiling = saturated(observed) ? `, ${shift.shape === 'ramp' ? `reaching ${shift.extreme}, ` : ''}at its ceiling (${kind!.limit}+)` : '';
  const how = shift.shape === 'ramp' ? `climbing steadily from ${clock(shift.onset)}` : `from ${clock(shift.onset)}`;
  return `${observed.metricName} of ${observed.resource} ${verb} ${shift.baseline} → ${shift.level}${ratio} ${how}${ceiling}`;
}

/**
 * Whether a shift saturates its resource (a Percent metric at its ceiling): a step that holds
 * at the ceiling, or a climb that reaches it (a leak peaks, then the task dies).
 */
export function saturated(observed: ObservedShift): boolean {
  const { kind, shift } = observed;
  if (kind?.limit === undefined || shift.direction !== 'up') return false;
  return (shift.shape === 'ramp' ? shift.extreme : shift.level) >= kind.limit;
}
