/**
 * Kubernetes triage: the deployment and its rollout history (ReplicaSets), the pods'
 * container states (restarts, last termination, waiting reasons), warning events and nodes.
 */
import type { K8sPod, K8sReplicaSet } from '../../providers/types';
import type { KubernetesTargetSchema } from '../incident';
import type { ChangeRecord, Termination, TriageContext } from '../reasoner/types';
import type { z } from 'zod';
import { commitOfContainers, diffContainers, k8sContainers } from './changes';
import type { QueryRunner } from './queryRunner';
import { contextQuery } from './contextQuery';
import { eventsAboutWorkload, scopeOf } from './eventAttribution';

type KubernetesTarget = z.infer<typeof KubernetesTargetSchema>;

/** Returns the deployment's label selector when it could be read. */
export async function triageKubernetes(runner: QueryRunner, context: TriageContext, target: KubernetesTarget, since: number): Promise<string | undefined> {
  const ref = `${target.namespace}/${target.deployment}`;
  let selector = target.labelSelector;
  const rollout = await runner.run(contextQuery('kubernetes', 'k8s.rollout', ref, {}, 'Read the deployment and its rollout history before hypothesising.'));
  if (rollout.ok && rollout.result.operation === 'k8s.rollout') {
    const { deployment, replicaSets } = rollout.result;
    selector ??= deployment.selector;
    context.workload = {
      platform: 'kubernetes',
      name: deployment.name,
      desired: deployment.replicas,
      running: deployment.availableReplicas,
      pending: Math.max(0, deployment.replicas - deployment.availableReplicas),
      events: [],
    };
    context.changes = rolloutChanges(replicaSets, since, context.now);
  } else if (!rollout.ok) {
    context.unavailable.push(`Kubernetes deployment ${ref}: ${rollout.error}`);
  }

  const pods = await runner.run(contextQuery('kubernetes', 'k8s.pods', `${target.namespace}/${selector ?? `app=${target.name}`}`, {}, 'How are the pods doing (restarts, last termination, waiting reasons)?'));
  if (pods.ok && pods.result.operation === 'k8s.pods') {
    context.terminations = pods.result.pods.flatMap((pod) => podTerminations(pod, context.now)).filter((t) => t.at >= since);
    context.scope = scopeOf(target.kind, target.name, pods.result.pods);
  } else if (!pods.ok) context.unavailable.push(`pods of ${ref}: ${pods.error}`);

  const events = await runner.run(contextQuery('kubernetes', 'k8s.events', target.namespace, {}, 'Which warnings did Kubernetes record in the namespace?'));
  if (events.ok && events.result.operation === 'k8s.events') {
    // Only events about the workload's own objects: its neighbours' failures are not its evidence.
    const relevant = eventsAboutWorkload(events.result.events, context.scope)
      .filter((e) => e.lastTimestamp >= since)
      .map((e) => ({ at: e.lastTimestamp, type: e.type, reason: e.reason, message: e.message, object: `${e.involvedObject.kind}/${e.involvedObject.name}`, count: e.count }));
    if (context.workload) context.workload.events = relevant;
    else context.workload = { platform: 'kubernetes', name: target.name, desired: 0, running: 0, pending: 0, events: relevant };
  } else if (!events.ok) {
    context.unavailable.push(`events of ${target.namespace}: ${events.error}`);
  }

  const nodes = await runner.run(contextQuery('kubernetes', 'k8s.nodes', 'cluster-nodes', {}, 'Are nodes under memory, disk or PID pressure?'));
  if (nodes.ok && nodes.result.operation === 'k8s.nodes') context.nodes = nodes.result.nodes;
  else if (!nodes.ok) context.unavailable.push(`nodes: ${nodes.error}`);
  return selector;
}

/** Rollouts in the window: each ReplicaSet created then, compared with the one before it. */
export function rolloutChanges(replicaSets: readonly K8sReplicaSet[], since: number, now: number): ChangeRecord[] {
  const byRevision = [...replicaSets].sort((a, b) => Number(a.revision ?? 0) - Number(b.revision ?? 0));
  const changes: ChangeRecord[] = [];
  byRevision.forEach((rs, index) => {
    if (rs.createdAt < since || rs.createdAt > now || index === 0) return;
    const previous = byRevision[index - 1]!;
    const after = k8sContainers(rs.containers);
    const before = k8sContainers(previous.containers);
    changes.push({
      kind: 'deployment',
      platform: 'kubernetes',
      at: rs.createdAt,
      summary: `Rollout of ${rs.name} (revision ${rs.revision ?? '?'}${rs.changeCause ? `: ${rs.changeCause}` : ''})`,
      fromVersion: previous.name,
      toVersion: rs.name,
      fromRevision: previous.revision,
      toRevision: rs.revision,
      toCommit: commitOfContainers(after),
      fromCommit: commitOfContainers(before),
      differences: diffContainers(before, after),
    });
  });
  return changes.sort((a, b) => b.at - a.at);
}

/** A pod's containers as terminations: the last termination of restarted containers, and current waiting states. */
export function podTerminations(pod: K8sPod, now: number): Termination[] {
  const out: Termination[] = [];
  if (pod.reason) {
    out.push({ platform: 'kubernetes', unit: pod.name, version: pod.replicaSet, reason: [pod.reason, pod.message].filter(Boolean).join(': '), at: pod.createdAt, node: pod.nodeName, waiting: pod.phase === 'Pending' });
  }
  // An evicted pod's containers die with a plain "Error"/137: the pod's reason says why.
  const podCause = pod.reason ? `${pod.reason}${pod.message ? `: ${pod.message}` : ''} — ` : '';
  for (const container of pod.containers) {
    const unit = `${pod.name}/${container.name}`;
    const last = container.lastTermination;
    if (last && (last.reason || last.exitCode !== undefined)) {
      out.push({ platform: 'kubernetes', unit, version: pod.replicaSet, reason: podCause + ([last.reason, last.message].filter(Boolean).join(': ') || 'terminated'), exitCode: last.exitCode, at: last.finishedAt ?? now, startedAt: last.startedAt, node: pod.nodeName, restartCount: container.restartCount });
    }
    if ((container.state === 'waiting' || container.state === 'terminated') && container.reason) {
      out.push({ platform: 'kubernetes', unit, version: pod.replicaSet, reason: podCause + [container.reason, container.message].filter(Boolean).join(': '), exitCode: container.exitCode, at: now, node: pod.nodeName, restartCount: container.restartCount, waiting: container.state === 'waiting' });
    }
  }
  for (const condition of pod.conditions) {
    if (condition.type === 'PodScheduled' && condition.status === 'False') {
      out.push({ platform: 'kubernetes', unit: pod.name, version: pod.replicaSet, reason: [condition.reason, condition.message].filter(Boolean).join(': '), at: condition.lastTransitionTime ?? pod.createdAt, waiting: true });
    }
  }
  return out;
}
