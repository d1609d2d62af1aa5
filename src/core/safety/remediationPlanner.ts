/**
 * Turns a conclusion into remediation proposals: the exact call, its risk and its undo.
 * Proposals are data; nothing here mutates anything (see ./remediation for execution).
 */
import type { Conclusion, MutationAction, RemediationProposal } from '../model';
import type { ChangeRecord, TriageContext } from '../reasoner/types';
import { formatApiCall } from './mutations';
import { classifyRisk } from './policy';

/** Categories a rollback fixes when the failure came with a change (capacity: a version that reserves more than fits). */
const ROLLBACK_FIXES = new Set(['oom', 'bad-deploy', 'config-change', 'image-pull', 'crash-loop', 'health-check', 'cpu-saturation', 'disk-full', 'dns', 'tls', 'dependency', 'capacity']);

/** `firstNumber`: ids continue across conclusions of one investigation (a re-test concludes again). */
export function proposeRemediations(conclusion: Conclusion, context: TriageContext, change: ChangeRecord | undefined, firstNumber = 1): RemediationProposal[] {
  const target = context.incident.target;
  const proposals: RemediationProposal[] = [];
  const add = (title: string, rationale: string, action: MutationAction, undo: string, undoAction?: MutationAction) =>
    proposals.push({ id: `R${firstNumber + proposals.length}`, title, rationale, action, apiCall: formatApiCall(action), risk: classifyRisk(action), undo, undoAction });

  if (change && change.fromVersion && conclusion.category && ROLLBACK_FIXES.has(conclusion.category)) {
    if (target.platform === 'ecs') {
      const action: MutationAction = { kind: 'ecs.updateService', cluster: target.cluster, service: target.service, taskDefinition: change.fromVersion };
      const undoAction: MutationAction = { ...action, taskDefinition: change.toVersion };
      add(`Roll back to ${change.fromVersion}`, `${change.toVersion} introduced the failure (${conclusion.summary}); ${change.fromVersion} ran without it before the change.`, action, `Roll forward again with ${formatApiCall(undoAction)} once the fix is deployed.`, undoAction);
    } else if (change.fromRevision && target.deployment) {
      const action: MutationAction = { kind: 'k8s.rolloutUndo', namespace: target.namespace, deployment: target.deployment, toRevision: change.fromRevision };
      const undoAction: MutationAction = change.toRevision ? { ...action, toRevision: change.toRevision } : action;
      add(`Roll back ${target.deployment} to revision ${change.fromRevision}`, `Revision ${change.toRevision ?? '?'} (${change.toVersion}) introduced the failure (${conclusion.summary}).`, action, change.toRevision ? `Roll forward with ${formatApiCall(undoAction)} once fixed.` : 'Redeploy the fixed version.', change.toRevision ? undoAction : undefined);
    }
  }
  // Rollouts, restarts and scaling are planned for ECS services and Deployments only.
  const deployment = target.platform === 'kubernetes' ? target.deployment : undefined;
  if (target.platform === 'kubernetes' && !deployment) return proposals;
  if (conclusion.category === 'oom' || conclusion.category === 'node-pressure') {
    const action: MutationAction =
      target.platform === 'ecs' ? { kind: 'ecs.updateService', cluster: target.cluster, service: target.service, forceNewDeployment: true } : { kind: 'k8s.rolloutRestart', namespace: target.namespace, deployment: deployment! };
    add(`Restart ${target.platform === 'ecs' ? target.service : deployment}`, 'Fresh tasks or pods start with empty memory (or on other nodes); this buys time, it fixes nothing.', action, 'Nothing to undo: the same version keeps running.');
  }
  if (conclusion.category === 'traffic-spike') {
    const current = context.workload?.desired ?? 1;
    const replicas = Math.max(current + 1, Math.ceil(current * 2));
    const action: MutationAction =
      target.platform === 'ecs' ? { kind: 'ecs.updateService', cluster: target.cluster, service: target.service, desiredCount: replicas } : { kind: 'k8s.scale', namespace: target.namespace, deployment: deployment!, replicas };
    const undoAction: MutationAction = action.kind === 'ecs.updateService' ? { ...action, desiredCount: current } : action.kind === 'k8s.scale' ? { ...action, replicas: current } : action;
    add(`Scale ${target.platform === 'ecs' ? target.service : deployment} from ${current} to ${replicas}`, 'More capacity for the extra load while its source is understood.', action, `Scale back with ${formatApiCall(undoAction)}.`, undoAction);
  }
  return proposals;
}
