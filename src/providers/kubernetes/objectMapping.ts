/**
 * Mapped views of the objects beyond workloads (Services, Endpoints, ConfigMaps, Secrets,
 * Ingresses, quotas, volumes, autoscalers, budgets, StatefulSets, DaemonSets, Jobs, CronJobs),
 * from @kubernetes/client-node models to the plain, epoch-ms K8sObject views. A Secret's values
 * are dropped here, at the first contact: only its keys go further.
 */
import type {
  K8sConfigMap,
  K8sCronJob,
  K8sDaemonSet,
  K8sEndpoints,
  K8sEndpointSlice,
  K8sHpa,
  K8sIngress,
  K8sJob,
  K8sLimitRange,
  K8sNetworkPolicy,
  K8sObjectMeta,
  K8sPdb,
  K8sPv,
  K8sPvc,
  K8sResourceQuota,
  K8sSecret,
  K8sService,
  K8sStatefulSet,
  K8sStorageClass,
  K8sIngressClass,
} from '../types';
import { controllerOf, mapConditions, mapContainerSpec, ms, selectorString } from './mapping';
import type { K8s } from './sdk';

type Meta = K8s.V1ObjectMeta | undefined;

export function mapMeta(metadata: Meta): K8sObjectMeta {
  const owner = controllerOf(metadata?.ownerReferences);
  return {
    name: metadata?.name ?? '',
    ...(metadata?.namespace ? { namespace: metadata.namespace } : {}),
    labels: { ...(metadata?.labels ?? {}) },
    createdAt: ms(metadata?.creationTimestamp) ?? 0,
    ...(metadata?.resourceVersion ? { resourceVersion: metadata.resourceVersion } : {}),
    ...(owner ? { owner } : {}),
  };
}

/** The latest managedFields time (the last write by any manager), else the creation time. */
function updatedAt(metadata: Meta): number {
  const times = (metadata?.managedFields ?? []).map((field) => ms(field.time)).filter((time): time is number => time !== undefined);
  return Math.max(ms(metadata?.creationTimestamp) ?? 0, ...times);
}

const loadBalancer = (ingress: readonly { ip?: string; hostname?: string }[] | undefined) => (ingress ?? []).map((entry) => entry.ip ?? entry.hostname ?? '').filter(Boolean);
const quantities = (map: Record<string, unknown> | undefined): Record<string, string> => Object.fromEntries(Object.entries(map ?? {}).map(([key, value]) => [key, String(value)]));
const templateContainers = (template: K8s.V1PodTemplateSpec | undefined) => (template?.spec?.containers ?? []).map(mapContainerSpec);

export function mapService(service: K8s.V1Service): K8sService {
  const spec = service.spec;
  return {
    kind: 'Service',
    ...mapMeta(service.metadata),
    type: spec?.type ?? 'ClusterIP',
    ...(spec?.clusterIP ? { clusterIP: spec.clusterIP } : {}),
    selector: { ...(spec?.selector ?? {}) },
    ports: (spec?.ports ?? []).map((port) => ({
      ...(port.name ? { name: port.name } : {}),
      port: port.port,
      targetPort: port.targetPort ?? port.port,
      protocol: port.protocol ?? 'TCP',
      ...(port.nodePort ? { nodePort: port.nodePort } : {}),
    })),
    ...(spec?.externalName ? { externalName: spec.externalName } : {}),
    loadBalancer: loadBalancer(service.status?.loadBalancer?.ingress),
  };
}

const address = (entry: K8s.V1EndpointAddress) => ({ ip: entry.ip, ...(entry.targetRef?.name ? { pod: entry.targetRef.name } : {}), ...(entry.nodeName ? { nodeName: entry.nodeName } : {}) });

export function mapEndpoints(endpoints: K8s.V1Endpoints): K8sEndpoints {
  const subsets = (endpoints.subsets ?? []).map((subset) => ({
    ready: (subset.addresses ?? []).map(address),
    notReady: (subset.notReadyAddresses ?? []).map(address),
    ports: (subset.ports ?? []).map((port) => ({ ...(port.name ? { name: port.name } : {}), port: port.port, protocol: port.protocol ?? 'TCP' })),
  }));
  return {
    kind: 'Endpoints',
    ...mapMeta(endpoints.metadata),
    subsets,
    readyCount: subsets.reduce((sum, subset) => sum + subset.ready.length, 0),
    notReadyCount: subsets.reduce((sum, subset) => sum + subset.notReady.length, 0),
  };
}

export function mapEndpointSlice(slice: K8s.V1EndpointSlice): K8sEndpointSlice {
  const service = slice.metadata?.labels?.['kubernetes.io/service-name'];
  return {
    kind: 'EndpointSlice',
    ...mapMeta(slice.metadata),
    ...(service ? { service } : {}),
    addressType: slice.addressType,
    endpoints: (slice.endpoints ?? []).map((endpoint) => ({
      addresses: [...endpoint.addresses],
      // A nil ready condition means ready (discovery.k8s.io semantics).
      ready: endpoint.conditions?.ready !== false,
      ...(endpoint.conditions?.serving !== undefined ? { serving: endpoint.conditions.serving } : {}),
      ...(endpoint.conditions?.terminating !== undefined ? { terminating: endpoint.conditions.terminating } : {}),
      ...(endpoint.targetRef?.name ? { pod: endpoint.targetRef.name } : {}),
      ...(endpoint.nodeName ? { nodeName: endpoint.nodeName } : {}),
    })),
    ports: (slice.ports ?? []).map((port) => ({ ...(port.name ? { name: port.name } : {}), ...(port.port !== undefined ? { port: port.port } : {}), protocol: port.protocol ?? 'TCP' })),
  };
}

export function mapConfigMap(configMap: K8s.V1ConfigMap): K8sConfigMap {
  return {
    kind: 'ConfigMap',
    ...mapMeta(configMap.metadata),
    keys: [...Object.keys(configMap.data ?? {}), ...Object.keys(configMap.binaryData ?? {})].sort(),
    data: { ...(configMap.data ?? {}) },
    updatedAt: updatedAt(configMap.metadata),
    immutable: configMap.immutable === true,
  };
}

/** Keys only: the values (base64) are not copied anywhere. */
export function mapSecret(secret: K8s.V1Secret): K8sSecret {
  return {
    kind: 'Secret',
    ...mapMeta(secret.metadata),
    type: secret.type ?? 'Opaque',
    keys: [...new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})])].sort(),
    updatedAt: updatedAt(secret.metadata),
    immutable: secret.immutable === true,
  };
}

const backend = (service: K8s.V1IngressServiceBackend | undefined) =>
  service ? { service: service.name, ...(service.port?.number !== undefined ? { port: service.port.number } : service.port?.name ? { port: service.port.name } : {}) } : {};

export function mapIngress(ingress: K8s.V1Ingress): K8sIngress {
  const spec = ingress.spec;
  return {
    kind: 'Ingress',
    ...mapMeta(ingress.metadata),
    ...(spec?.ingressClassName ? { ingressClassName: spec.ingressClassName } : {}),
    ...(ingress.metadata?.annotations?.['kubernetes.io/ingress.class'] ? { classAnnotation: ingress.metadata.annotations['kubernetes.io/ingress.class'] } : {}),
    updatedAt: updatedAt(ingress.metadata),
    rules: (spec?.rules ?? []).map((rule) => ({
      ...(rule.host ? { host: rule.host } : {}),
      paths: (rule.http?.paths ?? []).map((path) => ({ ...(path.path ? { path: path.path } : {}), ...(path.pathType ? { pathType: path.pathType } : {}), ...backend(path.backend.service) })),
    })),
    ...(spec?.defaultBackend ? { defaultBackend: backend(spec.defaultBackend.service) } : {}),
    tlsHosts: (spec?.tls ?? []).flatMap((tls) => tls.hosts ?? []),
    tlsSecrets: (spec?.tls ?? []).map((tls) => tls.secretName).filter((name): name is string => !!name),
    loadBalancer: loadBalancer(ingress.status?.loadBalancer?.ingress),
  };
}

function peer(entry: K8s.V1NetworkPolicyPeer): string {
  if (entry.ipBlock) return `ipBlock ${entry.ipBlock.cidr}${entry.ipBlock.except?.length ? ` except ${entry.ipBlock.except.join(',')}` : ''}`;
  const parts: string[] = [];
  if (entry.namespaceSelector) parts.push(`namespaces ${selectorString(entry.namespaceSelector) || '*'}`);
  if (entry.podSelector) parts.push(`pods ${selectorString(entry.podSelector) || '*'}`);
  return parts.join(' and ');
}

const policyPorts = (ports: readonly K8s.V1NetworkPolicyPort[] | undefined) =>
  (ports ?? []).map((port) => `${port.port ?? '*'}${port.endPort ? `-${port.endPort}` : ''}/${port.protocol ?? 'TCP'}`);

export function mapNetworkPolicy(policy: K8s.V1NetworkPolicy): K8sNetworkPolicy {
  const spec = policy.spec;
  return {
    kind: 'NetworkPolicy',
    ...mapMeta(policy.metadata),
    podSelector: selectorString(spec?.podSelector),
    policyTypes: spec?.policyTypes ?? ['Ingress', ...(spec?.egress ? ['Egress'] : [])],
    ingress: (spec?.ingress ?? []).map((rule) => ({ from: (rule._from ?? []).map(peer), ports: policyPorts(rule.ports) })),
    egress: (spec?.egress ?? []).map((rule) => ({ to: (rule.to ?? []).map(peer), ports: policyPorts(rule.ports) })),
  };
}

export function mapResourceQuota(quota: K8s.V1ResourceQuota): K8sResourceQuota {
  return {
    kind: 'ResourceQuota',
    ...mapMeta(quota.metadata),
    hard: quantities(quota.status?.hard ?? quota.spec?.hard),
    used: quantities(quota.status?.used),
    scopes: quota.spec?.scopes ?? [],
  };
}

export function mapLimitRange(range: K8s.V1LimitRange): K8sLimitRange {
  return {
    kind: 'LimitRange',
    ...mapMeta(range.metadata),
    limits: (range.spec?.limits ?? []).map((item) => ({
      type: item.type,
      ...(item._default ? { default: quantities(item._default) } : {}),
      ...(item.defaultRequest ? { defaultRequest: quantities(item.defaultRequest) } : {}),
      ...(item.max ? { max: quantities(item.max) } : {}),
      ...(item.min ? { min: quantities(item.min) } : {}),
      ...(item.maxLimitRequestRatio ? { maxLimitRequestRatio: quantities(item.maxLimitRequestRatio) } : {}),
    })),
  };
}

export function mapPvc(pvc: K8s.V1PersistentVolumeClaim): K8sPvc {
  const requested = pvc.spec?.resources?.requests?.storage;
  const capacity = pvc.status?.capacity?.storage;
  return {
    kind: 'PersistentVolumeClaim',
    ...mapMeta(pvc.metadata),
    phase: pvc.status?.phase ?? 'Pending',
    ...(pvc.spec?.storageClassName ? { storageClass: pvc.spec.storageClassName } : {}),
    ...(pvc.spec?.volumeName ? { volumeName: pvc.spec.volumeName } : {}),
    ...(requested !== undefined ? { requested: String(requested) } : {}),
    ...(capacity !== undefined ? { capacity: String(capacity) } : {}),
    accessModes: pvc.status?.accessModes ?? pvc.spec?.accessModes ?? [],
    conditions: mapConditions(pvc.status?.conditions),
  };
}

export function mapPv(pv: K8s.V1PersistentVolume): K8sPv {
  const claim = pv.spec?.claimRef;
  const capacity = pv.spec?.capacity?.storage;
  return {
    kind: 'PersistentVolume',
    ...mapMeta(pv.metadata),
    phase: pv.status?.phase ?? 'Available',
    ...(capacity !== undefined ? { capacity: String(capacity) } : {}),
    ...(pv.spec?.storageClassName ? { storageClass: pv.spec.storageClassName } : {}),
    ...(claim?.name ? { claim: `${claim.namespace ?? ''}/${claim.name}` } : {}),
    ...(pv.spec?.persistentVolumeReclaimPolicy ? { reclaimPolicy: pv.spec.persistentVolumeReclaimPolicy } : {}),
    accessModes: pv.spec?.accessModes ?? [],
    ...(pv.status?.reason ? { reason: pv.status.reason } : {}),
    ...(pv.status?.message ? { message: pv.status.message } : {}),
  };
}

export function mapIngressClass(ic: K8s.V1IngressClass): K8sIngressClass {
  return {
    kind: 'IngressClass',
    ...mapMeta(ic.metadata),
    controller: ic.spec?.controller ?? '',
    isDefault: ic.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true',
  };
}

export function mapStorageClass(sc: K8s.V1StorageClass): K8sStorageClass {
  return {
    kind: 'StorageClass',
    ...mapMeta(sc.metadata),
    provisioner: sc.provisioner,
    ...(sc.reclaimPolicy ? { reclaimPolicy: sc.reclaimPolicy } : {}),
    ...(sc.volumeBindingMode ? { volumeBindingMode: sc.volumeBindingMode } : {}),
    allowVolumeExpansion: sc.allowVolumeExpansion === true,
    isDefault: sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
  };
}

function metricValue(target: K8s.V2MetricTarget | K8s.V2MetricValueStatus | undefined, utilization: boolean): string | undefined {
  if (!target) return undefined;
  if (utilization) return target.averageUtilization !== undefined ? `${target.averageUtilization}%` : undefined;
  const value = target.averageValue ?? target.value;
  return value === undefined ? undefined : String(value);
}

type AnySource = { name?: string; metric?: { name: string }; target?: K8s.V2MetricTarget; current?: K8s.V2MetricValueStatus };
const sourceOf = (metric: K8s.V2MetricSpec | K8s.V2MetricStatus): AnySource | undefined =>
  (metric.resource ?? metric.containerResource ?? metric.pods ?? metric.object ?? metric.external) as AnySource | undefined;

export function mapHpa(hpa: K8s.V2HorizontalPodAutoscaler): K8sHpa {
  const spec = hpa.spec;
  const currents = hpa.status?.currentMetrics ?? [];
  return {
    kind: 'HorizontalPodAutoscaler',
    ...mapMeta(hpa.metadata),
    target: { kind: spec?.scaleTargetRef.kind ?? '', name: spec?.scaleTargetRef.name ?? '' },
    min: spec?.minReplicas ?? 1,
    max: spec?.maxReplicas ?? 0,
    current: hpa.status?.currentReplicas ?? 0,
    desired: hpa.status?.desiredReplicas ?? 0,
    metrics: (spec?.metrics ?? []).map((metric) => {
      const source = sourceOf(metric);
      const name = source?.name ?? source?.metric?.name ?? metric.type;
      const utilization = source?.target?.type === 'Utilization';
      const current = currents.find((candidate) => candidate.type === metric.type && ((sourceOf(candidate)?.name ?? sourceOf(candidate)?.metric?.name) === name));
      const currentValue = metricValue(current ? sourceOf(current)?.current : undefined, utilization);
      return { type: metric.type, name, target: metricValue(source?.target, utilization) ?? '', ...(currentValue !== undefined ? { current: currentValue } : {}) };
    }),
    conditions: mapConditions(hpa.status?.conditions),
    ...(ms(hpa.status?.lastScaleTime) !== undefined ? { lastScaleTime: ms(hpa.status?.lastScaleTime) } : {}),
  };
}

export function mapPdb(pdb: K8s.V1PodDisruptionBudget): K8sPdb {
  const spec = pdb.spec;
  return {
    kind: 'PodDisruptionBudget',
    ...mapMeta(pdb.metadata),
    selector: selectorString(spec?.selector),
    ...(spec?.minAvailable !== undefined ? { minAvailable: spec.minAvailable } : {}),
    ...(spec?.maxUnavailable !== undefined ? { maxUnavailable: spec.maxUnavailable } : {}),
    currentHealthy: pdb.status?.currentHealthy ?? 0,
    desiredHealthy: pdb.status?.desiredHealthy ?? 0,
    expectedPods: pdb.status?.expectedPods ?? 0,
    disruptionsAllowed: pdb.status?.disruptionsAllowed ?? 0,
    conditions: mapConditions(pdb.status?.conditions),
  };
}

export function mapStatefulSet(sts: K8s.V1StatefulSet): K8sStatefulSet {
  const status = sts.status;
  return {
    kind: 'StatefulSet',
    ...mapMeta(sts.metadata),
    replicas: sts.spec?.replicas ?? 1,
    readyReplicas: status?.readyReplicas ?? 0,
    currentReplicas: status?.currentReplicas ?? 0,
    updatedReplicas: status?.updatedReplicas ?? 0,
    availableReplicas: status?.availableReplicas ?? 0,
    ...(status?.currentRevision ? { currentRevision: status.currentRevision } : {}),
    ...(status?.updateRevision ? { updateRevision: status.updateRevision } : {}),
    ...(sts.spec?.serviceName ? { serviceName: sts.spec.serviceName } : {}),
    selector: selectorString(sts.spec?.selector),
    containers: templateContainers(sts.spec?.template),
    volumeClaimTemplates: (sts.spec?.volumeClaimTemplates ?? []).map((claim) => claim.metadata?.name ?? ''),
    conditions: mapConditions(status?.conditions),
  };
}

export function mapDaemonSet(ds: K8s.V1DaemonSet): K8sDaemonSet {
  const status = ds.status;
  return {
    kind: 'DaemonSet',
    ...mapMeta(ds.metadata),
    desired: status?.desiredNumberScheduled ?? 0,
    current: status?.currentNumberScheduled ?? 0,
    ready: status?.numberReady ?? 0,
    updated: status?.updatedNumberScheduled ?? 0,
    available: status?.numberAvailable ?? 0,
    misscheduled: status?.numberMisscheduled ?? 0,
    selector: selectorString(ds.spec?.selector),
    nodeSelector: { ...(ds.spec?.template.spec?.nodeSelector ?? {}) },
    containers: templateContainers(ds.spec?.template),
    conditions: mapConditions(status?.conditions),
  };
}

export function mapJob(job: K8s.V1Job): K8sJob {
  const spec = job.spec;
  const status = job.status;
  const cronJob = job.metadata?.ownerReferences?.find((reference) => reference.kind === 'CronJob')?.name;
  return {
    kind: 'Job',
    ...mapMeta(job.metadata),
    active: status?.active ?? 0,
    succeeded: status?.succeeded ?? 0,
    failed: status?.failed ?? 0,
    ...(spec?.backoffLimit !== undefined ? { backoffLimit: spec.backoffLimit } : {}),
    ...(spec?.completions !== undefined ? { completions: spec.completions } : {}),
    ...(spec?.parallelism !== undefined ? { parallelism: spec.parallelism } : {}),
    ...(spec?.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: spec.activeDeadlineSeconds } : {}),
    suspend: spec?.suspend === true,
    conditions: mapConditions(status?.conditions),
    ...(ms(status?.startTime) !== undefined ? { startTime: ms(status?.startTime) } : {}),
    ...(ms(status?.completionTime) !== undefined ? { completionTime: ms(status?.completionTime) } : {}),
    ...(cronJob ? { cronJob } : {}),
    selector: selectorString(spec?.selector),
    containers: templateContainers(spec?.template),
  };
}

export function mapCronJob(cronJob: K8s.V1CronJob): K8sCronJob {
  const spec = cronJob.spec;
  const status = cronJob.status;
  return {
    kind: 'CronJob',
    ...mapMeta(cronJob.metadata),
    schedule: spec?.schedule ?? '',
    ...(spec?.timeZone ? { timeZone: spec.timeZone } : {}),
    suspend: spec?.suspend === true,
    ...(spec?.concurrencyPolicy ? { concurrencyPolicy: spec.concurrencyPolicy } : {}),
    ...(ms(status?.lastScheduleTime) !== undefined ? { lastScheduleTime: ms(status?.lastScheduleTime) } : {}),
    ...(ms(status?.lastSuccessfulTime) !== undefined ? { lastSuccessfulTime: ms(status?.lastSuccessfulTime) } : {}),
    active: (status?.active ?? []).map((reference) => reference.name ?? ''),
    containers: templateContainers(spec?.jobTemplate?.spec?.template),
  };
}
