/**
 * From @kubernetes/client-node models (Dates, optional everything) to the engine's plain,
 * epoch-ms K8s* types. Absent fields become neutral values rather than errors: a half-filled
 * object from an older server is still evidence.
 */
import type { K8sCondition, K8sContainerSpec, K8sContainerStatus, K8sDeployment, K8sEvent, K8sNode, K8sPod, K8sReplicaSet } from '../types';
import type { K8s } from './sdk';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/** Epoch ms of a client Date (the client deserialises RFC 3339 into Date; be lenient with strings). */
export function ms(value: Date | string | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

type AnyCondition = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: Date };

export function mapConditions(conditions: readonly AnyCondition[] | undefined): K8sCondition[] {
  return (conditions ?? []).map((condition) => {
    const time = ms(condition.lastTransitionTime);
    return {
      type: condition.type,
      status: condition.status,
      ...(condition.reason ? { reason: condition.reason } : {}),
      ...(condition.message ? { message: condition.message } : {}),
      ...(time !== undefined ? { lastTransitionTime: time } : {}),
    };
  });
}

/** `{matchLabels, matchExpressions}` as a label selector string (`app=web,tier in (a,b)`). */
export function selectorString(selector: K8s.V1LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector?.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    if (expression.operator === 'In') parts.push(`${expression.key} in (${values})`);
    else if (expression.operator === 'NotIn') parts.push(`${expression.key} notin (${values})`);
    else if (expression.operator === 'Exists') parts.push(expression.key);
    else if (expression.operator === 'DoesNotExist') parts.push(`!${expression.key}`);
  }
  return parts.join(',');
}

export function mapContainerSpec(container: K8s.V1Container): K8sContainerSpec {
  return {
    name: container.name,
    image: container.image ?? '',
    // Secret and ConfigMap references render as NAME/KEY (the value itself is never read).
    env: (container.env ?? []).map((env) => {
      const secret = env.valueFrom?.secretKeyRef;
      const configMap = env.valueFrom?.configMapKeyRef;
      if (secret) return { name: env.name, fromSecret: `${secret.name ?? ''}/${secret.key}` };
      if (configMap) return { name: env.name, fromConfigMap: `${configMap.name ?? ''}/${configMap.key}` };
      return env.value !== undefined ? { name: env.name, value: env.value } : { name: env.name };
    }),
    limits: { ...(container.resources?.limits ?? {}) },
    requests: { ...(container.resources?.requests ?? {}) },
  };
}

function mapContainerStatus(status: K8s.V1ContainerStatus): K8sContainerStatus {
  const { running, waiting, terminated } = status.state ?? {};
  const state: K8sContainerStatus['state'] = running ? 'running' : waiting ? 'waiting' : terminated ? 'terminated' : 'unknown';
  const reason = waiting?.reason ?? terminated?.reason;
  const message = waiting?.message ?? terminated?.message;
  const last = status.lastState?.terminated;
  return {
    name: status.name,
    image: status.image,
    ready: status.ready,
    restartCount: status.restartCount,
    state,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    ...(terminated ? { exitCode: terminated.exitCode } : {}),
    ...(last
      ? {
          lastTermination: {
            ...(last.reason ? { reason: last.reason } : {}),
            exitCode: last.exitCode,
            ...(last.message ? { message: last.message } : {}),
            ...(ms(last.startedAt) !== undefined ? { startedAt: ms(last.startedAt) } : {}),
            ...(ms(last.finishedAt) !== undefined ? { finishedAt: ms(last.finishedAt) } : {}),
          },
        }
      : {}),
  };
}

function controller(references: readonly K8s.V1OwnerReference[] | undefined, kind: string): string | undefined {
  return references?.find((reference) => reference.kind === kind && reference.controller !== false)?.name;
}

export function mapPod(pod: K8s.V1Pod): K8sPod {
  const replicaSet = controller(pod.metadata?.ownerReferences, 'ReplicaSet');
  // Spec order is the container order users know; statuses may come in any order.
  const statuses = pod.status?.containerStatuses ?? [];
  const containers = (pod.spec?.containers ?? []).map((spec) => {
    const status = statuses.find((candidate) => candidate.name === spec.name);
    return status ? mapContainerStatus(status) : { name: spec.name, image: spec.image ?? '', ready: false, restartCount: 0, state: 'unknown' as const };
  });
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    labels: { ...(pod.metadata?.labels ?? {}) },
    createdAt: ms(pod.metadata?.creationTimestamp) ?? 0,
    ...(replicaSet ? { replicaSet } : {}),
    ...(pod.status?.reason ? { reason: pod.status.reason } : {}),
    ...(pod.status?.message ? { message: pod.status.message } : {}),
    containers,
    conditions: mapConditions(pod.status?.conditions),
  };
}

export function mapEvent(event: K8s.CoreV1Event): K8sEvent {
  // Older producers fill first/lastTimestamp and count; events.k8s.io-era ones eventTime and series.
  const last = ms(event.lastTimestamp) ?? ms(event.series?.lastObservedTime) ?? ms(event.eventTime) ?? ms(event.metadata?.creationTimestamp) ?? 0;
  const first = ms(event.firstTimestamp) ?? ms(event.eventTime);
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    involvedObject: {
      kind: event.involvedObject.kind ?? '',
      name: event.involvedObject.name ?? '',
      ...(event.involvedObject.namespace ? { namespace: event.involvedObject.namespace } : {}),
    },
    count: event.count ?? event.series?.count ?? 1,
    ...(first !== undefined ? { firstTimestamp: first } : {}),
    lastTimestamp: last,
  };
}

export function mapDeployment(deployment: K8s.V1Deployment): K8sDeployment {
  const status = deployment.status;
  const revision = deployment.metadata?.annotations?.[REVISION_ANNOTATION];
  return {
    name: deployment.metadata?.name ?? '',
    namespace: deployment.metadata?.namespace ?? '',
    replicas: deployment.spec?.replicas ?? 1,
    readyReplicas: status?.readyReplicas ?? 0,
    availableReplicas: status?.availableReplicas ?? 0,
    updatedReplicas: status?.updatedReplicas ?? 0,
    unavailableReplicas: status?.unavailableReplicas ?? 0,
    selector: selectorString(deployment.spec?.selector),
    ...(revision !== undefined ? { revision } : {}),
    containers: (deployment.spec?.template.spec?.containers ?? []).map(mapContainerSpec),
    conditions: mapConditions(status?.conditions),
    createdAt: ms(deployment.metadata?.creationTimestamp) ?? 0,
  };
}

export function mapReplicaSet(rs: K8s.V1ReplicaSet): K8sReplicaSet {
  const annotations = rs.metadata?.annotations ?? {};
  const deployment = controller(rs.metadata?.ownerReferences, 'Deployment');
  const changeCause = annotations[CHANGE_CAUSE_ANNOTATION];
  return {
    name: rs.metadata?.name ?? '',
    namespace: rs.metadata?.namespace ?? '',
    ...(annotations[REVISION_ANNOTATION] !== undefined ? { revision: annotations[REVISION_ANNOTATION] } : {}),
    ...(deployment ? { deployment } : {}),
    replicas: rs.spec?.replicas ?? rs.status?.replicas ?? 0,
    readyReplicas: rs.status?.readyReplicas ?? 0,
    containers: (rs.spec?.template?.spec?.containers ?? []).map(mapContainerSpec),
    ...(changeCause !== undefined ? { changeCause } : {}),
    createdAt: ms(rs.metadata?.creationTimestamp) ?? 0,
  };
}

export function mapNode(node: K8s.V1Node): K8sNode {
  return {
    name: node.metadata?.name ?? '',
    conditions: mapConditions(node.status?.conditions),
    allocatable: { ...(node.status?.allocatable ?? {}) },
    capacity: { ...(node.status?.capacity ?? {}) },
    unschedulable: node.spec?.unschedulable === true,
  };
}

/** Rollout history order: highest revision first, then newest. */
export function byRevisionDescending(a: K8sReplicaSet, b: K8sReplicaSet): number {
  return Number(b.revision ?? 0) - Number(a.revision ?? 0) || b.createdAt - a.createdAt;
}
