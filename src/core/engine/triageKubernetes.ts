/**
 * Kubernetes triage: the workload (a Deployment and its rollout history, or a StatefulSet,
 * DaemonSet, Job or bare pod), the pods' container and init-container states, the events about
 * its own objects and the nodes; then (readSurroundings) the objects around it and what the
 * analyzers find in them.
 */
import type { K8sPod, K8sReplicaSet, K8sService } from '../../providers/types';
import { analyzeResult } from '../findings/analyzers';
import { mentions, selectorOf, selects, surroundingsQuery } from '../findings/analyzers/kubernetes/common';
import type { KubernetesTargetSchema } from '../incident';
import type { ChangeRecord, QueryResult, Termination, TriageContext } from '../reasoner/types';
import type { z } from 'zod';
import { commitOfContainers, diffContainers, k8sContainers } from './changes';
import type { QueryRunner } from './queryRunner';
import { CONTEXT_ID, contextQuery } from './contextQuery';
import { eventsAboutWorkload, scopeOf } from './eventAttribution';

type KubernetesTarget = z.infer<typeof KubernetesTargetSchema>;

/** What Kubernetes triage read that the object analyzers look at again once the logs are in. */
export interface KubernetesReads {
  selector?: string;
  results: QueryResult[];
  /** The Deployment's ReplicaSets (its rollout history), to date changes further back when needed. */
  replicaSets?: K8sReplicaSet[];
}

/** Workloads other than Deployments: their object gives the pods' selector (a bare pod is its own name). */
async function workloadSelector(runner: QueryRunner, context: TriageContext, target: KubernetesTarget): Promise<string | undefined> {
  if (target.kind === 'Deployment' || target.labelSelector) return target.labelSelector;
  const read = await runner.run(contextQuery('kubernetes', 'k8s.objects', `${target.namespace}/${target.kind}/${target.name}`, {}, `Read ${target.kind} ${target.name} before hypothesising.`));
  if (!read.ok || read.result.operation !== 'k8s.objects') {
    if (!read.ok) context.unavailable.push(`Kubernetes ${target.kind} ${target.namespace}/${target.name}: ${read.error}`);
    return undefined;
  }
  const object = read.result.objects[0];
  if (!object) return undefined;
  if (object.kind === 'StatefulSet' || object.kind === 'DaemonSet' || object.kind === 'Job') {
    const ready = object.kind === 'StatefulSet' ? object.readyReplicas : object.kind === 'DaemonSet' ? object.ready : object.active;
    const desired = object.kind === 'StatefulSet' ? object.replicas : object.kind === 'DaemonSet' ? object.desired : Math.max(object.active, object.completions ?? 1);
    context.workload = { platform: 'kubernetes', name: object.name, desired, running: ready, pending: Math.max(0, desired - ready), events: [] };
    if (object.kind === 'Job' && object.startTime !== undefined) context.activeSince = object.startTime;
    // The Job controller labels its pods `job-name` too: readable, and stable across re-creations (the uid is not).
    return object.kind === 'Job' ? `job-name=${object.name}` : object.selector;
  }
  if (object.kind === 'Pod') return selectorOf(object.labels) || undefined;
  // A CronJob's pods belong to its Jobs: found by the `app=NAME` convention, if at all.
  return undefined;
}

/** Returns the pods' label selector when it could be read, and the raw reads the analyzers use. */
export async function triageKubernetes(runner: QueryRunner, context: TriageContext, target: KubernetesTarget, since: number): Promise<KubernetesReads> {
  const ref = `${target.namespace}/${target.name}`;
  const results: QueryResult[] = [];
  let replicaSets: K8sReplicaSet[] | undefined;
  let selector = await workloadSelector(runner, context, target);
  // Only a Deployment has a ReplicaSet history to read.
  const rollout = target.kind === 'Deployment' ? await runner.run(contextQuery('kubernetes', 'k8s.rollout', ref, {}, 'Read the deployment and its rollout history before hypothesising.')) : undefined;
  if (rollout?.ok && rollout.result.operation === 'k8s.rollout') {
    const { deployment } = rollout.result;
    selector ??= deployment.selector;
    context.workload = {
      platform: 'kubernetes',
      name: deployment.name,
      desired: deployment.replicas,
      running: deployment.availableReplicas,
      pending: Math.max(0, deployment.replicas - deployment.availableReplicas),
      events: [],
    };
    context.changes = rolloutChanges(rollout.result.replicaSets, since, context.now);
    replicaSets = rollout.result.replicaSets;
  } else if (rollout && !rollout.ok) {
    context.unavailable.push(`Kubernetes deployment ${ref}: ${rollout.error}`);
  }

  const pods = await runner.run(contextQuery('kubernetes', 'k8s.pods', `${target.namespace}/${selector ?? `app=${target.name}`}`, {}, 'How are the pods doing (restarts, last termination, waiting reasons)?'));
  if (pods.ok && pods.result.operation === 'k8s.pods') {
    // A bare pod's "selector" may match its siblings: keep the pod itself.
    const own = target.kind === 'Pod' ? pods.result.pods.filter((p) => p.name === target.name) : pods.result.pods;
    context.terminations = own.flatMap((pod) => podTerminations(pod, context.now)).filter((t) => t.at >= since);
    context.scope = scopeOf(target.kind, target.name, own);
    context.pods = own;
  } else if (!pods.ok) context.unavailable.push(`pods of ${ref}: ${pods.error}`);

  const events = await runner.run(contextQuery('kubernetes', 'k8s.events', target.namespace, {}, 'Which warnings did Kubernetes record in the namespace?'));
  if (events.ok && events.result.operation === 'k8s.events') {
    results.push(events.result);
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
  if (nodes.ok && nodes.result.operation === 'k8s.nodes') {
    context.nodes = nodes.result.nodes;
    results.push(nodes.result);
  } else if (!nodes.ok) context.unavailable.push(`nodes: ${nodes.error}`);
  return { selector, results, replicaSets };
}

/**
 * After the logs: the objects around the workload (Services, config, claims, policies, quotas,
 * jobs), the pods behind Services its symptoms name, and what the analyzers make of all of it.
 */
export async function readSurroundings(runner: QueryRunner, context: TriageContext, target: KubernetesTarget, reads: KubernetesReads): Promise<void> {
  const objects = await runner.run({ ...surroundingsQuery(target.namespace), hypothesisId: CONTEXT_ID });
  const results = [...reads.results];
  if (objects.ok && objects.result.operation === 'k8s.objects') {
    results.push(objects.result);
    for (const failure of objects.result.failed) context.unavailable.push(`Kubernetes ${failure.kind} in ${target.namespace}: ${failure.error}`);
    const services = objects.result.objects.filter((o): o is K8sService => o.kind === 'Service');
    context.serviceNames = services.map((s) => s.name);
    const named = services.filter((s) => Object.keys(s.selector).length && !(context.pods ?? []).some((p) => selects(s.selector, p.labels)) && mentions(context, s.name)).slice(0, 2);
    for (const service of named) {
      const selector = selectorOf(service.selector);
      const pods = await runner.run(contextQuery('kubernetes', 'k8s.pods', `${target.namespace}/${selector}`, {}, `Which pods does Service ${service.name} (named in the errors) send to?`));
      if (pods.ok && pods.result.operation === 'k8s.pods') context.relatedPods = { ...context.relatedPods, [service.name]: pods.result.pods };
    }
  } else if (!objects.ok) {
    context.unavailable.push(`Kubernetes objects in ${target.namespace}: ${objects.error}`);
  }
  context.findings = results.flatMap((result) => analyzeResult(result, context));
}

/** Terminations with what each unit printed last, when the logs were read. */
export function withLastWords(terminations: Termination[], lastWords: Record<string, string[]> | undefined): Termination[] {
  if (!lastWords) return terminations;
  return terminations.map((t) => (lastWords[t.unit] ? { ...t, lastWords: lastWords[t.unit] } : t));
}

/** Rollouts in the window: each ReplicaSet created then, compared with the one before it. */
export function rolloutChanges(replicaSets: readonly K8sReplicaSet[], since: number, now: number): ChangeRecord[] {
  const byRevision = [...replicaSets].sort((a, b) => Number(a.revision ?? 0) - Number(b.revision ?? 0));
  const changes: ChangeRecord[] = [];
  byRevision.forEach((rs, index) => {
    if (rs.createdAt < since || rs.createdAt > now || index === 0) return;
    const previous = byRevision[index - 1]!;
    const after = k8sContainers(rs.containers, rs.initContainers);
    const before = k8sContainers(previous.containers, previous.initContainers);
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
  // Init containers run first: one that fails keeps the pod in Init:Error / Init:CrashLoopBackOff.
  for (const container of pod.initContainerStatuses ?? []) {
    const last = container.lastTermination;
    const failing = (container.state === 'waiting' && container.reason && container.reason !== 'PodInitializing') || (container.state === 'terminated' && (container.exitCode ?? 0) !== 0);
    if (!failing && !(last && (last.exitCode ?? 0) !== 0)) continue;
    const reason = `Init:${container.reason ?? last?.reason ?? 'Error'}${container.message ? `: ${container.message}` : ''}`;
    out.push({ platform: 'kubernetes', unit: `${pod.name}/${container.name} (init)`, version: pod.replicaSet, reason, exitCode: container.exitCode ?? last?.exitCode, at: last?.finishedAt ?? now, startedAt: last?.startedAt, node: pod.nodeName, restartCount: container.restartCount, waiting: container.state === 'waiting' });
  }
  for (const condition of pod.conditions) {
    if (condition.type === 'PodScheduled' && condition.status === 'False') {
      out.push({ platform: 'kubernetes', unit: pod.name, version: pod.replicaSet, reason: [condition.reason, condition.message].filter(Boolean).join(': '), at: condition.lastTransitionTime ?? pod.createdAt, waiting: true });
    }
  }
  return out;
}
