/**
 * The objects a scenario writes in their API shape (`namespaces[].objects`, `kubernetes.objects`)
 * as the API server would serve them: metadata filled in (namespace, uid, creationTimestamp,
 * generation), the defaults the server's defaulting adds (a Service's clusterIP and port
 * protocols, a Job's selector, a NetworkPolicy's policyTypes, …), Secret values blanked, and
 * what the controllers would derive when the scenario leaves it out: Endpoints and
 * EndpointSlices from a Service's selector and the ready pods (the endpoints controller), and
 * the status of StatefulSets, DaemonSets, Jobs and PodDisruptionBudgets from their pods.
 * Also the metrics.k8s.io objects (PodMetrics, NodeMetrics).
 */
import type { ScenarioK8sMetrics, ScenarioK8sObject } from './k8sScenario';
import { hashSeed } from '../scenario/logTemplate';
import { apiVersionOf, SCENARIO_KINDS } from './k8sResources';
import { matchesLabels, type LabelSelector } from './k8sSelectors';
import { type ApiObject, type IdSource, type PodJson, type PodTemplateJson, rfc3339, toMs } from './k8sShapes';

type Json = Record<string, unknown>;
type Mutable = ApiObject & Json;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const obj = (value: unknown): Json => (isObject(value) ? value : {});

/** A scenario object as served (without resourceVersion: the world assigns it). */
export function scenarioObjectJson(object: ScenarioK8sObject, options: { namespace?: string; ids: IdSource; defaultCreatedMs: number }): Mutable {
  const copy = structuredClone(object) as unknown as Mutable;
  const def = SCENARIO_KINDS.get(object.kind)!;
  const meta = copy.metadata as unknown as Json;
  const namespace = def.namespaced ? options.namespace : undefined;
  const created = object.metadata.creationTimestamp ? rfc3339(toMs(object.metadata.creationTimestamp)) : rfc3339(options.defaultCreatedMs);
  copy.apiVersion = apiVersionOf(def);
  copy.metadata = {
    ...meta,
    name: object.metadata.name,
    ...(namespace !== undefined ? { namespace } : {}),
    uid: object.metadata.uid ?? options.ids.uid(`object/${namespace ?? ''}/${object.kind}/${object.metadata.name}`),
    resourceVersion: object.metadata.resourceVersion ?? '0',
    ...(copy.spec !== undefined && !['Service', 'Endpoints', 'PersistentVolumeClaim', 'PersistentVolume'].includes(object.kind) ? { generation: Number(meta.generation ?? 1) } : {}),
    creationTimestamp: created,
    ...(object.metadata.managedFields
      ? { managedFields: object.metadata.managedFields.map((field) => ({ apiVersion: copy.apiVersion, fieldsType: 'FieldsV1', ...field, ...(field.time ? { time: rfc3339(toMs(field.time)) } : {}) })) }
      : {}),
  };
  if (!object.metadata.namespace && namespace === undefined) delete copy.metadata.namespace;
  DEFAULTS[object.kind]?.(copy, options.ids);
  return copy;
}

/** The API server's defaulting (and the bits of controllers that are static), by kind. */
const DEFAULTS: Readonly<Record<string, (object: Mutable, ids: IdSource) => void>> = {
  Secret: (secret) => {
    // Values are never served: every key keeps an empty value ("" is empty base64).
    const keys = [...Object.keys(obj(secret.data)), ...Object.keys(obj(secret.stringData))];
    secret.data = Object.fromEntries([...new Set(keys)].sort().map((key) => [key, '']));
    delete secret.stringData;
    secret.type ??= 'Opaque';
    const annotations = secret.metadata.annotations;
    if (annotations) delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  },
  Service: (service) => {
    const spec = (service.spec = obj(service.spec));
    spec.type ??= 'ClusterIP';
    if (spec.type !== 'ExternalName') {
      const seed = hashSeed(`${service.metadata.namespace}/${service.metadata.name}`);
      spec.clusterIP ??= `10.96.${seed % 250}.${(Math.floor(seed / 250) % 250) + 2}`;
      spec.clusterIPs ??= [spec.clusterIP];
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      spec.internalTrafficPolicy ??= 'Cluster';
    }
    spec.sessionAffinity ??= 'None';
    if (Array.isArray(spec.ports)) spec.ports = spec.ports.map((port: Json) => ({ protocol: 'TCP', ...port, targetPort: port.targetPort ?? port.port }));
    service.status ??= { loadBalancer: {} };
  },
  Ingress: (ingress) => {
    ingress.status ??= { loadBalancer: {} };
  },
  NetworkPolicy: (policy) => {
    const spec = (policy.spec = obj(policy.spec));
    spec.podSelector ??= {};
    spec.policyTypes ??= ['Ingress', ...(spec.egress !== undefined ? ['Egress'] : [])];
  },
  PersistentVolumeClaim: (pvc) => {
    const spec = (pvc.spec = obj(pvc.spec));
    spec.volumeMode ??= 'Filesystem';
    pvc.status ??= { phase: 'Pending' };
  },
  PersistentVolume: (pv) => {
    const spec = (pv.spec = obj(pv.spec));
    spec.persistentVolumeReclaimPolicy ??= 'Retain';
    spec.volumeMode ??= 'Filesystem';
    pv.status ??= { phase: spec.claimRef ? 'Bound' : 'Available' };
  },
  ResourceQuota: (quota) => {
    const spec = obj(quota.spec);
    quota.status ??= { hard: { ...obj(spec.hard) }, used: {} };
  },
  HorizontalPodAutoscaler: (hpa) => {
    hpa.status ??= { currentReplicas: 0, desiredReplicas: 0 };
  },
  StorageClass: (sc) => {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  Job: (job) => {
    const spec = (job.spec = obj(job.spec));
    spec.backoffLimit ??= 6;
    spec.completions ??= 1;
    spec.parallelism ??= 1;
    spec.completionMode ??= 'NonIndexed';
    spec.suspend ??= false;
    // The job controller's generated selector: the job's uid, and the same labels on its template.
    if (!spec.selector) {
      const labels = { 'batch.kubernetes.io/controller-uid': job.metadata.uid, 'batch.kubernetes.io/job-name': job.metadata.name, 'controller-uid': job.metadata.uid, 'job-name': job.metadata.name };
      spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid } };
      const template = (spec.template = obj(spec.template));
      const metadata = (template.metadata = obj(template.metadata));
      metadata.labels = { ...obj(metadata.labels), ...labels };
    }
    templateDefaults(spec.template, 'Never');
  },
  CronJob: (cronJob) => {
    const spec = (cronJob.spec = obj(cronJob.spec));
    spec.suspend ??= false;
    spec.concurrencyPolicy ??= 'Allow';
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    templateDefaults(obj(obj(spec.jobTemplate).spec).template, 'Never');
    cronJob.status ??= {};
  },
  StatefulSet: (sts) => {
    const spec = (sts.spec = obj(sts.spec));
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    spec.revisionHistoryLimit ??= 10;
    templateDefaults(spec.template, 'Always');
  },
  DaemonSet: (ds) => {
    const spec = (ds.spec = obj(ds.spec));
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
    spec.revisionHistoryLimit ??= 10;
    templateDefaults(spec.template, 'Always');
  },
};

function templateDefaults(template: unknown, restartPolicy: string): void {
  if (!isObject(template)) return;
  const spec = (template.spec = obj(template.spec));
  spec.restartPolicy ??= restartPolicy;
  for (const container of [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])] as Json[]) {
    if (!isObject(container)) continue;
    container.terminationMessagePath ??= '/dev/termination-log';
    container.terminationMessagePolicy ??= 'File';
    container.imagePullPolicy ??= 'IfNotPresent';
    container.resources ??= {};
    if (Array.isArray(container.ports)) container.ports = container.ports.map((port: Json) => ({ protocol: 'TCP', ...port }));
  }
}

/** `matchLabels` + `matchExpressions` as a parsed label selector. */
export function labelSelectorOf(selector: unknown): LabelSelector {
  const requirements: LabelSelector = Object.entries(obj(obj(selector).matchLabels)).map(([key, value]) => ({ key, op: 'eq' as const, value: String(value) }));
  for (const expression of (obj(selector).matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    const values = expression.values ?? [];
    if (expression.operator === 'In') requirements.push({ key: expression.key, op: 'in', values });
    else if (expression.operator === 'NotIn') requirements.push({ key: expression.key, op: 'notin', values });
    else if (expression.operator === 'Exists') requirements.push({ key: expression.key, op: 'exists' });
    else if (expression.operator === 'DoesNotExist') requirements.push({ key: expression.key, op: 'notexists' });
  }
  return requirements;
}

/** A pod counts for Endpoints and PDBs when it is Ready. */
export const podReady = (pod: PodJson) => ((pod.status.conditions ?? []) as { type: string; status: string }[]).some((condition) => condition.type === 'Ready' && condition.status === 'True');

/** What a Pod's controller adds on top of its template: owner reference target, labels, generateName. */
export function controllerOfPod(owner: Mutable, podName: string): { template?: PodTemplateJson; labels: Record<string, string>; generateName?: string; volumes?: Record<string, unknown>[] } {
  const spec = obj(owner.spec);
  const template = isObject(spec.template) ? (spec.template as unknown as PodTemplateJson) : undefined;
  const revision = `${owner.metadata.name}-${hashSeed(`${owner.metadata.uid}/revision`).toString(16).slice(0, 8).padStart(8, '0')}`;
  switch (owner.kind) {
    case 'StatefulSet': {
      const ordinal = /-(\d+)$/.exec(podName)?.[1];
      // Each claim template becomes the pod's own claim `<template>-<pod>`, mounted as a volume of the template's name.
      const claims = (Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []).map((t) => String(obj(obj(t).metadata).name ?? '')).filter(Boolean);
      const volumes = claims.map((name) => ({ name, persistentVolumeClaim: { claimName: `${name}-${podName}` } }));
      return { template, ...(volumes.length ? { volumes } : {}), labels: { 'controller-revision-hash': String(obj(owner.status).currentRevision ?? revision), 'statefulset.kubernetes.io/pod-name': podName, ...(ordinal ? { 'apps.kubernetes.io/pod-index': ordinal } : {}) } };
    }
    case 'DaemonSet':
      return { template, labels: { 'controller-revision-hash': revision.slice(owner.metadata.name.length + 1), 'pod-template-generation': String(owner.metadata.generation ?? 1) }, generateName: `${owner.metadata.name}-` };
    case 'Job':
      return { template, labels: {}, generateName: `${owner.metadata.name}-` };
    default:
      return { template, labels: {} };
  }
}

// ---------------------------------------------------------------- endpoints

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}

interface Endpoint {
  ip: string;
  ready: boolean;
  nodeName?: string;
  pod?: { name: string; namespace: string; uid: string };
  ports: EndpointPort[];
}

/** The service's ports resolved against one pod (a named targetPort must exist in the pod's containers). */
function resolvePorts(service: Mutable, pod: PodJson): EndpointPort[] | undefined {
  const ports = (obj(service.spec).ports ?? []) as Json[];
  const containerPorts = pod.spec.containers.flatMap((container) => (Array.isArray(container.ports) ? (container.ports as { name?: string; containerPort: number }[]) : []));
  const resolved: EndpointPort[] = [];
  for (const port of ports) {
    const target = port.targetPort ?? port.port;
    const number = typeof target === 'number' ? target : /^\d+$/.test(String(target)) ? Number(target) : containerPorts.find((candidate) => candidate.name === target)?.containerPort;
    if (number === undefined) return undefined;
    resolved.push({ ...(port.name ? { name: String(port.name) } : {}), port: number, protocol: String(port.protocol ?? 'TCP') });
  }
  return resolved;
}

function endpointsFromPods(service: Mutable, pods: readonly PodJson[]): Endpoint[] {
  const selector = labelSelectorOf({ matchLabels: obj(service.spec).selector });
  const out: Endpoint[] = [];
  for (const pod of pods) {
    if (pod.metadata.namespace !== service.metadata.namespace || !matchesLabels(selector, pod.metadata.labels)) continue;
    if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed' || typeof pod.status.podIP !== 'string') continue;
    const ports = resolvePorts(service, pod);
    if (!ports) continue;
    out.push({ ip: pod.status.podIP, ready: podReady(pod), ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}), pod: { name: pod.metadata.name, namespace: pod.metadata.namespace as string, uid: pod.metadata.uid }, ports });
  }
  return out;
}

function endpointsFromEndpoints(endpoints: Mutable): Endpoint[] {
  const out: Endpoint[] = [];
  for (const subset of (endpoints.subsets ?? []) as Json[]) {
    const ports = ((subset.ports ?? []) as Json[]).map((port) => ({ ...(port.name ? { name: String(port.name) } : {}), port: Number(port.port), protocol: String(port.protocol ?? 'TCP') }));
    for (const [list, ready] of [[subset.addresses, true], [subset.notReadyAddresses, false]] as const) {
      for (const address of (list ?? []) as Json[]) {
        const ref = obj(address.targetRef);
        out.push({ ip: String(address.ip), ready, ...(address.nodeName ? { nodeName: String(address.nodeName) } : {}), ...(ref.name ? { pod: { name: String(ref.name), namespace: String(ref.namespace ?? endpoints.metadata.namespace), uid: String(ref.uid ?? '') } } : {}), ports });
      }
    }
  }
  return out;
}

function endpointsFromSlices(slices: readonly Mutable[]): Endpoint[] {
  return slices.flatMap((slice) => {
    const ports = ((slice.ports ?? []) as Json[]).map((port) => ({ ...(port.name ? { name: String(port.name) } : {}), port: Number(port.port), protocol: String(port.protocol ?? 'TCP') }));
    return ((slice.endpoints ?? []) as Json[]).flatMap((endpoint) => {
      const ref = obj(endpoint.targetRef);
      const ready = obj(endpoint.conditions).ready !== false;
      return ((endpoint.addresses ?? []) as string[]).map((ip) => ({
        ip,
        ready,
        ...(endpoint.nodeName ? { nodeName: String(endpoint.nodeName) } : {}),
        ...(ref.name ? { pod: { name: String(ref.name), namespace: String(ref.namespace ?? slice.metadata.namespace), uid: String(ref.uid ?? '') } } : {}),
        ports,
      }));
    });
  });
}

/** Groups endpoints by their port list (one subset / one slice per distinct list). */
function byPorts(endpoints: readonly Endpoint[]): { ports: EndpointPort[]; endpoints: Endpoint[] }[] {
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const endpoint of endpoints) {
    const key = JSON.stringify(endpoint.ports);
    if (!groups.has(key)) groups.set(key, { ports: endpoint.ports, endpoints: [] });
    groups.get(key)!.endpoints.push(endpoint);
  }
  return [...groups.values()];
}

const addressJson = (endpoint: Endpoint) => ({
  ip: endpoint.ip,
  ...(endpoint.nodeName ? { nodeName: endpoint.nodeName } : {}),
  ...(endpoint.pod ? { targetRef: { kind: 'Pod', namespace: endpoint.pod.namespace, name: endpoint.pod.name, uid: endpoint.pod.uid } } : {}),
});

function endpointsJson(service: Mutable, endpoints: readonly Endpoint[], ids: IdSource, changedAt: string): Mutable {
  const namespace = service.metadata.namespace as string;
  const subsets = byPorts(endpoints)
    .map(({ ports, endpoints: group }) => {
      const ready = group.filter((endpoint) => endpoint.ready).map(addressJson);
      const notReady = group.filter((endpoint) => !endpoint.ready).map(addressJson);
      return { ...(ready.length > 0 ? { addresses: ready } : {}), ...(notReady.length > 0 ? { notReadyAddresses: notReady } : {}), ports };
    })
    .filter((subset) => subset.addresses || subset.notReadyAddresses);
  return {
    kind: 'Endpoints',
    apiVersion: 'v1',
    metadata: {
      name: service.metadata.name,
      namespace,
      uid: ids.uid(`endpoints/${namespace}/${service.metadata.name}`),
      resourceVersion: '0',
      creationTimestamp: service.metadata.creationTimestamp,
      ...(service.metadata.labels ? { labels: { ...service.metadata.labels } } : {}),
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': changedAt },
    },
    ...(subsets.length > 0 ? { subsets } : {}),
  };
}

function sliceJson(service: Mutable, endpoints: readonly Endpoint[], ports: EndpointPort[] | null, index: number, ids: IdSource): Mutable {
  const namespace = service.metadata.namespace as string;
  const name = `${service.metadata.name}-${ids.suffix(`endpointslice/${namespace}/${service.metadata.name}/${index}`, 5)}`;
  return {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata: {
      name,
      generateName: `${service.metadata.name}-`,
      namespace,
      uid: ids.uid(`endpointslice/${namespace}/${name}`),
      resourceVersion: '0',
      generation: 1,
      creationTimestamp: service.metadata.creationTimestamp,
      labels: { ...(service.metadata.labels ?? {}), 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': service.metadata.name },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: service.metadata.name, uid: service.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: endpoints.map((endpoint) => ({
      addresses: [endpoint.ip],
      conditions: { ready: endpoint.ready, serving: endpoint.ready, terminating: false },
      ...(endpoint.pod ? { targetRef: { kind: 'Pod', namespace: endpoint.pod.namespace, name: endpoint.pod.name, uid: endpoint.pod.uid } } : {}),
      ...(endpoint.nodeName ? { nodeName: endpoint.nodeName } : {}),
    })),
    ports,
  };
}

/**
 * The Endpoints and EndpointSlices the controllers would keep for each Service the scenario did
 * not give them for: from the given Endpoints or slices if there are some (one consistent view),
 * else from the selector and the pods. A Service without a selector gets none (as on a cluster).
 */
export function derivedEndpoints(services: readonly Mutable[], given: { endpoints: readonly Mutable[]; slices: readonly Mutable[] }, pods: readonly PodJson[], ids: IdSource, changedAt: string): { endpoints: Mutable[]; slices: Mutable[] } {
  const out = { endpoints: [] as Mutable[], slices: [] as Mutable[] };
  for (const service of services) {
    const namespace = service.metadata.namespace;
    const name = service.metadata.name;
    const spec = obj(service.spec);
    if (spec.type === 'ExternalName') continue;
    const givenEndpoints = given.endpoints.find((endpoints) => endpoints.metadata.namespace === namespace && endpoints.metadata.name === name);
    const givenSlices = given.slices.filter((slice) => slice.metadata.namespace === namespace && slice.metadata.labels?.['kubernetes.io/service-name'] === name);
    const hasSelector = Object.keys(obj(spec.selector)).length > 0;
    if (!givenEndpoints && givenSlices.length === 0 && !hasSelector) continue;
    const endpoints = givenEndpoints ? endpointsFromEndpoints(givenEndpoints) : givenSlices.length > 0 ? endpointsFromSlices(givenSlices) : endpointsFromPods(service, pods);
    if (!givenEndpoints) out.endpoints.push(endpointsJson(service, endpoints, ids, changedAt));
    if (givenSlices.length === 0) {
      const groups = byPorts(endpoints);
      if (groups.length === 0) out.slices.push(sliceJson(service, [], null, 0, ids));
      groups.forEach((group, index) => out.slices.push(sliceJson(service, group.endpoints, group.ports, index, ids)));
    }
  }
  return out;
}

// ---------------------------------------------------------------- derived status

const ownedBy = (pod: PodJson, owner: ApiObject) => pod.metadata.ownerReferences?.some((ref) => ref.uid === owner.metadata.uid) ?? false;

/** The status a controller would report for a StatefulSet, DaemonSet, Job or PDB without one in the scenario. */
export function derivedStatus(object: Mutable, pods: readonly PodJson[]): Json | undefined {
  const spec = obj(object.spec);
  const inNamespace = pods.filter((pod) => pod.metadata.namespace === object.metadata.namespace);
  const owned = inNamespace.filter((pod) => ownedBy(pod, object));
  const ready = owned.filter(podReady).length;
  switch (object.kind) {
    case 'StatefulSet': {
      const revision = `${object.metadata.name}-${hashSeed(`${object.metadata.uid}/revision`).toString(16).slice(0, 8).padStart(8, '0')}`;
      return { observedGeneration: object.metadata.generation ?? 1, replicas: owned.length, readyReplicas: ready, currentReplicas: owned.length, updatedReplicas: owned.length, availableReplicas: ready, currentRevision: revision, updateRevision: revision, collisionCount: 0 };
    }
    case 'DaemonSet':
      return { currentNumberScheduled: owned.length, desiredNumberScheduled: owned.length, numberMisscheduled: 0, numberReady: ready, numberAvailable: ready, ...(owned.length - ready > 0 ? { numberUnavailable: owned.length - ready } : {}), updatedNumberScheduled: owned.length, observedGeneration: object.metadata.generation ?? 1 };
    case 'Job': {
      const count = (phase: string) => owned.filter((pod) => pod.status.phase === phase).length;
      const active = owned.filter((pod) => pod.status.phase === 'Running' || pod.status.phase === 'Pending').length;
      const succeeded = count('Succeeded');
      const failed = count('Failed');
      const starts = owned.map((pod) => Date.parse(pod.metadata.creationTimestamp)).filter((time) => !Number.isNaN(time));
      return { ...(starts.length > 0 ? { startTime: rfc3339(Math.min(...starts)) } : {}), ...(active > 0 ? { active } : {}), ...(succeeded > 0 ? { succeeded } : {}), ...(failed > 0 ? { failed } : {}), ready: owned.filter(podReady).length, terminating: 0, uncountedTerminatedPods: {} };
    }
    case 'PodDisruptionBudget': {
      const selector = labelSelectorOf(spec.selector);
      const selected = inNamespace.filter((pod) => matchesLabels(selector, pod.metadata.labels));
      const healthy = selected.filter(podReady).length;
      const expected = selected.length;
      const amount = (value: unknown) => (typeof value === 'string' && value.endsWith('%') ? Math.ceil((Number(value.slice(0, -1)) / 100) * expected) : Number(value));
      const desired = spec.minAvailable !== undefined ? amount(spec.minAvailable) : spec.maxUnavailable !== undefined ? Math.max(0, expected - amount(spec.maxUnavailable)) : expected;
      const allowed = Math.max(0, healthy - desired);
      const time = object.metadata.creationTimestamp;
      return {
        observedGeneration: object.metadata.generation ?? 1,
        disruptionsAllowed: allowed,
        currentHealthy: healthy,
        desiredHealthy: desired,
        expectedPods: expected,
        conditions: [
          allowed > 0
            ? { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', lastTransitionTime: time, observedGeneration: object.metadata.generation ?? 1 }
            : { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', lastTransitionTime: time, observedGeneration: object.metadata.generation ?? 1 },
        ],
      };
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- metrics.k8s.io

export function podMetricsJson(metric: ScenarioK8sMetrics['pods'][number], pod: PodJson, nowMs: number) {
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: { name: metric.name, namespace: metric.namespace, creationTimestamp: rfc3339(nowMs), labels: { ...(pod.metadata.labels ?? {}) } },
    timestamp: rfc3339(metric.timestamp ? toMs(metric.timestamp) : nowMs - 15_000),
    window: metric.window ?? '15s',
    containers: metric.containers.map((container) => ({ name: container.name, usage: { cpu: container.cpu, memory: container.memory } })),
  };
}

export function nodeMetricsJson(metric: ScenarioK8sMetrics['nodes'][number], node: ApiObject, nowMs: number) {
  return {
    kind: 'NodeMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: { name: metric.name, creationTimestamp: rfc3339(nowMs), labels: { ...(node.metadata.labels ?? {}) } },
    timestamp: rfc3339(metric.timestamp ? toMs(metric.timestamp) : nowMs - 15_000),
    window: metric.window ?? '20s',
    usage: { cpu: metric.cpu, memory: metric.memory },
  };
}
