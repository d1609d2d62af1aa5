/**
 * Who loaded a shared dependency: when a database's (or cache's) own metrics shifted, the
 * tasks and deployments that started in the cluster just before are the candidates — a
 * scheduled export started by a rule, another service's new revision, the workload's own
 * deploy. The nearest one before the shift is blamed; the dependency itself is the victim.
 */
import { shortTaskDefinition } from '../../../engine/changes';
import { chartOf, describeShift, type ObservedShift } from '../../../metrics/observed';
import { clock, minutesBetween } from '../../../reasoner/rules/common';
import type { TriageContext } from '../../../reasoner/types';
import type { Analyzer } from '../index';
import type { Finding } from '../../types';

/** An actor must start within this long before the shift (or a little after: metric periods round down). */
const BEFORE = 20 * 60_000;
const AFTER = 3 * 60_000;
/** An earlier run this long before the shift, with no shift then, makes a task routine. */
const ROUTINE_GAP = 10 * 60_000;
/** How far back the cluster's tasks are listed, to see which ones run routinely (ECS keeps stopped tasks about an hour). */
const HISTORY = 2 * 3_600_000;

interface Actor {
  taskDefinition: string;
  at: number;
  /** The service it belongs to, for a deployment. */
  service?: string;
  what: string;
}

export const clusterActivity: Analyzer = (result, context) => {
  if (result.operation !== 'ecs.clusterActivity') return [];
  const target = context.incident.target;
  if (target.platform !== 'ecs') return [];
  const actors: Actor[] = [
    ...result.tasks
      .filter((t) => !t.group?.startsWith('service:'))
      .map((t) => ({ taskDefinition: shortTaskDefinition(t.taskDefinitionArn), at: t.startedAt ?? t.createdAt ?? NaN, what: `a standalone task of ${shortTaskDefinition(t.taskDefinitionArn)} (started by ${t.startedBy ?? 'RunTask'})` })),
    ...result.services.flatMap((s) =>
      s.deployments.map((d) => ({ taskDefinition: shortTaskDefinition(d.taskDefinition), at: d.createdAt, service: s.serviceName, what: `${s.serviceName === target.service ? 'its own' : `${s.serviceName}'s`} deployment of ${shortTaskDefinition(d.taskDefinition)}` })),
    ),
  ].filter((a) => Number.isFinite(a.at));

  const out: Finding[] = [];
  for (const observed of dependencyShifts(context)) {
    const onset = observed.shift.onset;
    // A task that also ran, same revision, while the metric was still at its baseline is routine (a probe every 5 min), not the new factor.
    const routine = (a: Actor) => !a.service && actors.some((b) => !b.service && b.taskDefinition === a.taskDefinition && b.at <= onset - ROUTINE_GAP);
    const candidates = actors.filter((a) => a.at >= onset - BEFORE && a.at <= onset + AFTER && !routine(a));
    // Nearest first; one starting after the shift counts double its distance.
    const rank = (a: Actor) => (a.at <= onset ? onset - a.at : 2 * (a.at - onset));
    const [best, next] = [...candidates].sort((a, b) => rank(a) - rank(b));
    if (!best) continue;
    const clear = !next || rank(next) >= 2 * rank(best) + 2 * 60_000;
    const own = best.service === target.service;
    const lead = minutesBetween(best.at, onset);
    out.push({
      analyzer: 'dependency-actor',
      category: own ? 'bad-deploy' : 'dependency',
      culprit: { kind: 'task-definition', id: best.taskDefinition },
      strength: clear && rank(best) <= 10 * 60_000 ? 'strong' : 'weak',
      object: `Metric/${observed.namespace}/${observed.metricName}/${observed.resource}`,
      summary: `${describeShift(observed, clock)}; ${best.what} began at ${clock(best.at)}${lead >= 0 ? `, ${lead} min before` : `, ${-lead} min after`}${candidates.length > 1 ? ` (${candidates.length - 1} other task(s) or deployment(s) started then too)` : ''}`,
      at: best.at,
      failureOnset: onset,
      recheck: { provider: 'ecs', operation: 'ecs.clusterActivity', target: target.cluster, params: {}, window: activityWindow(context), rationale: `What started in ${target.cluster} when ${observed.resource} changed?` },
      series: chartOf(observed),
    });
  }
  return out;
};

/** Shifts on shared dependencies (not the workload itself). */
export function dependencyShifts(context: TriageContext): ObservedShift[] {
  const target = context.incident.target;
  const own = target.platform === 'ecs' ? target.service : '';
  return (context.metricShifts ?? []).filter((s) => s.kind?.role === 'dependency-load' && s.resource !== own);
}

/** The stretch to list the cluster's activity over: from before the first dependency shift to now. */
export function activityWindow(context: TriageContext): { start: number; end: number } {
  const onsets = dependencyShifts(context).map((s) => s.shift.onset);
  return { start: Math.min(context.onset, ...onsets) - HISTORY, end: context.now };
}
