process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * The Kubernetes provider through the real @kubernetes/client-node, over real HTTP, against the
 * sandbox's Kubernetes emulator — and the emulator checked against the real kubectl. Nothing
 * here replaces the client's transport: wrong paths, shapes or status codes fail in its own
 * (de)serialisers.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createKubernetesProvider, type KubernetesApiProvider } from '../../../src/providers/kubernetes/client';
import { parsePodLog } from '../../../src/providers/kubernetes/podLogs';
import { DEFAULT_TAIL_LINES } from '../../../src/providers/kubernetes/provider';
import type { ProviderErrorKind } from '../../../src/providers/types';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../../src/sandbox/sandbox';
import { parseScenario } from '../../../src/sandbox/scenario/scenario';
import { CART_POD, CRASHING_POD, HEALTHY_POD, k8sScenario, RESTARTED_POD, STACK_TRACE } from '../sandbox/k8sMiniScenario';
import { INIT_POD, JOB, JOB_POD, k8sObjectsScenario, SECRET_PLAIN, SECRET_VALUE, STATIC_POD } from '../sandbox/k8sObjectsScenario';
import type { ScenarioInput } from '../../../src/sandbox/scenario/scenario';
import type { MiniOptions } from '../sandbox/miniScenario';
import { expectProviderError } from './expectProviderError';

const at = (iso: string) => Date.parse(iso);

const rejectsWith = (promise: Promise<unknown>, kind: ProviderErrorKind, fragment?: string | RegExp) => expectProviderError(promise, kind, fragment, 'kubernetes');

async function startK8s(options: MiniOptions = {}, sandbox: Partial<SandboxOptions> = {}): Promise<{ handle: SandboxHandle; k8s: KubernetesApiProvider }> {
  const handle = await startSandbox({ scenario: parseScenario(k8sScenario(options)), ...sandbox });
  return { handle, k8s: sandboxProviders(handle).kubernetes as KubernetesApiProvider };
}

const requestsOf = (handle: SandboxHandle, operation: string) => handle.kubernetes!.requests().filter((request) => request.operation === operation);
const short = (handle: SandboxHandle, label: string) => handle.commits[label].slice(0, 7);

describe('Kubernetes provider: reads', () => {
  let handle: SandboxHandle;
  let k8s: KubernetesApiProvider;
  before(async () => {
    ({ handle, k8s } = await startK8s());
  });
  after(() => handle.close());

  it('is wired by sandboxProviders with the scenario context, and the handle says where the API is', () => {
    assert.equal(k8s.id, 'kubernetes');
    assert.equal(k8s.context, 'mini-cluster');
    assert.match(handle.kubernetes!.server, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(handle.kubernetes!.namespace, 'shop', "the incident's namespace");
  });

  it('lists pods with restart counts, the last termination (OOMKilled, 137) and the owning ReplicaSet', async () => {
    const pods = await k8s.listPods('shop', 'app=checkout');
    assert.deepEqual(pods.map((pod) => pod.name), [CRASHING_POD, HEALTHY_POD, RESTARTED_POD]);
    const [crashing, healthy, restarted] = pods;
    assert.deepEqual(crashing.containers, [
      {
        name: 'checkout',
        image: `registry.example/checkout:${short(handle, 'two')}`,
        ready: false,
        restartCount: 5,
        state: 'waiting',
        reason: 'CrashLoopBackOff',
        message: 'back-off 2m40s restarting failed container=checkout',
        lastTermination: { reason: 'OOMKilled', exitCode: 137, startedAt: at('2026-01-15T11:50:00Z'), finishedAt: at('2026-01-15T11:51:30Z') },
      },
    ]);
    assert.deepEqual(
      { namespace: crashing.namespace, phase: crashing.phase, nodeName: crashing.nodeName, replicaSet: crashing.replicaSet, createdAt: crashing.createdAt, labels: crashing.labels },
      { namespace: 'shop', phase: 'Running', nodeName: 'node-a', replicaSet: 'checkout-6b7c8d9f5', createdAt: at('2026-01-15T11:01:00Z'), labels: { app: 'checkout', 'pod-template-hash': '6b7c8d9f5' } },
    );
    assert.deepEqual(crashing.conditions.find((condition) => condition.type === 'Ready'), {
      type: 'Ready',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [checkout]',
      lastTransitionTime: at('2026-01-15T11:01:00Z'),
    });
    assert.deepEqual([healthy.containers[0].state, healthy.containers[0].ready, healthy.containers[0].lastTermination], ['running', true, undefined]);
    assert.deepEqual([restarted.containers[0].restartCount, restarted.containers[0].lastTermination?.reason], [2, 'OOMKilled']);
  });

  it('passes label selectors through (a=b,c=d and set-based) and lists a whole namespace without one', async () => {
    assert.deepEqual((await k8s.listPods('shop', 'app=cart,tier=web')).map((pod) => pod.name), [CART_POD]);
    assert.equal((await k8s.listPods('shop', 'app in (cart,checkout)')).length, 4);
    assert.equal((await k8s.listPods('shop')).length, 4);
    assert.deepEqual(await k8s.listPods('empty'), []);
    const [last] = requestsOf(handle, 'listPods').slice(-1);
    assert.equal(last.query.labelSelector, undefined);
    assert.equal(last.query.limit, '500', 'lists are paged');
  });

  it('lists events newest first, or only those about one object', async () => {
    const events = await k8s.listEvents('shop');
    assert.deepEqual(events.map((event) => event.reason), ['BackOff', 'Pulled', 'OOMKilling', 'ScalingReplicaSet']);
    const mine = await k8s.listEvents('shop', CRASHING_POD);
    assert.deepEqual(mine.map((event) => event.reason), ['BackOff', 'Pulled']);
    assert.deepEqual(mine[0], {
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container checkout in pod ${CRASHING_POD}_shop`,
      involvedObject: { kind: 'Pod', name: CRASHING_POD, namespace: 'shop' },
      count: 12,
      firstTimestamp: at('2026-01-15T11:20:00Z'),
      lastTimestamp: at('2026-01-15T11:55:00Z'),
    });
    assert.equal(requestsOf(handle, 'listEvents').at(-1)!.query.fieldSelector, `involvedObject.name=${CRASHING_POD}`);
  });

  it('reads a deployment: replicas, selector, revision, template containers (env, secrets, limits), conditions', async () => {
    const deployment = await k8s.getDeployment('shop', 'checkout');
    assert.deepEqual(
      { replicas: deployment.replicas, ready: deployment.readyReplicas, available: deployment.availableReplicas, updated: deployment.updatedReplicas, unavailable: deployment.unavailableReplicas },
      { replicas: 3, ready: 1, available: 1, updated: 3, unavailable: 2 },
    );
    assert.equal(deployment.selector, 'app=checkout');
    assert.equal(deployment.revision, '3');
    assert.equal(deployment.createdAt, at('2026-01-12T09:00:00Z'));
    assert.deepEqual(deployment.containers, [
      {
        name: 'checkout',
        image: `registry.example/checkout:${short(handle, 'two')}`,
        env: [{ name: 'NODE_ENV', value: 'production' }, { name: 'DB_PASSWORD', fromSecret: 'checkout-db/password' }, { name: 'CACHE_SIZE', value: '2048' }],
        limits: { memory: '256Mi', cpu: '500m' },
        requests: { memory: '128Mi', cpu: '250m' },
      },
    ]);
    assert.deepEqual(deployment.conditions.map((condition) => [condition.type, condition.status, condition.reason]), [
      ['Available', 'False', 'MinimumReplicasUnavailable'],
      ['Progressing', 'True', 'ReplicaSetUpdated'],
    ]);
  });

  it('lists the rollout history: ReplicaSets newest revision first, with images and change causes', async () => {
    const history = await k8s.listReplicaSets('shop', 'app=checkout');
    assert.deepEqual(
      history.map((rs) => [rs.revision, rs.name, rs.containers[0].image, rs.containers[0].limits.memory, rs.replicas, rs.changeCause, rs.deployment]),
      [
        ['3', 'checkout-6b7c8d9f5', `registry.example/checkout:${short(handle, 'two')}`, '256Mi', 3, `deploy ${short(handle, 'two')}`, 'checkout'],
        ['2', 'checkout-5d8f6c7b9', `registry.example/checkout:${short(handle, 'one')}`, '256Mi', 0, 'lower memory limit', 'checkout'],
        ['1', 'checkout-7c9d5b8f6', `registry.example/checkout:${short(handle, 'one')}`, '512Mi', 0, 'initial deploy', 'checkout'],
      ],
    );
    assert.deepEqual([history[0].readyReplicas, history[0].createdAt], [1, at('2026-01-15T11:00:00Z')]);
  });

  it('reads pod logs with timestamps, the previous container included; a stack trace stays one event', async () => {
    const previous = await k8s.podLogs('shop', CRASHING_POD, { previous: true });
    const stream = `${CRASHING_POD} (previous)`;
    assert.deepEqual(previous, [
      { timestamp: at('2026-01-15T11:50:01Z'), message: `INFO starting checkout ${short(handle, 'two')}`, logStream: stream },
      { timestamp: at('2026-01-15T11:51:20.250Z'), message: STACK_TRACE, logStream: stream },
      { timestamp: at('2026-01-15T11:51:29Z'), message: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', logStream: stream },
    ]);
    const current = await k8s.podLogs('shop', CRASHING_POD, { container: 'checkout' });
    assert.deepEqual(current, [{ timestamp: at('2026-01-15T11:51:40Z'), message: `INFO starting checkout ${short(handle, 'two')}`, logStream: `${CRASHING_POD}/checkout` }]);
    const request = requestsOf(handle, 'podLogs').at(-1)!;
    assert.deepEqual([request.query.timestamps, request.query.tailLines, request.query.container], ['true', String(DEFAULT_TAIL_LINES), 'checkout'], 'bounded by default');
  });

  it('bounds logs by tailLines and sinceSeconds', async () => {
    const tail = await k8s.podLogs('shop', HEALTHY_POD, { tailLines: 3 });
    assert.deepEqual(tail.map((event) => event.timestamp), [at('2026-01-15T11:59:30Z'), at('2026-01-15T11:59:40Z'), at('2026-01-15T11:59:50Z')]);
    assert.match(tail[0].message, /^INFO GET \/cart\/\d+ 200 \d+ms$/);
    // The emulator's clock started at 12:00:00 and runs on: 65 s back covers 11:59:00 … 11:59:50.
    const recent = await k8s.podLogs('shop', HEALTHY_POD, { sinceSeconds: 65 });
    assert.equal(recent.length, 6);
    assert.equal(requestsOf(handle, 'podLogs').at(-1)!.query.tailLines, undefined, 'sinceSeconds alone is bound enough');
  });

  it('lists nodes with conditions (MemoryPressure), allocatable, capacity and cordons', async () => {
    const nodes = await k8s.listNodes();
    assert.deepEqual(nodes.map((node) => [node.name, node.unschedulable]), [['node-a', false], ['node-b', false], ['node-c', true]]);
    assert.deepEqual(nodes[0].conditions.find((condition) => condition.type === 'MemoryPressure'), {
      type: 'MemoryPressure',
      status: 'True',
      reason: 'KubeletHasInsufficientMemory',
      message: 'kubelet has insufficient memory available',
      lastTransitionTime: at('2026-01-15T11:35:00Z'),
    });
    assert.deepEqual(nodes[0].allocatable, { cpu: '3920m', memory: '14Gi', pods: '110' });
    assert.deepEqual(nodes[0].capacity, { cpu: '4', memory: '16Gi', pods: '110' });
  });

  it('maps server-side refusals: NotFound → not-found, a multi-container pod without container → failed', async () => {
    await rejectsWith(k8s.getDeployment('shop', 'ghost'), 'not-found', 'deployments.apps "ghost" not found');
    await rejectsWith(k8s.podLogs('shop', 'ghost-pod', {}), 'not-found', 'pods "ghost-pod" not found');
    await rejectsWith(k8s.podLogs('shop', CART_POD, {}), 'failed', 'choose one of: [cart envoy]');
    await rejectsWith(k8s.podLogs('shop', HEALTHY_POD, { previous: true }), 'failed', 'previous terminated container');
  });
});

describe('Kubernetes provider: mutations change the served world and are recorded', () => {
  it('rollout restart: strategic merge patch of the restartedAt annotation, new ReplicaSet and pods', async () => {
    const { handle, k8s } = await startK8s();
    try {
      const restarted = await k8s.rolloutRestart('shop', 'checkout');
      assert.equal(restarted.revision, '4');
      assert.equal(restarted.readyReplicas, 3);
      const [mutation] = handle.kubernetes!.mutations();
      assert.equal(mutation.operation, 'patchDeployment');
      assert.equal(mutation.contentType, 'application/strategic-merge-patch+json');
      const annotation = (mutation.request as { spec: { template: { metadata: { annotations: Record<string, string> } } } }).spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'];
      assert.match(annotation, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(mutation.after.restartedAt, annotation);
      assert.deepEqual(mutation.after.images, mutation.before.images, 'same images, new pods');
      assert.notEqual(mutation.after.activeReplicaSet, 'checkout-6b7c8d9f5');
      const pods = await k8s.listPods('shop', 'app=checkout');
      assert.equal(pods.length, 3);
      assert.ok(pods.every((pod) => pod.replicaSet === mutation.after.activeReplicaSet && pod.containers[0].restartCount === 0 && pod.containers[0].state === 'running'));
      assert.equal((await k8s.listReplicaSets('shop', 'app=checkout'))[0].name, mutation.after.activeReplicaSet);
    } finally {
      await handle.close();
    }
  });

  it('rollout undo: copies the ReplicaSet template back like kubectl; the old ReplicaSet becomes the next revision', async () => {
    const { handle, k8s } = await startK8s();
    try {
      const undone = await k8s.rolloutUndo('shop', 'checkout', '2');
      assert.equal(undone.revision, '4');
      assert.equal(undone.containers[0].image, `registry.example/checkout:${short(handle, 'one')}`);
      assert.deepEqual(undone.containers[0].env.map((env) => env.name), ['NODE_ENV', 'DB_PASSWORD'], 'CACHE_SIZE of revision 3 is gone');
      const [mutation] = handle.kubernetes!.mutations();
      assert.equal(mutation.contentType, 'application/json-patch+json');
      const [templateOp, annotationsOp] = mutation.request as { op: string; path: string; value: Record<string, unknown> }[];
      assert.deepEqual([templateOp.op, templateOp.path, annotationsOp.path], ['replace', '/spec/template', '/metadata/annotations']);
      assert.equal((templateOp.value as { metadata: { labels: Record<string, string> } }).metadata.labels['pod-template-hash'], undefined, 'the hash label is dropped, as kubectl does');
      assert.deepEqual(annotationsOp.value, { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'lower memory limit' });
      assert.deepEqual([mutation.before.activeReplicaSet, mutation.after.activeReplicaSet], ['checkout-6b7c8d9f5', 'checkout-5d8f6c7b9']);
      const history = await k8s.listReplicaSets('shop', 'app=checkout');
      assert.deepEqual(history.map((rs) => [rs.revision, rs.name, rs.replicas]), [
        ['4', 'checkout-5d8f6c7b9', 3],
        ['3', 'checkout-6b7c8d9f5', 0],
        ['1', 'checkout-7c9d5b8f6', 0],
      ]);

      // "" = the previous revision (3, the bad one), exactly like `kubectl rollout undo` without --to-revision.
      const back = await k8s.rolloutUndo('shop', 'checkout', '');
      assert.equal(back.revision, '5');
      assert.equal(back.containers[0].image, `registry.example/checkout:${short(handle, 'two')}`);
      // Undo to the revision already active is kubectl's "skipped rollback": no patch is sent.
      const count = handle.kubernetes!.mutations().length;
      assert.equal((await k8s.rolloutUndo('shop', 'checkout', '5')).revision, '5');
      assert.equal(handle.kubernetes!.mutations().length, count);
      await rejectsWith(k8s.rolloutUndo('shop', 'checkout', '99'), 'not-found', 'no revision 99 (revisions: 1, 4, 5)');
    } finally {
      await handle.close();
    }
  });

  it('scale: merge patch of the scale subresource; pods follow', async () => {
    const { handle, k8s } = await startK8s();
    try {
      const scaled = await k8s.scale('shop', 'checkout', 5);
      assert.deepEqual([scaled.replicas, scaled.readyReplicas, scaled.revision], [5, 5, '3']);
      assert.equal((await k8s.listPods('shop', 'app=checkout')).length, 5);
      const [mutation] = handle.kubernetes!.mutations();
      assert.deepEqual([mutation.operation, mutation.contentType, mutation.request, mutation.before.replicas, mutation.after.replicas], ['patchScale', 'application/merge-patch+json', { spec: { replicas: 5 } }, 3, 5]);
      await rejectsWith(k8s.scale('shop', 'checkout', -1), 'failed', 'non-negative integer');
      await rejectsWith(k8s.scale('shop', 'ghost', 1), 'not-found', 'ghost');
      assert.equal(handle.kubernetes!.mutations().length, 1);
    } finally {
      await handle.close();
    }
  });
});

describe('Kubernetes errors map to ProviderError kinds', () => {
  it('maps a wrong token to access-denied without leaking it, and Forbidden faults too', async () => {
    const { handle } = await startK8s({ faults: [{ service: 'kubernetes', operation: 'listNodes', error: 'Forbidden' }] });
    try {
      const wrong = createKubernetesProvider({ inline: { server: handle.kubernetes!.server, token: 'wrong-token-abcdef', context: 'mini-cluster' } });
      const error = await rejectsWith(wrong.listPods('shop'), 'access-denied', /unauthenticated \(HTTP 401\).*context "mini-cluster"/);
      assert.equal(error.message.includes('wrong-token-abcdef'), false);
      await rejectsWith(sandboxProviders(handle).kubernetes!.listNodes(), 'access-denied', 'forbidden (HTTP 403)');
    } finally {
      await handle.close();
    }
  });

  it('maps 429 to throttled, 5xx to failed, and the client does not retry', async () => {
    const { handle, k8s } = await startK8s({
      faults: [
        { service: 'kubernetes', operation: 'listPods', error: 'TooManyRequests' },
        { service: 'kubernetes', operation: 'getDeployment', error: 'InternalError', times: 1 },
      ],
    });
    try {
      await rejectsWith(k8s.listPods('shop', 'app=checkout'), 'throttled', 'Kubernetes listNamespacedPod on shop (app=checkout) (context "mini-cluster") was throttled');
      assert.equal(requestsOf(handle, 'listPods').length, 1);
      await rejectsWith(k8s.getDeployment('shop', 'checkout'), 'failed', 'HTTP 500');
      assert.equal((await k8s.getDeployment('shop', 'checkout')).name, 'checkout', 'the one-shot fault is used up');
    } finally {
      await handle.close();
    }
  });

  it('maps an AbortSignal to cancelled, mid-request and before it', async () => {
    const { handle, k8s } = await startK8s({ faults: [{ service: 'kubernetes', operation: 'listPods', delayMs: 5000 }] });
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      await rejectsWith(k8s.listPods('shop', undefined, controller.signal), 'cancelled', 'was cancelled');
      assert.ok(Date.now() - started < 2000, 'returned without waiting for the server');
      assert.equal(requestsOf(handle, 'listPods').length, 1, 'the request was in flight');
      await rejectsWith(k8s.listNodes(AbortSignal.abort()), 'cancelled');
      assert.equal(requestsOf(handle, 'listNodes').length, 0, 'an aborted signal sends nothing');
    } finally {
      await handle.close();
    }
  });

  it('maps the per-request deadline to timeout', async () => {
    const { handle } = await startK8s({ faults: [{ service: 'kubernetes', operation: 'getDeployment', delayMs: 3000 }] });
    try {
      const k8s = createKubernetesProvider({ inline: { server: handle.kubernetes!.server, token: handle.kubernetes!.token }, requestTimeoutMs: 200 });
      await rejectsWith(k8s.getDeployment('shop', 'checkout'), 'timeout', 'timed out');
    } finally {
      await handle.close();
    }
  });

  it('maps connection refused to failed, naming the server and the context', async () => {
    const k8s = createKubernetesProvider({ inline: { server: 'http://127.0.0.1:9', token: 't0k3n-value', context: 'prod-eu' } });
    const error = await rejectsWith(k8s.listPods('shop'), 'failed', 'could not reach the Kubernetes API server http://127.0.0.1:9 of context "prod-eu" (ECONNREFUSED)');
    assert.equal(error.message.includes('t0k3n-value'), false);
  });
});

describe('Kubernetes provider: kubeconfig and context selection', () => {
  let handle: SandboxHandle;
  let dir: string;
  const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME };
  const kubeconfig = (server: string, token: string, options: { skipTls?: boolean; current?: string } = {}) => `apiVersion: v1
kind: Config
clusters:
- name: sandbox
  cluster:
    server: ${server}
${options.skipTls === false ? '' : '    insecure-skip-tls-verify: true\n'}users:
- name: oncall
  user:
    token: ${token}
contexts:
- name: staging
  context: {cluster: sandbox, user: oncall, namespace: shop}
- name: other
  context: {cluster: sandbox, user: oncall}
current-context: ${options.current ?? 'other'}
`;

  before(async () => {
    ({ handle } = await startK8s());
    dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));
  });
  after(async () => {
    process.env.KUBECONFIG = saved.KUBECONFIG;
    process.env.HOME = saved.HOME;
    if (saved.KUBECONFIG === undefined) delete process.env.KUBECONFIG;
    rmSync(dir, { recursive: true, force: true });
    await handle.close();
  });

  it('loads a kubeconfig file and selects the context from the setting', async () => {
    const file = join(dir, 'config');
    writeFileSync(file, kubeconfig(handle.kubernetes!.server, handle.kubernetes!.token));
    const k8s = createKubernetesProvider({ kubeconfigPath: file, context: 'staging' });
    assert.equal(k8s.context, 'staging');
    assert.deepEqual(await k8s.connect(), { context: 'staging', server: handle.kubernetes!.server, namespace: 'shop' });
    assert.equal((await k8s.listPods('shop', 'app=cart')).length, 1);
    const current = createKubernetesProvider({ kubeconfigPath: file });
    assert.equal(current.context, '', 'unknown until the kubeconfig is read');
    assert.equal((await current.connect()).context, 'other');
    assert.equal(current.context, 'other');
  });

  it('reports configuration problems as not-configured, saying what to fix', async () => {
    await rejectsWith(createKubernetesProvider({ kubeconfigPath: join(dir, 'missing') }).listPods('shop'), 'not-configured', 'does not exist');
    const file = join(dir, 'config-ctx');
    writeFileSync(file, kubeconfig(handle.kubernetes!.server, handle.kubernetes!.token));
    await rejectsWith(createKubernetesProvider({ kubeconfigPath: file, context: 'prod' }).listPods('shop'), 'not-configured', 'Context "prod" is not in');
    await rejectsWith(createKubernetesProvider({ kubeconfigPath: file, context: 'prod' }).connect(), 'not-configured', 'contexts: staging, other');
    const plain = join(dir, 'config-http');
    writeFileSync(plain, kubeconfig(handle.kubernetes!.server, handle.kubernetes!.token, { skipTls: false }));
    await rejectsWith(createKubernetesProvider({ kubeconfigPath: plain }).listPods('shop'), 'not-configured', 'plain HTTP');
    const broken = join(dir, 'config-broken');
    writeFileSync(broken, 'clusters: [ {');
    await rejectsWith(createKubernetesProvider({ kubeconfigPath: broken }).listPods('shop'), 'not-configured', 'Cannot read the kubeconfig');
  });

  it('maps a failing credential plugin (exec) to access-denied, naming the command', async () => {
    const execConfig = (command: string, args: string[]) => `apiVersion: v1
kind: Config
clusters:
- name: sandbox
  cluster: {server: ${handle.kubernetes!.server}, insecure-skip-tls-verify: true}
users:
- name: oncall
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: ${command}
      args: ${JSON.stringify(args)}
      interactiveMode: Never
contexts:
- name: eks-prod
  context: {cluster: sandbox, user: oncall}
current-context: eks-prod
`;
    const sent = requestsOf(handle, 'listPods').length;
    const expired = join(dir, 'config-exec');
    writeFileSync(expired, execConfig('sh', ['-c', 'echo "token expired: run aws sso login" >&2; exit 1']));
    await rejectsWith(createKubernetesProvider({ kubeconfigPath: expired }).listPods('shop'), 'access-denied', 'could not get credentials from "sh" for context "eks-prod": token expired: run aws sso login');
    const missing = join(dir, 'config-exec-missing');
    writeFileSync(missing, execConfig('/nonexistent/get-token', []));
    await rejectsWith(createKubernetesProvider({ kubeconfigPath: missing }).listPods('shop'), 'access-denied', '"/nonexistent/get-token"');
    assert.equal(requestsOf(handle, 'listPods').length, sent, 'nothing reached the server');
  });

  it("follows kubectl's lookup: $KUBECONFIG (skipping missing files), else ~/.kube/config, else not-configured", async () => {
    const file = join(dir, 'config-env');
    writeFileSync(file, kubeconfig(handle.kubernetes!.server, handle.kubernetes!.token, { current: 'staging' }));
    process.env.HOME = join(dir, 'empty-home');
    process.env.KUBECONFIG = `${join(dir, 'nope')}:${file}`;
    assert.equal((await createKubernetesProvider({}).connect()).context, 'staging');
    process.env.KUBECONFIG = join(dir, 'nope');
    await rejectsWith(createKubernetesProvider({}).listPods('shop'), 'not-configured', 'None of the kubeconfig files in $KUBECONFIG exist');
    delete process.env.KUBECONFIG;
    await rejectsWith(createKubernetesProvider({}).listPods('shop'), 'not-configured', 'No kubeconfig found');
  });
});

describe('pod log parsing (timestamps=true output)', () => {
  it('parses RFC 3339 timestamps of any precision and keeps continuation lines with their event', () => {
    const text = [
      '2026-01-15T11:00:00.123456789Z first',
      '2026-01-15T11:00:01Z Error: boom',
      '2026-01-15T11:00:01Z     at a (/app/a.js:1:1)',
      'no timestamp: a continuation',
      '2026-01-15T11:00:01Z second line in the same second, not indented',
      '2026-01-15T13:00:02+02:00 offset',
      '',
    ].join('\n');
    assert.deepEqual(parsePodLog(text, 's'), [
      { timestamp: at('2026-01-15T11:00:00.123Z'), message: 'first', logStream: 's' },
      { timestamp: at('2026-01-15T11:00:01Z'), message: 'Error: boom\n    at a (/app/a.js:1:1)\nno timestamp: a continuation', logStream: 's' },
      { timestamp: at('2026-01-15T11:00:01Z'), message: 'second line in the same second, not indented', logStream: 's' },
      { timestamp: at('2026-01-15T11:00:02Z'), message: 'offset', logStream: 's' },
    ]);
    assert.deepEqual(parsePodLog(''), []);
  });
});

// ---------------------------------------------------------------- objects beyond workloads

async function startObjects(edit: (input: ScenarioInput) => void = () => undefined): Promise<{ handle: SandboxHandle; k8s: KubernetesApiProvider }> {
  const input = k8sObjectsScenario();
  edit(input);
  const handle = await startSandbox({ scenario: parseScenario(input) });
  return { handle, k8s: sandboxProviders(handle).kubernetes as KubernetesApiProvider };
}

describe('Kubernetes provider: objects beyond workloads (listObjects, getObject, metrics)', () => {
  let handle: SandboxHandle;
  let k8s: KubernetesApiProvider;
  before(async () => {
    ({ handle, k8s } = await startObjects());
  });
  after(() => handle.close());

  it('maps Services and their Endpoints: selector, ports, ready and not-ready pods', async () => {
    const services = await k8s.listObjects('Service', 'shop');
    assert.deepEqual(services.map((service) => service.name), ['checkout', 'payments', 'legacy-db', 'storefront-lb']);
    const [checkout] = services;
    assert.deepEqual({ kind: checkout.kind, type: checkout.type, selector: checkout.selector, ports: checkout.ports, namespace: checkout.namespace }, {
      kind: 'Service',
      type: 'ClusterIP',
      selector: { app: 'checkout' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      namespace: 'shop',
    });
    assert.deepEqual(services[2].selector, {}, 'legacy-db is selectorless');
    const endpoints = await k8s.getObject('Endpoints', 'shop', 'checkout');
    assert.deepEqual([endpoints.readyCount, endpoints.notReadyCount], [1, 2]);
    assert.deepEqual(endpoints.subsets[0].ready.map((address) => address.pod), [HEALTHY_POD]);
    assert.deepEqual(endpoints.subsets[0].notReady.map((address) => address.pod).sort(), [CRASHING_POD, RESTARTED_POD].sort());
    assert.deepEqual(endpoints.subsets[0].ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    assert.deepEqual((await k8s.getObject('Endpoints', 'shop', 'payments')).subsets, [], 'a Service with no endpoints');
    const slices = await k8s.listObjects('EndpointSlice', 'shop', { labelSelector: 'kubernetes.io/service-name=checkout' });
    assert.deepEqual(slices.map((slice) => [slice.service, slice.endpoints.filter((endpoint) => endpoint.ready).map((endpoint) => endpoint.pod)]), [['checkout', [HEALTHY_POD]]]);
  });

  it('maps ConfigMaps (keys, values, updatedAt from managedFields) and Secrets (keys only, never values)', async () => {
    const configMap = await k8s.getObject('ConfigMap', 'shop', 'checkout-config');
    assert.deepEqual(
      { keys: configMap.keys, updatedAt: configMap.updatedAt, resourceVersion: configMap.resourceVersion, createdAt: configMap.createdAt },
      { keys: ['CACHE_SIZE', 'PAYMENTS_URL'], updatedAt: at('2026-01-15T10:58:00Z'), resourceVersion: '48211', createdAt: at('2026-01-10T09:00:00Z') },
    );
    const [secret] = await k8s.listObjects('Secret', 'shop');
    assert.deepEqual(secret, { kind: 'Secret', name: 'checkout-db', namespace: 'shop', labels: {}, createdAt: at('2026-01-10T09:00:00Z'), resourceVersion: secret.resourceVersion, type: 'Opaque', keys: ['password', 'username'], updatedAt: at('2026-01-10T09:00:00Z'), immutable: false });
    assert.ok(!JSON.stringify(secret).includes(SECRET_VALUE) && !JSON.stringify(secret).includes(SECRET_PLAIN));
  });

  it('maps Ingresses, NetworkPolicies, quotas, limit ranges and volumes', async () => {
    const [ingress] = await k8s.listObjects('Ingress', 'shop');
    assert.deepEqual(ingress.rules, [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', service: 'checkout', port: 80 }, { path: '/pay', pathType: 'Prefix', service: 'payments', port: 'http' }] }]);
    assert.deepEqual([ingress.ingressClassName, ingress.tlsHosts, ingress.tlsSecrets, ingress.loadBalancer], ['nginx', ['shop.example.com'], ['shop-tls'], ['a1b2.elb.eu-west-1.amazonaws.com']]);
    const policies = await k8s.listObjects('NetworkPolicy', 'shop');
    const denyAll = policies.find((policy) => policy.name === 'deny-all')!;
    assert.deepEqual({ podSelector: denyAll.podSelector, policyTypes: denyAll.policyTypes, ingress: denyAll.ingress, egress: denyAll.egress, createdAt: denyAll.createdAt }, { podSelector: '', policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [], createdAt: at('2026-01-15T11:40:00Z') });
    const allowWeb = policies.find((policy) => policy.name === 'allow-web')!;
    assert.deepEqual(allowWeb.ingress, [{ from: ['pods app=web', 'namespaces team=ops', 'ipBlock 10.0.0.0/8 except 10.0.9.0/24'], ports: ['8080/TCP'] }]);
    const quota = await k8s.getObject('ResourceQuota', 'shop', 'compute');
    assert.deepEqual([quota.hard.pods, quota.used.pods, quota.used['requests.cpu']], ['10', '10', '1750m']);
    const [limits] = await k8s.listObjects('LimitRange', 'shop');
    assert.deepEqual(limits.limits, [{ type: 'Container', default: { memory: '512Mi' }, defaultRequest: { memory: '128Mi' }, max: { memory: '1Gi' } }]);
    const pvcs = await k8s.listObjects('PersistentVolumeClaim', 'shop', { labelSelector: 'app=orders-db' });
    assert.deepEqual(pvcs.map((pvc) => [pvc.name, pvc.phase, pvc.storageClass, pvc.requested, pvc.volumeName ?? null]), [
      ['data-orders-db-0', 'Bound', 'gp3', '20Gi', 'pv-orders-0'],
      ['data-orders-db-1', 'Pending', 'gp3-encrypted', '20Gi', null],
    ]);
    const [pv] = await k8s.listObjects('PersistentVolume', undefined);
    assert.deepEqual([pv.name, pv.namespace, pv.claim, pv.phase, pv.capacity], ['pv-orders-0', undefined, 'shop/data-orders-db-0', 'Bound', '20Gi']);
    const sc = await k8s.getObject('StorageClass', undefined, 'gp3');
    assert.deepEqual([sc.provisioner, sc.isDefault, sc.volumeBindingMode], ['ebs.csi.aws.com', true, 'WaitForFirstConsumer']);
    const [ingressClass] = await k8s.listObjects('IngressClass', undefined);
    assert.deepEqual([ingressClass?.name, ingressClass?.controller, ingressClass?.isDefault], ['nginx', 'k8s.io/ingress-nginx', true]);
  });

  it('maps HPAs, PDBs, StatefulSets, DaemonSets, Jobs (with their CronJob) and CronJobs', async () => {
    const hpa = await k8s.getObject('HorizontalPodAutoscaler', 'shop', 'checkout');
    assert.deepEqual({ target: hpa.target, min: hpa.min, max: hpa.max, current: hpa.current, desired: hpa.desired, metrics: hpa.metrics }, { target: { kind: 'Deployment', name: 'checkout' }, min: 3, max: 3, current: 3, desired: 3, metrics: [{ type: 'Resource', name: 'cpu', target: '80%', current: '95%' }] });
    assert.equal(hpa.conditions.find((condition) => condition.type === 'ScalingLimited')?.reason, 'TooManyReplicas');
    const pdb = await k8s.getObject('PodDisruptionBudget', 'shop', 'checkout');
    assert.deepEqual([pdb.minAvailable, pdb.currentHealthy, pdb.desiredHealthy, pdb.disruptionsAllowed, pdb.selector], [2, 1, 2, 0, 'app=checkout']);
    const sts = await k8s.getObject('StatefulSet', 'shop', 'orders-db');
    assert.deepEqual([sts.replicas, sts.readyReplicas, sts.serviceName, sts.volumeClaimTemplates, sts.containers[0].readinessProbe?.action], [2, 1, 'orders-db', ['data'], 'tcp-socket :5432']);
    const ds = await k8s.getObject('DaemonSet', 'shop', 'log-agent');
    assert.deepEqual([ds.desired, ds.ready, ds.nodeSelector], [2, 1, { 'kubernetes.io/os': 'linux' }]);
    const job = await k8s.getObject('Job', 'shop', JOB);
    assert.deepEqual({ failed: job.failed, backoffLimit: job.backoffLimit, cronJob: job.cronJob, startTime: job.startTime, owner: job.owner, reason: job.conditions[0].reason }, { failed: 3, backoffLimit: 2, cronJob: 'report-export', startTime: at('2026-01-15T11:00:05Z'), owner: { kind: 'CronJob', name: 'report-export' }, reason: 'BackoffLimitExceeded' });
    const [cronJob] = await k8s.listObjects('CronJob', 'shop');
    assert.deepEqual({ schedule: cronJob.schedule, suspend: cronJob.suspend, lastScheduleTime: cronJob.lastScheduleTime, lastSuccessfulTime: cronJob.lastSuccessfulTime, active: cronJob.active }, { schedule: '0 * * * *', suspend: false, lastScheduleTime: at('2026-01-15T11:00:00Z'), lastSuccessfulTime: at('2026-01-15T09:00:00Z'), active: [] });
  });

  it("gives a StatefulSet's pods their claims from its volumeClaimTemplates, as the controller does", async () => {
    const [pod] = await k8s.listObjects('Pod', 'shop', { fieldSelector: 'metadata.name=orders-db-0' });
    assert.equal(pod.kind, 'Pod');
    assert.deepEqual(pod.volumes, [{ name: 'data', type: 'persistentVolumeClaim', source: 'data-orders-db-0' }]);
  });

  it('extends pods with owners, specs (probes, ports, envFrom, volumes), init containers and scheduling; nodes with taints', async () => {
    const [pod] = await k8s.listObjects('Pod', 'shop', { fieldSelector: `metadata.name=${INIT_POD}` });
    assert.equal(pod.kind, 'Pod');
    assert.deepEqual(pod.initContainers?.map((container) => [container.name, container.command]), [['wait-for-db', ['sh', '-c', 'until nc -z orders-db 5432; do sleep 2; done']]]);
    assert.deepEqual(pod.initContainerStatuses?.map((status) => [status.name, status.state]), [['wait-for-db', 'running']]);
    assert.deepEqual(pod.volumes, [{ name: 'config', type: 'configMap', source: 'checkout-config' }, { name: 'creds', type: 'secret', source: 'checkout-db' }]);
    assert.deepEqual(pod.containerSpecs?.[0].envFrom, [{ configMap: 'checkout-config' }, { secret: 'checkout-db', prefix: 'DB_' }]);
    assert.deepEqual([pod.containerSpecs?.[0].command, pod.containerSpecs?.[0].args], [['/migrate'], ['--up']]);
    assert.deepEqual(pod.affinity, ['node (required): topology.kubernetes.io/zone in (eu-west-1a)']);
    assert.deepEqual([pod.serviceAccountName, pod.nodeSelector, pod.tolerations], ['migrator', { 'kubernetes.io/os': 'linux' }, [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }]]);
    assert.equal(pod.owner, undefined, 'a bare pod');
    const [checkout] = await k8s.listPods('shop', 'app=checkout');
    assert.deepEqual(checkout.owner, { kind: 'ReplicaSet', name: 'checkout-6b7c8d9f5' });
    const spec = checkout.containerSpecs![0];
    assert.deepEqual(spec.ports, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    assert.deepEqual(spec.readinessProbe, { action: 'http-get http://:http/ready', type: 'httpGet', port: 'http', path: '/ready', initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 });
    assert.deepEqual([spec.livenessProbe?.initialDelaySeconds, spec.livenessProbe?.failureThreshold], [10, 5]);
    const [jobPod] = await k8s.listObjects('Pod', 'shop', { fieldSelector: 'status.phase=Failed' });
    assert.deepEqual([jobPod.name, jobPod.owner], [JOB_POD, { kind: 'Job', name: JOB }]);
    const [staticPod] = await k8s.listObjects('Pod', undefined, { labelSelector: '!app', fieldSelector: 'spec.nodeName=node-a' });
    assert.deepEqual([staticPod.name, staticPod.namespace, staticPod.owner], [STATIC_POD, 'kube-system', { kind: 'Node', name: 'node-a' }]);
    const nodes = await k8s.listNodes();
    assert.deepEqual(nodes.find((node) => node.name === 'node-b')?.taints, [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }]);
    assert.deepEqual(nodes.find((node) => node.name === 'node-c')?.taints?.map((taint) => taint.key), ['node.kubernetes.io/unschedulable']);
    const events = await k8s.listObjects('Event', 'shop', { fieldSelector: 'involvedObject.kind=Job' });
    assert.deepEqual(events.map((event) => [event.reason, event.involvedObject.name]), [['BackoffLimitExceeded', JOB]]);
  });

  it('reads metrics.k8s.io: pod usage by label, node usage', async () => {
    const pods = await k8s.podMetrics('shop', 'app=checkout');
    assert.deepEqual(pods?.map((pod) => [pod.name, pod.containers]), [
      [CRASHING_POD, [{ name: 'checkout', cpu: '480m', memory: '250Mi' }]],
      [HEALTHY_POD, [{ name: 'checkout', cpu: '120m', memory: '180Mi' }]],
    ]);
    assert.ok((pods?.[0].timestamp ?? 0) > 0);
    const nodes = await k8s.nodeMetrics();
    assert.deepEqual(nodes?.map((node) => [node.name, node.cpu, node.memory]), [['node-a', '3800m', '14Gi'], ['node-b', '900m', '6Gi']]);
  });

  it('bounds every call: selectors on the wire, limit on each page, no cluster-wide pod list without a selector', async () => {
    const before = handle.kubernetes!.requests().length;
    const two = await k8s.listObjects('Service', undefined, { limit: 2 });
    assert.equal(two.length, 2);
    const [request] = handle.kubernetes!.requests().slice(before);
    assert.deepEqual([request.path, request.query.limit, request.operation], ['/api/v1/services', '2', 'listServices']);
    await k8s.listObjects('PersistentVolumeClaim', 'shop', { labelSelector: 'app=orders-db', fieldSelector: 'metadata.name=data-orders-db-1' });
    const last = handle.kubernetes!.requests().at(-1)!;
    assert.deepEqual([last.query.labelSelector, last.query.fieldSelector, last.query.limit], ['app=orders-db', 'metadata.name=data-orders-db-1', '500']);
    await rejectsWith(k8s.listObjects('Pod', undefined), 'failed', 'refusing to list every Pod of the cluster');
    await rejectsWith(k8s.listObjects('Event', undefined, {}), 'failed', 'refusing');
    await rejectsWith(k8s.getObject('ConfigMap', 'shop', 'ghost'), 'not-found', 'configmaps "ghost" not found');
    await rejectsWith(k8s.getObject('Service', undefined, 'checkout'), 'failed', 'namespaced');
    const controller = new AbortController();
    controller.abort();
    await rejectsWith(k8s.listObjects('Service', 'shop', {}, controller.signal), 'cancelled');
  });
});

describe('Kubernetes provider: paging, forbidden resources and absent metrics', () => {
  it('follows continue tokens page by page up to the limit', async () => {
    const { handle, k8s } = await startObjects((input) => {
      const objects = (input.world.kubernetes!.namespaces[0] as { objects: unknown[] }).objects;
      for (let i = 0; i < 1200; i++) objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bulk-${String(i).padStart(4, '0')}`, labels: { bulk: 'yes' } }, data: { i: String(i) } });
    });
    try {
      const all = await k8s.listObjects('ConfigMap', 'shop', { labelSelector: 'bulk=yes' });
      assert.equal(all.length, 1200);
      assert.equal(new Set(all.map((configMap) => configMap.name)).size, 1200);
      const lists = requestsOf(handle, 'listConfigMaps');
      assert.deepEqual(lists.map((request) => [request.query.limit, Boolean(request.query.continue)]), [['500', false], ['500', true], ['500', true]]);
      const some = await k8s.listObjects('ConfigMap', 'shop', { labelSelector: 'bulk=yes', limit: 700 });
      assert.equal(some.length, 700);
      assert.equal(requestsOf(handle, 'listConfigMaps').length, 5, 'two more pages, then it stops');
    } finally {
      await handle.close();
    }
  });

  it('maps Forbidden on one resource to access-denied naming the verb and the resource; the rest still works', async () => {
    const { handle, k8s } = await startObjects((input) => {
      input.world.faults = [{ service: 'kubernetes', operation: 'listSecrets', error: 'Forbidden', message: 'secrets is forbidden: User "oncall" cannot list resource "secrets" in API group "" in the namespace "shop"' }];
    });
    try {
      const error = await rejectsWith(k8s.listObjects('Secret', 'shop'), 'access-denied', 'may not list secrets in namespace shop');
      assert.match(error.message, /cannot list resource "secrets"/);
      assert.equal((await k8s.listObjects('ConfigMap', 'shop')).length, 1);
    } finally {
      await handle.close();
    }
  });

  it('answers undefined for metrics when the cluster has no metrics API (and fails on other errors)', async () => {
    const { handle, k8s } = await startK8s();
    try {
      assert.equal(await k8s.podMetrics('shop', 'app=checkout'), undefined);
      assert.equal(await k8s.nodeMetrics(), undefined);
    } finally {
      await handle.close();
    }
    const faulty = await startObjects((input) => {
      input.world.faults = [{ service: 'kubernetes', operation: 'listNodeMetrics', error: 'Forbidden' }];
    });
    try {
      await rejectsWith(faulty.k8s.nodeMetrics(), 'access-denied', 'may not list nodes.metrics.k8s.io');
    } finally {
      await faulty.handle.close();
    }
  });
});

// ---------------------------------------------------------------- kubectl

function missingTool(command: string, args: string[]): string | undefined {
  const probe = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return `${command} is not available (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})`;
  if (probe.status !== 0) return `${command} ${args.join(' ')} exited with ${probe.status}`;
  return undefined;
}

const kubectlMissing = missingTool('kubectl', ['version', '--client']);
// client-go sends a bearer token only over TLS (kubernetes/kubectl#744): the emulator serves HTTPS with a throwaway certificate.
const opensslMissing = kubectlMissing ? undefined : missingTool('openssl', ['version']);
const skipKubectl = kubectlMissing ?? (opensslMissing && `a TLS certificate is needed for kubectl and ${opensslMissing}`);
if (skipKubectl) console.log(`# SKIP kubectl compatibility: ${skipKubectl}`);

// Each test skips on its own (not the suite), so the runner counts them as skipped, with the reason.
const kubectlIt = (name: string, fn: () => Promise<void>) => it(name, { skip: skipKubectl || false }, fn);

describe('kubectl against the emulator (compatibility)', () => {
  const run = promisify(execFile);
  let handle: SandboxHandle;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    if (skipKubectl) return;
    dir = mkdtempSync(join(tmpdir(), 'kubectl-test-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    handle = await startSandbox({ scenario: parseScenario(k8sScenario()), kubernetesTls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') } });
    const { server, token, context } = handle.kubernetes!;
    const ca = readFileSync(cert).toString('base64');
    const config = (secret: string) =>
      `apiVersion: v1\nkind: Config\nclusters:\n- name: sandbox\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${ca}\nusers:\n- name: oncall\n  user:\n    token: ${secret}\ncontexts:\n- name: ${context}\n  context: {cluster: sandbox, user: oncall, namespace: shop}\ncurrent-context: ${context}\n`;
    writeFileSync(join(dir, 'kubeconfig'), config(token));
    writeFileSync(join(dir, 'kubeconfig-wrong'), config('not-the-token'));
    // A private HOME keeps kubectl's discovery cache out of the user's ~/.kube.
    env = { ...process.env, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') };
  });
  after(async () => {
    await handle?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = async (...args: string[]) => (await run('kubectl', args, { env, timeout: 60_000 })).stdout;

  kubectlIt('kubectl get pods -o json: the real object shapes', async () => {
    const list = JSON.parse(await kubectl('get', 'pods', '-n', 'shop', '-o', 'json'));
    assert.deepEqual(list.items.map((pod: { metadata: { name: string } }) => pod.metadata.name), [CRASHING_POD, HEALTHY_POD, RESTARTED_POD, CART_POD]);
    const crashing = list.items[0];
    assert.equal(crashing.kind, 'Pod');
    assert.equal(crashing.status.containerStatuses[0].lastState.terminated.reason, 'OOMKilled');
    assert.equal(crashing.status.containerStatuses[0].restartCount, 5);
    const selected = JSON.parse(await kubectl('get', 'pods', '-n', 'shop', '-l', 'app in (cart)', '-o', 'json'));
    assert.deepEqual(selected.items.map((pod: { metadata: { name: string } }) => pod.metadata.name), [CART_POD]);
  });

  kubectlIt('kubectl get pods / get deploy: server-side tables', async () => {
    const pods = await kubectl('get', 'pods', '-n', 'shop');
    assert.match(pods, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(pods, new RegExp(`^${CRASHING_POD}\\s+0/1\\s+CrashLoopBackOff\\s+5 \\(\\d+m\\d*s? ago\\)\\s+\\d+m`, 'm'));
    const deployments = await kubectl('get', 'deploy', '-n', 'shop');
    assert.match(deployments, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/m);
    assert.match(deployments, /^checkout\s+1\/3\s+3\s+1\s+3d/m);
    assert.match(deployments, /^cart\s+1\/1\s+1\s+1\s+5d/m);
  });

  kubectlIt('kubectl rollout history deployment/checkout', async () => {
    const history = await kubectl('rollout', 'history', 'deployment/checkout', '-n', 'shop');
    assert.match(history, /^REVISION\s+CHANGE-CAUSE$/m);
    assert.match(history, /^1\s+initial deploy$/m);
    assert.match(history, /^2\s+lower memory limit$/m);
    assert.match(history, new RegExp(`^3\\s+deploy ${short(handle, 'two')}$`, 'm'));
  });

  kubectlIt('kubectl logs --previous', async () => {
    const previous = await kubectl('logs', CRASHING_POD, '-n', 'shop', '--previous');
    assert.equal(previous, `INFO starting checkout ${short(handle, 'two')}\n${STACK_TRACE}\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n`);
    assert.equal(await kubectl('logs', CART_POD, '-n', 'shop', '-c', 'cart'), 'cart ok\n');
  });

  kubectlIt('kubectl rollout undo / restart and scale mutate the emulator, which records them', async () => {
    assert.match(await kubectl('rollout', 'undo', 'deployment/checkout', '-n', 'shop', '--to-revision=1'), /rolled back/);
    assert.match(await kubectl('rollout', 'restart', 'deployment/checkout', '-n', 'shop'), /restarted/);
    assert.match(await kubectl('scale', 'deployment/checkout', '-n', 'shop', '--replicas=2'), /scaled/);
    const [undo, restart, scale] = handle.kubernetes!.mutations();
    assert.deepEqual([undo.contentType, undo.before.revision, undo.after.revision, undo.after.activeReplicaSet], ['application/json-patch+json', '3', '4', 'checkout-7c9d5b8f6'], 'the old ReplicaSet is re-used');
    assert.equal(restart.contentType, 'application/strategic-merge-patch+json');
    assert.ok(restart.after.restartedAt);
    assert.deepEqual([scale.operation, scale.after.replicas], ['patchScale', 2]);
    const history = await kubectl('rollout', 'history', 'deployment/checkout', '-n', 'shop');
    assert.match(history, /^4\s+initial deploy$/m);
    assert.doesNotMatch(history, /^1\s/m, 'revision 1 moved to 4, as on a real cluster');
  });

  kubectlIt('kubectl reports NotFound and a rejected token like against a real cluster', async () => {
    await assert.rejects(kubectl('get', 'deploy', 'ghost', '-n', 'shop'), (error: { stderr: string }) => /deployments\.apps "ghost" not found/.test(error.stderr));
    await assert.rejects(run('kubectl', ['get', 'pods', '-n', 'shop'], { env: { ...env, KUBECONFIG: join(dir, 'kubeconfig-wrong') }, timeout: 60_000 }), (error: { stderr: string }) =>
      /must be logged in|Unauthorized|provide credentials/i.test(error.stderr),
    );
  });
});

describe('kubectl against the emulator: objects beyond workloads (compatibility)', () => {
  const run = promisify(execFile);
  let handle: SandboxHandle;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    if (skipKubectl) return;
    dir = mkdtempSync(join(tmpdir(), 'kubectl-objects-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    handle = await startSandbox({ scenario: parseScenario(k8sObjectsScenario()), kubernetesTls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') } });
    const { server, token, context } = handle.kubernetes!;
    const ca = readFileSync(cert).toString('base64');
    writeFileSync(
      join(dir, 'kubeconfig'),
      `apiVersion: v1\nkind: Config\nclusters:\n- name: sandbox\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${ca}\nusers:\n- name: oncall\n  user:\n    token: ${token}\ncontexts:\n- name: ${context}\n  context: {cluster: sandbox, user: oncall, namespace: shop}\ncurrent-context: ${context}\n`,
    );
    env = { ...process.env, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') };
  });
  after(async () => {
    await handle?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = async (...args: string[]) => (await run('kubectl', args, { env, timeout: 60_000 })).stdout;

  kubectlIt('kubectl get svc,endpoints,cm,secret,quota,limitrange,pvc,ing,netpol,hpa,pdb,jobs,cronjobs,sts,ds -A: one table per kind', async () => {
    const out = await kubectl('get', 'svc,endpoints,cm,secret,quota,limitrange,pvc,ing,netpol,hpa,pdb,jobs,cronjobs,sts,ds', '-A');
    const expectations: RegExp[] = [
      /^NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/m,
      /^shop\s+service\/checkout\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+\S+$/m,
      /^shop\s+service\/storefront-lb\s+LoadBalancer\s+\S+\s+<pending>\s+443:30443\/TCP/m,
      /^NAMESPACE\s+NAME\s+ENDPOINTS\s+AGE$/m,
      /^shop\s+endpoints\/legacy-db\s+10\.1\.2\.3:5432\s+/m,
      /^shop\s+endpoints\/payments\s+<none>\s+/m,
      /^NAMESPACE\s+NAME\s+DATA\s+AGE$/m,
      /^shop\s+configmap\/checkout-config\s+2\s+/m,
      /^NAMESPACE\s+NAME\s+TYPE\s+DATA\s+AGE$/m,
      /^shop\s+secret\/checkout-db\s+Opaque\s+2\s+/m,
      /^NAMESPACE\s+NAME\s+AGE\s+REQUEST\s+LIMIT$/m,
      /^shop\s+resourcequota\/compute\s+\S+\s+pods: 10\/10, requests\.cpu: 1750m\/2\s+limits\.memory: 3Gi\/4Gi$/m,
      /^NAMESPACE\s+NAME\s+CREATED AT$/m,
      /^shop\s+limitrange\/defaults\s+2026-01-10T09:00:00Z$/m,
      /^NAMESPACE\s+NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE$/m,
      /^shop\s+persistentvolumeclaim\/data-orders-db-0\s+Bound\s+pv-orders-0\s+20Gi\s+RWO\s+gp3\s+<unset>\s+/m,
      /^shop\s+persistentvolumeclaim\/data-orders-db-1\s+Pending\s+gp3-encrypted\s+<unset>\s+/m,
      /^NAMESPACE\s+NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE$/m,
      /^shop\s+ingress\.networking\.k8s\.io\/shop\s+nginx\s+shop\.example\.com\s+a1b2\.elb\.eu-west-1\.amazonaws\.com\s+80, 443\s+/m,
      /^NAMESPACE\s+NAME\s+POD-SELECTOR\s+AGE$/m,
      /^shop\s+networkpolicy\.networking\.k8s\.io\/deny-all\s+<none>\s+/m,
      /^shop\s+networkpolicy\.networking\.k8s\.io\/allow-web\s+app=checkout\s+/m,
      /^NAMESPACE\s+NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE$/m,
      /^shop\s+horizontalpodautoscaler\.autoscaling\/checkout\s+Deployment\/checkout\s+cpu: 95%\/80%\s+3\s+3\s+3\s+/m,
      /^NAMESPACE\s+NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$/m,
      /^shop\s+poddisruptionbudget\.policy\/checkout\s+2\s+N\/A\s+0\s+/m,
      /^NAMESPACE\s+NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/m,
      new RegExp(`^shop\\s+job\\.batch/${JOB}\\s+Failed\\s+0/1\\s+`, 'm'),
      /^NAMESPACE\s+NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/m,
      /^shop\s+cronjob\.batch\/report-export\s+0 \* \* \* \*\s+<none>\s+False\s+0\s+\S+\s+/m,
      /^NAMESPACE\s+NAME\s+READY\s+AGE$/m,
      /^shop\s+statefulset\.apps\/orders-db\s+1\/2\s+/m,
      /^NAMESPACE\s+NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$/m,
      /^shop\s+daemonset\.apps\/log-agent\s+2\s+2\s+1\s+2\s+1\s+kubernetes\.io\/os=linux\s+/m,
    ];
    for (const expected of expectations) assert.match(out, expected);
    assert.ok(!out.includes(SECRET_VALUE));
    const pv = await kubectl('get', 'pv,sc');
    assert.match(pv, /^persistentvolume\/pv-orders-0\s+20Gi\s+RWO\s+Retain\s+Bound\s+shop\/data-orders-db-0\s+gp3\s+<unset>\s+\S+$/m);
    assert.match(pv, /^storageclass\.storage\.k8s\.io\/gp3 \(default\)\s+ebs\.csi\.aws\.com\s+Delete\s+WaitForFirstConsumer\s+true\s+/m);
  });

  kubectlIt('kubectl get -o json: the real shapes, Secret values empty', async () => {
    const secret = JSON.parse(await kubectl('get', 'secret', 'checkout-db', '-o', 'json'));
    assert.deepEqual(secret.data, { password: '', username: '' });
    const slices = JSON.parse(await kubectl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=checkout', '-o', 'json'));
    assert.equal(slices.items[0].endpoints.length, 3);
    const pod = JSON.parse(await kubectl('get', 'pod', INIT_POD, '-o', 'json'));
    assert.equal(pod.spec.initContainers[0].name, 'wait-for-db');
    assert.match(await kubectl('get', 'pods', INIT_POD), new RegExp(`^${INIT_POD}\\s+0/1\\s+Init:0/1\\s+0\\s+`, 'm'));
    assert.equal(await kubectl('logs', INIT_POD, '-c', 'wait-for-db'), 'waiting for orders-db:5432\n');
  });

  kubectlIt('kubectl describe of each kind, with its events', async () => {
    const describe = (...args: string[]) => kubectl('describe', ...args);
    const service = await describe('svc', 'checkout');
    assert.match(service, /^Selector:\s+app=checkout$/m);
    assert.match(service, /^TargetPort:\s+http\/TCP$/m);
    // kubectl 1.32 reads the EndpointSlices here (all three pods, ready or not); `get endpoints` shows the ready one.
    assert.match(service, /^Endpoints:\s+(10\.244\.\d+\.\d+:8080,?){3}$/m);
    assert.match(await kubectl('get', 'endpoints', 'checkout'), /^checkout\s+10\.244\.\d+\.\d+:8080\s+\S+$/m);
    assert.match(await describe('endpoints', 'legacy-db'), /10\.1\.2\.3/);
    assert.match(await describe('cm', 'checkout-config'), /PAYMENTS_URL/);
    const secret = await describe('secret', 'checkout-db');
    assert.match(secret, /^password:\s+0 bytes$/m);
    assert.ok(!secret.includes(SECRET_PLAIN));
    assert.match(await describe('quota', 'compute'), /requests\.cpu\s+1750m\s+2/);
    assert.match(await describe('limitrange', 'defaults'), /Container\s+memory\s+-\s+1Gi\s+128Mi\s+512Mi/);
    const pvc = await describe('pvc', 'data-orders-db-1');
    assert.match(pvc, /^Status:\s+Pending$/m);
    assert.match(pvc, /ProvisioningFailed.*storageclass\.storage\.k8s\.io "gp3-encrypted" not found/);
    assert.match(await describe('ing', 'shop'), /checkout:80/);
    assert.match(await describe('netpol', 'deny-all'), /Policy Types:\s+Ingress, Egress/);
    const hpa = await describe('hpa', 'checkout');
    assert.match(hpa, /ScalingLimited\s+True\s+TooManyReplicas/);
    assert.match(hpa, /SuccessfulRescale/);
    assert.match(await describe('pdb', 'checkout'), /Min available:\s+2/);
    const job = await describe('job', JOB);
    assert.match(job, /BackoffLimitExceeded/);
    assert.match(job, /Controlled By:\s+CronJob\/report-export/);
    assert.match(await describe('cronjob', 'report-export'), /^Schedule:\s+0 \* \* \* \*$/m);
    const sts = await describe('sts', 'orders-db');
    assert.match(sts, /^Pods Status:\s+1 Running \/ 1 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    assert.match(await describe('ds', 'log-agent'), /^Number of Nodes Scheduled with Up-to-date Pods: 2$/m);
    assert.match(await describe('pod', 'orders-db-1'), /FailedScheduling/);
    assert.match(await describe('node', 'node-b'), /^Taints:\s+dedicated=web:NoSchedule$/m);
  });

  kubectlIt('kubectl top reads metrics.k8s.io', async () => {
    const pods = await kubectl('top', 'pod', '-l', 'app=checkout');
    assert.match(pods, /^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*$/m);
    assert.match(pods, new RegExp(`^${CRASHING_POD}\\s+480m\\s+250Mi\\s*$`, 'm'));
    const nodes = await kubectl('top', 'node');
    assert.match(nodes, /^node-a\s+3800m\s+\d+%\s+14336Mi\s+\d+%\s*$/m);
  });
});
