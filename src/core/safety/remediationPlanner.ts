/**
 * Turns a conclusion into remediation proposals: the exact call, its risk and its undo.
 * Proposals are data; nothing here mutates anything (see ./remediation for execution).
 */
import type { Conclusion, MutationAction, RemediationProposal } from '../model';
import type { TriageContext } from '../reasoner/types';
import { classifyRisk } from './policy';

export function proposeRemediations(conclusion: Conclusion, context: TriageContext, focus: Record<string, string>): RemediationProposal[] {
  const target = context.incident.target;
  if (target.platform !== 'ecs') return [];
  const proposals: RemediationProposal[] = [];
  const bad = focus.toTaskDefinition;
  const good = focus.fromTaskDefinition;
  if (bad && good) {
    const action: MutationAction = { kind: 'ecs.updateService', cluster: target.cluster, service: target.service, taskDefinition: good };
    const undoAction: MutationAction = { kind: 'ecs.updateService', cluster: target.cluster, service: target.service, taskDefinition: bad };
    proposals.push({
      id: 'R1',
      title: `Roll back to ${good}`,
      rationale: `${bad} introduced the failure (${conclusion.summary}); ${good} ran without it before the deploy.`,
      action,
      apiCall: formatApiCall(action),
      risk: classifyRisk(action),
      undo: `Roll forward again with ${formatApiCall(undoAction)} once the fix is deployed.`,
      undoAction,
    });
  } else if (conclusion.category === 'oom') {
    const action: MutationAction = { kind: 'ecs.updateService', cluster: target.cluster, service: target.service, forceNewDeployment: true };
    proposals.push({
      id: 'R1',
      title: `Restart ${target.service} tasks (force new deployment)`,
      rationale: 'Fresh tasks start with empty memory; this buys time while the leak is fixed.',
      action,
      apiCall: formatApiCall(action),
      risk: classifyRisk(action),
      undo: 'Nothing to undo: the same task definition keeps running.',
    });
  }
  return proposals;
}

/** The call exactly as the SDK receives it, for the approval dialog and the audit log. */
export function formatApiCall(action: MutationAction): string {
  const input: Record<string, unknown> = { cluster: action.cluster, service: action.service };
  if (action.taskDefinition !== undefined) input.taskDefinition = action.taskDefinition;
  if (action.desiredCount !== undefined) input.desiredCount = action.desiredCount;
  if (action.forceNewDeployment !== undefined) input.forceNewDeployment = action.forceNewDeployment;
  return `ecs.UpdateService(${JSON.stringify(input)})`;
}
