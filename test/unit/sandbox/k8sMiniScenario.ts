/**
 * The mini scenario plus a small Kubernetes world, for the Kubernetes provider, emulator and
 * schema tests. Every value the tests assert on is visible here. Returns fresh JSON each call.
 *
 * Story: `shop/checkout` rolled out revision 3 (image :{{short:two}}, memory limit 256Mi) at
 * 11:00; one pod is in CrashLoopBackOff after OOMKills (exit 137), node-a reports MemoryPressure.
 */
import type { ScenarioInput } from '../../../src/sandbox/scenario/scenario';
import { miniScenario, type MiniOptions } from './miniScenario';

type KubernetesInput = NonNullable<ScenarioInput['world']['kubernetes']>;

export const K8S_NAMESPACE = 'shop';
export const CRASHING_POD = 'checkout-6b7c8d9f5-x2k4p';
export const HEALTHY_POD = 'checkout-6b7c8d9f5-q8w7e';
export const RESTARTED_POD = 'checkout-6b7c8d9f5-m3n4b';
export const CART_POD = 'cart-7d4f9c6b8-z9y8x';
export const STACK_TRACE = 'Error: Cannot allocate buffer\n    at ThumbnailCache.put (/app/src/cache.js:42:17)\n    at handle (/app/src/server.js:10:5)';

const checkoutContainer = (image: string, memory: string, extraEnv: { name: string; value?: string; fromSecret?: string }[] = []) => ({
  name: 'checkout',
  image,
  env: [{ name: 'NODE_ENV', value: 'production' }, { name: 'DB_PASSWORD', fromSecret: 'checkout-db/password' }, ...extraEnv],
  limits: { memory, cpu: '500m' },
  requests: { memory: '128Mi', cpu: 0.25 },
});

export function kubernetesWorld(): KubernetesInput {
  return {
    context: 'mini-cluster',
    namespaces: [
      {
        name: K8S_NAMESPACE,
        deployments: [
          {
            name: 'checkout',
            labels: { app: 'checkout', team: 'payments' },
            selector: { app: 'checkout' },
            replicas: 3,
            revision: 3,
            createdAt: '2026-01-12T09:00:00Z',
            replicaSets: [
              // Any order in the file: the provider sorts newest revision first.
              { name: 'checkout-5d8f6c7b9', revision: 2, containers: [checkoutContainer('registry.example/checkout:{{short:one}}', '256Mi')], replicas: 0, createdAt: '2026-01-14T09:00:00Z', changeCause: 'lower memory limit' },
              { name: 'checkout-7c9d5b8f6', revision: 1, containers: [checkoutContainer('registry.example/checkout:{{short:one}}', '512Mi')], replicas: 0, createdAt: '2026-01-12T09:00:00Z', changeCause: 'initial deploy' },
              {
                name: 'checkout-6b7c8d9f5',
                revision: 3,
                containers: [checkoutContainer('registry.example/checkout:{{short:two}}', '256Mi', [{ name: 'CACHE_SIZE', value: '2048' }])],
                replicas: 3,
                readyReplicas: 1,
                createdAt: '2026-01-15T11:00:00Z',
                changeCause: 'deploy {{short:two}}',
              },
            ],
          },
          {
            name: 'cart',
            labels: { app: 'cart', tier: 'web' },
            replicas: 1,
            revision: 1,
            createdAt: '2026-01-10T08:00:00Z',
            replicaSets: [
              {
                name: 'cart-7d4f9c6b8',
                revision: 1,
                containers: [
                  { name: 'cart', image: 'registry.example/cart:1.4.2', requests: { memory: '64Mi' } },
                  { name: 'envoy', image: 'envoyproxy/envoy:v1.31.0' },
                ],
                replicas: 1,
                createdAt: '2026-01-10T08:00:00Z',
              },
            ],
          },
        ],
        pods: [
          {
            name: CRASHING_POD,
            replicaSet: 'checkout-6b7c8d9f5',
            node: 'node-a',
            phase: 'Running',
            createdAt: '2026-01-15T11:01:00Z',
            containers: [
              {
                name: 'checkout',
                ready: false,
                restartCount: 5,
                state: 'waiting',
                reason: 'CrashLoopBackOff',
                message: 'back-off 2m40s restarting failed container=checkout',
                lastTermination: { reason: 'OOMKilled', exitCode: 137, startedAt: '2026-01-15T11:50:00Z', finishedAt: '2026-01-15T11:51:30Z' },
                logs: [{ at: '2026-01-15T11:51:40Z', message: 'INFO starting checkout {{short:two}}' }],
                previousLogs: [
                  { at: '2026-01-15T11:50:01Z', message: 'INFO starting checkout {{short:two}}' },
                  { at: '2026-01-15T11:51:20.250Z', message: STACK_TRACE },
                  { at: '2026-01-15T11:51:29Z', message: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' },
                ],
              },
            ],
          },
          {
            name: HEALTHY_POD,
            replicaSet: 'checkout-6b7c8d9f5',
            node: 'node-b',
            phase: 'Running',
            createdAt: '2026-01-15T11:01:05Z',
            containers: [
              {
                name: 'checkout',
                ready: true,
                state: 'running',
                startedAt: '2026-01-15T11:01:20Z',
                // 11:30:00 … 11:59:50, one line every 10 s: 180 lines.
                logGenerators: [{ template: 'INFO GET /cart/{int:1-99} 200 {int:5-40}ms', from: '2026-01-15T11:30:00Z', to: '2026-01-15T12:00:00Z', everySeconds: 10 }],
              },
            ],
          },
          {
            name: RESTARTED_POD,
            replicaSet: 'checkout-6b7c8d9f5',
            node: 'node-a',
            phase: 'Running',
            createdAt: '2026-01-15T11:01:10Z',
            containers: [
              {
                name: 'checkout',
                ready: false,
                restartCount: 2,
                state: 'running',
                startedAt: '2026-01-15T11:45:00Z',
                lastTermination: { reason: 'OOMKilled', exitCode: 137, startedAt: '2026-01-15T11:30:00Z', finishedAt: '2026-01-15T11:44:58Z' },
              },
            ],
          },
          {
            name: CART_POD,
            replicaSet: 'cart-7d4f9c6b8',
            node: 'node-b',
            phase: 'Running',
            createdAt: '2026-01-10T08:00:10Z',
            containers: [
              { name: 'cart', ready: true, state: 'running', logs: [{ at: '2026-01-15T11:00:00Z', message: 'cart ok' }] },
              { name: 'envoy', ready: true, state: 'running' },
            ],
          },
        ],
        events: [
          { type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set checkout-6b7c8d9f5 from 0 to 3', involvedObject: { kind: 'Deployment', name: 'checkout' }, lastTimestamp: '2026-01-15T11:00:00Z' },
          {
            type: 'Warning',
            reason: 'BackOff',
            message: `Back-off restarting failed container checkout in pod ${CRASHING_POD}_shop`,
            involvedObject: { kind: 'Pod', name: CRASHING_POD },
            count: 12,
            firstTimestamp: '2026-01-15T11:20:00Z',
            lastTimestamp: '2026-01-15T11:55:00Z',
          },
          { type: 'Warning', reason: 'OOMKilling', message: 'Memory cgroup out of memory: Killed process 4242 (node)', involvedObject: { kind: 'Node', name: 'node-a' }, count: 7, firstTimestamp: '2026-01-15T11:10:00Z', lastTimestamp: '2026-01-15T11:51:30Z', source: 'kernel-monitor' },
          { type: 'Normal', reason: 'Pulled', message: 'Container image "registry.example/checkout:{{short:two}}" already present on machine', involvedObject: { kind: 'Pod', name: CRASHING_POD }, lastTimestamp: '2026-01-15T11:51:35Z' },
        ],
      },
      { name: 'empty' },
    ],
    nodes: [
      {
        name: 'node-a',
        conditions: [
          { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
          { type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available', lastTransitionTime: '2026-01-15T11:35:00Z' },
        ],
        allocatable: { cpu: '3920m', memory: '14Gi', pods: 110 },
        capacity: { cpu: '4', memory: '16Gi', pods: 110 },
      },
      { name: 'node-b', labels: { 'node-role.kubernetes.io/worker': '' }, allocatable: { cpu: '3920m', memory: '14Gi' }, capacity: { cpu: '4', memory: '16Gi' } },
      { name: 'node-c', unschedulable: true, allocatable: { cpu: '3920m', memory: '14Gi' }, capacity: { cpu: '4', memory: '16Gi' } },
    ],
  };
}

/** The mini scenario (ECS, logs, git) with the Kubernetes world and a Kubernetes incident. */
export function k8sScenario(options: MiniOptions = {}): ScenarioInput {
  const scenario = miniScenario(options);
  scenario.id = 'mini-k8s';
  scenario.incident.target = { platform: 'kubernetes', namespace: K8S_NAMESPACE, deployment: 'checkout', labelSelector: 'app=checkout' };
  scenario.world.kubernetes = kubernetesWorld();
  return scenario;
}
