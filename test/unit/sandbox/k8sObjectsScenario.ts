/**
 * The Kubernetes mini scenario (k8sMiniScenario.ts) plus objects beyond workloads, for the
 * emulator, provider and kubectl tests of Services/Endpoints, config, storage, networking,
 * autoscaling, budgets, StatefulSets, DaemonSets, Jobs, CronJobs and metrics. Every value the
 * tests assert on is visible here. Returns fresh JSON each call.
 *
 * Story additions (clock 2026-01-15T12:00Z): Service checkout (targetPort "http") has one ready
 * endpoint of three; Service payments selects no pod; legacy-db is selectorless with hand-written
 * Endpoints; a deny-all NetworkPolicy appeared at 11:40; the orders-db StatefulSet's second pod is
 * Pending on an unbound PVC; the report-export CronJob's latest Job hit its backoff limit.
 */
import type { ScenarioInput } from '../../../src/sandbox/scenario/scenario';
import { CRASHING_POD, HEALTHY_POD, k8sScenario, RESTARTED_POD } from './k8sMiniScenario';

export { CRASHING_POD, HEALTHY_POD, RESTARTED_POD };
export const SECRET_VALUE = 'c3VwZXItc2VjcmV0LXBhc3N3b3Jk';
export const SECRET_PLAIN = 'plain-text-admin-password';
export const JOB = 'report-export-29480460';
export const JOB_POD = 'report-export-29480460-k2x9z';
export const INIT_POD = 'checkout-migrate';
export const STATIC_POD = 'kube-proxy-node-a';

type Objects = Record<string, unknown>[];

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, creationTimestamp: '2026-01-10T09:00:00Z', ...extra });

export function namespacedObjects(): Objects {
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: meta('checkout', { labels: { app: 'checkout' } }), spec: { selector: { app: 'checkout' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('payments'), spec: { selector: { app: 'payments' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('legacy-db'), spec: { ports: [{ port: 5432 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('storefront-lb'), spec: { type: 'LoadBalancer', selector: { app: 'storefront' }, ports: [{ port: 443, targetPort: 8443, nodePort: 30443 }] } },
    { apiVersion: 'v1', kind: 'Endpoints', metadata: meta('legacy-db'), subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 5432, protocol: 'TCP' }] }] },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('checkout-config', { resourceVersion: '48211', managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', time: '2026-01-15T10:58:00Z' }] }),
      data: { PAYMENTS_URL: 'http://payments.shop.svc.cluster.local', CACHE_SIZE: '2048' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta('checkout-db', { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"stringData":{"username":"${SECRET_PLAIN}"}}`, team: 'payments' } }),
      type: 'Opaque',
      data: { password: SECRET_VALUE },
      stringData: { username: SECRET_PLAIN },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta('shop'),
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'checkout', port: { number: 80 } } } },
                { path: '/pay', pathType: 'Prefix', backend: { service: { name: 'payments', port: { name: 'http' } } } },
              ],
            },
          },
        ],
      },
      status: { loadBalancer: { ingress: [{ hostname: 'a1b2.elb.eu-west-1.amazonaws.com' }] } },
    },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('deny-all', { creationTimestamp: '2026-01-15T11:40:00Z' }), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('allow-web'),
      spec: {
        podSelector: { matchLabels: { app: 'checkout' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchLabels: { team: 'ops' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.9.0/24'] } }], ports: [{ port: 8080 }] }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta('compute'),
      spec: { hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '4Gi' } },
      status: { hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '4Gi' }, used: { pods: '10', 'requests.cpu': '1750m', 'limits.memory': '3Gi' } },
    },
    { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('defaults'), spec: { limits: [{ type: 'Container', default: { memory: '512Mi' }, defaultRequest: { memory: '128Mi' }, max: { memory: '1Gi' } }] } },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta('data-orders-db-0', { labels: { app: 'orders-db' } }),
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', volumeName: 'pv-orders-0', resources: { requests: { storage: '20Gi' } } },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '20Gi' } },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta('data-orders-db-1', { labels: { app: 'orders-db' }, creationTimestamp: '2026-01-15T11:20:00Z' }),
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3-encrypted', resources: { requests: { storage: '20Gi' } } },
      status: { phase: 'Pending' },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta('checkout'),
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout' }, minReplicas: 3, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
      status: {
        currentReplicas: 3,
        desiredReplicas: 3,
        lastScaleTime: '2026-01-15T11:05:00Z',
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 95, averageValue: '475m' } } }],
        conditions: [
          { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size', lastTransitionTime: '2026-01-15T11:05:00Z' },
          { type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count', lastTransitionTime: '2026-01-15T11:10:00Z' },
        ],
      },
    },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('checkout'), spec: { minAvailable: 2, selector: { matchLabels: { app: 'checkout' } } } },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta('orders-db', { labels: { app: 'orders-db' } }),
      spec: {
        replicas: 2,
        serviceName: 'orders-db',
        selector: { matchLabels: { app: 'orders-db' } },
        template: {
          metadata: { labels: { app: 'orders-db' } },
          spec: { containers: [{ name: 'postgres', image: 'postgres:16.4', ports: [{ containerPort: 5432, name: 'pg' }], readinessProbe: { tcpSocket: { port: 5432 }, periodSeconds: 5 } }] },
        },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } }],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta('log-agent'),
      spec: {
        selector: { matchLabels: { app: 'log-agent' } },
        template: { metadata: { labels: { app: 'log-agent' } }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'fluent-bit', image: 'fluent/fluent-bit:3.1' }] } },
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta('report-export'),
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { backoffLimit: 2, template: { spec: { containers: [{ name: 'exporter', image: 'registry.example/exporter:2.0' }] } } } } },
      status: { lastScheduleTime: '2026-01-15T11:00:00Z', lastSuccessfulTime: '2026-01-15T09:00:00Z' },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta(JOB, { creationTimestamp: '2026-01-15T11:00:00Z', ownerReferences: [{ kind: 'CronJob', name: 'report-export' }] }),
      spec: { backoffLimit: 2, template: { spec: { containers: [{ name: 'exporter', image: 'registry.example/exporter:2.0' }] } } },
      status: {
        failed: 3,
        startTime: '2026-01-15T11:00:05Z',
        conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastTransitionTime: '2026-01-15T11:06:00Z' }],
      },
    },
  ];
}

function pods(): Record<string, unknown>[] {
  const running = (name: string, extra: Record<string, unknown> = {}) => ({ name, ready: true, state: 'running', startedAt: '2026-01-10T09:01:00Z', ...extra });
  return [
    { name: 'orders-db-0', owner: { kind: 'StatefulSet', name: 'orders-db' }, node: 'node-b', phase: 'Running', createdAt: '2026-01-10T09:01:00Z', containers: [running('postgres')] },
    {
      name: 'orders-db-1',
      owner: { kind: 'StatefulSet', name: 'orders-db' },
      phase: 'Pending',
      createdAt: '2026-01-15T11:20:00Z',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.' }],
      containers: [{ name: 'postgres', ready: false, state: 'waiting', reason: 'ContainerCreating' }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-orders-db-1' } }],
    },
    { name: 'log-agent-x7k2p', owner: { kind: 'DaemonSet', name: 'log-agent' }, node: 'node-a', phase: 'Running', createdAt: '2026-01-10T09:01:00Z', containers: [running('fluent-bit')] },
    { name: 'log-agent-m4n8q', owner: { kind: 'DaemonSet', name: 'log-agent' }, node: 'node-b', phase: 'Running', createdAt: '2026-01-10T09:01:00Z', containers: [running('fluent-bit', { ready: false })] },
    {
      name: JOB_POD,
      owner: { kind: 'Job', name: JOB },
      node: 'node-b',
      phase: 'Failed',
      createdAt: '2026-01-15T11:04:00Z',
      containers: [{ name: 'exporter', ready: false, state: 'terminated', reason: 'Error', exitCode: 1, startedAt: '2026-01-15T11:04:10Z', finishedAt: '2026-01-15T11:05:50Z', logs: [{ at: '2026-01-15T11:05:49Z', message: 'Error: connect ECONNREFUSED 10.1.2.3:5432' }] }],
    },
    {
      name: INIT_POD,
      labels: { app: 'checkout-migrate' },
      node: 'node-a',
      phase: 'Pending',
      createdAt: '2026-01-15T11:50:00Z',
      serviceAccountName: 'migrator',
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] }] }] } } },
      volumes: [
        { name: 'config', configMap: { name: 'checkout-config' } },
        { name: 'creds', secret: { secretName: 'checkout-db' } },
      ],
      initContainers: [{ name: 'wait-for-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nc -z orders-db 5432; do sleep 2; done'] }],
      initContainerStatuses: [{ name: 'wait-for-db', ready: false, state: 'running', startedAt: '2026-01-15T11:50:05Z', logs: [{ at: '2026-01-15T11:50:07Z', message: 'waiting for orders-db:5432' }] }],
      containers: [
        {
          name: 'migrate',
          image: 'registry.example/migrate:1.2',
          ready: false,
          state: 'waiting',
          reason: 'PodInitializing',
          command: ['/migrate'],
          args: ['--up'],
          envFrom: [{ configMapRef: { name: 'checkout-config' } }, { secretRef: { name: 'checkout-db' }, prefix: 'DB_' }],
          volumeMounts: [{ name: 'config', mountPath: '/etc/migrate', readOnly: true }],
        },
      ],
    },
  ];
}

export function k8sObjectsScenario(): ScenarioInput {
  const scenario = k8sScenario();
  scenario.id = 'mini-k8s-objects';
  const k8s = scenario.world.kubernetes!;
  const shop = k8s.namespaces[0];
  // The active checkout ReplicaSet gets a named port, probes, envFrom and a ConfigMap volume.
  const active = shop.deployments![0].replicaSets.find((rs) => rs.name === 'checkout-6b7c8d9f5')!;
  Object.assign(active.containers[0], {
    ports: [{ containerPort: 8080, name: 'http' }],
    readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 10, failureThreshold: 5 },
    envFrom: [{ configMapRef: { name: 'checkout-config' } }],
    volumeMounts: [{ name: 'config', mountPath: '/etc/checkout' }],
  });
  Object.assign(active, { volumes: [{ name: 'config', configMap: { name: 'checkout-config' } }], serviceAccountName: 'checkout' });
  (shop as { objects?: Objects }).objects = namespacedObjects();
  shop.pods!.push(...(pods() as never[]));
  shop.events!.push(
    { type: 'Warning', reason: 'FailedScheduling', message: '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available', involvedObject: { kind: 'Pod', name: 'orders-db-1' }, count: 9, lastTimestamp: '2026-01-15T11:58:00Z', source: 'default-scheduler' },
    { type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "gp3-encrypted" not found', involvedObject: { kind: 'PersistentVolumeClaim', name: 'data-orders-db-1' }, count: 40, firstTimestamp: '2026-01-15T11:20:00Z', lastTimestamp: '2026-01-15T11:59:00Z' },
    { type: 'Warning', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', involvedObject: { kind: 'Job', name: JOB }, lastTimestamp: '2026-01-15T11:06:00Z' },
    { type: 'Normal', reason: 'SuccessfulRescale', message: 'New size: 3; reason: cpu resource utilization (percentage of request) above target', involvedObject: { kind: 'HorizontalPodAutoscaler', name: 'checkout' }, lastTimestamp: '2026-01-15T11:05:00Z' },
    { type: 'Warning', reason: 'VolumeFailedDelete', message: 'volume is still attached', involvedObject: { kind: 'PersistentVolume', name: 'pv-orders-0' }, lastTimestamp: '2026-01-15T11:30:00Z' },
  );
  k8s.namespaces.push({
    name: 'kube-system',
    pods: [{ name: STATIC_POD, owner: { kind: 'Node', name: 'node-a' }, node: 'node-a', phase: 'Running', createdAt: '2026-01-01T00:00:00Z', containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.4', ready: true, state: 'running' }] }],
  } as never);
  (k8s as { objects?: Objects }).objects = [
    { apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta('pv-orders-0'), spec: { capacity: { storage: '20Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', claimRef: { namespace: 'shop', name: 'data-orders-db-0' } }, status: { phase: 'Bound' } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: meta('nginx', { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }), spec: { controller: 'k8s.io/ingress-nginx' } },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta('gp3', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }), provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
  ];
  (k8s.nodes![1] as { taints?: unknown[] }).taints = [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }];
  (k8s as { metrics?: unknown }).metrics = {
    pods: [
      { namespace: 'shop', name: CRASHING_POD, containers: [{ name: 'checkout', cpu: '480m', memory: '250Mi' }] },
      { namespace: 'shop', name: HEALTHY_POD, containers: [{ name: 'checkout', cpu: '120m', memory: '180Mi' }] },
      { namespace: 'shop', name: 'orders-db-0', containers: [{ name: 'postgres', cpu: '50m', memory: '1Gi' }] },
    ],
    nodes: [
      { name: 'node-a', cpu: '3800m', memory: '14Gi' },
      { name: 'node-b', cpu: '900m', memory: '6Gi' },
    ],
  };
  return scenario;
}
