/**
 * Server-side printing: `kubectl get` (without -o json/yaml) asks for `as=Table` and prints the
 * columns the server chose. These follow the real server's printers (pkg/printers/internalversion)
 * for the resources the emulator serves, close enough that the output reads like a cluster's.
 * Priority-1 columns are the ones `-o wide` adds.
 */
import type { ApiObject } from './k8sShapes';
import type { K8sResource } from './k8sResources';

interface Column {
  name: string;
  type: 'string' | 'integer';
  format?: 'name' | 'date';
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
  type State = { state: Record<string, { reason?: string; exitCode?: number; signal?: number }> };
  const status = pod.status as { phase?: string; reason?: string; containerStatuses?: ({ ready: boolean } & State)[]; initContainerStatuses?: State[] };
  // Init containers first, as kubectl prints them: Init:Error, Init:CrashLoopBackOff, Init:0/2.
  const inits = status.initContainerStatuses ?? [];
  for (const [index, container] of inits.entries()) {
    const { waiting, terminated } = container.state;
    if (terminated?.exitCode === 0) continue;
    if (terminated) return `Init:${terminated.reason || (terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`)}`;
    if (waiting?.reason && waiting.reason !== 'PodInitializing') return `Init:${waiting.reason}`;
    return `Init:${index}/${inits.length}`;
  }
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

/** `matchLabels` + `matchExpressions` as kubectl prints a selector. */
function selectorText(selector: unknown, none = '<none>'): string {
  const { matchLabels = {}, matchExpressions = [] } = (selector ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const parts = Object.entries(matchLabels).map(([key, value]) => `${key}=${value}`);
  for (const expression of matchExpressions) {
    const values = (expression.values ?? []).join(',');
    if (expression.operator === 'In') parts.push(`${expression.key} in (${values})`);
    else if (expression.operator === 'NotIn') parts.push(`${expression.key} notin (${values})`);
    else if (expression.operator === 'Exists') parts.push(expression.key);
    else if (expression.operator === 'DoesNotExist') parts.push(`!${expression.key}`);
  }
  return parts.length > 0 ? parts.join(',') : none;
}

function containersOf(template: unknown): { name: string; image: string }[] {
  return ((template as { spec?: { containers?: { name: string; image: string }[] } } | undefined)?.spec?.containers ?? []);
}

function templateColumns(object: Any, template = (object.spec as { template?: unknown }).template): Row {
  const containers = containersOf(template);
  return [containers.map((container) => container.name).join(','), containers.map((container) => container.image).join(','), selectorText((object.spec as { selector?: unknown }).selector)];
}

const age = (object: Any, now: number) => humanDuration(now - Date.parse(object.metadata.creationTimestamp));
const field = (object: Any, path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), object);

/** `a, b, c + 2 more...` as kubectl shortens endpoint lists. */
function firstThree(items: readonly string[], none: string): string {
  if (items.length === 0) return none;
  return items.length > 3 ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...` : items.join(',');
}

const ACCESS_MODES: Readonly<Record<string, string>> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const accessModes = (modes: unknown) => ((modes as string[] | undefined) ?? []).map((mode) => ACCESS_MODES[mode] ?? mode).join(',');

function servicePorts(service: Any): string {
  const ports = (field(service, 'spec.ports') as { port: number; nodePort?: number; protocol?: string }[] | undefined) ?? [];
  if (ports.length === 0) return '<none>';
  return ports.map((port) => `${port.port}${port.nodePort ? `:${port.nodePort}` : ''}/${port.protocol ?? 'TCP'}`).join(',');
}

function serviceExternalIp(service: Any): string {
  const spec = service.spec as { type?: string; externalIPs?: string[]; externalName?: string };
  const ingress = (field(service, 'status.loadBalancer.ingress') as { ip?: string; hostname?: string }[] | undefined) ?? [];
  const addresses = [...ingress.map((entry) => entry.ip ?? entry.hostname ?? ''), ...(spec.externalIPs ?? [])].filter(Boolean);
  switch (spec.type) {
    case 'LoadBalancer':
      return addresses.length > 0 ? addresses.join(',') : '<pending>';
    case 'ExternalName':
      return spec.externalName ?? '<none>';
    default:
      return addresses.length > 0 ? addresses.join(',') : '<none>';
  }
}

function endpointsText(endpoints: Any): string {
  const items: string[] = [];
  for (const subset of (endpoints.subsets as { addresses?: { ip: string }[]; ports?: { port: number }[] }[] | undefined) ?? []) {
    for (const address of subset.addresses ?? []) {
      if (!subset.ports || subset.ports.length === 0) items.push(address.ip);
      for (const port of subset.ports ?? []) items.push(`${address.ip}:${port.port}`);
    }
  }
  return firstThree(items, '<none>');
}

function quotaColumns(quota: Any): [string, string] {
  const hard = (field(quota, 'status.hard') ?? field(quota, 'spec.hard') ?? {}) as Record<string, string>;
  const used = (field(quota, 'status.used') ?? {}) as Record<string, string>;
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const text = `${name}: ${used[name] ?? '0'}/${hard[name]}`;
    (name.startsWith('limits') ? limits : requests).push(text);
  }
  return [requests.join(', '), limits.join(', ')];
}

function hpaTargets(hpa: Any): string {
  type Target = { type?: string; averageUtilization?: number; averageValue?: string; value?: string };
  type Metric = { type: string; resource?: { name: string; target?: Target; current?: Target }; pods?: { metric: { name: string }; target?: Target; current?: Target }; object?: { metric: { name: string }; target?: Target; current?: Target }; external?: { metric: { name: string }; target?: Target; current?: Target }; containerResource?: { name: string; target?: Target; current?: Target } };
  const specs = (field(hpa, 'spec.metrics') as Metric[] | undefined) ?? [];
  const currents = (field(hpa, 'status.currentMetrics') as Metric[] | undefined) ?? [];
  if (specs.length === 0) return '<none>';
  const value = (target: Target | undefined, percent: boolean) => (target === undefined ? '<unknown>' : percent ? (target.averageUtilization === undefined ? '<unknown>' : `${target.averageUtilization}%`) : (target.averageValue ?? target.value ?? '<unknown>'));
  return specs
    .map((metric) => {
      const key = metric.type.charAt(0).toLowerCase() + metric.type.slice(1);
      const spec = (metric as unknown as Record<string, { name?: string; metric?: { name: string }; target?: Target }>)[key] ?? {};
      const name = spec.name ?? spec.metric?.name ?? metric.type;
      const current = currents.find((candidate) => candidate.type === metric.type && ((candidate as unknown as Record<string, { name?: string; metric?: { name: string } }>)[key]?.name ?? (candidate as unknown as Record<string, { metric?: { name: string } }>)[key]?.metric?.name) === name);
      const currentTarget = current ? (current as unknown as Record<string, { current?: Target }>)[key]?.current : undefined;
      const percent = spec.target?.type === 'Utilization';
      return `${name}: ${value(currentTarget, percent)}/${value(spec.target, percent)}`;
    })
    .join(', ');
}

function jobStatus(job: Any): string {
  const conditions = (field(job, 'status.conditions') as { type: string; status: string }[] | undefined) ?? [];
  const has = (type: string) => conditions.some((condition) => condition.type === type && condition.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

function jobDuration(job: Any, now: number): string {
  const start = Date.parse(String(field(job, 'status.startTime') ?? ''));
  if (Number.isNaN(start)) return '';
  const end = Date.parse(String(field(job, 'status.completionTime') ?? ''));
  return humanDuration((Number.isNaN(end) ? now : end) - start);
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const amountText = (value: unknown) => (value === undefined || value === null ? 'N/A' : String(value));

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
  services: {
    columns: [col('Name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), col('Selector', 'string', 1)],
    row: (service, now) => [
      service.metadata.name,
      str(field(service, 'spec.type'), 'ClusterIP'),
      str(field(service, 'spec.clusterIP')),
      serviceExternalIp(service),
      servicePorts(service),
      age(service, now),
      selectorText({ matchLabels: field(service, 'spec.selector') }),
    ],
  },
  endpoints: {
    columns: [col('Name'), col('Endpoints'), col('Age')],
    row: (endpoints, now) => [endpoints.metadata.name, endpointsText(endpoints), age(endpoints, now)],
  },
  endpointslices: {
    columns: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
    row: (slice, now) => {
      const ports = ((slice.ports as { port?: number }[] | null | undefined) ?? []).map((port) => String(port.port ?? ''));
      const addresses = ((slice.endpoints as { addresses: string[] }[] | undefined) ?? []).flatMap((endpoint) => endpoint.addresses);
      return [slice.metadata.name, String(slice.addressType), ports.length > 0 ? ports.join(',') : '<unset>', firstThree(addresses, '<unset>'), age(slice, now)];
    },
  },
  configmaps: {
    columns: [col('Name'), col('Data', 'integer'), col('Age')],
    row: (cm, now) => [cm.metadata.name, Object.keys((cm.data as object | undefined) ?? {}).length + Object.keys((cm.binaryData as object | undefined) ?? {}).length, age(cm, now)],
  },
  secrets: {
    columns: [col('Name'), col('Type'), col('Data', 'integer'), col('Age')],
    row: (secret, now) => [secret.metadata.name, str(secret.type, 'Opaque'), Object.keys((secret.data as object | undefined) ?? {}).length, age(secret, now)],
  },
  resourcequotas: {
    columns: [col('Name'), col('Age'), col('Request'), col('Limit')],
    row: (quota, now) => [quota.metadata.name, age(quota, now), ...quotaColumns(quota)],
  },
  limitranges: {
    columns: [col('Name'), col('Created At')],
    row: (limits) => [limits.metadata.name, limits.metadata.creationTimestamp],
  },
  persistentvolumeclaims: {
    columns: [col('Name'), col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), col('Age'), col('VolumeMode', 'string', 1)],
    row: (pvc, now) => {
      const phase = str(field(pvc, 'status.phase'), 'Pending');
      const bound = phase === 'Bound';
      return [
        pvc.metadata.name,
        phase,
        str(field(pvc, 'spec.volumeName'), ''),
        bound ? str(field(pvc, 'status.capacity.storage'), '') : '',
        bound ? accessModes(field(pvc, 'status.accessModes')) : '',
        str(field(pvc, 'spec.storageClassName') ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'], '<unset>'),
        str(field(pvc, 'spec.volumeAttributesClassName'), '<unset>'),
        age(pvc, now),
        str(field(pvc, 'spec.volumeMode'), '<unset>'),
      ];
    },
  },
  persistentvolumes: {
    columns: [col('Name'), col('Capacity'), col('Access Modes'), col('Reclaim Policy'), col('Status'), col('Claim'), col('StorageClass'), col('VolumeAttributesClass'), col('Reason'), col('Age'), col('VolumeMode', 'string', 1)],
    row: (pv, now) => {
      const claim = field(pv, 'spec.claimRef') as { namespace?: string; name?: string } | undefined;
      return [
        pv.metadata.name,
        str(field(pv, 'spec.capacity.storage'), ''),
        accessModes(field(pv, 'spec.accessModes')),
        str(field(pv, 'spec.persistentVolumeReclaimPolicy'), 'Retain'),
        str(field(pv, 'status.phase'), 'Available'),
        claim?.name ? `${claim.namespace ?? ''}/${claim.name}` : '',
        str(field(pv, 'spec.storageClassName'), ''),
        str(field(pv, 'spec.volumeAttributesClassName'), '<unset>'),
        str(field(pv, 'status.reason'), ''),
        age(pv, now),
        str(field(pv, 'spec.volumeMode'), '<unset>'),
      ];
    },
  },
  ingressclasses: {
    columns: [col('Name'), col('Controller'), col('Parameters'), col('Age')],
    row: (ic, now) => [ic.metadata.name, str(field(ic, 'spec.controller'), ''), '<none>', age(ic, now)],
  },
  storageclasses: {
    columns: [col('Name'), col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), col('Age')],
    row: (sc, now) => [
      `${sc.metadata.name}${sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? ' (default)' : ''}`,
      str(sc.provisioner, ''),
      str(sc.reclaimPolicy, 'Delete'),
      str(sc.volumeBindingMode, 'Immediate'),
      String(sc.allowVolumeExpansion === true),
      age(sc, now),
    ],
  },
  ingresses: {
    columns: [col('Name'), col('Class'), col('Hosts'), col('Address'), col('Ports'), col('Age')],
    row: (ingress, now) => {
      const rules = (field(ingress, 'spec.rules') as { host?: string }[] | undefined) ?? [];
      const hosts = rules.map((rule) => rule.host || '*');
      const addresses = ((field(ingress, 'status.loadBalancer.ingress') as { ip?: string; hostname?: string }[] | undefined) ?? []).map((entry) => entry.ip ?? entry.hostname ?? '').filter(Boolean);
      const tls = ((field(ingress, 'spec.tls') as unknown[] | undefined) ?? []).length > 0;
      return [ingress.metadata.name, str(field(ingress, 'spec.ingressClassName')), hosts.length > 0 ? hosts.join(',') : '*', addresses.join(','), tls ? '80, 443' : '80', age(ingress, now)];
    },
  },
  networkpolicies: {
    columns: [col('Name'), col('Pod-Selector'), col('Age')],
    row: (policy, now) => [policy.metadata.name, selectorText(field(policy, 'spec.podSelector')), age(policy, now)],
  },
  horizontalpodautoscalers: {
    columns: [col('Name'), col('Reference'), col('Targets'), col('MinPods', 'integer'), col('MaxPods', 'integer'), col('Replicas', 'integer'), col('Age')],
    row: (hpa, now) => {
      const target = (field(hpa, 'spec.scaleTargetRef') ?? {}) as { kind?: string; name?: string };
      return [hpa.metadata.name, `${target.kind ?? ''}/${target.name ?? ''}`, hpaTargets(hpa), Number(field(hpa, 'spec.minReplicas') ?? 1), num(field(hpa, 'spec.maxReplicas')), num(field(hpa, 'status.currentReplicas')), age(hpa, now)];
    },
  },
  poddisruptionbudgets: {
    columns: [col('Name'), col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), col('Age')],
    row: (pdb, now) => [pdb.metadata.name, amountText(field(pdb, 'spec.minAvailable')), amountText(field(pdb, 'spec.maxUnavailable')), num(field(pdb, 'status.disruptionsAllowed')), age(pdb, now)],
  },
  statefulsets: {
    columns: [col('Name'), col('Ready'), col('Age'), col('Containers', 'string', 1), col('Images', 'string', 1)],
    row: (sts, now) => [sts.metadata.name, `${num(field(sts, 'status.readyReplicas'))}/${Number(field(sts, 'spec.replicas') ?? 1)}`, age(sts, now), ...templateColumns(sts).slice(0, 2)],
  },
  daemonsets: {
    columns: [col('Name'), col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Node Selector'), col('Age'), col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    row: (ds, now) => [
      ds.metadata.name,
      num(field(ds, 'status.desiredNumberScheduled')),
      num(field(ds, 'status.currentNumberScheduled')),
      num(field(ds, 'status.numberReady')),
      num(field(ds, 'status.updatedNumberScheduled')),
      num(field(ds, 'status.numberAvailable')),
      selectorText({ matchLabels: field(ds, 'spec.template.spec.nodeSelector') }),
      age(ds, now),
      ...templateColumns(ds),
    ],
  },
  jobs: {
    columns: [col('Name'), col('Status'), col('Completions'), col('Duration'), col('Age'), col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    row: (job, now) => [job.metadata.name, jobStatus(job), `${num(field(job, 'status.succeeded'))}/${Number(field(job, 'spec.completions') ?? 1)}`, jobDuration(job, now), age(job, now), ...templateColumns(job)],
  },
  cronjobs: {
    columns: [col('Name'), col('Schedule'), col('Timezone'), col('Suspend'), col('Active', 'integer'), col('Last Schedule'), col('Age'), col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    row: (cronJob, now) => {
      const last = Date.parse(String(field(cronJob, 'status.lastScheduleTime') ?? ''));
      const jobTemplate = field(cronJob, 'spec.jobTemplate.spec') as { template?: unknown; selector?: unknown } | undefined;
      const containers = containersOf(jobTemplate?.template);
      return [
        cronJob.metadata.name,
        str(field(cronJob, 'spec.schedule'), ''),
        str(field(cronJob, 'spec.timeZone')),
        field(cronJob, 'spec.suspend') === true ? 'True' : 'False',
        ((field(cronJob, 'status.active') as unknown[] | undefined) ?? []).length,
        Number.isNaN(last) ? '<none>' : humanDuration(now - last),
        age(cronJob, now),
        containers.map((container) => container.name).join(','),
        containers.map((container) => container.image).join(','),
        selectorText(jobTemplate?.selector),
      ];
    },
  },
};

/** What the server prints for a resource without its own printer. */
const DEFAULT_TABLE: { columns: Column[]; row: (object: Any) => Row } = { columns: [col('Name'), { name: 'Created At', type: 'string', format: 'date', description: 'Created At' }], row: (object: Any) => [object.metadata.name, object.metadata.creationTimestamp] };

/** A `meta.k8s.io/v1` Table of the objects; `includeObject` as the query parameter says (default: metadata only). */
export function toTable(resource: K8sResource, objects: readonly ApiObject[], options: { now: number; resourceVersion: string; includeObject?: string; continueToken?: string }) {
  const table = TABLES[resource] ?? DEFAULT_TABLE;
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
