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
