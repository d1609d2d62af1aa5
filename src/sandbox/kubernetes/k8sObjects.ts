/**
 * Builds the workload objects the API server would serve for a scenario's deployments: the
 * Deployment, its ReplicaSets (one per rollout revision, `deployment.kubernetes.io/revision`,
 * `pod-template-hash`, ownerReferences to the Deployment) and the Deployment status derived from
 * them. Pods, events, nodes and namespaces are in k8sPodObjects.ts.
 */
import type { ScenarioK8sCondition, ScenarioK8sContainerSpec, ScenarioK8sDeployment, ScenarioK8sReplicaSet } from './k8sScenario';
import {
  canonicalQuantity,
  CHANGE_CAUSE_ANNOTATION,
  type ContainerJson,
  type DeploymentJson,
  type PodTemplateJson,
  type ReplicaSetJson,
  REVISION_ANNOTATION,
  rfc3339,
  TEMPLATE_HASH_LABEL,
  templateHash,
  toMs,
} from './k8sShapes';

function secretRef(ref: string) {
  const slash = ref.indexOf('/');
  return { name: ref.slice(0, slash), key: ref.slice(slash + 1) };
}

function canonicalResources(resources: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(resources).map(([name, value]) => [name, canonicalQuantity(value)]));
}

type SpecFields = Partial<Omit<ScenarioK8sContainerSpec, 'name' | 'image'>>;

function envJson(env: NonNullable<SpecFields['env']>) {
  return env.map((entry) => {
    if (entry.fromSecret) return { name: entry.name, valueFrom: { secretKeyRef: secretRef(entry.fromSecret) } };
    if (entry.fromConfigMap) return { name: entry.name, valueFrom: { configMapKeyRef: secretRef(entry.fromConfigMap) } };
    return { name: entry.name, value: entry.value ?? '' };
  });
}

/** A probe with the API server's defaults filled in. */
function probeJson(probe: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...structuredClone(probe) };
  const httpGet = out.httpGet as Record<string, unknown> | undefined;
  if (httpGet) out.httpGet = { ...httpGet, scheme: httpGet.scheme ?? 'HTTP' };
  out.timeoutSeconds ??= 1;
  out.periodSeconds ??= 10;
  out.successThreshold ??= 1;
  out.failureThreshold ??= 3;
  return out;
}

/** The JSON of the spec fields that are given (a pod's container may override its template's). */
export function containerSpecFieldsJson(spec: SpecFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec.command) out.command = [...spec.command];
  if (spec.args) out.args = [...spec.args];
  if (spec.ports) out.ports = spec.ports.map((port) => ({ ...port, protocol: port.protocol ?? 'TCP' }));
  if (spec.envFrom) out.envFrom = structuredClone(spec.envFrom);
  if (spec.env && spec.env.length > 0) out.env = envJson(spec.env);
  if (spec.limits !== undefined || spec.requests !== undefined) {
    out.resources = {
      ...(spec.limits && Object.keys(spec.limits).length > 0 ? { limits: canonicalResources(spec.limits) } : {}),
      ...(spec.requests && Object.keys(spec.requests).length > 0 ? { requests: canonicalResources(spec.requests) } : {}),
    };
  }
  if (spec.volumeMounts) out.volumeMounts = structuredClone(spec.volumeMounts);
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    if (spec[probe]) out[probe] = probeJson(spec[probe] as Record<string, unknown>);
  }
  return out;
}

export function containerJson(spec: ScenarioK8sContainerSpec): ContainerJson {
  return {
    name: spec.name,
    image: spec.image,
    ...containerSpecFieldsJson(spec),
    resources: (containerSpecFieldsJson({ limits: spec.limits, requests: spec.requests }).resources ?? {}) as Record<string, unknown>,
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
}

/** Pod-spec fields beyond the containers, as a scenario ReplicaSet or pod gives them. */
export interface PodSpecExtras {
  volumes?: Record<string, unknown>[];
  nodeSelector?: Record<string, string>;
  tolerations?: Record<string, unknown>[];
  affinity?: Record<string, unknown>;
  serviceAccountName?: string;
  initContainers?: ScenarioK8sContainerSpec[];
}

/** The JSON of the given pod-spec extras (volumes, initContainers, nodeSelector, …). */
export function podSpecExtrasJson(extras: PodSpecExtras): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (extras.volumes) out.volumes = structuredClone(extras.volumes);
  if (extras.initContainers) out.initContainers = extras.initContainers.map(containerJson);
  if (extras.nodeSelector) out.nodeSelector = { ...extras.nodeSelector };
  if (extras.serviceAccountName) {
    out.serviceAccountName = extras.serviceAccountName;
    out.serviceAccount = extras.serviceAccountName;
  }
  if (extras.affinity) out.affinity = structuredClone(extras.affinity);
  if (extras.tolerations) out.tolerations = structuredClone(extras.tolerations);
  return out;
}

export function podTemplateJson(labels: Record<string, string>, containers: readonly ScenarioK8sContainerSpec[], extras: PodSpecExtras = {}): PodTemplateJson {
  return {
    // A template's metadata serialises its zero creationTimestamp as null, as the real API does.
    metadata: { creationTimestamp: null, labels: { ...labels } },
    spec: {
      containers: containers.map(containerJson),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
      ...podSpecExtrasJson(extras),
    },
  };
}

export function deploymentLabels(deployment: ScenarioK8sDeployment): { labels: Record<string, string>; selector: Record<string, string> } {
  const labels = deployment.labels ?? { app: deployment.name };
  return { labels, selector: deployment.selector ?? labels };
}

/** The hash part of an RS name (`checkout-7d9f8b6c5` → `7d9f8b6c5`), else a computed one. */
export function replicaSetHash(deploymentName: string, rsName: string, template: PodTemplateJson): string {
  const prefix = `${deploymentName}-`;
  const suffix = rsName.startsWith(prefix) ? rsName.slice(prefix.length) : '';
  return /^[a-z0-9]{1,63}$/.test(suffix) ? suffix : templateHash(template);
}

export function replicaSetJson(options: {
  namespace: string;
  deployment: DeploymentJson;
  name: string;
  revision: number;
  template: PodTemplateJson;
  replicas: number;
  readyReplicas: number;
  createdAt: string;
  changeCause?: string;
  uid: string;
}): ReplicaSetJson {
  const { deployment } = options;
  const hash = replicaSetHash(deployment.metadata.name, options.name, options.template);
  const labels = { ...deployment.spec.selector.matchLabels, [TEMPLATE_HASH_LABEL]: hash };
  const template = structuredClone(options.template);
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [TEMPLATE_HASH_LABEL]: hash };
  const surge = Math.ceil(deployment.spec.replicas * 0.25);
  return {
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      uid: options.uid,
      resourceVersion: '0',
      generation: 1,
      creationTimestamp: options.createdAt,
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(deployment.spec.replicas),
        'deployment.kubernetes.io/max-replicas': String(deployment.spec.replicas + surge),
        [REVISION_ANNOTATION]: String(options.revision),
        ...(options.changeCause !== undefined ? { [CHANGE_CAUSE_ANNOTATION]: options.changeCause } : {}),
      },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name, uid: deployment.metadata.uid, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: { replicas: options.replicas, selector: { matchLabels: labels }, template },
    status: {
      replicas: options.replicas,
      fullyLabeledReplicas: options.replicas,
      readyReplicas: options.readyReplicas,
      availableReplicas: options.readyReplicas,
      observedGeneration: 1,
    },
  };
}

export function deploymentJson(namespace: string, deployment: ScenarioK8sDeployment, uid: string, active: ScenarioK8sReplicaSet): DeploymentJson {
  const { labels, selector } = deploymentLabels(deployment);
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: {
      name: deployment.name,
      namespace,
      uid,
      resourceVersion: '0',
      generation: 1,
      creationTimestamp: rfc3339(toMs(deployment.createdAt)),
      labels: { ...labels },
      annotations: {
        ...deployment.annotations,
        [REVISION_ANNOTATION]: String(deployment.revision),
        ...(active.changeCause !== undefined ? { [CHANGE_CAUSE_ANNOTATION]: active.changeCause } : {}),
      },
    },
    spec: {
      replicas: deployment.replicas,
      selector: { matchLabels: { ...selector } },
      template: podTemplateJson(selector, deployment.containers ?? active.containers, active),
      strategy: deployment.strategy === 'Recreate' ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}

/**
 * Deployment status as the controller derives it from its ReplicaSets. `conditions` from the
 * scenario win until the first mutation; then they are recomputed, stamped `changedAt`.
 */
export function deploymentStatus(deployment: DeploymentJson, owned: readonly ReplicaSetJson[], active: ReplicaSetJson | undefined, conditions?: unknown[], changedAt?: string) {
  const sum = (pick: (rs: ReplicaSetJson) => number) => owned.reduce((total, rs) => total + pick(rs), 0);
  const replicas = sum((rs) => rs.status.replicas);
  const available = sum((rs) => rs.status.availableReplicas);
  const updated = active?.status.replicas ?? 0;
  const desired = deployment.spec.replicas;
  const time = changedAt ?? active?.metadata.creationTimestamp ?? deployment.metadata.creationTimestamp;
  const minAvailable = desired - Math.floor(desired * 0.25);
  const complete = updated === desired && available >= desired && replicas === desired;
  return {
    observedGeneration: deployment.metadata.generation ?? 1,
    replicas,
    updatedReplicas: updated,
    readyReplicas: sum((rs) => rs.status.readyReplicas),
    availableReplicas: available,
    ...(replicas - available > 0 ? { unavailableReplicas: replicas - available } : {}),
    conditions: conditions ?? [
      available >= minAvailable
        ? { type: 'Available', status: 'True', lastUpdateTime: time, lastTransitionTime: time, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
        : { type: 'Available', status: 'False', lastUpdateTime: time, lastTransitionTime: time, reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: time,
        lastTransitionTime: time,
        reason: complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
        message: `ReplicaSet "${active?.metadata.name ?? deployment.metadata.name}" ${complete ? 'has successfully progressed' : 'is progressing'}.`,
      },
    ],
  };
}

/** Deployment conditions carry lastUpdateTime next to lastTransitionTime. */
export function scenarioConditionsJson(conditions: readonly ScenarioK8sCondition[], defaultTime: string) {
  return conditions.map((condition) => {
    const time = condition.lastTransitionTime ? rfc3339(toMs(condition.lastTransitionTime)) : defaultTime;
    return {
      type: condition.type,
      status: condition.status,
      lastUpdateTime: time,
      lastTransitionTime: time,
      ...(condition.reason !== undefined ? { reason: condition.reason } : {}),
      ...(condition.message !== undefined ? { message: condition.message } : {}),
    };
  });
}

