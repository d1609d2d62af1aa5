/**
 * Safety policy: risk classes, a cap on mutations per investigation and a cooldown between
 * critical ones. The policy only ever says no; approval itself comes from the user's UI.
 */
import type { MutationAction, RiskLevel } from '../model';

export interface SafetyLimits {
  maxMutationsPerInvestigation: number;
  criticalCooldownMs: number;
}

export const DEFAULT_SAFETY: SafetyLimits = { maxMutationsPerInvestigation: 3, criticalCooldownMs: 5 * 60_000 };

export function classifyRisk(action: MutationAction): RiskLevel {
  switch (action.kind) {
    case 'ecs.updateService':
      if (action.desiredCount === 0) return 'critical';
      if (action.taskDefinition) return 'high';
      return 'low';
    case 'k8s.scale':
      return action.replicas === 0 ? 'critical' : 'high';
    case 'k8s.rolloutUndo':
      return 'high';
    case 'k8s.rolloutRestart':
      return 'low';
  }
}

export interface MutationHistory {
  executed: { at: number; risk: RiskLevel }[];
}

/** Returns why a mutation may not run now, or undefined when policy allows it. */
export function policyRefusal(risk: RiskLevel, history: MutationHistory, now: number, limits: SafetyLimits = DEFAULT_SAFETY): string | undefined {
  if (history.executed.length >= limits.maxMutationsPerInvestigation) {
    return `Policy: this investigation already ran ${history.executed.length} mutation(s), the cap is ${limits.maxMutationsPerInvestigation}.`;
  }
  if (risk === 'critical') {
    const lastCritical = history.executed.filter((m) => m.risk === 'critical').at(-1);
    if (lastCritical && now - lastCritical.at < limits.criticalCooldownMs) {
      const wait = Math.ceil((limits.criticalCooldownMs - (now - lastCritical.at)) / 1000);
      return `Policy: critical mutations need ${Math.round(limits.criticalCooldownMs / 60_000)} min between them; wait ${wait} s.`;
    }
  }
  return undefined;
}
