/**
 * Capacity / placement failure: desired > running because tasks cannot be placed
 * (insufficient CPU/memory in the cluster, no container instance meets requirements).
 * Tasks that start and then die are refuted here: that is a crash, not placement.
 */
import type { EvidenceDraft } from '../types';
import { clock, ecsServiceTarget, excerpt, iso, type FailureRule } from './common';

const PLACEMENT = /unable to place|insufficient (?:cpu|memory)|no container instance met|RESOURCE:(?:CPU|MEMORY)|capacity provider/i;

export const capacityRule: FailureRule = {
  id: 'capacity',
  category: 'capacity',
  propose(context) {
    const service = context.service;
    if (!service || service.runningCount >= service.desiredCount) return undefined;
    return {
      category: 'capacity',
      title: `Not enough capacity to place ${context.incident.service} tasks (running ${service.runningCount} of ${service.desiredCount})`,
      rationale: 'The service is below its desired count; placement failures would explain it.',
      prior: 0.3,
      focus: { rule: 'capacity' },
    };
  },
  plan(_hypothesis, context) {
    const target = ecsServiceTarget(context);
    return target ? [{ provider: 'ecs', operation: 'ecs.serviceEvents', target, params: {}, rationale: 'Do the service events report placement failures?' }] : [];
  },
  interpret(_hypothesis, _query, result, context): EvidenceDraft[] {
    if (result.operation !== 'ecs.serviceEvents') return [];
    const since = context.onset - 60 * 60_000;
    const placement = result.service.events.filter((e) => e.createdAt >= since && PLACEMENT.test(e.message));
    if (!placement.length) {
      return [{ kind: 'service-events', strength: 'weak', supports: false, summary: `No placement failures in the service events since ${clock(since)}; tasks start and then stop.` }];
    }
    return [
      {
        kind: 'service-events',
        strength: placement.length >= 2 ? 'strong' : 'weak',
        supports: true,
        summary: `${placement.length} placement failure event(s) since ${clock(since)}.`,
        observedAt: iso(Math.min(...placement.map((e) => e.createdAt))),
        excerpt: excerpt(placement.map((e) => e.message)),
      },
    ];
  },
};
