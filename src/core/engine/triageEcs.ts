/** ECS triage: the service, its recent deployments (what changed) and its stopped tasks. */
import type { EcsTask } from '../../providers/types';
import type { EcsTargetSchema } from '../incident';
import type { ChangeRecord, Termination, TriageContext } from '../reasoner/types';
import type { z } from 'zod';
import { commitOfContainers, diffContainers, ecsContainers, shortTaskDefinition } from './changes';
import type { QueryRunner } from './queryRunner';
import { contextQuery } from './contextQuery';
import { analyzeResult } from '../findings/analyzers';

type EcsTarget = z.infer<typeof EcsTargetSchema>;

export async function triageEcs(runner: QueryRunner, context: TriageContext, target: EcsTarget, since: number): Promise<void> {
  const ref = `${target.cluster}/${target.service}`;
  const described = await runner.run(contextQuery('ecs', 'ecs.serviceEvents', ref, {}, 'Read the service, its deployments and events before hypothesising.'));
  if (!described.ok || described.result.operation !== 'ecs.serviceEvents') {
    context.unavailable.push(`ECS service ${ref}: ${described.ok ? 'unexpected result' : described.error}`);
    return;
  }
  const service = described.result.service;
  context.service = service;
  context.workload = {
    platform: 'ecs',
    name: service.serviceName,
    desired: service.desiredCount,
    running: service.runningCount,
    pending: service.pendingCount,
    events: service.events.map((e) => ({ at: e.createdAt, message: e.message })),
  };

  await readEcsDeployments(runner, context, ref, since, context.now);

  // Behind a load balancer: how its targets fare (the health checks a task must pass).
  const arns = (service.loadBalancers ?? []).map((lb) => lb.targetGroupArn).filter((arn): arn is string => !!arn);
  if (arns.length) {
    const health = await runner.run(contextQuery('elb', 'elb.targetHealth', ref, { targetGroupArns: arns.join(',') }, 'Are the service\'s load-balancer targets healthy, and why not?'));
    if (health.ok) context.findings = [...(context.findings ?? []), ...analyzeResult(health.result, context)];
    else context.unavailable.push(`target health of ${ref}: ${health.error}`);
  }

  const stopped = await runner.run(contextQuery('ecs', 'ecs.stoppedTasks', ref, {}, 'How are tasks stopping?', { start: since, end: context.now }));
  if (stopped.ok && stopped.result.operation === 'ecs.stoppedTasks') context.terminations = stopped.result.tasks.map(taskTermination).filter((t): t is Termination => !!t && t.at >= since);
  else if (!stopped.ok) context.unavailable.push(`stopped tasks of ${ref}: ${stopped.error}`);
}

/** The service's deployments created in [since, until): each a change, with what it changed. */
export async function readEcsDeployments(runner: QueryRunner, context: TriageContext, ref: string, since: number, until: number): Promise<void> {
  const service = context.service;
  if (!service) return;
  const recent = service.deployments.filter((d) => d.createdAt >= since && d.createdAt <= until && !context.changes.some((c) => c.platform === 'ecs' && c.at === d.createdAt)).sort((a, b) => b.createdAt - a.createdAt);
  for (const deployment of recent) {
    const previous = service.deployments.filter((d) => d.createdAt < deployment.createdAt).sort((a, b) => b.createdAt - a.createdAt)[0];
    const from = previous?.taskDefinition ?? previousRevision(deployment.taskDefinition);
    const change: ChangeRecord = {
      kind: 'deployment',
      platform: 'ecs',
      at: deployment.createdAt,
      summary: `Deployment of ${shortTaskDefinition(deployment.taskDefinition)}${from ? ` (from ${shortTaskDefinition(from)})` : ''}`,
      fromVersion: from ? shortTaskDefinition(from) : undefined,
      toVersion: shortTaskDefinition(deployment.taskDefinition),
      differences: [],
    };
    const diff = await runner.run(contextQuery('ecs', 'ecs.taskDefinitionDiff', ref, { from, to: deployment.taskDefinition }, `What changed in the deployment of ${change.toVersion}?`));
    if (diff.ok && diff.result.operation === 'ecs.taskDefinitionDiff') {
      const { from: before, to: after } = diff.result;
      context.taskDefinitions[shortTaskDefinition(after.arn)] = after;
      if (before) context.taskDefinitions[shortTaskDefinition(before.arn)] = before;
      change.differences = diffContainers(before ? ecsContainers(before) : undefined, ecsContainers(after));
      change.toCommit = commitOfContainers(ecsContainers(after));
      change.fromCommit = before ? commitOfContainers(ecsContainers(before)) : undefined;
    } else if (!diff.ok) {
      context.unavailable.push(`task definitions of ${change.toVersion}: ${diff.error}`);
    }
    context.changes.push(change);
  }
  context.changes.sort((a, b) => b.at - a.at);
}

export function taskTermination(task: EcsTask): Termination | undefined {
  if (task.stoppedAt === undefined) return undefined;
  const container = task.containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ?? task.containers[0];
  const reason = [task.stoppedReason, container?.reason].filter((r, i, all) => r && all.indexOf(r) === i).join(' — ');
  return {
    platform: 'ecs',
    unit: task.taskArn.slice(task.taskArn.lastIndexOf('/') + 1),
    version: shortTaskDefinition(task.taskDefinitionArn),
    reason: reason || task.stopCode || 'stopped',
    exitCode: container?.exitCode,
    at: task.stoppedAt,
    startedAt: task.startedAt,
  };
}

function previousRevision(taskDefinition: string): string | undefined {
  const match = /^(.*):(\d+)$/.exec(shortTaskDefinition(taskDefinition));
  if (!match || Number(match[2]) <= 1) return undefined;
  return `${match[1]}:${Number(match[2]) - 1}`;
}
