/**
 * Server-side printing: `kubectl get` (without -o json/yaml) asks for `as=Table` and prints the
 * columns the server chose. These follow the real server's printers (pkg/printers/internalversion)
 * for the resources the emulator serves, close enough that the output reads like a cluster's.
 * Priority-1 columns are the ones `-o wide` adds.
 */
import type { ApiObject } from './k8sShapes';
import type { K8sResource } from './k8sWorld';

interface Column {
  name: string;
  type: 'string' | 'integer';
  format?: 'name';
  priority?: 1;
  description: string;
}

type Any = Record<string, unknown> & { metadata: ApiObject['metadata'] };
type Row = (string | number)[];

/** k8s.io/apimachinery duration.HumanDuration, e.g. 45s, 5m10s, 3h, 2d4h. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

const col = (name: string, type: Column['type'] = 'string', priority?: 1): Column => ({
  name,
  type,
  ...(name === 'Name' ? { format: 'name' as const } : {}),
  ...(priority ? { priority } : {}),
  description: name,
});

const str = (value: unknown, fallback = '<none>') => (value === undefined || value === null || value === '' ? fallback : String(value));

function podStatus(pod: Any): string {
  const status = pod.status as { phase?: string; reason?: string; containerStatuses?: { ready: boolean; state: Record<string, { reason?: string; exitCode?: number; signal?: number }> }[] };
  // The first container that is not running names the pod's state (CrashLoopBackOff, OOMKilled…).
  for (const container of status.containerStatuses ?? []) {
    const { waiting, terminated } = container.state;
    if (waiting?.reason) return waiting.reason;
    if (terminated) return terminated.reason ?? (terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`);
  }
  return status.reason ?? status.phase ?? 'Unknown';
}

function podRow(pod: Any, now: number): Row {
  const spec = pod.spec as { nodeName?: string };
  const status = pod.status as { podIP?: string; containerStatuses?: { ready: boolean; restartCount: number; lastState: { terminated?: { finishedAt?: string } } }[] };
  const statuses = status.containerStatuses ?? [];
  const restarts = statuses.reduce((sum, container) => sum + container.restartCount, 0);
  const lastRestart = Math.max(0, ...statuses.map((container) => Date.parse(container.lastState.terminated?.finishedAt ?? '') || 0));
  return [
    pod.metadata.name,
    `${statuses.filter((container) => container.ready).length}/${statuses.length}`,
    podStatus(pod),
    restarts > 0 && lastRestart > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts),
    humanDuration(now - Date.parse(pod.metadata.creationTimestamp)),
    str(status.podIP),
    str(spec.nodeName),
    '<none>',
    '<none>',
  ];
}

function templateColumns(object: Any): Row {
  const spec = object.spec as { template: { spec: { containers: { name: string; image: string }[] } }; selector: { matchLabels: Record<string, string> } };
  const containers = spec.template.spec.containers;
  return [
    containers.map((container) => container.name).join(','),
    containers.map((container) => container.image).join(','),
    Object.entries(spec.selector.matchLabels)
      .map(([key, value]) => `${key}=${value}`)
      .join(','),
  ];
}

function nodeRow(node: Any, now: number): Row {
  const status = node.status as { conditions: { type: string; status: string }[]; addresses: { type: string; address: string }[]; nodeInfo: Record<string, string> };
  const ready = status.conditions.find((condition) => condition.type === 'Ready');
  const states = [ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'];
  if ((node.spec as { unschedulable?: boolean }).unschedulable) states.push('SchedulingDisabled');
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((label) => label.startsWith('node-role.kubernetes.io/'))
    .map((label) => label.slice('node-role.kubernetes.io/'.length));
  return [
    node.metadata.name,
    states.join(','),
    roles.length > 0 ? roles.join(',') : '<none>',
    humanDuration(now - Date.parse(node.metadata.creationTimestamp)),
    status.nodeInfo.kubeletVersion,
    str(status.addresses.find((address) => address.type === 'InternalIP')?.address),
    '<none>',
    status.nodeInfo.osImage,
    status.nodeInfo.kernelVersion,
    status.nodeInfo.containerRuntimeVersion,
  ];
}

const TABLES: Record<K8sResource, { columns: Column[]; row: (object: Any, now: number) => Row }> = {
  pods: {
    columns: [col('Name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), col('IP', 'string', 1), col('Node', 'string', 1), col('Nominated Node', 'string', 1), col('Readiness Gates', 'string', 1)],
    row: podRow,
  },
  deployments: {
    columns: [col('Name'), col('Ready'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Age'), col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    row: (deployment, now) => {
      const status = deployment.status as { readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
      const spec = deployment.spec as { replicas: number };
      return [deployment.metadata.name, `${status.readyReplicas ?? 0}/${spec.replicas}`, status.updatedReplicas ?? 0, status.availableReplicas ?? 0, humanDuration(now - Date.parse(deployment.metadata.creationTimestamp)), ...templateColumns(deployment)];
    },
  },
  replicasets: {
    columns: [col('Name'), col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Age'), col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    row: (rs, now) => {
      const status = rs.status as { replicas: number; readyReplicas: number };
      return [rs.metadata.name, (rs.spec as { replicas: number }).replicas, status.replicas, status.readyReplicas, humanDuration(now - Date.parse(rs.metadata.creationTimestamp)), ...templateColumns(rs)];
    },
  },
  nodes: {
    columns: [col('Name'), col('Status'), col('Roles'), col('Age'), col('Version'), col('Internal-IP', 'string', 1), col('External-IP', 'string', 1), col('OS-Image', 'string', 1), col('Kernel-Version', 'string', 1), col('Container-Runtime', 'string', 1)],
    row: nodeRow,
  },
  events: {
    columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Subobject', 'string', 1), col('Source', 'string', 1), col('Message'), col('First Seen', 'string', 1), col('Count', 'integer', 1), col('Name', 'string', 1)],
    row: (event, now) => {
      const involved = event.involvedObject as { kind: string; name: string };
      return [
        humanDuration(now - Date.parse(String(event.lastTimestamp))),
        String(event.type),
        String(event.reason),
        `${involved.kind.toLowerCase()}/${involved.name}`,
        '',
        str((event.source as { component?: string }).component, ''),
        String(event.message),
        humanDuration(now - Date.parse(String(event.firstTimestamp))),
        Number(event.count ?? 1),
        event.metadata.name,
      ];
    },
  },
  namespaces: {
    columns: [col('Name'), col('Status'), col('Age')],
    row: (namespace, now) => [namespace.metadata.name, String((namespace.status as { phase: string }).phase), humanDuration(now - Date.parse(namespace.metadata.creationTimestamp))],
  },
};

/** A `meta.k8s.io/v1` Table of the objects; `includeObject` as the query parameter says (default: metadata only). */
export function toTable(resource: K8sResource, objects: readonly ApiObject[], options: { now: number; resourceVersion: string; includeObject?: string; continueToken?: string }) {
  const table = TABLES[resource];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: options.resourceVersion, ...(options.continueToken ? { continue: options.continueToken } : {}) },
    columnDefinitions: table.columns,
    rows: objects.map((object) => ({
      cells: table.row(object as unknown as Any, options.now),
      ...(options.includeObject === 'None'
        ? {}
        : { object: options.includeObject === 'Object' ? object : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata } }),
    })),
  };
}

/** kubectl's Accept header for human output: `application/json;as=Table;v=v1;g=meta.k8s.io,…`. */
export function wantsTable(accept: string | undefined): boolean {
  return accept !== undefined && /;\s*as=Table/.test(accept);
}
