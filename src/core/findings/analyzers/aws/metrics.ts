/**
 * The workload's own metrics (CloudWatch): a shift in one that the kinds table maps to a
 * failure mode — CPU pinned, memory climbing — blamed on the version that landed just before
 * the shift began. The shift's onset, not the page, dates the cause: a leak that took two
 * hours to kill a task is blamed on the deploy two hours back. A shift with no change before
 * it names no culprit, so it is not a finding.
 */
import { suspectChangeBefore } from '../../../engine/changes';
import { chartOf, describeShift, observeShifts, saturated, type ObservedShift } from '../../../metrics/observed';
import type { QueryProposal, TriageContext } from '../../../reasoner/types';
import { clock, minutesBetween } from '../../../reasoner/rules/common';
import type { Analyzer } from '../index';
import type { Finding } from '../../types';

/** How long before a shift's onset a change may land and still be its cause. */
const SHIFT_CAUSE_WINDOW = 30 * 60_000;

export const metricShifts: Analyzer = (result, context) => {
  if (result.operation !== 'cw.metrics') return [];
  const target = context.incident.target;
  if (target.platform !== 'ecs') return [];
  const out: Finding[] = [];
  for (const observed of observeShifts(result.series)) {
    if (observed.kind?.role !== 'mode' || !observed.kind.category || observed.resource !== target.service) continue;
    const change = suspectChangeBefore(context, observed.shift.onset, SHIFT_CAUSE_WINDOW);
    if (!change?.toVersion) continue;
    const lead = minutesBetween(change.at, observed.shift.onset);
    // Off its baseline is a lead; at the ceiling is the mode (a CPU that doubles to 70% is load, not saturation).
    const strong = lead <= 15 && (observed.kind.limit !== undefined ? saturated(observed) : observed.shift.ratio >= 2);
    out.push({
      analyzer: 'metric-shift',
      category: observed.kind.category,
      culprit: { kind: 'task-definition', id: change.toVersion },
      strength: strong ? 'strong' : 'weak',
      object: `Metric/${observed.namespace}/${observed.metricName}/${observed.resource}`,
      summary: `${describeShift(observed, clock)}; ${change.summary} landed at ${clock(change.at)}, ${lead} min before`,
      at: change.at,
      failureOnset: observed.shift.onset,
      recheck: metricRecheck(observed, context),
      series: chartOf(observed),
    });
  }
  return out;
};

/** The targeted re-read of one series, over the same stretch as triage's. */
export function metricRecheck(observed: ObservedShift, context: TriageContext): QueryProposal {
  const stat = observed.kind?.stat ?? 'Average';
  return {
    provider: 'cloudwatch',
    operation: 'cw.metrics',
    target: observed.resource,
    params: { queries: JSON.stringify([{ namespace: observed.namespace, metricName: observed.metricName, dimensions: observed.dimensions, stat }]) },
    // An observed shift always has points: its first is where triage's read began.
    window: { start: observed.points[0]![0], end: context.now },
    rationale: `Is ${observed.metricName} of ${observed.resource} still off its baseline?`,
  };
}

