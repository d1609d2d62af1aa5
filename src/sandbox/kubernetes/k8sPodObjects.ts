/**
 * Builds pods (container statuses with `state` and `lastState.terminated`, conditions, owner
 * references to their ReplicaSet), events, nodes and namespaces as the API server serves them.
 * Ids derive from the scenario id and object names, so every run serves the same bytes.
 */
import type { ScenarioK8sContainerStatus, ScenarioK8sEvent, ScenarioK8sNode, ScenarioK8sPod } from './k8sScenario';
import { hashSeed } from '../scenario/logTemplate';
import { containerJson, containerSpecFieldsJson, type PodSpecExtras, podSpecExtrasJson } from './k8sObjects';
import { RESOURCE_OF_KIND } from './k8sResources';
import { type ApiObject, conditionJson, type ContainerJson, type IdSource, type NodeJson, type OwnerReference, type PodJson, type PodTemplateJson, type ReplicaSetJson, rfc3339, toMs } from './k8sShapes';

function containerStateJson(status: ScenarioK8sContainerStatus, startedAt: string, containerId: string) {
  switch (status.state) {
    case 'running':
      return { running: { startedAt } };
    case 'waiting':
      return { waiting: { reason: status.reason, ...(status.message !== undefined ? { message: status.message } : {}) } };
    case 'terminated':
      return {
        terminated: {
          exitCode: status.exitCode,
          reason: status.reason,
          ...(status.message !== undefined ? { message: status.message } : {}),
          startedAt,
          finishedAt: status.finishedAt ? rfc3339(toMs(status.finishedAt)) : startedAt,
          containerID: containerId,
        },
      };
  }
}

/** The controller of a pod that is not a ReplicaSet's: a StatefulSet, DaemonSet, Job (its template) or a Node. */
export interface PodController {
  ref: OwnerReference;
  template?: PodTemplateJson;
  /** Labels the controller adds (`statefulset.kubernetes.io/pod-name`, `job-name`, …). */
  labels?: Record<string, string>;
  generateName?: string;
  /** Volumes the controller adds (a StatefulSet's claims from its volumeClaimTemplates). */
  volumes?: Record<string, unknown>[];
}

/** The controller's volumes replace same-named ones of the template, as the StatefulSet controller's claims do. */
function withControllerVolumes(volumes: Record<string, unknown>[] | undefined, added: Record<string, unknown>[] | undefined): Record<string, unknown>[] | undefined {
  if (!added?.length) return volumes;
  const names = new Set(added.map((v) => v.name));
  return [...(volumes ?? []).filter((v) => !names.has(v.name)), ...added];
}

/** A container's spec: the template's same-named container with the pod's own spec fields on top. */
function specOf(status: ScenarioK8sContainerStatus, template: readonly ContainerJson[]): ContainerJson {
  const base = structuredClone(template.find((spec) => spec.name === status.name)) ?? { name: status.name, image: status.image ?? '' };
  const { env, limits, requests, command, args, ports, livenessProbe, readinessProbe, startupProbe, envFrom, volumeMounts } = status;
  return { ...base, ...containerSpecFieldsJson({ env, limits, requests, command, args, ports, livenessProbe, readinessProbe, startupProbe, envFrom, volumeMounts }) };
}

function statusesJson(options: { namespace: string; podName: string; ids: IdSource; created: string }, containers: readonly ScenarioK8sContainerStatus[], specs: readonly ContainerJson[]) {
  const { ids, created } = options;
  return containers.map((status, index) => {
    const key = `${options.namespace}/${options.podName}/${status.name}`;
    const containerId = `containerd://${ids.hex(`container/${key}/${status.restartCount}`, 64)}`;
    const image = status.image ?? specs[index].image;
    const last = status.lastTermination;
    return {
      name: status.name,
      image,
      imageID: `${image.split(':')[0]}@sha256:${ids.hex(`image/${image}`, 64)}`,
      ...(status.state === 'waiting' && status.restartCount === 0 ? {} : { containerID: containerId }),
      ready: status.ready,
      started: status.state === 'running',
      restartCount: status.restartCount,
      state: containerStateJson(status, status.startedAt ? rfc3339(toMs(status.startedAt)) : created, containerId),
      lastState: last
        ? {
            terminated: {
              exitCode: last.exitCode,
              reason: last.reason,
              ...(last.message !== undefined ? { message: last.message } : {}),
              startedAt: rfc3339(toMs(last.startedAt)),
              finishedAt: rfc3339(toMs(last.finishedAt)),
              containerID: `containerd://${ids.hex(`container/${key}/${status.restartCount - 1}`, 64)}`,
            },
          }
        : {},
    };
  });
}

/** A pod as the kubelet reports it; `owner` is the owning ReplicaSet, `controller` any other owner (neither: a bare pod). */
export function podJson(options: {
  namespace: string;
  pod: ScenarioK8sPod;
  uid: string;
  ids: IdSource;
  owner?: ReplicaSetJson;
  controller?: PodController;
  nodeIp?: string;
}): PodJson {
  const { pod, ids, owner } = options;
  const created = rfc3339(toMs(pod.createdAt));
  const controller: PodController | undefined = owner
    ? { ref: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }, template: owner.spec.template, generateName: `${owner.metadata.name}-` }
    : options.controller;
  const template = controller?.template;
  const templateSpec = (template?.spec ?? {}) as Record<string, unknown> & { containers?: ContainerJson[]; initContainers?: ContainerJson[] };
  const specContainers: ContainerJson[] = pod.containers.map((status) => specOf(status, templateSpec.containers ?? []));
  const initSpecs: ContainerJson[] = pod.initContainers ? pod.initContainers.map(containerJson) : structuredClone(templateSpec.initContainers ?? []);
  const context = { namespace: options.namespace, podName: pod.name, ids, created };
  const statuses = statusesJson(context, pod.containers, specContainers);
  const initStatuses = statusesJson(
    context,
    pod.initContainerStatuses,
    pod.initContainerStatuses.map((status) => initSpecs.find((spec) => spec.name === status.name) ?? { name: status.name, image: status.image ?? '' }),
  );
  const initialized = pod.initContainerStatuses.every((status) => status.state === 'terminated' && status.exitCode === 0);
  const pendingInit = pod.initContainerStatuses.filter((status) => !(status.state === 'terminated' && status.exitCode === 0)).map((status) => status.name);
  const allReady = pod.containers.every((status) => status.ready);
  const readyTime = pod.containers.reduce((latest, status) => Math.max(latest, status.startedAt ? toMs(status.startedAt) : 0), toMs(pod.createdAt));
  const scheduled = pod.node !== undefined;
  const unready = `containers with unready status: [${pod.containers.filter((c) => !c.ready).map((c) => c.name).join(' ')}]`;
  const conditions = pod.conditions
    ? pod.conditions.map((condition) => conditionJson(condition, created))
    : [
        { type: 'PodReadyToStartContainers', status: scheduled ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: created },
        { type: 'Initialized', status: initialized ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: created, ...(initialized ? {} : { reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${pendingInit.join(' ')}]` }) },
        { type: 'Ready', status: allReady ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: rfc3339(readyTime), ...(allReady ? {} : { reason: 'ContainersNotReady', message: unready }) },
        { type: 'ContainersReady', status: allReady ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: rfc3339(readyTime), ...(allReady ? {} : { reason: 'ContainersNotReady', message: unready }) },
        { type: 'PodScheduled', status: scheduled ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: created },
      ];
  const labels = pod.labels ?? { ...(template?.metadata?.labels ?? {}), ...(controller?.labels ?? {}) };
  const podIp = `10.244.${hashSeed(`${options.namespace}/${pod.name}`) % 200}.${(hashSeed(pod.name) % 250) + 2}`;
  const { volumes, nodeSelector, tolerations, affinity, serviceAccountName } = templateSpec as PodSpecExtras;
  const extras = podSpecExtrasJson({
    volumes: withControllerVolumes(pod.volumes ?? volumes, controller?.volumes),
    nodeSelector: pod.nodeSelector ?? nodeSelector,
    tolerations: pod.tolerations ?? tolerations,
    affinity: pod.affinity ?? affinity,
    serviceAccountName: pod.serviceAccountName ?? serviceAccountName ?? 'default',
  });
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: pod.name,
      ...(controller?.generateName ? { generateName: controller.generateName } : {}),
      namespace: options.namespace,
      uid: options.uid,
      resourceVersion: '0',
      creationTimestamp: created,
      labels,
      ...(controller ? { ownerReferences: [{ ...controller.ref }] } : {}),
    },
    spec: {
      ...(extras.volumes ? { volumes: extras.volumes } : {}),
      ...(initSpecs.length > 0 ? { initContainers: initSpecs } : {}),
      containers: specContainers,
      restartPolicy: typeof templateSpec.restartPolicy === 'string' ? templateSpec.restartPolicy : 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      ...(extras.nodeSelector ? { nodeSelector: extras.nodeSelector } : {}),
      serviceAccountName: extras.serviceAccountName,
      serviceAccount: extras.serviceAccount,
      ...(pod.node !== undefined ? { nodeName: pod.node } : {}),
      securityContext: {},
      ...(extras.affinity ? { affinity: extras.affinity } : {}),
      schedulerName: 'default-scheduler',
      ...(extras.tolerations ? { tolerations: extras.tolerations } : {}),
    },
    status: {
      phase: pod.phase,
      conditions,
      ...(pod.reason !== undefined ? { reason: pod.reason } : {}),
      ...(pod.message !== undefined ? { message: pod.message } : {}),
      ...(options.nodeIp ? { hostIP: options.nodeIp, hostIPs: [{ ip: options.nodeIp }] } : {}),
      ...(scheduled && pod.phase !== 'Pending' ? { podIP: podIp, podIPs: [{ ip: podIp }] } : {}),
      startTime: created,
      ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
      containerStatuses: statuses,
      qosClass: 'Burstable',
    },
  };
}

/** Who reports events about each kind when the scenario does not say (`source.component`). */
const DEFAULT_COMPONENT: Readonly<Record<string, string>> = {
  Pod: 'kubelet',
  Node: 'kubelet',
  Deployment: 'deployment-controller',
  ReplicaSet: 'replicaset-controller',
  StatefulSet: 'statefulset-controller',
  DaemonSet: 'daemonset-controller',
  Job: 'job-controller',
  CronJob: 'cronjob-controller',
  HorizontalPodAutoscaler: 'horizontal-pod-autoscaler',
  PersistentVolumeClaim: 'persistentvolume-controller',
  PersistentVolume: 'persistentvolume-controller',
  Service: 'service-controller',
  Endpoints: 'endpoint-controller',
  Ingress: 'loadbalancer-controller',
  PodDisruptionBudget: 'controllermanager',
};

export function eventJson(options: { namespace: string; event: ScenarioK8sEvent; index: number; ids: IdSource; involvedUid: string }) {
  const { event } = options;
  const last = rfc3339(toMs(event.lastTimestamp));
  const first = event.firstTimestamp ? rfc3339(toMs(event.firstTimestamp)) : last;
  const kind = event.involvedObject.kind;
  const def = RESOURCE_OF_KIND.get(kind);
  const component = event.source ?? DEFAULT_COMPONENT[kind] ?? 'kubelet';
  return {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: {
      name: `${event.involvedObject.name}.${options.ids.hex(`event/${options.namespace}/${options.index}`, 16)}`,
      namespace: options.namespace,
      uid: options.ids.uid(`event/${options.namespace}/${options.index}`),
      resourceVersion: '0',
      creationTimestamp: first,
    },
    involvedObject: {
      kind,
      namespace: def && !def.namespaced ? undefined : options.namespace,
      name: event.involvedObject.name,
      uid: options.involvedUid,
      apiVersion: event.involvedObject.apiVersion ?? (def ? (def.group ? `${def.group}/${def.version}` : def.version) : 'v1'),
    },
    reason: event.reason,
    message: event.message,
    source: { component },
    firstTimestamp: first,
    lastTimestamp: last,
    count: event.count,
    type: event.type,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: '',
  };
}

export function nodeJson(node: ScenarioK8sNode, index: number, ids: IdSource, nowMs: number): NodeJson {
  const created = rfc3339(node.createdAt ? toMs(node.createdAt) : nowMs - 30 * 86_400_000);
  const heartbeat = rfc3339(nowMs - 20_000);
  const address = `10.0.${Math.floor(index / 250)}.${(index % 250) + 4}`;
  const taints = node.taints.map((taint) => ({ key: taint.key, ...(taint.value !== undefined ? { value: taint.value } : {}), effect: taint.effect, ...(taint.timeAdded ? { timeAdded: rfc3339(toMs(taint.timeAdded)) } : {}) }));
  if (node.unschedulable && !taints.some((taint) => taint.key === 'node.kubernetes.io/unschedulable')) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: heartbeat });
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: {
      name: node.name,
      uid: ids.uid(`node/${node.name}`),
      resourceVersion: '0',
      creationTimestamp: created,
      labels: { 'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...node.labels },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      ...(node.unschedulable ? { unschedulable: true } : {}),
      ...(taints.length > 0 ? { taints } : {}),
    },
    status: {
      capacity: { ...node.capacity },
      allocatable: { ...node.allocatable },
      conditions: node.conditions.map((condition) => conditionJson(condition, created, heartbeat)),
      addresses: [
        { type: 'InternalIP', address },
        { type: 'Hostname', address: node.name },
      ],
      nodeInfo: {
        machineID: ids.hex(`machine/${node.name}`, 32),
        systemUUID: ids.uid(`system/${node.name}`),
        bootID: ids.uid(`boot/${node.name}`),
        kernelVersion: '6.1.0-28-cloud-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: node.kubeletVersion,
        kubeProxyVersion: node.kubeletVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export function namespaceJson(name: string, ids: IdSource, createdMs: number): ApiObject & { spec: unknown; status: unknown } {
  return {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: { name, uid: ids.uid(`namespace/${name}`), resourceVersion: '0', creationTimestamp: rfc3339(createdMs), labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}
