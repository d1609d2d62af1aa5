/**
 * Load-balancer target health of an ECS service: targets that fail their health checks, with
 * the ELB reason (Target.ResponseCodeMismatch, Target.Timeout, …), and a health check that
 * probes a port the task definition no longer maps. Blamed on the version that changed it when
 * one landed shortly before, else on the target group.
 */
import { shortTaskDefinition, suspectChange } from '../../../engine/changes';
import type { Culprit } from '../../../model';
import type { TriageContext } from '../../../reasoner/types';
import type { Analyzer } from '../index';
import type { Finding } from '../../types';

export const targetHealth: Analyzer = (result, context) => {
  if (result.operation !== 'elb.targetHealth') return [];
  const out: Finding[] = [];
  const target = context.incident.target;
  if (target.platform !== 'ecs') return out;
  const arns = result.groups.map((g) => g.group.arn);
  const recheck = { provider: 'elb' as const, operation: 'elb.targetHealth', target: `${target.cluster}/${target.service}`, params: { targetGroupArns: arns.join(',') }, rationale: 'Are the load-balancer targets still failing their health checks?' };
  for (const { group, targets } of result.groups) {
    const unhealthy = targets.filter((t) => t.state === 'unhealthy');
    if (!unhealthy.length) continue;
    const reasons = [...new Set(unhealthy.map((t) => t.reason ?? t.state))];
    const mapped = mappedPorts(context);
    const checkPort = group.healthCheck.port && /^\d+$/.test(group.healthCheck.port) ? Number(group.healthCheck.port) : undefined;
    const portGone = checkPort !== undefined && mapped.length > 0 && !mapped.includes(checkPort);
    out.push({
      analyzer: 'target-health',
      category: 'health-check',
      culprit: culpritFor(group.name, context),
      strength: unhealthy.length * 2 >= targets.length || portGone ? 'strong' : 'weak',
      object: `TargetGroup/${group.name}`,
      summary: `${unhealthy.length} of ${targets.length} targets of ${group.name} fail their health checks (${reasons.join(', ')}${unhealthy[0]?.description ? `: ${unhealthy[0].description}` : ''})${portGone ? `; the check probes port ${checkPort}, which the task definition no longer maps (${mapped.join(', ')})` : ''}`,
      recheck,
    });
  }
  return out;
};

function mappedPorts(context: TriageContext): number[] {
  const current = context.service?.taskDefinition;
  const definition = current ? context.taskDefinitions[shortTaskDefinition(current)] : undefined;
  return (definition?.containers ?? []).flatMap((c) => (c.portMappings ?? []).map((p) => p.containerPort));
}

function culpritFor(group: string, context: TriageContext): Culprit {
  const change = suspectChange(context);
  return change ? { kind: 'task-definition', id: change.toVersion } : { kind: 'other', id: `targetgroup/${group}` };
}
