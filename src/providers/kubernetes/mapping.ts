/**
 * From @kubernetes/client-node models (Dates, optional everything) to the engine's plain,
 * epoch-ms K8s* types. Absent fields become neutral values rather than errors: a half-filled
 * object from an older server is still evidence.
 */
import type { K8sCondition, K8sContainerSpec, K8sContainerStatus, K8sDeployment, K8sEvent, K8sNode, K8sPod, K8sProbe, K8sReplicaSet, K8sVolume } from '../types';
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
    ...(container.command ? { command: [...container.command] } : {}),
    ...(container.args ? { args: [...container.args] } : {}),
    ...(container.ports ? { ports: container.ports.map((port) => ({ ...(port.name ? { name: port.name } : {}), containerPort: port.containerPort, protocol: port.protocol ?? 'TCP' })) } : {}),
    ...(container.livenessProbe ? { livenessProbe: mapProbe(container.livenessProbe) } : {}),
    ...(container.readinessProbe ? { readinessProbe: mapProbe(container.readinessProbe) } : {}),
    ...(container.startupProbe ? { startupProbe: mapProbe(container.startupProbe) } : {}),
    ...(container.envFrom
      ? {
          envFrom: container.envFrom.map((source) => ({
            ...(source.configMapRef ? { configMap: source.configMapRef.name ?? '' } : {}),
            ...(source.secretRef ? { secret: source.secretRef.name ?? '' } : {}),
            ...(source.prefix ? { prefix: source.prefix } : {}),
            ...((source.configMapRef?.optional ?? source.secretRef?.optional) ? { optional: true } : {}),
          })),
        }
      : {}),
    ...(container.volumeMounts
      ? { volumeMounts: container.volumeMounts.map((mount) => ({ name: mount.name, mountPath: mount.mountPath, ...(mount.readOnly ? { readOnly: true } : {}), ...(mount.subPath ? { subPath: mount.subPath } : {}) })) }
      : {}),
  };
}

/** A probe in one line (`http-get :8080/healthz`) with the kubelet's defaults for absent timings. */
export function mapProbe(probe: K8s.V1Probe): K8sProbe {
  const timing = {
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: probe.periodSeconds ?? 10,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
    successThreshold: probe.successThreshold ?? 1,
  };
  if (probe.httpGet) {
    const { port, path, scheme } = probe.httpGet;
    return { action: `http-get ${scheme === 'HTTPS' ? 'https' : 'http'}://:${port}${path ?? '/'}`, type: 'httpGet', port, path: path ?? '/', ...timing };
  }
  if (probe.tcpSocket) return { action: `tcp-socket :${probe.tcpSocket.port}`, type: 'tcpSocket', port: probe.tcpSocket.port, ...timing };
  if (probe.grpc) return { action: `grpc :${probe.grpc.port}${probe.grpc.service ? ` ${probe.grpc.service}` : ''}`, type: 'grpc', port: probe.grpc.port, ...timing };
  if (probe.exec) return { action: `exec [${(probe.exec.command ?? []).join(' ')}]`, type: 'exec', ...timing };
  return { action: 'unknown', type: 'unknown', ...timing };
}

export function mapVolume(volume: K8s.V1Volume): K8sVolume {
  if (volume.configMap) return { name: volume.name, type: 'configMap', source: volume.configMap.name ?? '', ...(volume.configMap.optional ? { optional: true } : {}) };
  if (volume.secret) return { name: volume.name, type: 'secret', source: volume.secret.secretName ?? '', ...(volume.secret.optional ? { optional: true } : {}) };
  if (volume.persistentVolumeClaim) return { name: volume.name, type: 'persistentVolumeClaim', source: volume.persistentVolumeClaim.claimName };
  if (volume.hostPath) return { name: volume.name, type: 'hostPath', source: volume.hostPath.path };
  const type = Object.keys(volume).find((key) => key !== 'name' && (volume as unknown as Record<string, unknown>)[key] !== undefined) ?? 'unknown';
  return { name: volume.name, type };
}

function selectorTerms(terms: readonly K8s.V1NodeSelectorTerm[] | undefined): string {
  return (terms ?? [])
    .map((term) => (term.matchExpressions ?? []).map((expression) => `${expression.key} ${expression.operator.toLowerCase()}${expression.values?.length ? ` (${expression.values.join(',')})` : ''}`).join(', '))
    .join(' or ');
}

/** Affinity rules, one line each: `node (required): zone in (a,b)`, `podAnti (preferred): app=db @ kubernetes.io/hostname`. */
export function affinitySummary(affinity: K8s.V1Affinity | undefined): string[] {
  if (!affinity) return [];
  const lines: string[] = [];
  const node = affinity.nodeAffinity;
  if (node?.requiredDuringSchedulingIgnoredDuringExecution) lines.push(`node (required): ${selectorTerms(node.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)}`);
  for (const preferred of node?.preferredDuringSchedulingIgnoredDuringExecution ?? []) lines.push(`node (preferred, weight ${preferred.weight}): ${selectorTerms([preferred.preference])}`);
  for (const [label, rules] of [['pod', affinity.podAffinity], ['podAnti', affinity.podAntiAffinity]] as const) {
    for (const term of rules?.requiredDuringSchedulingIgnoredDuringExecution ?? []) lines.push(`${label} (required): ${selectorString(term.labelSelector) || '*'} @ ${term.topologyKey}`);
    for (const weighted of rules?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      lines.push(`${label} (preferred, weight ${weighted.weight}): ${selectorString(weighted.podAffinityTerm.labelSelector) || '*'} @ ${weighted.podAffinityTerm.topologyKey}`);
    }
  }
  return lines;
}

export function mapContainerStatus(status: K8s.V1ContainerStatus): K8sContainerStatus {
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

/** The controlling owner reference (kind and name). */
export function controllerOf(references: readonly K8s.V1OwnerReference[] | undefined): { kind: string; name: string } | undefined {
  const reference = references?.find((candidate) => candidate.controller === true) ?? references?.[0];
  return reference ? { kind: reference.kind, name: reference.name } : undefined;
}

export function mapPod(pod: K8s.V1Pod): K8sPod {
  const replicaSet = controller(pod.metadata?.ownerReferences, 'ReplicaSet');
  const owner = controllerOf(pod.metadata?.ownerReferences);
  const spec = pod.spec;
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  const affinity = affinitySummary(spec?.affinity);
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
    ...(owner ? { owner } : {}),
    containerSpecs: (spec?.containers ?? []).map(mapContainerSpec),
    ...(spec?.initContainers?.length ? { initContainers: spec.initContainers.map(mapContainerSpec) } : {}),
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses.map(mapContainerStatus) } : {}),
    ...(spec?.volumes?.length ? { volumes: spec.volumes.map(mapVolume) } : {}),
    ...(spec?.nodeSelector && Object.keys(spec.nodeSelector).length > 0 ? { nodeSelector: { ...spec.nodeSelector } } : {}),
    ...(spec?.tolerations?.length
      ? {
          tolerations: spec.tolerations.map((toleration) => ({
            ...(toleration.key ? { key: toleration.key } : {}),
            ...(toleration.operator ? { operator: toleration.operator } : {}),
            ...(toleration.value ? { value: toleration.value } : {}),
            ...(toleration.effect ? { effect: toleration.effect } : {}),
            ...(toleration.tolerationSeconds !== undefined ? { tolerationSeconds: toleration.tolerationSeconds } : {}),
          })),
        }
      : {}),
    ...(affinity.length > 0 ? { affinity } : {}),
    ...(spec?.serviceAccountName ? { serviceAccountName: spec.serviceAccountName } : {}),
    ...(pod.status?.podIP ? { podIP: pod.status.podIP } : {}),
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
    ...(rs.spec?.template?.spec?.initContainers?.length ? { initContainers: rs.spec.template.spec.initContainers.map(mapContainerSpec) } : {}),
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
    taints: (node.spec?.taints ?? []).map((taint) => ({ key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect, ...(ms(taint.timeAdded) !== undefined ? { timeAdded: ms(taint.timeAdded) } : {}) })),
    labels: { ...(node.metadata?.labels ?? {}) },
  };
}

/** Rollout history order: highest revision first, then newest. */
export function byRevisionDescending(a: K8sReplicaSet, b: K8sReplicaSet): number {
  return Number(b.revision ?? 0) - Number(a.revision ?? 0) || b.createdAt - a.createdAt;
}
