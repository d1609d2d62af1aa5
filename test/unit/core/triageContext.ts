/** A triage context for rule and analyzer tests: empty reads, an incident at `onset`, and what the test adds. */
import { emptyTriageContext } from '../../../src/core/engine/triage';
import type { Incident } from '../../../src/core/incident';
import type { TriageContext } from '../../../src/core/reasoner/types';

export const ECS_TARGET = { platform: 'ecs', cluster: 'prod', service: 'api' } as const;

export function triageContext(onset: number, target: Incident['target'], over: Partial<TriageContext> = {}, service = 'api'): TriageContext {
  const incident: Incident = { id: 'I', title: 't', source: 'scenario', severity: 'high', startedAt: new Date(onset).toISOString(), service, symptoms: [], target };
  return { ...emptyTriageContext({ incident, onset, now: onset + 20 * 60_000, serviceMap: {} }), ...over };
}
