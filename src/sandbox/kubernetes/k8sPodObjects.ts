/**
 * Builds pods (container statuses with `state` and `lastState.terminated`, conditions, owner
 * references to their ReplicaSet), events, nodes and namespaces as the API server serves them.
 * Ids derive from the scenario id and object names, so every run serves the same bytes.
 */
import type { ScenarioK8sContainerStatus, ScenarioK8sEvent, ScenarioK8sNode, ScenarioK8sPod } from './k8sScenario';
import { hashSeed } from '../scenario/logTemplate';
import { type ApiObject, conditionJson, type ContainerJson, type IdSource, type NodeJson, type PodJson, type ReplicaSetJson, rfc3339, toMs } from './k8sShapes';

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

/** A pod as the kubelet reports it; `template` is the owning ReplicaSet's (undefined for a bare pod). */
export function podJson(options: {
  namespace: string;
  pod: ScenarioK8sPod;
  uid: string;
  ids: IdSource;
  owner?: ReplicaSetJson;
  nodeIp?: string;
}): PodJson {
  const { pod, ids, owner } = options;
  const created = rfc3339(toMs(pod.createdAt));
  const templateContainers = owner?.spec.template.spec.containers ?? [];
  const specContainers: ContainerJson[] = pod.containers.map(
    (status) => structuredClone(templateContainers.find((spec) => spec.name === status.name)) ?? { name: status.name, image: status.image ?? '' },
  );
  const statuses = pod.containers.map((status, index) => {
    const key = `${options.namespace}/${pod.name}/${status.name}`;
    const containerId = `containerd://${ids.hex(`container/${key}/${status.restartCount}`, 64)}`;
    const image = status.image ?? specContainers[index].image;
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
  const allReady = pod.containers.every((status) => status.ready);
  const readyTime = pod.containers.reduce((latest, status) => Math.max(latest, status.startedAt ? toMs(status.startedAt) : 0), toMs(pod.createdAt));
  const scheduled = pod.node !== undefined;
  const conditions = pod.conditions
    ? pod.conditions.map((condition) => conditionJson(condition, created))
    : [
        { type: 'PodReadyToStartContainers', status: scheduled ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: created },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: created },
        { type: 'Ready', status: allReady ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: rfc3339(readyTime), ...(allReady ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${pod.containers.filter((c) => !c.ready).map((c) => c.name).join(' ')}]` }) },
        { type: 'ContainersReady', status: allReady ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: rfc3339(readyTime), ...(allReady ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${pod.containers.filter((c) => !c.ready).map((c) => c.name).join(' ')}]` }) },
        { type: 'PodScheduled', status: scheduled ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: created },
      ];
  const labels = pod.labels ?? { ...(owner?.spec.template.metadata.labels ?? {}) };
  const podIp = `10.244.${hashSeed(`${options.namespace}/${pod.name}`) % 200}.${(hashSeed(pod.name) % 250) + 2}`;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: pod.name,
      ...(owner ? { generateName: `${owner.metadata.name}-` } : {}),
      namespace: options.namespace,
      uid: options.uid,
      resourceVersion: '0',
      creationTimestamp: created,
      labels,
      ...(owner
        ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }] }
        : {}),
    },
    spec: {
      containers: specContainers,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      ...(pod.node !== undefined ? { nodeName: pod.node } : {}),
      securityContext: {},
      schedulerName: 'default-scheduler',
    },
    status: {
      phase: pod.phase,
      conditions,
      ...(pod.reason !== undefined ? { reason: pod.reason } : {}),
      ...(pod.message !== undefined ? { message: pod.message } : {}),
      ...(options.nodeIp ? { hostIP: options.nodeIp, hostIPs: [{ ip: options.nodeIp }] } : {}),
      ...(scheduled && pod.phase !== 'Pending' ? { podIP: podIp, podIPs: [{ ip: podIp }] } : {}),
      startTime: created,
      containerStatuses: statuses,
      qosClass: 'Burstable',
    },
  };
}

export function eventJson(options: { namespace: string; event: ScenarioK8sEvent; index: number; ids: IdSource; involvedUid: string }) {
  const { event } = options;
  const last = rfc3339(toMs(event.lastTimestamp));
  const first = event.firstTimestamp ? rfc3339(toMs(event.firstTimestamp)) : last;
  const component = event.source ?? (event.involvedObject.kind === 'Pod' ? 'kubelet' : event.involvedObject.kind === 'Deployment' ? 'deployment-controller' : 'default-scheduler');
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
      kind: event.involvedObject.kind,
      namespace: event.involvedObject.kind === 'Node' ? undefined : options.namespace,
      name: event.involvedObject.name,
      uid: options.involvedUid,
      apiVersion: event.involvedObject.kind === 'Deployment' || event.involvedObject.kind === 'ReplicaSet' ? 'apps/v1' : 'v1',
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
      ...(node.unschedulable ? { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: heartbeat }] } : {}),
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
