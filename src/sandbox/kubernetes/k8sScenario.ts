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

const ContainerSpecSchema = z.object({
  name: LabelName,
  /** May use commit placeholders: `registry.example/checkout:{{short:bad}}`. */
  image: Name,
  env: z.array(EnvVarSchema).default([]),
  limits: Resources.default({}),
  requests: Resources.default({}),
});

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

const PodSchema = z.object({
  name: ObjectName,
  /** Default: the ReplicaSet's template labels plus `pod-template-hash`. */
  labels: Labels.optional(),
  /** Owning ReplicaSet (in the same namespace). */
  replicaSet: ObjectName.optional(),
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
});

const EventSchema = z
  .object({
    type: z.enum(['Normal', 'Warning']),
    reason: Name,
    message: z.string(),
    involvedObject: z.object({ kind: z.enum(['Pod', 'Deployment', 'ReplicaSet', 'Node']), name: Name }),
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

const NamespaceSchema = z.object({
  name: LabelName,
  deployments: z.array(DeploymentSchema).default([]),
  pods: z.array(PodSchema).default([]),
  events: z.array(EventSchema).default([]),
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
});

export const KubernetesWorldSchema = z.object({
  /** The kubeconfig context name the sandbox presents (shown in the UI, used by kubectl). */
  context: z.string().regex(/^[A-Za-z0-9][-A-Za-z0-9_.@:]*$/, 'letters, digits and "-", "_", ".", "@", ":"').default('sandbox'),
  namespaces: z.array(NamespaceSchema).min(1),
  nodes: z.array(NodeSchema).default([]),
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

    namespace.pods.forEach((pod, p) => {
      const path: Path = [...nsPath, 'pods', p];
      if (pod.node !== undefined && !nodes.has(pod.node)) issue([...path, 'node'], `node "${pod.node}" is not in world.kubernetes.nodes`);
      duplicates(pod.containers, (c) => c.name, (c, name) => issue([...path, 'containers', c, 'name'], `duplicate container "${name}"`));
      if (pod.replicaSet === undefined) {
        pod.containers.forEach((container, c) => {
          if (!container.image) issue([...path, 'containers', c, 'image'], 'required for a pod without a replicaSet');
        });
        return;
      }
      const rs = replicaSets.get(pod.replicaSet);
      if (!rs) {
        issue([...path, 'replicaSet'], `ReplicaSet "${pod.replicaSet}" is not in namespace "${namespace.name}"`);
        return;
      }
      pod.containers.forEach((container, c) => {
        if (!rs.containers.some((spec) => spec.name === container.name)) {
          issue([...path, 'containers', c, 'name'], `ReplicaSet "${rs.name}" has no container "${container.name}"`);
        }
      });
    });
  });
}
