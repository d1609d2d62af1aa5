/**
 * Why a unit died, from what it said and what changed: last words decide a generic "Error",
 * a crash loop's start is dated by the kubelet's back-off, a full disk names the claim mounted
 * there, an outside host keeps its whole name, and a changed command (init containers too) is
 * blamed when the container that fails is the one whose command changed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffContainers, executableOf, k8sContainers } from '../../../src/core/engine/changes';
import type { HypothesisNode, QuerySpec } from '../../../src/core/model';
import { changeDiffRule } from '../../../src/core/reasoner/rules/changeDiff';
import { dependencyNameOfHost } from '../../../src/core/reasoner/rules/dependencies';
import { loopBegan, matchesTermination } from '../../../src/core/reasoner/rules/modeRule';
import { MODE_RULES } from '../../../src/core/reasoner/rules/modes';
import { SIGNATURES } from '../../../src/core/reasoner/rules/signatures';
import type { ChangeDifference, QueryResult, Termination } from '../../../src/core/reasoner/types';
import { classifyLine } from '../../../src/core/taxonomy';
import type { K8sContainerSpec, K8sNode, K8sPod, K8sReplicaSet } from '../../../src/providers/types';
import { triageContext } from './triageContext';

const onset = Date.parse('2026-05-07T03:25:00Z');
const target = { platform: 'kubernetes', namespace: 'pipeline', kind: 'StatefulSet', name: 'data-processor', deployment: undefined } as const;
const ENOSPC = "OSError: [Errno 28] No space left on device: '/data/spool/batch-0042.parquet'";
const died = (over: Partial<Termination> = {}): Termination => ({ platform: 'kubernetes', unit: 'data-processor-0/processor', reason: 'Error', exitCode: 1, at: onset + 30 * 60_000, restartCount: 11, ...over });
const view = (category: string, focus: Record<string, string>) => ({ node: { id: 'H1', depth: 0, category, title: '', rationale: '', prior: 0.5, status: 'testing', confidence: 0.5, evidenceIds: [], queryIds: [] } as HypothesisNode, focus });
const query = { id: 'Q1', hypothesisId: 'H1', provider: 'kubernetes', operation: 'k8s.pods', target: 'pipeline/app=x', params: {}, rationale: '' } as QuerySpec;

describe('last words', () => {
  it('make a generic "Error" the mode they name, and take the death away from the crash loop', () => {
    const spoken = died({ lastWords: ['ERROR failed to write batch', ENOSPC] });
    assert.ok(matchesTermination(SIGNATURES['disk-full']!, spoken, 'disk-full'));
    assert.ok(!matchesTermination(SIGNATURES['disk-full']!, died(), 'disk-full'), 'without words, a plain Error is not a full disk');
    const backOff = died({ reason: 'CrashLoopBackOff: back-off 5m0s restarting failed container=processor', lastWords: [ENOSPC] });
    assert.ok(!matchesTermination(SIGNATURES['crash-loop']!, backOff, 'crash-loop'));
    assert.ok(matchesTermination(SIGNATURES['crash-loop']!, { ...backOff, lastWords: ['starting worker'] }, 'crash-loop'));
  });

  it('a whole workload dying once with its reason is strong; the culprit comes from the words', () => {
    const dns = MODE_RULES.find((rule) => rule.category === 'dns')!;
    const job = triageContext(onset, { platform: 'kubernetes', namespace: 'data', kind: 'Job', name: 'get-data', deployment: undefined }, { workload: { platform: 'kubernetes', name: 'get-data', desired: 1, running: 0, pending: 1, events: [] }, lastWords: { 'get-data-bnclr/fetch': ['curl: (6) Could not resolve host: feeds.vndr-sync.example.com'] } }, 'get-data');
    const pod: K8sPod = { name: 'get-data-bnclr', namespace: 'data', phase: 'Failed', labels: {}, createdAt: onset - 60_000, conditions: [], containers: [{ name: 'fetch', image: 'curl', ready: false, restartCount: 0, state: 'terminated', reason: 'Error', exitCode: 6 }] };
    assert.ok(dns.plan(view('dns', {}), job).some((q) => q.operation === 'k8s.pods'), 'a mode known by its words asks the dead units too');
    const [evidence] = dns.interpret(view('dns', {}), query, { operation: 'k8s.pods', pods: [pod] }, job);
    assert.equal(evidence?.supports, true);
    assert.equal(evidence?.strength, 'strong');
    assert.deepEqual(evidence?.culprit, { kind: 'dependency', id: 'feeds.vndr-sync.example.com' });
    // The same single death in a workload that still runs other units stays weak.
    const [partial] = dns.interpret(view('dns', {}), query, { operation: 'k8s.pods', pods: [pod] }, { ...job, workload: { ...job.workload!, desired: 3, running: 2 } });
    assert.equal(partial?.strength, 'weak');
  });

  it('a full disk names the claim mounted at the path it could not write', () => {
    const disk = MODE_RULES.find((rule) => rule.category === 'disk-full')!;
    const pod: K8sPod = {
      name: 'data-processor-0', namespace: 'pipeline', phase: 'Running', labels: {}, createdAt: onset - 86_400_000, conditions: [],
      containers: [{ name: 'processor', image: 'p', ready: false, restartCount: 11, state: 'waiting', reason: 'CrashLoopBackOff', lastTermination: { reason: 'Error', exitCode: 1, finishedAt: onset + 30 * 60_000 } }],
      volumes: [{ name: 'tmp', type: 'emptyDir' }, { name: 'data', type: 'persistentVolumeClaim', source: 'data-data-processor-0' }],
      containerSpecs: [{ name: 'processor', image: 'p', env: [], limits: {}, requests: {}, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'data', mountPath: '/data' }] }],
    };
    const context = triageContext(onset, target, { pods: [pod], lastWords: { 'data-processor-0/processor': [ENOSPC] } }, 'data-processor');
    const [evidence] = disk.interpret(view('disk-full', {}), query, { operation: 'k8s.pods', pods: [pod] }, context);
    assert.equal(evidence?.strength, 'strong');
    assert.deepEqual(evidence?.culprit, { kind: 'other', id: 'pvc/data-data-processor-0' });
    assert.match(evidence?.summary ?? '', /last words: "OSError/);
  });

  it('a crash loop began at least as long ago as the back-off took to reach its restart count', () => {
    const at = onset + 30 * 60_000;
    // 10+20+40+80+160 s, then 300 s for each of the next 6 restarts.
    assert.equal(loopBegan(died({ at, restartCount: 11 })), at - (310 + 6 * 300) * 1000);
    assert.equal(loopBegan(died({ at, restartCount: 0 })), at);
    assert.equal(loopBegan(died({ at, platform: 'ecs', restartCount: 5 })), at);
  });
});

describe('hosts and words', () => {
  it('an outside host keeps its whole name; platform and AWS hosts go by their first label', () => {
    assert.equal(dependencyNameOfHost('feeds.vndr-sync.example.com'), 'feeds.vndr-sync.example.com');
    assert.equal(dependencyNameOfHost('ledger-db.internal'), 'ledger-db');
    assert.equal(dependencyNameOfHost('orders.shop.svc.cluster.local'), 'orders');
    assert.equal(dependencyNameOfHost('orders-db.cluster-abc.eu-west-1.rds.amazonaws.com'), 'orders-db');
  });

  it('curl and wget failures are in the taxonomy with the host they name', () => {
    const first = (line: string) => classifyLine(line)[0];
    assert.deepEqual([first('curl: (6) Could not resolve host: feeds.example.com')?.entry.id, first('curl: (6) Could not resolve host: feeds.example.com')?.entities.host], ['curl.CouldntResolveHost', 'feeds.example.com']);
    assert.deepEqual([first('curl: (7) Failed to connect to api.internal port 8443 after 3 ms: Connection refused')?.entry.category, first('curl: (7) Failed to connect to api.internal port 8443 after 3 ms: Connection refused')?.entities.port], ['dependency', '8443']);
    assert.equal(first("wget: bad address 'agent-config.logging.svc'")?.entry.category, 'dns');
    assert.equal(first('curl: (60) SSL certificate problem: certificate has expired')?.entry.category, 'tls');
  });
});

describe('a changed command', () => {
  const spec = (name: string, command: string[]): K8sContainerSpec => ({ name, image: 'busybox:1.36', env: [], limits: {}, requests: {}, command });
  const rs = (name: string, revision: string, init: string[]): K8sReplicaSet => ({ name, namespace: 'logging', revision, replicas: 2, readyReplicas: 0, createdAt: onset, containers: [{ ...spec('exporter', ['nginx']), image: 'nginx:1.27.2' }], initContainers: [spec('downloader', ['sh', '-c', `${init.join(' ')} -O /w/index.html http://cfg/x --password=hunter2`])] });
  const from = rs('agent-6c8d', '3', ['wget']);
  const to = rs('agent-7f4b', '4', ['wge']);

  it('is a difference of the init container too, quoting only the executables', () => {
    const differences = diffContainers(k8sContainers(from.containers, from.initContainers), k8sContainers(to.containers, to.initContainers));
    assert.deepEqual(differences.map((d) => d.text), ['downloader (init) command wget → wge']);
    assert.ok(!differences.some((d) => d.text.includes('hunter2')));
    assert.equal(executableOf(['/usr/local/bin/server', '--port', '80']), 'server');
    assert.deepEqual(diffContainers([{ name: 'a', image: 'i', env: [], argv: ['run', '--x=1'] }], [{ name: 'a', image: 'i', env: [], argv: ['run', '--x=2'] }]).map((d) => d.text), ['a command arguments changed']);
  });

  it('is to blame, strongly, when the failing container is the one whose command changed', () => {
    const rollout: QueryResult = { operation: 'k8s.rollout', deployment: { name: 'agent', namespace: 'logging', replicas: 2, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 2, unavailableReplicas: 2, selector: 'app=agent', containers: [], conditions: [], createdAt: onset }, replicaSets: [from, to] };
    const focus = (examples: string) => ({ rule: 'change-diff', kinds: 'command', platform: 'kubernetes', toVersion: 'agent-7f4b', fromVersion: 'agent-6c8d', examples });
    const context = triageContext(onset, { platform: 'kubernetes', namespace: 'logging', kind: 'Deployment', name: 'agent', deployment: 'agent' }, {}, 'agent');
    const [blamed] = changeDiffRule.interpret(view('crash-loop', focus('agent-7f4b-pjw6t/downloader (init)  agent-7f4b  Init:CrashLoopBackOff')), query, rollout, context);
    assert.deepEqual([blamed?.strength, blamed?.culprit], ['strong', { kind: 'replicaset', id: 'agent-7f4b' }]);
    const [other] = changeDiffRule.interpret(view('crash-loop', focus('agent-7f4b-pjw6t/exporter  agent-7f4b  CrashLoopBackOff')), query, rollout, context);
    assert.equal(other?.strength, 'weak');
  });
});

describe('naming what failed', () => {
  const k8s = { platform: 'kubernetes', namespace: 'shop', kind: 'Deployment', name: 'frontend', deployment: 'frontend' } as const;

  it("a store's own client error with no host names the only store of that kind nearby", () => {
    const dependency = MODE_RULES.find((rule) => rule.category === 'dependency')!;
    const line = "ERROR Can't access cart storage. StackExchange.Redis.RedisConnectionException: No connection is active/available to service this operation: HGET 5b1c";
    assert.equal(classifyLine(line)[0]?.entry.id, 'redis.ClientConnection');
    const result: QueryResult = { operation: 'logs.compareWindows', baseline: [], incident: Array.from({ length: 5 }, (_, i) => ({ timestamp: onset + i * 1000, message: line })), baselineWindow: { start: onset - 3_600_000, end: onset - 600_000 }, incidentWindow: { start: onset - 600_000, end: onset + 600_000 }, truncated: false };
    const named = (serviceNames: string[]) => dependency.interpret(view('dependency', {}), { ...query, operation: 'logs.compareWindows' }, result, triageContext(onset, k8s, { serviceNames }, 'frontend'))[0]?.culprit;
    assert.deepEqual(named(['valkey-cart', 'frontend', 'checkout']), { kind: 'dependency', id: 'valkey-cart' });
    assert.equal(named(['valkey-cart', 'redis-sessions']), undefined, 'two stores of the kind: no guess');
  });

  it('several names failing to resolve at once blame the caller\'s change, not one of the names', () => {
    const dns = MODE_RULES.find((rule) => rule.category === 'dns')!;
    const lines = ['Error: 14 UNAVAILABLE: Name resolution failed for target dns:cart.shop.svc.cluster.local:7070', 'Error: 14 UNAVAILABLE: Name resolution failed for target dns:catalog.shop.svc.cluster.local:3550'];
    const change = { kind: 'deployment', platform: 'kubernetes', at: onset - 5 * 60_000, summary: 'rollout', toVersion: 'frontend-7b9', fromVersion: 'frontend-5c4', differences: [] as ChangeDifference[] } as const;
    const context = triageContext(onset, k8s, { changes: [change] }, 'frontend');
    const result: QueryResult = { operation: 'logs.compareWindows', baseline: [], incident: lines.flatMap((message) => Array.from({ length: 4 }, (_, i) => ({ timestamp: onset + i * 1000, message }))), baselineWindow: { start: onset - 3_600_000, end: onset - 600_000 }, incidentWindow: { start: onset - 600_000, end: onset + 600_000 }, truncated: false };
    const [evidence] = dns.interpret(view('dns', {}), { ...query, operation: 'logs.compareWindows' }, result, context);
    assert.deepEqual(evidence?.culprit, { kind: 'replicaset', id: 'frontend-7b9' });
  });

  it('the scheduler\'s parts name the culprit when one kind of part rules out every node', () => {
    const capacity = MODE_RULES.find((rule) => rule.category === 'capacity')!;
    const pending = (message: string): K8sPod => ({ name: 'embed-7f6-abc', namespace: 'ml', phase: 'Pending', labels: {}, createdAt: onset, replicaSet: 'embed-7f6', containers: [], conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: onset }] });
    const context = triageContext(onset, { platform: 'kubernetes', namespace: 'ml', kind: 'Deployment', name: 'embed', deployment: 'embed' }, { nodes: [] }, 'embed');
    const culprit = (message: string) => capacity.interpret(view('capacity', {}), query, { operation: 'k8s.pods', pods: [pending(message)] }, context)[0]?.culprit;
    assert.deepEqual(culprit('0/3 nodes are available: 3 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'), { kind: 'replicaset', id: 'embed-7f6' });
    assert.deepEqual(culprit("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."), { kind: 'other', id: 'deployment/embed' });
    assert.deepEqual(culprit('0/3 nodes are available: 3 Insufficient cpu.'), { kind: 'other', id: 'capacity' }, 'a full cluster stays capacity');
    assert.deepEqual(culprit('0/3 nodes are available: 1 Insufficient nvidia.com/gpu, 2 Insufficient cpu.'), { kind: 'other', id: 'capacity' }, 'a part that rules out only some nodes names nothing');
    // The one node the pods may use is at its pod limit; the other is a tainted system node.
    const node = (name: string, taints: K8sNode['taints'] = []): K8sNode => ({ name, conditions: [], allocatable: { pods: '17' }, capacity: { pods: '17' }, unschedulable: false, taints, labels: {} });
    const nodes = [node('app-1'), node('system-1', [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }])];
    const full = '0/2 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint {CriticalAddonsOnly: true}. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.';
    const withNodes = (list: K8sNode[]) => capacity.interpret(view('capacity', {}), query, { operation: 'k8s.pods', pods: [pending(full)] }, { ...context, nodes: list })[0]?.culprit;
    assert.deepEqual(withNodes(nodes), { kind: 'node', id: 'app-1' });
    assert.deepEqual(withNodes([...nodes, node('app-2')]), { kind: 'other', id: 'capacity' }, 'two open nodes: no single node to blame');
  });
});

describe('a call the dependency refused', () => {
  const dependency = SIGNATURES.dependency!.log!;
  it('is a dependency failure when the caller logs the status after the dependency\'s URL, or that it returned it', () => {
    assert.ok(dependency.test('error="email: POST http://email:8080/send_order_confirmation: 422 Unprocessable Entity"'));
    assert.ok(dependency.test('failed to send order confirmation: email service returned 422'));
    assert.ok(dependency.test('Error: carts responded 500 for GET http://carts/carts/5f1c/items'));
  });
  it('is not the service\'s own access line answering its clients', () => {
    assert.ok(!dependency.test('10.0.0.1 - - "POST /orders HTTP/1.1" 422 12'));
    assert.ok(!dependency.test('POST /cart 500 31.2 ms - 158'));
    assert.ok(!dependency.test('GET https://api.example.com/v1/items 200'));
  });
});
