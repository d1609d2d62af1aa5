/**
 * The Kubernetes emulator on the wire, with plain fetch: what any client (not just ours) sees —
 * list kinds and resourceVersions, selectors, paging, Status errors, logs, the three patch
 * types, the scale subresource and Table answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type K8sEmulator, startK8sEmulator } from '../../../src/sandbox/kubernetes/k8sEmulator';
import { parseScenario, resolveScenario, type Scenario } from '../../../src/sandbox/scenario/scenario';
import { CART_POD, CRASHING_POD, HEALTHY_POD, k8sScenario, RESTARTED_POD, STACK_TRACE } from './k8sMiniScenario';

const TOKEN = 'test-token-0123456789';
const NOW = Date.parse('2026-01-15T12:00:00Z');
const SHAS = { one: '1'.repeat(40), two: '2'.repeat(40) };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field

function scenarioWith(faults: Parameters<typeof k8sScenario>[0] = {}): Scenario {
  return resolveScenario(parseScenario(k8sScenario(faults)), SHAS);
}

async function start(scenario = scenarioWith()): Promise<K8sEmulator> {
  return startK8sEmulator({ scenario, token: TOKEN, clock: () => NOW });
}

function client(emulator: K8sEmulator) {
  const request = async (method: string, path: string, options: { body?: unknown; contentType?: string; accept?: string; token?: string | null } = {}) => {
    const headers: Record<string, string> = {};
    if (options.token !== null) headers.authorization = `Bearer ${options.token ?? TOKEN}`;
    if (options.contentType) headers['content-type'] = options.contentType;
    if (options.accept) headers.accept = options.accept;
    const response = await fetch(`${emulator.server}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json: (isJson ? JSON.parse(text) : undefined) as Json };
  };
  return {
    request,
    get: (path: string, accept?: string) => request('GET', path, { accept }),
    names: async (path: string) => ((await request('GET', path)).json.items as Json[]).map((item) => item.metadata.name as string),
  };
}

describe('Kubernetes emulator: reads', () => {
  let emulator: K8sEmulator;
  let api: ReturnType<typeof client>;
  before(async () => {
    emulator = await start();
    api = client(emulator);
  });
  after(() => emulator.close());

  it('requires the bearer token (401 Status) except on /version', async () => {
    for (const token of [null, 'wrong-token']) {
      const answer = await api.request('GET', '/api/v1/namespaces/shop/pods', { token });
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.json, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    }
    const version = await api.request('GET', '/version', { token: null });
    assert.equal(version.status, 200);
    assert.equal(version.json.gitVersion, 'v1.31.4');
  });

  it('serves discovery for the core and apps groups, including the scale subresource', async () => {
    assert.deepEqual((await api.get('/api')).json.versions, ['v1']);
    const core = (await api.get('/api/v1')).json;
    assert.equal(core.kind, 'APIResourceList');
    assert.deepEqual(core.resources.map((r: Json) => r.name), [
      'pods',
      'pods/log',
      'events',
      'nodes',
      'namespaces',
      'services',
      'endpoints',
      'configmaps',
      'secrets',
      'resourcequotas',
      'limitranges',
      'persistentvolumeclaims',
      'persistentvolumes',
    ]);
    const groups = (await api.get('/apis')).json.groups as Json[];
    assert.equal(groups[0].preferredVersion.groupVersion, 'apps/v1');
    assert.deepEqual(groups.map((group) => group.preferredVersion.groupVersion), ['apps/v1', 'discovery.k8s.io/v1', 'networking.k8s.io/v1', 'autoscaling/v2', 'policy/v1', 'batch/v1', 'storage.k8s.io/v1'], 'no metrics.k8s.io without kubernetes.metrics');
    const apps = (await api.get('/apis/apps/v1')).json;
    assert.deepEqual(apps.resources.find((r: Json) => r.name === 'deployments/scale'), { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    assert.deepEqual(apps.resources.find((r: Json) => r.name === 'deployments').shortNames, ['deploy']);
  });

  it('lists pods as a PodList with real metadata, owner references and container statuses', async () => {
    const list = (await api.get('/api/v1/namespaces/shop/pods')).json;
    assert.equal(list.kind, 'PodList');
    assert.equal(list.apiVersion, 'v1');
    assert.match(list.metadata.resourceVersion, /^\d+$/);
    assert.equal(list.items.length, 4);
    const pod = list.items[0];
    assert.equal(pod.kind, undefined, 'list items carry no kind, like the real server');
    assert.equal(pod.metadata.name, CRASHING_POD);
    assert.equal(pod.metadata.creationTimestamp, '2026-01-15T11:01:00Z');
    assert.deepEqual(pod.metadata.labels, { app: 'checkout', 'pod-template-hash': '6b7c8d9f5' });
    assert.deepEqual(
      pod.metadata.ownerReferences.map((ref: Json) => [ref.kind, ref.name, ref.controller]),
      [['ReplicaSet', 'checkout-6b7c8d9f5', true]],
    );
    const status = pod.status.containerStatuses[0];
    assert.deepEqual(status.state, { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=checkout' } });
    assert.deepEqual([status.lastState.terminated.reason, status.lastState.terminated.exitCode, status.lastState.terminated.finishedAt], ['OOMKilled', 137, '2026-01-15T11:51:30Z']);
    assert.equal(status.restartCount, 5);
    assert.equal(status.image, `registry.example/checkout:${SHAS.two.slice(0, 7)}`);
    assert.equal(pod.spec.nodeName, 'node-a');
    assert.equal(pod.spec.containers[0].resources.requests.cpu, '250m', 'quantities are served canonically');
    const rs = (await api.get('/apis/apps/v1/namespaces/shop/replicasets/checkout-6b7c8d9f5')).json;
    assert.equal(rs.kind, 'ReplicaSet');
    assert.equal(rs.metadata.uid, pod.metadata.ownerReferences[0].uid);
    assert.equal(rs.metadata.annotations['deployment.kubernetes.io/revision'], '3');
    assert.equal(rs.metadata.ownerReferences[0].kind, 'Deployment');
  });

  it('filters by label selectors: equality, sets, existence and negation', async () => {
    const pods = '/api/v1/namespaces/shop/pods?labelSelector=';
    assert.deepEqual(await api.names(pods + encodeURIComponent('app=cart,tier=web')), [CART_POD]);
    assert.equal((await api.names(pods + encodeURIComponent('app in (cart, checkout)'))).length, 4);
    assert.deepEqual(await api.names(pods + encodeURIComponent('app notin (checkout)')), [CART_POD]);
    assert.equal((await api.names(pods + encodeURIComponent('app!=cart,!tier'))).length, 3);
    assert.deepEqual(await api.names(pods + 'tier'), [CART_POD]);
    assert.deepEqual(await api.names(pods + encodeURIComponent('app==ghost')), []);
    const bad = await api.get(pods + encodeURIComponent('app in cart'));
    assert.equal(bad.status, 400);
    assert.equal(bad.json.reason, 'BadRequest');
    assert.deepEqual(await api.names('/api/v1/namespaces/nowhere/pods'), [], 'an unknown namespace lists nothing, like the real server');
    assert.equal((await api.names('/api/v1/pods')).length, 4, 'all namespaces');
  });

  it('filters by field selectors and refuses unsupported fields', async () => {
    const events = await api.names(`/api/v1/namespaces/shop/events?fieldSelector=${encodeURIComponent(`involvedObject.name=${CRASHING_POD}`)}`);
    assert.equal(events.length, 2);
    assert.ok(events.every((name) => name.startsWith(`${CRASHING_POD}.`)));
    assert.equal((await api.names(`/api/v1/namespaces/shop/events?fieldSelector=${encodeURIComponent('type=Warning,involvedObject.kind!=Node')}`)).length, 1);
    assert.deepEqual(await api.names(`/api/v1/namespaces/shop/pods?fieldSelector=${encodeURIComponent('spec.nodeName=node-b')}`), [HEALTHY_POD, CART_POD]);
    const bad = await api.get(`/api/v1/namespaces/shop/pods?fieldSelector=${encodeURIComponent('spec.image=x')}`);
    assert.equal(bad.status, 400);
    assert.match(bad.json.message, /field label not supported: spec\.image/);
  });

  it('pages with limit and continue, and rejects a foreign continue token', async () => {
    const first = (await api.get('/api/v1/namespaces/shop/pods?limit=3')).json;
    assert.equal(first.items.length, 3);
    assert.equal(first.metadata.remainingItemCount, 1);
    const second = (await api.get(`/api/v1/namespaces/shop/pods?limit=3&continue=${first.metadata.continue}`)).json;
    assert.deepEqual(second.items.map((item: Json) => item.metadata.name), [CART_POD]);
    assert.equal(second.metadata.continue, undefined);
    const foreign = await api.get(`/api/v1/namespaces/shop/events?limit=3&continue=${first.metadata.continue}`);
    assert.equal(foreign.status, 400);
  });

  it('answers errors with Status bodies: NotFound, unknown paths, wrong verbs, watch', async () => {
    const missing = await api.get('/apis/apps/v1/namespaces/shop/deployments/ghost');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "ghost" not found',
      reason: 'NotFound',
      details: { name: 'ghost', group: 'apps', kind: 'deployments' },
      code: 404,
    });
    assert.equal((await api.get('/api/v1/namespaces/shop/pods/ghost')).json.message, 'pods "ghost" not found');
    assert.equal((await api.get('/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles')).status, 404);
    assert.equal((await api.get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods')).status, 404, 'no metrics-server in this scenario');
    assert.equal((await api.request('DELETE', '/api/v1/namespaces/shop/pods/' + CART_POD)).status, 405);
    assert.equal((await api.get('/api/v1/namespaces/shop/pods?watch=true')).status, 405);
  });

  it('serves nodes, namespaces and deployments with their status', async () => {
    const nodes = (await api.get('/api/v1/nodes')).json;
    assert.equal(nodes.kind, 'NodeList');
    const nodeA = nodes.items[0];
    assert.deepEqual(nodeA.status.conditions.find((c: Json) => c.type === 'MemoryPressure').status, 'True');
    assert.equal(nodeA.status.allocatable.memory, '14Gi');
    assert.equal(nodes.items[2].spec.unschedulable, true);
    assert.deepEqual(await api.names('/api/v1/namespaces'), ['shop', 'empty']);
    const deployment = (await api.get('/apis/apps/v1/namespaces/shop/deployments/checkout')).json;
    assert.equal(deployment.kind, 'Deployment');
    assert.deepEqual(deployment.spec.selector, { matchLabels: { app: 'checkout' } });
    assert.deepEqual(deployment.metadata.labels, { app: 'checkout', team: 'payments' });
    assert.equal(deployment.metadata.annotations['deployment.kubernetes.io/revision'], '3');
    assert.deepEqual([deployment.status.replicas, deployment.status.readyReplicas, deployment.status.unavailableReplicas], [3, 1, 2]);
    assert.equal(deployment.status.conditions.find((c: Json) => c.type === 'Available').status, 'False');
  });

  it('serves logs as text/plain with tailLines, sinceSeconds, timestamps and previous', async () => {
    const base = `/api/v1/namespaces/shop/pods/${CRASHING_POD}/log`;
    const previous = await api.get(`${base}?previous=true&timestamps=true`);
    assert.equal(previous.status, 200);
    assert.match(previous.contentType, /^text\/plain/);
    const lines = previous.text.split('\n');
    assert.equal(lines[0], `2026-01-15T11:50:01Z INFO starting checkout ${SHAS.two.slice(0, 7)}`);
    assert.deepEqual(lines.slice(1, 4), STACK_TRACE.split('\n').map((line) => `2026-01-15T11:51:20.25Z ${line}`), 'one timestamp per line of a multi-line message');
    assert.equal((await api.get(`${base}?previous=true&tailLines=1`)).text, 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n');
    assert.equal((await api.get(base)).text, `INFO starting checkout ${SHAS.two.slice(0, 7)}\n`);

    const healthy = `/api/v1/namespaces/shop/pods/${HEALTHY_POD}/log`;
    assert.equal((await api.get(healthy)).text.split('\n').filter(Boolean).length, 180);
    // The emulator's clock is 12:00:00: the last 60 s hold the lines at 11:59:00 … 11:59:50.
    assert.equal((await api.get(`${healthy}?sinceSeconds=60`)).text.split('\n').filter(Boolean).length, 6);
    assert.equal((await api.get(`${healthy}?limitBytes=10`)).text.length, 10);

    const noPrevious = await api.get(`/api/v1/namespaces/shop/pods/${HEALTHY_POD}/log?previous=true`);
    assert.equal(noPrevious.status, 400);
    assert.equal(noPrevious.json.message, `previous terminated container "checkout" in pod "${HEALTHY_POD}" not found`);
    const ambiguous = await api.get(`/api/v1/namespaces/shop/pods/${CART_POD}/log`);
    assert.equal(ambiguous.status, 400);
    assert.match(ambiguous.json.message, /a container name must be specified for pod .*, choose one of: \[cart envoy\]/);
    assert.equal((await api.get(`/api/v1/namespaces/shop/pods/${CART_POD}/log?container=cart`)).text, 'cart ok\n');
    assert.equal((await api.get(`/api/v1/namespaces/shop/pods/${RESTARTED_POD}/log?previous=true`)).text, '', 'a previous instance without scenario lines has an empty log');
  });

  it('answers kubectl-style Table requests with server-side columns', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const table = (await api.get('/api/v1/namespaces/shop/pods', accept)).json;
    assert.equal(table.kind, 'Table');
    assert.deepEqual(table.columnDefinitions.filter((c: Json) => !c.priority).map((c: Json) => c.name), ['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    assert.deepEqual(table.rows[0].cells.slice(0, 5), [CRASHING_POD, '0/1', 'CrashLoopBackOff', '5 (8m30s ago)', '59m']);
    assert.equal(table.rows[0].object.kind, 'PartialObjectMetadata');
    const deployments = (await api.get('/apis/apps/v1/namespaces/shop/deployments/checkout', accept)).json;
    assert.deepEqual(deployments.rows[0].cells.slice(0, 5), ['checkout', '1/3', 3, 1, '3d3h']);
  });
});

describe('Kubernetes emulator: writes', () => {
  it('applies a strategic merge patch by container name, rolls out a new ReplicaSet, and records it', async () => {
    const emulator = await start();
    const api = client(emulator);
    try {
      const path = '/apis/apps/v1/namespaces/shop/deployments/checkout';
      const patch = { spec: { template: { spec: { containers: [{ name: 'checkout', image: 'registry.example/checkout:fixed' }] } } } };
      const patched = await api.request('PATCH', path, { body: patch, contentType: 'application/strategic-merge-patch+json' });
      assert.equal(patched.status, 200);
      const container = patched.json.spec.template.spec.containers[0];
      assert.equal(container.image, 'registry.example/checkout:fixed');
      assert.equal(container.resources.limits.memory, '256Mi', 'the rest of the container is kept');
      assert.equal(patched.json.metadata.annotations['deployment.kubernetes.io/revision'], '4');
      assert.equal(patched.json.metadata.generation, 2);
      const sets = (await api.get('/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dcheckout')).json.items as Json[];
      const active = sets.find((rs) => rs.metadata.annotations['deployment.kubernetes.io/revision'] === '4')!;
      assert.equal(active.spec.replicas, 3);
      assert.equal(sets.find((rs) => rs.metadata.name === 'checkout-6b7c8d9f5')!.spec.replicas, 0);
      const pods = (await api.get('/api/v1/namespaces/shop/pods?labelSelector=app%3Dcheckout')).json.items as Json[];
      assert.equal(pods.length, 3);
      assert.ok(pods.every((pod) => pod.metadata.ownerReferences[0].name === active.metadata.name && pod.status.containerStatuses[0].restartCount === 0));
      const scaling = (await api.get('/api/v1/namespaces/shop/events?fieldSelector=reason%3DScalingReplicaSet')).json.items as Json[];
      assert.ok(scaling.some((event) => event.message === `Scaled up replica set ${active.metadata.name} from 0 to 3`));
      const [mutation] = emulator.mutations();
      assert.deepEqual(
        { seq: mutation.seq, operation: mutation.operation, target: mutation.target, contentType: mutation.contentType, request: mutation.request },
        { seq: 1, operation: 'patchDeployment', target: 'shop/checkout', contentType: 'application/strategic-merge-patch+json', request: patch },
      );
      assert.deepEqual(mutation.before, { revision: '3', replicas: 3, images: { checkout: `registry.example/checkout:${SHAS.two.slice(0, 7)}` }, activeReplicaSet: 'checkout-6b7c8d9f5' });
      assert.deepEqual(mutation.after, { revision: '4', replicas: 3, images: { checkout: 'registry.example/checkout:fixed' }, activeReplicaSet: active.metadata.name });
      assert.equal(mutation.at, new Date(NOW).toISOString());
    } finally {
      await emulator.close();
    }
  });

  it('rolls back with a JSON patch to an old ReplicaSet, which gets the next revision', async () => {
    const emulator = await start();
    const api = client(emulator);
    try {
      const old = (await api.get('/apis/apps/v1/namespaces/shop/replicasets/checkout-7c9d5b8f6')).json;
      const template = structuredClone(old.spec.template);
      delete template.metadata.labels['pod-template-hash'];
      const body = [
        { op: 'test', path: '/metadata/annotations/deployment.kubernetes.io~1revision', value: '3' },
        { op: 'replace', path: '/spec/template', value: template },
      ];
      const answer = await api.request('PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout', { body, contentType: 'application/json-patch+json' });
      assert.equal(answer.status, 200, answer.text);
      const rs = (await api.get('/apis/apps/v1/namespaces/shop/replicasets/checkout-7c9d5b8f6')).json;
      assert.equal(rs.metadata.annotations['deployment.kubernetes.io/revision'], '4');
      assert.equal(rs.metadata.annotations['deployment.kubernetes.io/revision-history'], '1');
      assert.equal(rs.spec.replicas, 3);
      assert.equal((await api.names('/apis/apps/v1/namespaces/shop/replicasets')).length, 4, 'no new ReplicaSet for a rollback');
      const failedTest = await api.request('PATCH', '/apis/apps/v1/namespaces/shop/deployments/checkout', { body: [body[0]], contentType: 'application/json-patch+json' });
      assert.equal(failedTest.status, 422);
    } finally {
      await emulator.close();
    }
  });

  it('validates patches like the API server and leaves the world alone on error or dry run', async () => {
    const emulator = await start();
    const api = client(emulator);
    const path = '/apis/apps/v1/namespaces/shop/deployments/checkout';
    try {
      const apply = await api.request('PATCH', path, { body: {}, contentType: 'application/apply-patch+yaml' });
      assert.equal(apply.status, 415);
      assert.equal(apply.json.reason, 'UnsupportedMediaType');
      const selector = await api.request('PATCH', path, { body: { spec: { selector: { matchLabels: { app: 'other' } } } }, contentType: 'application/merge-patch+json' });
      assert.equal(selector.status, 422);
      assert.match(selector.json.message, /spec\.selector: Invalid value: .*field is immutable/);
      const noImage = await api.request('PATCH', path, { body: { spec: { template: { spec: { containers: [{ name: 'checkout', image: '' }] } } } }, contentType: 'application/strategic-merge-patch+json' });
      assert.equal(noImage.status, 422);
      const dry = await api.request('PATCH', `${path}?dryRun=All`, { body: { spec: { replicas: 9 } }, contentType: 'application/merge-patch+json' });
      assert.equal(dry.json.spec.replicas, 9);
      assert.equal((await api.get(path)).json.spec.replicas, 3);
      assert.deepEqual(emulator.mutations(), []);
    } finally {
      await emulator.close();
    }
  });

  it('serves the scale subresource: GET, PATCH, and PUT with a resourceVersion precondition', async () => {
    const emulator = await start();
    const api = client(emulator);
    const path = '/apis/apps/v1/namespaces/shop/deployments/checkout/scale';
    try {
      const scale = (await api.get(path)).json;
      assert.deepEqual([scale.kind, scale.apiVersion, scale.spec.replicas, scale.status.selector], ['Scale', 'autoscaling/v1', 3, 'app=checkout']);
      const patched = await api.request('PATCH', path, { body: { spec: { replicas: 5 } }, contentType: 'application/merge-patch+json' });
      assert.equal(patched.json.spec.replicas, 5);
      assert.equal((await api.names('/api/v1/namespaces/shop/pods?labelSelector=app%3Dcheckout')).length, 5);
      const stale = await api.request('PUT', path, { body: { ...scale, spec: { replicas: 1 } }, contentType: 'application/json' });
      assert.equal(stale.status, 409);
      assert.equal(stale.json.reason, 'Conflict');
      const fresh = (await api.get(path)).json;
      const put = await api.request('PUT', path, { body: { ...fresh, spec: { replicas: 1 } }, contentType: 'application/json' });
      assert.equal(put.json.spec.replicas, 1);
      const pods = (await api.get('/api/v1/namespaces/shop/pods?labelSelector=app%3Dcheckout')).json.items as Json[];
      assert.deepEqual(pods.map((pod) => pod.metadata.name), [CRASHING_POD], 'scaling down removes the newest pods first');
      assert.deepEqual(emulator.mutations().map((m) => [m.operation, m.before.replicas, m.after.replicas]), [['patchScale', 3, 5], ['replaceScale', 5, 1]]);
      const negative = await api.request('PATCH', path, { body: { spec: { replicas: -1 } }, contentType: 'application/merge-patch+json' });
      assert.equal(negative.status, 422);
    } finally {
      await emulator.close();
    }
  });

  it('injects faults by operation (Status with the reason), with delays and a use count', async () => {
    const emulator = await start(scenarioWith({ faults: [{ service: 'kubernetes', operation: 'listPods', error: 'TooManyRequests', times: 1 }, { service: 'kubernetes', operation: 'getNode', delayMs: 150 }] }));
    const api = client(emulator);
    try {
      const throttled = await api.get('/api/v1/namespaces/shop/pods');
      assert.equal(throttled.status, 429);
      assert.equal(throttled.json.reason, 'TooManyRequests');
      assert.equal((await api.get('/api/v1/namespaces/shop/pods')).status, 200, 'the one-shot fault is used up');
      const started = Date.now();
      assert.equal((await api.get('/api/v1/nodes/node-a')).status, 200);
      assert.ok(Date.now() - started >= 140);
      assert.deepEqual(emulator.requests().map((r) => [r.operation, r.status]), [['listPods', 429], ['listPods', 200], ['getNode', 200]]);
    } finally {
      await emulator.close();
    }
  });
});
