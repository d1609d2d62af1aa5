/**
 * Every resource the Kubernetes emulator serves, in one table: its API group and version, kind,
 * list kind, scope, short names and verbs. Routes, discovery, list answers, field selectors and
 * the scenario's `objects` all read it, so adding a resource is one entry here (plus its table
 * columns in k8sTables.ts).
 */

export interface ResourceDef {
  /** The plural, lowercase resource name in the URL (`services`). */
  resource: string;
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** Operation names (faults, request log): list{plural} / get{singular}. */
  op: [singular: string, plural: string];
  /** Only served when the scenario has `kubernetes.metrics`. */
  metrics?: boolean;
  /** Field selectors the server supports beyond metadata.name / metadata.namespace. */
  fields?: string[];
  /** May be written in a scenario's `objects`. */
  scenarioObject?: boolean;
}

const READ = ['get', 'list'];

export const RESOURCES: readonly ResourceDef[] = [
  { resource: 'pods', group: '', version: 'v1', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], categories: ['all'], verbs: READ, op: ['Pod', 'Pods'], fields: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'] },
  {
    resource: 'events',
    group: '',
    version: 'v1',
    kind: 'Event',
    singular: 'event',
    namespaced: true,
    shortNames: ['ev'],
    verbs: READ,
    op: ['Event', 'Events'],
    fields: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  },
  { resource: 'nodes', group: '', version: 'v1', kind: 'Node', singular: 'node', namespaced: false, shortNames: ['no'], verbs: READ, op: ['Node', 'Nodes'], fields: ['spec.unschedulable'] },
  { resource: 'namespaces', group: '', version: 'v1', kind: 'Namespace', singular: 'namespace', namespaced: false, shortNames: ['ns'], verbs: READ, op: ['Namespace', 'Namespaces'], fields: ['status.phase'] },
  { resource: 'services', group: '', version: 'v1', kind: 'Service', singular: 'service', namespaced: true, shortNames: ['svc'], categories: ['all'], verbs: READ, op: ['Service', 'Services'], scenarioObject: true },
  { resource: 'endpoints', group: '', version: 'v1', kind: 'Endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'], verbs: READ, op: ['Endpoints', 'Endpoints'], scenarioObject: true },
  { resource: 'configmaps', group: '', version: 'v1', kind: 'ConfigMap', singular: 'configmap', namespaced: true, shortNames: ['cm'], verbs: READ, op: ['ConfigMap', 'ConfigMaps'], scenarioObject: true },
  { resource: 'secrets', group: '', version: 'v1', kind: 'Secret', singular: 'secret', namespaced: true, verbs: READ, op: ['Secret', 'Secrets'], fields: ['type'], scenarioObject: true },
  { resource: 'resourcequotas', group: '', version: 'v1', kind: 'ResourceQuota', singular: 'resourcequota', namespaced: true, shortNames: ['quota'], verbs: READ, op: ['ResourceQuota', 'ResourceQuotas'], scenarioObject: true },
  { resource: 'limitranges', group: '', version: 'v1', kind: 'LimitRange', singular: 'limitrange', namespaced: true, shortNames: ['limits'], verbs: READ, op: ['LimitRange', 'LimitRanges'], scenarioObject: true },
  { resource: 'persistentvolumeclaims', group: '', version: 'v1', kind: 'PersistentVolumeClaim', singular: 'persistentvolumeclaim', namespaced: true, shortNames: ['pvc'], verbs: READ, op: ['PersistentVolumeClaim', 'PersistentVolumeClaims'], scenarioObject: true },
  { resource: 'persistentvolumes', group: '', version: 'v1', kind: 'PersistentVolume', singular: 'persistentvolume', namespaced: false, shortNames: ['pv'], verbs: READ, op: ['PersistentVolume', 'PersistentVolumes'], scenarioObject: true },
  { resource: 'deployments', group: 'apps', version: 'v1', kind: 'Deployment', singular: 'deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], verbs: ['get', 'list', 'patch'], op: ['Deployment', 'Deployments'] },
  { resource: 'replicasets', group: 'apps', version: 'v1', kind: 'ReplicaSet', singular: 'replicaset', namespaced: true, shortNames: ['rs'], categories: ['all'], verbs: READ, op: ['ReplicaSet', 'ReplicaSets'], fields: ['status.replicas'] },
  { resource: 'statefulsets', group: 'apps', version: 'v1', kind: 'StatefulSet', singular: 'statefulset', namespaced: true, shortNames: ['sts'], categories: ['all'], verbs: READ, op: ['StatefulSet', 'StatefulSets'], scenarioObject: true },
  { resource: 'daemonsets', group: 'apps', version: 'v1', kind: 'DaemonSet', singular: 'daemonset', namespaced: true, shortNames: ['ds'], categories: ['all'], verbs: READ, op: ['DaemonSet', 'DaemonSets'], scenarioObject: true },
  { resource: 'endpointslices', group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', singular: 'endpointslice', namespaced: true, verbs: READ, op: ['EndpointSlice', 'EndpointSlices'], scenarioObject: true },
  { resource: 'ingresses', group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', singular: 'ingress', namespaced: true, shortNames: ['ing'], verbs: READ, op: ['Ingress', 'Ingresses'], scenarioObject: true },
  { resource: 'networkpolicies', group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', singular: 'networkpolicy', namespaced: true, shortNames: ['netpol'], verbs: READ, op: ['NetworkPolicy', 'NetworkPolicies'], scenarioObject: true },
  { resource: 'horizontalpodautoscalers', group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', singular: 'horizontalpodautoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'], verbs: READ, op: ['HorizontalPodAutoscaler', 'HorizontalPodAutoscalers'], scenarioObject: true },
  { resource: 'poddisruptionbudgets', group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', singular: 'poddisruptionbudget', namespaced: true, shortNames: ['pdb'], verbs: READ, op: ['PodDisruptionBudget', 'PodDisruptionBudgets'], scenarioObject: true },
  { resource: 'jobs', group: 'batch', version: 'v1', kind: 'Job', singular: 'job', namespaced: true, categories: ['all'], verbs: READ, op: ['Job', 'Jobs'], fields: ['status.successful'], scenarioObject: true },
  { resource: 'cronjobs', group: 'batch', version: 'v1', kind: 'CronJob', singular: 'cronjob', namespaced: true, shortNames: ['cj'], categories: ['all'], verbs: READ, op: ['CronJob', 'CronJobs'], scenarioObject: true },
  { resource: 'ingressclasses', group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', singular: 'ingressclass', namespaced: false, shortNames: [], verbs: READ, op: ['IngressClass', 'IngressClasses'], scenarioObject: true },
  { resource: 'storageclasses', group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', singular: 'storageclass', namespaced: false, shortNames: ['sc'], verbs: READ, op: ['StorageClass', 'StorageClasses'], scenarioObject: true },
  { resource: 'pods', group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics', singular: '', namespaced: true, verbs: READ, op: ['PodMetrics', 'PodMetrics'], metrics: true },
  { resource: 'nodes', group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics', singular: '', namespaced: false, verbs: READ, op: ['NodeMetrics', 'NodeMetrics'], metrics: true },
];

/** The store key of a resource: `services`, `statefulsets`; metrics are `metrics.k8s.io/pods`. */
export type K8sResource = string;

export const resourceKey = (def: ResourceDef): K8sResource => (def.metrics ? `${def.group}/${def.resource}` : def.resource);

export const RESOURCE_BY_KEY: ReadonlyMap<K8sResource, ResourceDef> = new Map(RESOURCES.map((def) => [resourceKey(def), def]));

export function resourceDef(key: K8sResource): ResourceDef {
  const def = RESOURCE_BY_KEY.get(key);
  if (!def) throw new Error(`unknown Kubernetes resource ${key}`);
  return def;
}

export const apiVersionOf = (def: ResourceDef) => (def.group ? `${def.group}/${def.version}` : def.version);

/** Kinds a scenario may write in `objects`, with the apiVersion they must give. */
export const SCENARIO_KINDS: ReadonlyMap<string, ResourceDef> = new Map(RESOURCES.filter((def) => def.scenarioObject).map((def) => [def.kind, def]));

/** The resource of a kind (for events' involvedObject, owner references). */
export const RESOURCE_OF_KIND: ReadonlyMap<string, ResourceDef> = new Map(RESOURCES.filter((def) => !def.metrics).map((def) => [def.kind, def]));

/** The groups discovery advertises, in the order a real server lists them. */
export function servedGroups(withMetrics: boolean): { group: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const def of RESOURCES) {
    if (def.group === '' || (def.metrics && !withMetrics)) continue;
    if (!seen.has(def.group)) seen.set(def.group, def.version);
  }
  return [...seen].map(([group, version]) => ({ group, version }));
}

/** Field selectors a resource supports. */
export function supportedFields(def: ResourceDef): string[] {
  return ['metadata.name', ...(def.namespaced ? ['metadata.namespace'] : []), ...(def.fields ?? [])];
}
