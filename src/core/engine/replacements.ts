/**
 * Deaths the ECS API has forgotten. Stopped tasks are listed for about an hour, but the
 * service's events (the last 100) keep every "has started N tasks": a start after the rollout
 * completed, with no scale-in churn around it, replaces a task that died. Three exports killed
 * at 09:00, 10:00 and 11:00 leave one stopped task on record and three starts in the events.
 *
 * A scale-out also starts tasks, so the starts only corroborate deaths that are on record; they
 * never make one up.
 */
import type { EcsService } from '../../providers/types';

export interface Replacements {
  /** Tasks started to replace others since the rollout completed. */
  count: number;
  /** epoch ms of the first and the last such start. */
  first: number;
  last: number;
}

/** How far back the events are read for replacements. */
const LOOKBACK_MS = 6 * 3_600_000;
/** A start this close after a stop is a deployment or a scaling step swapping tasks, not a death. */
const CHURN_MS = 2 * 60_000;
const STARTED = /\bhas started (\d+) tasks?\b/;
const STOPPED = /\bhas stopped (\d+) running tasks?\b/;

export function replacedTasks(service: EcsService | undefined, now: number): Replacements | undefined {
  if (!service) return undefined;
  // While a deployment rolls, starts are the rollout's own.
  const settled = Math.max(0, ...service.deployments.filter((d) => d.rolloutState === 'COMPLETED' && d.status === 'PRIMARY').map((d) => d.updatedAt));
  const rolling = service.deployments.some((d) => d.status === 'PRIMARY' && d.rolloutState === 'IN_PROGRESS');
  if (rolling) return undefined;
  const since = Math.max(settled, now - LOOKBACK_MS);
  const events = service.events.filter((e) => e.createdAt > since && e.createdAt <= now);
  const stops = events.filter((e) => STOPPED.test(e.message)).map((e) => e.createdAt);
  const starts = events
    .map((e) => ({ at: e.createdAt, n: Number(STARTED.exec(e.message)?.[1] ?? 0) }))
    .filter((s) => s.n > 0 && !stops.some((at) => Math.abs(s.at - at) <= CHURN_MS));
  const count = starts.reduce((sum, s) => sum + s.n, 0);
  if (!count) return undefined;
  return { count, first: Math.min(...starts.map((s) => s.at)), last: Math.max(...starts.map((s) => s.at)) };
}
