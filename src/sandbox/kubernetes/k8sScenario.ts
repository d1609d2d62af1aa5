/**
 * The `world.kubernetes` section of a scenario: namespaces with deployments (each with its
 * ReplicaSets, i.e. its rollout history), pods with container statuses and logs, events, and
 * the cluster's nodes. Plain JSON a scenario author can write by hand; the emulator
 * (k8sObjects.ts, k8sPodObjects.ts) turns it into real API objects (metadata, ownerReferences, annotations…).
 *
 * Kept out of scenario.ts so that file stays readable; scenario.ts wires it in and calls
 * `checkKubernetesReferences` from its cross-reference pass.
 */
import { z } from 'zod';
import { Count, IsoDate, LogGeneratorSchema, Name } from '../scenario/scenarioPrimitives';
import { apiVersionOf, SCENARIO_KINDS } from './k8sResources';

/** Object names: DNS-1123 subdomains, as the API server enforces for pods, deployments, … */
const ObjectName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'lowercase letters, digits, "-" and "." (a DNS-1123 name)');
/** Namespace and container names: DNS-1123 labels. */
const LabelName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and "-", at most 63 (a DNS-1123 label)');

const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const Labels = z.record(z.string().regex(LABEL_KEY, 'not a valid label key'), z.string().regex(LABEL_VALUE, 'not a valid label value'));

/** Resource quantities as the API writes them ("512Mi", "250m", "2"); numbers are accepted. */
const Quantity = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/, 'not a Kubernetes quantity (e.g. "512Mi", "250m", "2")'));
const Resources = z.record(z.string().min(1), Quantity);

const ConditionSchema = z.object({
  type: Name,
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: IsoDate.optional(),
});

/** `fromSecret` / `fromConfigMap` are `NAME/KEY` (a secretKeyRef / configMapKeyRef). */
const SecretRef = z.string().regex(/^[a-z0-9][-a-z0-9.]*\/[-._A-Za-z0-9]+$/, 'expected "NAME/KEY"');
const EnvVarSchema = z
  .object({ name: Name, value: z.string().optional(), fromSecret: SecretRef.optional(), fromConfigMap: SecretRef.optional() })
  .superRefine((env, ctx) => {
    const sources = [env.value, env.fromSecret, env.fromConfigMap].filter((source) => source !== undefined).length;
    if (sources > 1) ctx.addIssue({ code: 'custom', message: 'set only one of value, fromSecret and fromConfigMap' });
  });

/** A loose JSON object in the Kubernetes shape: kept (and served) as written. */
const Loose = z.looseObject({});

const ProbeSchema = z.looseObject({
  httpGet: z.looseObject({ path: z.string().optional(), port: z.union([z.number().int(), z.string()]) }).optional(),
  tcpSocket: z.looseObject({ port: z.union([z.number().int(), z.string()]) }).optional(),
  exec: z.looseObject({ command: z.array(z.string()) }).optional(),
  grpc: z.looseObject({ port: z.number().int() }).optional(),
});

/** Container spec fields in their Kubernetes shape (next to name, image, env, limits, requests). */
const ContainerSpecExtras = {
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  ports: z.array(z.looseObject({ containerPort: z.number().int().min(1).max(65535), name: z.string().optional(), protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional() })).optional(),
  livenessProbe: ProbeSchema.optional(),
  readinessProbe: ProbeSchema.optional(),
  startupProbe: ProbeSchema.optional(),
  envFrom: z.array(z.looseObject({ prefix: z.string().optional(), configMapRef: z.looseObject({ name: Name }).optional(), secretRef: z.looseObject({ name: Name }).optional() })).optional(),
  volumeMounts: z.array(z.looseObject({ name: Name, mountPath: Name })).optional(),
};

const ContainerSpecSchema = z.object({
  name: LabelName,
  /** May use commit placeholders: `registry.example/checkout:{{short:bad}}`. */
  image: Name,
  env: z.array(EnvVarSchema).default([]),
  limits: Resources.default({}),
  requests: Resources.default({}),
  ...ContainerSpecExtras,
});

/** Pod template fields beyond the containers (a ReplicaSet's template, a pod's spec). */
const PodSpecExtras = {
  volumes: z.array(z.looseObject({ name: Name })).optional(),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  tolerations: z.array(Loose).optional(),
  affinity: Loose.optional(),
  serviceAccountName: ObjectName.optional(),
  initContainers: z.array(ContainerSpecSchema).optional(),
};

const ReplicaSetSchema = z.object({
  /** Conventionally `DEPLOYMENT-HASH`; the part after the deployment name becomes `pod-template-hash`. */
  name: ObjectName,
  /** `deployment.kubernetes.io/revision` */
  revision: z.number().int().positive(),
  containers: z.array(ContainerSpecSchema).min(1),
  replicas: Count,
  /** Defaults to `replicas`. */
  readyReplicas: Count.optional(),
  createdAt: IsoDate,
  /** `kubernetes.io/change-cause` */
  changeCause: z.string().optional(),
  ...PodSpecExtras,
});

const DeploymentSchema = z.object({
  name: ObjectName,
  /** Metadata labels; default `{ app: NAME }`. */
  labels: Labels.optional(),
  /** `spec.selector.matchLabels` (also the pod template's labels); default: the labels. */
  selector: Labels.optional(),
  annotations: z.record(z.string(), z.string()).default({}),
  replicas: Count,
  /** The active revision: exactly one of `replicaSets` has it. */
  revision: z.number().int().positive(),
  /** The pod template's containers; default (and if given, must equal) the active ReplicaSet's. */
  containers: z.array(ContainerSpecSchema).min(1).optional(),
  /** Default: Available and Progressing, derived from the ReplicaSets' counts. */
  conditions: z.array(ConditionSchema).optional(),
  strategy: z.enum(['RollingUpdate', 'Recreate']).default('RollingUpdate'),
  createdAt: IsoDate,
  /** The rollout history, any order; the emulator serves them with real ownerReferences. */
  replicaSets: z.array(ReplicaSetSchema).min(1),
});

const LogLineSchema = z.object({
  at: IsoDate,
  /** A multi-line message is served as several lines with the same timestamp, as the kubelet does. */
  message: z.string(),
});

const TerminationSchema = z.object({
  reason: Name,
  exitCode: z.number().int(),
  startedAt: IsoDate,
  finishedAt: IsoDate,
  message: z.string().optional(),
});

const ContainerStatusSchema = z
  .object({
    name: LabelName,
    /** Default: the image of the same-named container in the pod's ReplicaSet. */
    image: Name.optional(),
    ready: z.boolean(),
    restartCount: Count.default(0),
    state: z.enum(['running', 'waiting', 'terminated']),
    /** Waiting/terminated reason: CrashLoopBackOff, ImagePullBackOff, OOMKilled, Error, Completed… */
    reason: z.string().optional(),
    message: z.string().optional(),
    /** For state "terminated". */
    exitCode: z.number().int().optional(),
    /** Running since / terminated instance start; default: the pod's createdAt. */
    startedAt: IsoDate.optional(),
    /** For state "terminated". */
    finishedAt: IsoDate.optional(),
    /** The previous instance's termination (`lastState.terminated`): what killed it last time. */
    lastTermination: TerminationSchema.optional(),
    /** Lines of the current instance (`kubectl logs`). */
    logs: z.array(LogLineSchema).default([]),
    /** Lines of the previous instance (`kubectl logs --previous`). */
    previousLogs: z.array(LogLineSchema).default([]),
    /** Same shape as CloudWatch generators; `stream` is ignored here. */
    logGenerators: z.array(LogGeneratorSchema).default([]),
    previousLogGenerators: z.array(LogGeneratorSchema).default([]),
    /** Spec fields of this container; default: the owner's template's same-named container. */
    env: z.array(EnvVarSchema).optional(),
    limits: Resources.optional(),
    requests: Resources.optional(),
    ...ContainerSpecExtras,
  })
  .superRefine((status, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (status.state !== 'running' && !status.reason) issue('reason', `required when the state is "${status.state}" (e.g. CrashLoopBackOff, OOMKilled)`);
    if (status.state === 'terminated' && status.exitCode === undefined) issue('exitCode', 'required when the state is "terminated"');
    if (status.state !== 'terminated' && status.exitCode !== undefined) issue('exitCode', 'only a terminated container has an exit code');
    if (!status.lastTermination && (status.previousLogs.length > 0 || status.previousLogGenerators.length > 0)) {
      issue('lastTermination', 'previous logs need a lastTermination: the kubelet only keeps the logs of a terminated instance');
    }
    if (status.lastTermination && Date.parse(status.lastTermination.finishedAt) < Date.parse(status.lastTermination.startedAt)) {
      ctx.addIssue({ code: 'custom', path: ['lastTermination', 'finishedAt'], message: 'before startedAt' });
    }
  });

export const POD_OWNER_KINDS = ['StatefulSet', 'DaemonSet', 'Job', 'Node'] as const;

const PodSchema = z.object({
  name: ObjectName,
  /** Default: the ReplicaSet's template labels plus `pod-template-hash` (or the owner's template labels). */
  labels: Labels.optional(),
  /** Owning ReplicaSet (in the same namespace). */
  replicaSet: ObjectName.optional(),
  /** Another controller: a StatefulSet, DaemonSet or Job in the namespace's `objects`, or a Node (a static pod). */
  owner: z.object({ kind: z.enum(POD_OWNER_KINDS), name: ObjectName }).optional(),
  /** `spec.nodeName`: a node in world.kubernetes.nodes. */
  node: Name.optional(),
  phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']),
  createdAt: IsoDate,
  /** Pod-level reason and message (Evicted, …). */
  reason: z.string().optional(),
  message: z.string().optional(),
  /** Default: PodScheduled, Initialized, ContainersReady and Ready derived from the containers. */
  conditions: z.array(ConditionSchema).optional(),
  containers: z.array(ContainerStatusSchema).min(1),
  /** Statuses of the init containers (same shape as `containers`). */
  initContainerStatuses: z.array(ContainerStatusSchema).default([]),
  ...PodSpecExtras,
});

const EventSchema = z
  .object({
    type: z.enum(['Normal', 'Warning']),
    reason: Name,
    message: z.string(),
    /** Any kind: Pod, Deployment, Service, PersistentVolumeClaim, Job, HorizontalPodAutoscaler, … */
    involvedObject: z.object({ kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'a Kubernetes kind such as Pod or Service'), name: Name, apiVersion: z.string().optional() }),
    count: z.number().int().positive().default(1),
    /** Default: lastTimestamp. */
    firstTimestamp: IsoDate.optional(),
    lastTimestamp: IsoDate,
    /** `source.component`, e.g. kubelet, default-scheduler, deployment-controller. */
    source: z.string().optional(),
  })
  .superRefine((event, ctx) => {
    if (event.firstTimestamp && Date.parse(event.firstTimestamp) > Date.parse(event.lastTimestamp)) {
      ctx.addIssue({ code: 'custom', path: ['firstTimestamp'], message: 'after lastTimestamp' });
    }
  });

/**
 * An API object as `kubectl get -o json` prints it (minus what the server adds): apiVersion,
 * kind and metadata.name are checked, the rest is kept as written.
 */
const ApiObjectSchema = z
  .looseObject({
    apiVersion: Name,
    kind: Name,
    metadata: z.looseObject({
      name: ObjectName,
      namespace: z.string().optional(),
      labels: Labels.optional(),
      annotations: z.record(z.string(), z.string()).optional(),
      creationTimestamp: IsoDate.optional(),
      resourceVersion: z.string().regex(/^\d+$/, 'a decimal number, as the API server writes it').optional(),
      uid: z.string().optional(),
      managedFields: z.array(z.looseObject({ manager: z.string().optional(), operation: z.string().optional(), time: IsoDate.optional() })).optional(),
      ownerReferences: z.array(z.looseObject({ kind: Name, name: Name })).optional(),
    }),
  })
  .superRefine((object, ctx) => {
    const def = SCENARIO_KINDS.get(object.kind);
    if (!def) {
      const hint = ['Deployment', 'ReplicaSet', 'Pod', 'Event', 'Node'].includes(object.kind) ? ` (write ${object.kind === 'Node' ? 'nodes under kubernetes.nodes' : `${object.kind.toLowerCase()}s under the namespace's ${object.kind === 'ReplicaSet' ? 'deployments[].replicaSets' : `${object.kind.toLowerCase()}s`}`})` : '';
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `unknown kind "${object.kind}"${hint}; known: ${[...SCENARIO_KINDS.keys()].join(', ')}` });
    } else if (object.apiVersion !== apiVersionOf(def)) {
      ctx.addIssue({ code: 'custom', path: ['apiVersion'], message: `${object.kind} is served as "${apiVersionOf(def)}", not "${object.apiVersion}"` });
    }
  });

const ObjectsSchema = z.array(ApiObjectSchema).default([]);

const NamespaceSchema = z.object({
  name: LabelName,
  deployments: z.array(DeploymentSchema).default([]),
  pods: z.array(PodSchema).default([]),
  events: z.array(EventSchema).default([]),
  /** Namespaced API objects in their own shape: Services, ConfigMaps, Jobs, … */
  objects: ObjectsSchema,
});

const NodeSchema = z.object({
  name: ObjectName,
  labels: Labels.default({}),
  /** Default: Ready=True. MemoryPressure, DiskPressure, PIDPressure as the kubelet reports them. */
  conditions: z.array(ConditionSchema).default([{ type: 'Ready', status: 'True' }]),
  allocatable: Resources,
  capacity: Resources,
  unschedulable: z.boolean().default(false),
  createdAt: IsoDate.optional(),
  kubeletVersion: z.string().default('v1.31.4'),
  /** `spec.taints` in the API shape. */
  taints: z.array(z.object({ key: Name, value: z.string().optional(), effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']), timeAdded: IsoDate.optional() })).default([]),
});

const UsageSchema = { cpu: Quantity, memory: Quantity };

/** What metrics-server would answer (metrics.k8s.io/v1beta1); absent = no metrics API. */
const MetricsSchema = z.object({
  pods: z.array(z.object({ namespace: LabelName, name: ObjectName, timestamp: IsoDate.optional(), window: z.string().optional(), containers: z.array(z.object({ name: LabelName, ...UsageSchema })).min(1) })).default([]),
  nodes: z.array(z.object({ name: ObjectName, timestamp: IsoDate.optional(), window: z.string().optional(), ...UsageSchema })).default([]),
});

export const KubernetesWorldSchema = z.object({
  /** The kubeconfig context name the sandbox presents (shown in the UI, used by kubectl). */
  context: z.string().regex(/^[A-Za-z0-9][-A-Za-z0-9_.@:]*$/, 'letters, digits and "-", "_", ".", "@", ":"').default('sandbox'),
  namespaces: z.array(NamespaceSchema).min(1),
  nodes: z.array(NodeSchema).default([]),
  /** Cluster-scoped API objects: PersistentVolumes, StorageClasses. */
  objects: ObjectsSchema,
  metrics: MetricsSchema.optional(),
});

export type ScenarioKubernetes = z.output<typeof KubernetesWorldSchema>;
export type ScenarioK8sNamespace = ScenarioKubernetes['namespaces'][number];
export type ScenarioK8sDeployment = ScenarioK8sNamespace['deployments'][number];
export type ScenarioK8sReplicaSet = ScenarioK8sDeployment['replicaSets'][number];
export type ScenarioK8sContainerSpec = ScenarioK8sReplicaSet['containers'][number];
export type ScenarioK8sPod = ScenarioK8sNamespace['pods'][number];
export type ScenarioK8sContainerStatus = ScenarioK8sPod['containers'][number];
export type ScenarioK8sLogLine = ScenarioK8sContainerStatus['logs'][number];
export type ScenarioK8sEvent = ScenarioK8sNamespace['events'][number];
export type ScenarioK8sNode = ScenarioKubernetes['nodes'][number];
export type ScenarioK8sCondition = z.output<typeof ConditionSchema>;
export type ScenarioK8sObject = z.output<typeof ApiObjectSchema>;
export type ScenarioK8sMetrics = z.output<typeof MetricsSchema>;

// ---------------------------------------------------------------- cross-references

type Path = (string | number)[];
type Issue = (path: Path, message: string) => void;

/** Two container lists describe the same template (order matters, as in a pod spec). */
export function sameContainers(a: readonly ScenarioK8sContainerSpec[], b: readonly ScenarioK8sContainerSpec[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function duplicates<T>(items: readonly T[], key: (item: T) => string, report: (index: number, name: string) => void): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const name = key(item);
    if (seen.has(name)) report(index, name);
    seen.add(name);
  });
  return seen;
}

/** What a per-field schema cannot check: unique names and references that must resolve. */
export function checkKubernetesReferences(world: ScenarioKubernetes, issue: Issue): void {
  const base: Path = ['world', 'kubernetes'];
  const nodes = duplicates(world.nodes, (node) => node.name, (i, name) => issue([...base, 'nodes', i, 'name'], `duplicate node "${name}"`));
  duplicates(world.namespaces, (ns) => ns.name, (i, name) => issue([...base, 'namespaces', i, 'name'], `duplicate namespace "${name}"`));

  const clusterObjects = checkObjects(world.objects, false, [...base, 'objects'], issue);

  world.namespaces.forEach((namespace, n) => {
    const nsPath: Path = [...base, 'namespaces', n];
    duplicates(namespace.deployments, (d) => d.name, (i, name) => issue([...nsPath, 'deployments', i, 'name'], `duplicate deployment "${name}" in namespace "${namespace.name}"`));
    duplicates(namespace.pods, (p) => p.name, (i, name) => issue([...nsPath, 'pods', i, 'name'], `duplicate pod "${name}" in namespace "${namespace.name}"`));

    const replicaSets = new Map<string, ScenarioK8sReplicaSet>();
    namespace.deployments.forEach((deployment, d) => {
      const path: Path = [...nsPath, 'deployments', d];
      deployment.replicaSets.forEach((rs, r) => {
        if (replicaSets.has(rs.name)) issue([...path, 'replicaSets', r, 'name'], `duplicate ReplicaSet "${rs.name}" in namespace "${namespace.name}"`);
        replicaSets.set(rs.name, rs);
      });
      duplicates(deployment.replicaSets, (rs) => String(rs.revision), (r, revision) => issue([...path, 'replicaSets', r, 'revision'], `duplicate revision ${revision}`));
      const active = deployment.replicaSets.find((rs) => rs.revision === deployment.revision);
      if (!active) {
        issue([...path, 'revision'], `no ReplicaSet of deployment "${deployment.name}" has revision ${deployment.revision}`);
      } else if (deployment.containers && !sameContainers(deployment.containers, active.containers)) {
        issue([...path, 'containers'], `differ from the active ReplicaSet "${active.name}" (revision ${deployment.revision}); omit them to use its containers`);
      }
    });

    const objects = checkObjects(namespace.objects, true, [...nsPath, 'objects'], issue, namespace.name);

    namespace.pods.forEach((pod, p) => {
      const path: Path = [...nsPath, 'pods', p];
      if (pod.node !== undefined && !nodes.has(pod.node)) issue([...path, 'node'], `node "${pod.node}" is not in world.kubernetes.nodes`);
      duplicates(pod.containers, (c) => c.name, (c, name) => issue([...path, 'containers', c, 'name'], `duplicate container "${name}"`));
      duplicates(pod.initContainerStatuses, (c) => c.name, (c, name) => issue([...path, 'initContainerStatuses', c, 'name'], `duplicate init container "${name}"`));
      let template: { containers: string[]; initContainers: string[]; owner: string } | undefined;
      if (pod.replicaSet !== undefined && pod.owner !== undefined) {
        issue([...path, 'owner'], 'give either replicaSet or owner, not both');
      } else if (pod.owner !== undefined) {
        const { kind, name } = pod.owner;
        if (kind === 'Node') {
          if (!nodes.has(name)) issue([...path, 'owner', 'name'], `node "${name}" is not in world.kubernetes.nodes`);
        } else {
          const owner = objects.get(`${kind}/${name}`);
          if (!owner) issue([...path, 'owner', 'name'], `${kind} "${name}" is not in the objects of namespace "${namespace.name}"`);
          else {
            const spec = podTemplateSpec(owner);
            if (spec) template = { containers: namesOf(spec.containers), initContainers: namesOf(spec.initContainers), owner: `${kind} "${name}"` };
          }
        }
      } else if (pod.replicaSet !== undefined) {
        const rs = replicaSets.get(pod.replicaSet);
        if (!rs) {
          issue([...path, 'replicaSet'], `ReplicaSet "${pod.replicaSet}" is not in namespace "${namespace.name}"`);
          return;
        }
        template = { containers: rs.containers.map((c) => c.name), initContainers: (rs.initContainers ?? []).map((c) => c.name), owner: `ReplicaSet "${rs.name}"` };
      }
      const initSpecs = pod.initContainers ? pod.initContainers.map((c) => c.name) : (template?.initContainers ?? []);
      pod.initContainerStatuses.forEach((status, c) => {
        if (!initSpecs.includes(status.name)) {
          issue([...path, 'initContainerStatuses', c, 'name'], `no init container "${status.name}" in ${pod.initContainers || !template ? "the pod's initContainers" : `${template.owner}'s template`}`);
        }
      });
      pod.containers.forEach((container, c) => {
        if (template && template.containers.length > 0) {
          if (!template.containers.includes(container.name)) issue([...path, 'containers', c, 'name'], `${template.owner} has no container "${container.name}"`);
        } else if (!container.image) {
          issue([...path, 'containers', c, 'image'], pod.owner ? `required: the owner's template has no container "${container.name}"` : 'required for a pod without a replicaSet');
        }
      });
    });

    namespace.events.forEach((event, e) => {
      const { kind, name } = event.involvedObject;
      if (SCENARIO_KINDS.has(kind) && !SCENARIO_KINDS.get(kind)!.namespaced && !clusterObjects.has(`${kind}/${name}`)) {
        issue([...nsPath, 'events', e, 'involvedObject', 'name'], `${kind} "${name}" is not in world.kubernetes.objects`);
      }
    });
  });

  const clusterPath: Path = [...base, 'objects'];
  world.objects.forEach((object, o) => {
    const def = SCENARIO_KINDS.get(object.kind);
    if (def?.namespaced) issue([...clusterPath, o, 'kind'], `${object.kind} is namespaced: put it in a namespace's objects`);
  });

  if (world.metrics) {
    const metricsPath: Path = [...base, 'metrics'];
    world.metrics.pods.forEach((metric, m) => {
      const pod = world.namespaces.find((ns) => ns.name === metric.namespace)?.pods.find((candidate) => candidate.name === metric.name);
      if (!pod) {
        issue([...metricsPath, 'pods', m, 'name'], `pod "${metric.name}" is not in namespace "${metric.namespace}"`);
        return;
      }
      metric.containers.forEach((container, c) => {
        if (!pod.containers.some((status) => status.name === container.name)) issue([...metricsPath, 'pods', m, 'containers', c, 'name'], `pod "${metric.name}" has no container "${container.name}"`);
      });
    });
    world.metrics.nodes.forEach((metric, m) => {
      if (!nodes.has(metric.name)) issue([...metricsPath, 'nodes', m, 'name'], `node "${metric.name}" is not in world.kubernetes.nodes`);
    });
  }
}

type TemplateSpec = { containers?: unknown; initContainers?: unknown };

/** `spec.template.spec` of a workload object (CronJob: `spec.jobTemplate.spec.template.spec`). */
export function podTemplateSpec(object: ScenarioK8sObject): TemplateSpec | undefined {
  const spec = object.spec as { template?: { spec?: TemplateSpec }; jobTemplate?: { spec?: { template?: { spec?: TemplateSpec } } } } | undefined;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}

function namesOf(containers: unknown): string[] {
  return Array.isArray(containers) ? containers.map((container) => String((container as { name?: unknown })?.name ?? '')) : [];
}

/**
 * Unique kind/name, the right scope, a matching metadata.namespace and owner references that
 * resolve (or carry their own uid). Returns the objects by `Kind/name`.
 */
function checkObjects(objects: readonly ScenarioK8sObject[], namespaced: boolean, path: Path, issue: Issue, namespace?: string): Map<string, ScenarioK8sObject> {
  const byKey = new Map<string, ScenarioK8sObject>();
  objects.forEach((object, o) => {
    const key = `${object.kind}/${object.metadata.name}`;
    if (byKey.has(key)) issue([...path, o, 'metadata', 'name'], `duplicate ${object.kind} "${object.metadata.name}"${namespace ? ` in namespace "${namespace}"` : ''}`);
    byKey.set(key, object);
    const def = SCENARIO_KINDS.get(object.kind);
    if (namespaced && def && !def.namespaced) issue([...path, o, 'kind'], `${object.kind} is cluster-scoped: put it in world.kubernetes.objects`);
    if (namespace !== undefined && object.metadata.namespace !== undefined && object.metadata.namespace !== namespace) {
      issue([...path, o, 'metadata', 'namespace'], `"${object.metadata.namespace}" differs from the namespace it is listed in ("${namespace}")`);
    }
  });
  objects.forEach((object, o) => {
    (object.metadata.ownerReferences ?? []).forEach((reference, r) => {
      if (reference.uid === undefined && !byKey.has(`${reference.kind}/${reference.name}`)) {
        issue([...path, o, 'metadata', 'ownerReferences', r, 'name'], `${reference.kind} "${reference.name}" is not in these objects (give a uid for an owner that is gone)`);
      }
    });
  });
  return byKey;
}
