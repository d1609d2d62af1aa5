/**
 * The pieces of the causal search, one at a time: which events are the workload's, the object
 * analyzers, the vocabulary-driven event findings, dependency names from raw lines, the checks a
 * conclusion must survive, and the API-call counter.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { K8sEvent, K8sObject, K8sPod, ProviderSet } from '../../../src/providers/types';
import { CallCounter } from '../../../src/core/engine/callCounter';
import { isAboutWorkload, scopeOf } from '../../../src/core/engine/eventAttribution';
import { blockedScaleOut, checkVerdict, rolledBack, transientSymptom } from '../../../src/core/engine/verdictChecks';
import { analyzeResult } from '../../../src/core/findings/analyzers';
import { cronInterval, quantity, settingNames } from '../../../src/core/findings/analyzers/kubernetes/objects';
import type { Evidence, HypothesisNode } from '../../../src/core/model';
import { dependencyOf } from '../../../src/core/reasoner/rules/dependencies';
import { findingProposals, findingRule } from '../../../src/core/reasoner/rules/findingRule';
import { causeProposals } from '../../../src/core/reasoner/rules/causes';
import type { QueryResult, TriageContext } from '../../../src/core/reasoner/types';
import { triageContext } from './triageContext';

const onset = Date.parse('2026-05-20T10:00:00Z');
const now = onset + 20 * 60_000;

function context(over: Partial<TriageContext> = {}): TriageContext {
  return triageContext(onset, { platform: 'kubernetes', namespace: 'shop', kind: 'Deployment', name: 'checkout', deployment: 'checkout' }, { now, ...over }, 'checkout');
}

function pod(name: string, over: Partial<K8sPod> = {}): K8sPod {
  return { name, namespace: 'shop', phase: 'Running', labels: { app: 'checkout' }, createdAt: onset - 3_600_000, replicaSet: 'checkout-7d9f8b6c5d', containers: [], conditions: [], ...over };
}

const meta = (name: string) => ({ name, namespace: 'shop', labels: {}, createdAt: onset - 86_400_000 });
const objects = (...list: K8sObject[]): QueryResult => ({ operation: 'k8s.objects', namespace: 'shop', objects: list, failed: [] });

describe('event attribution', () => {
  const scope = scopeOf('Deployment', 'checkout', [pod('checkout-7d9f8b6c5d-x2k4q', { nodeName: 'node-a' })]);
  it('counts the workload, its ReplicaSets, pods, nodes and objects named after it', () => {
    assert.ok(isAboutWorkload({ kind: 'Pod', name: 'checkout-7d9f8b6c5d-x2k4q' }, scope));
    assert.ok(isAboutWorkload({ kind: 'ReplicaSet', name: 'checkout-5c4b3a2918' }, scope));
    assert.ok(isAboutWorkload({ kind: 'Node', name: 'node-a' }, scope));
    assert.ok(isAboutWorkload({ kind: 'HorizontalPodAutoscaler', name: 'checkout' }, scope));
    assert.ok(isAboutWorkload({ kind: 'PersistentVolumeClaim', name: 'data-checkout-0' }, scope));
  });
  it('leaves the neighbours out, even when their names start the same', () => {
    assert.ok(!isAboutWorkload({ kind: 'Pod', name: 'checkout-db-0' }, scope));
    assert.ok(!isAboutWorkload({ kind: 'Deployment', name: 'checkout-db' }, scope));
    assert.ok(!isAboutWorkload({ kind: 'Node', name: 'node-b' }, scope));
  });
});

describe('object analyzers', () => {
  it('an Ingress to the workload that names an IngressClass nobody serves is the network culprit; strong when it just changed', () => {
    const ctx = context({ pods: [pod('checkout-1')] });
    const service = { ...meta('checkout'), kind: 'Service', type: 'ClusterIP', selector: { app: 'checkout' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], loadBalancer: [] } as K8sObject;
    const ingress = (className: string | undefined, updatedAt: number) => ({ ...meta('shop'), kind: 'Ingress', ...(className ? { ingressClassName: className } : {}), updatedAt, rules: [{ host: 'shop.example.com', paths: [{ path: '/', service: 'checkout', port: 80 }] }], tlsHosts: [], tlsSecrets: [], loadBalancer: [] }) as K8sObject;
    const nginx = { ...meta('nginx'), kind: 'IngressClass', controller: 'k8s.io/ingress-nginx', isDefault: true } as K8sObject;
    const [found] = analyzeResult(objects(service, ingress('nginx-public', onset - 3 * 60_000), nginx), ctx);
    assert.deepEqual([found?.analyzer, found?.category, found?.culprit.id, found?.strength], ['ingress-class', 'network', 'ingress/shop', 'strong']);
    assert.match(found!.summary, /names IngressClass nginx-public, which does not exist: no controller serves its hosts \(shop\.example\.com\)/);
    // Unchanged for months: a lead. A class that exists, or none named with a default: nothing.
    assert.equal(analyzeResult(objects(service, ingress('nginx-public', onset - 90 * 86_400_000), nginx), ctx)[0]?.strength, 'weak');
    assert.deepEqual(analyzeResult(objects(service, ingress('nginx', onset - 60_000), nginx), ctx), []);
    assert.deepEqual(analyzeResult(objects(service, ingress(undefined, onset - 60_000), nginx), ctx), []);
    // The classes could not be read: nothing is said about them.
    assert.deepEqual(analyzeResult({ operation: 'k8s.objects', namespace: 'shop', objects: [service, ingress('nginx-public', onset - 60_000)], failed: [{ kind: 'IngressClass', error: 'forbidden' }] }, ctx), []);
  });

  it('an Ingress to the workload whose TLS Secret is gone is a TLS failure blamed on that Secret', () => {
    const ctx = context({ pods: [pod('checkout-1')] });
    const service = { ...meta('checkout'), kind: 'Service', type: 'ClusterIP', selector: { app: 'checkout' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], loadBalancer: [] } as K8sObject;
    const ingress = { ...meta('shop'), kind: 'Ingress', ingressClassName: 'nginx', updatedAt: onset - 86_400_000, rules: [{ host: 'shop.example.com', paths: [{ path: '/', service: 'checkout', port: 80 }] }], tlsHosts: ['shop.example.com'], tlsSecrets: ['shop-tls'], loadBalancer: [] } as K8sObject;
    const nginx = { ...meta('nginx'), kind: 'IngressClass', controller: 'k8s.io/ingress-nginx', isDefault: true } as K8sObject;
    const found = analyzeResult(objects(service, ingress, nginx), ctx);
    assert.deepEqual(found.map((f) => [f.analyzer, f.category, f.culprit.id]), [['ingress-tls-secret', 'tls', 'secret/shop-tls']]);
    const secret = { ...meta('shop-tls'), kind: 'Secret', type: 'kubernetes.io/tls', keys: ['tls.crt', 'tls.key'] } as K8sObject;
    assert.deepEqual(analyzeResult(objects(service, ingress, nginx, secret), ctx), []);
    // Secrets could not be listed: nothing is said about them.
    assert.deepEqual(analyzeResult({ operation: 'k8s.objects', namespace: 'shop', objects: [service, ingress, nginx], failed: [{ kind: 'Secret', error: 'forbidden' }] }, ctx), []);
  });

  it('a Service that selects no pod has no endpoints: network, blamed on the Service', () => {
    const ctx = context({ pods: [pod('checkout-1')], logOverview: [{ templateId: 't', template: 'x', change: 'new', incidentCount: 9, baselineCount: 0, ratio: Infinity, firstSeen: onset, example: 'ERROR charge failed: dial tcp payments.shop.svc.cluster.local:80: connect: connection refused', codeLocations: [] } as never] });
    const service = { ...meta('payments'), kind: 'Service', type: 'ClusterIP', selector: { app: 'payment' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], loadBalancer: [] } as K8sObject;
    const endpoints = { ...meta('payments'), kind: 'Endpoints', subsets: [], readyCount: 0, notReadyCount: 0 } as K8sObject;
    const found = analyzeResult(objects(service, endpoints), ctx);
    assert.deepEqual(found.map((f) => [f.analyzer, f.category, f.culprit.id]), [['service-selector', 'network', 'service/payments']]);
    // Unnamed by the symptoms and selecting no pod of the target: not this incident's.
    assert.deepEqual(analyzeResult(objects(service, endpoints), context({ pods: [pod('checkout-1')] })), []);
  });

  it('a LimitRange whose bound admission quotes refuses the new pods; the refused ReplicaSet gives way to it', () => {
    const refusal = { at: onset - 5 * 60_000, type: 'Warning', reason: 'FailedCreate', object: 'ReplicaSet/checkout-7d9f8b6c5d', count: 12, message: 'Error creating: pods "checkout-7d9f8b6c5d-x2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi' };
    const ctx = context({ workload: { platform: 'kubernetes', name: 'checkout', desired: 6, running: 3, pending: 3, events: [refusal] } });
    const range = (name: string, max: string) => ({ ...meta(name), createdAt: onset - 20 * 60_000, kind: 'LimitRange', limits: [{ type: 'Container', max: { memory: max } }] }) as K8sObject;
    const found = analyzeResult(objects(range('container-max', '1024Mi'), range('pod-max', '4Gi')), ctx);
    assert.deepEqual(found.map((f) => [f.analyzer, f.category, f.culprit.id, f.strength]), [['limitrange-refuses', 'config-change', 'limitrange/container-max', 'strong']]);
    assert.match(found[0]!.summary, /maximum memory of 1024Mi per Container; checkout's new pods ask 2Gi and are refused \(12× ReplicaSet\/checkout-7d9f8b6c5d\); it was created at 09:40 UTC/);
    const blamedOnReplicaSet = { analyzer: 'events', category: 'config-change' as const, culprit: { kind: 'replicaset' as const, id: 'checkout-7d9f8b6c5d' }, strength: 'strong' as const, object: 'ReplicaSet/checkout-7d9f8b6c5d', summary: 'FailedCreate' };
    const proposed = findingProposals({ ...ctx, findings: [blamedOnReplicaSet, ...found] });
    assert.deepEqual(proposed.map((p) => p.focus?.object), ['LimitRange/container-max']);
    // No refusal quoting its bound: the range is not this incident's.
    assert.deepEqual(analyzeResult(objects(range('container-max', '1Gi')), context({ workload: { ...ctx.workload!, events: [] } })), []);
  });

  it('a ConfigMap changed in place, with no newer rollout, is the cause a resource mode branches to; its test searches its settings from the change on', () => {
    const mounted = pod('checkout-1', { volumes: [{ name: 'config', type: 'configMap', source: 'checkout-config' }] });
    const config = { ...meta('checkout-config'), kind: 'ConfigMap', keys: ['config.yaml'], data: { 'config.yaml': 'scratch_dir: /tmp/scratch\nscratch_cache_max_mb: 4096\nformats: [webp]\n' }, updatedAt: onset - 16 * 60_000, immutable: false } as K8sObject;
    assert.deepEqual(settingNames((config as { data: Record<string, string> }).data), ['config.yaml', 'scratch_dir', 'scratch_cache_max_mb']);
    const ctx = context({ pods: [mounted], logSource: { kind: 'pods', namespace: 'shop', labelSelector: 'app=checkout' } });
    ctx.findings = analyzeResult(objects(config), ctx);
    const disk: HypothesisNode = { id: 'H1', depth: 0, category: 'disk-full', title: 'checkout ran out of disk space', rationale: 'r', prior: 0.6, status: 'supported', confidence: 0.77, evidenceIds: [], queryIds: [] };
    const [child] = causeProposals(['setting', 'commit'], { node: disk, focus: {} }, [], ctx);
    assert.equal(child?.category, 'disk-full');
    assert.match(child?.title ?? '', /ConfigMap\/checkout-config changed at 09:44 UTC, 16 min before/);
    const [search] = findingRule.plan({ node: { ...disk, id: 'H1.1' }, focus: child!.focus! }, ctx).filter((q) => q.operation === 'logs.compareWindows');
    assert.deepEqual(JSON.parse(String(search?.params.terms)), ['checkout-config', 'config.yaml', 'scratch_dir', 'scratch_cache_max_mb']);
    assert.equal(search?.window?.start, onset - 16 * 60_000);
    // A rollout after the ConfigMap changed is the newer change: the setting is not proposed.
    const rollout = { kind: 'deployment' as const, platform: 'kubernetes' as const, at: onset - 5 * 60_000, summary: 'r', toVersion: 'checkout-7d9f8b6c5d', differences: [] };
    assert.deepEqual(causeProposals(['setting'], { node: disk, focus: {} }, [], { ...ctx, changes: [rollout] }), []);
  });

  it('a ConfigMap key the pods read that is missing is a configuration failure', () => {
    const ctx = context({ pods: [pod('checkout-1', { containerSpecs: [{ name: 'app', image: 'x', env: [{ name: 'DB_HOST', fromConfigMap: 'orders-config/DB_HOST' }], limits: {}, requests: {} }] })] });
    const config = { ...meta('orders-config'), kind: 'ConfigMap', keys: ['DB_PORT'], data: {}, updatedAt: onset - 600_000, immutable: false } as K8sObject;
    const [finding] = analyzeResult(objects(config), ctx);
    assert.equal(finding?.analyzer, 'configmap-key');
    assert.equal(finding?.culprit.id, 'configmap/orders-config');
    assert.match(finding!.summary, /no key DB_HOST/);
  });

  it('a ConfigMap that changed right before several dependencies failed at once is a strong lead; alone it is weak', () => {
    const mounted = pod('checkout-1', { volumes: [{ name: 'config', type: 'configMap', source: 'checkout-config' }] });
    const line = (example: string, firstSeen: number) => ({ templateId: example, template: example, change: 'new', incidentCount: 40, baselineCount: 0, ratio: Infinity, firstSeen, level: 'error', isException: false, example, codeLocations: [] }) as never;
    const both = [line('ERROR db: dial tcp 10.0.0.5:5432 (orders-db.internal): connect: connection refused', onset + 20_000), line('ERROR cache: connect ECONNREFUSED redis-main.internal:6379', onset + 50_000)];
    const config = { ...meta('checkout-config'), kind: 'ConfigMap', keys: ['app.yaml'], data: {}, updatedAt: onset - 60_000, immutable: false } as K8sObject;
    const [together] = analyzeResult(objects(config), context({ pods: [mounted], logOverview: both }));
    assert.deepEqual([together?.analyzer, together?.strength], ['configmap-changed', 'strong']);
    assert.match(together!.summary, /orders-db and redis-main began failing at once/);
    const [alone] = analyzeResult(objects(config), context({ pods: [mounted], logOverview: both.slice(0, 1) }));
    assert.equal(alone?.strength, 'weak');
    // A failure long after the change is not what the change did.
    const [late] = analyzeResult(objects({ ...config, updatedAt: onset - 3_600_000 } as K8sObject), context({ pods: [mounted], logOverview: both }));
    assert.equal(late?.strength, 'weak');
  });

  it('an autoscaler of the workload that cannot compute its metric cannot scale out; one at its maximum is a lead', () => {
    const hpa = (over: object) => ({ ...meta('checkout'), kind: 'HorizontalPodAutoscaler', target: { kind: 'Deployment', name: 'checkout' }, min: 2, max: 6, current: 2, desired: 2, metrics: [{ type: 'Resource', name: 'cpu', target: '70%' }], conditions: [], ...over }) as K8sObject;
    const inactive = hpa({ conditions: [{ type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: 'missing request for cpu in container app' }] });
    const [finding] = analyzeResult(objects(inactive), context());
    assert.equal(finding?.analyzer, 'hpa-inactive');
    assert.equal(finding?.strength, 'strong');
    assert.match(finding!.summary, /missing request for cpu/);
    const [atMax] = analyzeResult(objects(hpa({ current: 6, desired: 6, metrics: [{ type: 'Resource', name: 'cpu', target: '70%', current: '140%' }] })), context());
    assert.deepEqual([atMax?.analyzer, atMax?.strength], ['hpa-at-max', 'weak']);
    assert.deepEqual(analyzeResult(objects(hpa({ target: { kind: 'Deployment', name: 'billing' }, current: 6, desired: 6 })), context()), [], 'another workload\'s autoscaler');
  });

  it('a disruption budget over the workload\'s pods that allows nothing while they are short blocks evictions', () => {
    const pdb = (over: object) => ({ ...meta('checkout-pdb'), kind: 'PodDisruptionBudget', selector: 'app=checkout', minAvailable: 3, currentHealthy: 2, desiredHealthy: 3, expectedPods: 3, disruptionsAllowed: 0, conditions: [], ...over }) as K8sObject;
    const ctx = context({ pods: [pod('checkout-7d9f8b6c5d-a')] });
    assert.equal(analyzeResult(objects(pdb({})), ctx)[0]?.analyzer, 'pdb-blocking');
    assert.deepEqual(analyzeResult(objects(pdb({ currentHealthy: 3, disruptionsAllowed: 0 })), ctx), [], 'healthy and at its minimum: working as intended');
    assert.deepEqual(analyzeResult(objects(pdb({ selector: 'app=billing' })), ctx), [], 'not over the workload');
  });

  it('a claim the pods mount that is Pending is storage, and says when its StorageClass is missing', () => {
    const ctx = context({ pods: [pod('checkout-1', { volumes: [{ name: 'data', type: 'persistentVolumeClaim', source: 'data-checkout-0' }] })] });
    const claim = { ...meta('data-checkout-0'), kind: 'PersistentVolumeClaim', phase: 'Pending', storageClass: 'fast-ssd', accessModes: ['ReadWriteOnce'], conditions: [] } as K8sObject;
    const storageClass = { ...meta('gp3'), kind: 'StorageClass', provisioner: 'ebs.csi.aws.com', isDefault: true } as unknown as K8sObject;
    const [finding] = analyzeResult(objects(claim, storageClass), ctx);
    assert.equal(finding?.category, 'storage');
    assert.match(finding!.summary, /fast-ssd, which does not exist/);
  });

  it('a probe on a port the container does not listen on fails the health checks', () => {
    const probe = { action: 'http-get :9090/healthz', type: 'httpGet' as const, port: 9090, path: '/healthz', initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 };
    const spec = { name: 'app', image: 'x', env: [], limits: {}, requests: {}, ports: [{ containerPort: 8080, protocol: 'TCP' }], livenessProbe: probe };
    const ctx = context({ pods: [pod('checkout-1', { containerSpecs: [spec] })], workload: { platform: 'kubernetes', name: 'checkout', desired: 2, running: 0, pending: 2, events: [{ at: onset, reason: 'Unhealthy', message: 'Liveness probe failed: dial tcp 10.0.0.5:9090: connect: connection refused' }] } });
    const [finding] = analyzeResult(objects(), ctx);
    assert.deepEqual([finding?.analyzer, finding?.category, finding?.strength, finding?.culprit.id], ['probe-port', 'health-check', 'strong', 'checkout-7d9f8b6c5d']);
    assert.deepEqual(analyzeResult(objects(), context({ pods: [pod('checkout-1', { containerSpecs: [{ ...spec, livenessProbe: { ...probe, port: 8080 } }] })] })), []);
  });

  it('reads cron schedules and quantities', () => {
    assert.equal(cronInterval('30 2 * * *'), 86_400_000);
    assert.equal(cronInterval('*/15 * * * *'), 15 * 60_000);
    assert.equal(cronInterval('@hourly'), 3_600_000);
    assert.equal(cronInterval('0 9 1 * *'), undefined);
    assert.equal(quantity('15Gi'), 15 * 1024 ** 3);
    assert.equal(quantity('500m'), 0.5);
  });

  it('events go through the vocabularies: the capture names the culprit', () => {
    const ctx = context({ scope: scopeOf('Deployment', 'checkout', [pod('checkout-7d9f8b6c5d-x2k4q')]), pods: [pod('checkout-7d9f8b6c5d-x2k4q')] });
    const event = (reason: string, message: string, name = 'checkout-7d9f8b6c5d-x2k4q', kind = 'Pod'): K8sEvent => ({ type: 'Warning', reason, message, involvedObject: { kind, name }, count: 4, lastTimestamp: onset });
    const found = analyzeResult(
      {
        operation: 'k8s.events',
        events: [
          event('FailedMount', 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found'),
          event('FailedCreate', 'Error creating: pods "checkout-7d9f8b6c5d-abcde" is forbidden: exceeded quota: compute-quota, requested: limits.memory=2Gi, used: limits.memory=15Gi, limited: limits.memory=16Gi', 'checkout-7d9f8b6c5d', 'ReplicaSet'),
          event('BackOff', 'Back-off restarting failed container', 'checkout-db-0'),
        ],
      },
      ctx,
    );
    assert.deepEqual(found.map((f) => [f.category, f.culprit.id]), [
      ['config-change', 'configmap/app-config'],
      ['capacity', 'resourcequota/compute-quota'],
    ]);
  });
});

describe('load-balancer target health (ECS)', () => {
  it('failing targets of a check on a port the task definition no longer maps blame the new revision', () => {
    const definition = { arn: 'arn:aws:ecs:us-west-2:1:task-definition/api:32', family: 'api', revision: 32, registeredAt: onset - 600_000, containers: [{ name: 'app', image: 'x', environment: [], portMappings: [{ containerPort: 9090 }] }] };
    const ctx = context({
      incident: { ...context().incident, target: { platform: 'ecs', cluster: 'prod', service: 'api' } },
      service: { taskDefinition: definition.arn } as never,
      taskDefinitions: { 'api:32': definition as never },
      changes: [{ kind: 'deployment', platform: 'ecs', at: onset - 300_000, summary: 'Deployment of api:32', fromVersion: 'api:31', toVersion: 'api:32', differences: [] }],
    });
    const group = { arn: 'arn:tg/api-tg', name: 'api-tg', port: 8080, loadBalancerArns: [], healthCheck: { port: '8080', path: '/healthz' } };
    const result: QueryResult = { operation: 'elb.targetHealth', groups: [{ group, targets: [{ id: '10.0.1.5', state: 'unhealthy', reason: 'Target.FailedHealthChecks' }, { id: '10.0.1.6', state: 'healthy' }] }] };
    const [finding] = analyzeResult(result, ctx);
    assert.deepEqual([finding?.category, finding?.strength, finding?.culprit.id], ['health-check', 'strong', 'api:32']);
    assert.match(finding!.summary, /probes port 8080, which the task definition no longer maps \(9090\)/);
    const healthy: QueryResult = { operation: 'elb.targetHealth', groups: [{ group, targets: [{ id: '10.0.1.6', state: 'healthy' }] }] };
    assert.deepEqual(analyzeResult(healthy, ctx), []);
  });
});

describe('dependencies named by raw lines', () => {
  it('reads connection strings and cluster DNS names, not words', () => {
    assert.equal(dependencyOf(['INFO opening JDBC connection jdbc:mysql://prod-db:3333/inventory'], context())?.name, 'prod-db');
    const dns = dependencyOf(['dial tcp: lookup redis-master.cache.svc.cluster.local on 10.96.0.10:53: no such host'], context());
    assert.deepEqual([dns?.name, dns?.namespace], ['redis-master', 'cache']);
    assert.equal(dependencyOf(['upstream connect error or disconnect/reset before headers'], context()), undefined);
  });
  it('knows the Services around the target by name', () => {
    assert.equal(dependencyOf(['failed to prepare order: shipping quote failure: rpc error'], context({ serviceNames: ['checkout', 'quote', 'shipping'] }))?.name, 'shipping');
  });
});

describe('checks a conclusion must survive', () => {
  const node: HypothesisNode = { id: 'H1', depth: 0, category: 'oom', title: 't', rationale: 'r', prior: 0.8, status: 'supported', confidence: 0.82, evidenceIds: [], queryIds: [] };
  const evidence = (over: Partial<Evidence>): Evidence => ({ id: 'E1', hypothesisId: 'H1', source: 'kubernetes', kind: 'pod-status', strength: 'strong', supports: true, summary: 's', ...over });
  const check = (chainEvidence: Evidence[], over: Partial<TriageContext> = {}) => checkVerdict({ node, chain: [node], chainEvidence, descendants: [], context: context(over), bar: 0.7, refuted: () => false });

  it('weak items together are not one strong item', () => {
    const outcome = check([evidence({ strength: 'weak', culprit: { kind: 'node', id: 'n' } }), evidence({ strength: 'weak', source: 'cloudwatch-logs' })]);
    assert.ok(outcome.confidence < 0.7);
    assert.match(outcome.reasons.join(' '), /weak items together/);
  });
  it('a mode without a culprit is a lead, not a root cause', () => {
    assert.ok(check([evidence({})]).confidence < 0.7);
    assert.equal(check([evidence({ culprit: { kind: 'node', id: 'n' } })]).confidence, 0.82);
  });
  it('a dependency whose own Service is broken is its victim; a broken object of the workload\'s own does not clear it', () => {
    const blamed = [evidence({ culprit: { kind: 'dependency', id: 'ad' } })];
    const finding = (object: string, id: string) => ({ analyzer: 'x', category: 'config-change' as const, culprit: { kind: 'other' as const, id }, strength: 'strong' as const, object, summary: 's' });
    const outcome = check(blamed, { findings: [finding('Service/ad', 'service/ad')] });
    assert.ok(outcome.confidence < 0.7);
    assert.match(outcome.reasons.join(' '), /Service\/ad explains why ad fails/);
    assert.equal(check(blamed, { findings: [finding('Secret/ad', 'secret/ad')] }).confidence, 0.82);
  });
  it('a blip that recovered by itself with no change is transient', () => {
    const series: [number, number][] = [];
    for (let t = onset - 40 * 60_000; t <= now; t += 60_000) series.push([t, t >= onset && t < onset + 4 * 60_000 ? 6 : 0]);
    assert.match(transientSymptom(context({ errorSeries: series })) ?? '', /recovered by itself/);
    // Still erroring at the end: not recovered.
    assert.equal(transientSymptom(context({ errorSeries: series.map(([t, v]) => [t, t > now - 5 * 60_000 ? 8 : v]) })), undefined);
  });
  it('a dependency failing in the same minute as another, right after the caller changed, is not the culprit', () => {
    const line = (example: string, firstSeen: number) => ({ templateId: example, template: example, change: 'new', incidentCount: 40, baselineCount: 0, ratio: Infinity, firstSeen, level: 'error', isException: false, example, codeLocations: [] }) as never;
    const both = [line('ERROR db: connect ECONNREFUSED orders-db.internal:5432', onset + 20_000), line('ERROR cache: connect ECONNREFUSED redis-main.internal:6379', onset + 50_000)];
    const setting = { analyzer: 'configmap-changed', category: 'config-change' as const, culprit: { kind: 'other' as const, id: 'configmap/checkout-config' }, strength: 'strong' as const, object: 'ConfigMap/checkout-config', summary: 's', at: onset - 60_000 };
    const blamed = [evidence({ culprit: { kind: 'dependency', id: 'orders-db' } })];
    const outcome = check(blamed, { logOverview: both, findings: [setting] });
    assert.ok(outcome.confidence < 0.7);
    assert.match(outcome.reasons.join(' '), /orders-db, redis-main began failing within 2 min of each other, after checkout's own change \(ConfigMap\/checkout-config changed/);
    // No change of the caller's, or only one dependency failing: the dependency stands.
    assert.equal(check(blamed, { logOverview: both }).confidence, 0.82);
    assert.equal(check(blamed, { logOverview: both.slice(0, 1), findings: [setting] }).confidence, 0.82);
  });
  it('an alarm that cleared by itself, with the service whole and silent, is transient', () => {
    const alarm = { name: 'api-pending', arn: 'arn:a', state: 'OK' as const, stateReason: 'r', namespace: 'ECS/ContainerInsights', metricName: 'PendingTaskCount', dimensions: {}, actionsEnabled: true, alarmActions: [] };
    const history = [
      { alarmName: 'api-pending', timestamp: onset, from: 'OK' as const, to: 'ALARM' as const, summary: 'Alarm updated from OK to ALARM' },
      { alarmName: 'api-pending', timestamp: onset + 3 * 60_000, from: 'ALARM' as const, to: 'OK' as const, summary: 'Alarm updated from ALARM to OK' },
    ];
    const whole = { platform: 'ecs' as const, name: 'api', desired: 6, running: 6, pending: 0, events: [] };
    const recovered = { alarms: [{ alarm, history }], alarmSeries: { alarm: 'api-pending', label: 'l', points: [] }, workload: whole };
    assert.match(transientSymptom(context(recovered)) ?? '', /cleared by itself after 3 min, api runs 6\/6/);
    // Still in ALARM, short of tasks, or the service logged errors of its own: not over, or it has a cause to name.
    assert.equal(transientSymptom(context({ ...recovered, alarms: [{ alarm: { ...alarm, state: 'ALARM' }, history: history.slice(0, 1) }] })), undefined);
    assert.equal(transientSymptom(context({ ...recovered, workload: { ...whole, running: 5, pending: 1 } })), undefined);
    const failing: [number, number][] = [[onset, 12], [onset + 60_000, 9]];
    assert.equal(transientSymptom(context({ ...recovered, errorSeries: failing })), undefined);
  });
  it('a traffic spike is not the cause while the units the service asked for cannot be placed', () => {
    const unplaced = { at: onset - 20 * 60_000, message: '(service api) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 8e7d) has insufficient CPU units available.' };
    const short = { platform: 'ecs' as const, name: 'api', desired: 6, running: 4, pending: 0, events: [unplaced] };
    assert.match(blockedScaleOut(context({ workload: short })) ?? '', /api asked for 6 and runs 4: 1 placement failure\(s\) since 09:40/);
    const spike = { ...node, category: 'traffic-spike' as const };
    const outcome = checkVerdict({ node: spike, chain: [spike], chainEvidence: [evidence({ culprit: { kind: 'other', id: 'traffic' } })], descendants: [], context: context({ workload: short }), bar: 0.7, refuted: () => false });
    assert.ok(outcome.confidence < 0.7);
    // Whole, or short for a reason that is not placement: the spike may stand.
    assert.equal(blockedScaleOut(context({ workload: { ...short, running: 6 } })), undefined);
    assert.equal(blockedScaleOut(context({ workload: { ...short, events: [{ at: onset, message: '(service api) has reached a steady state.' }] } })), undefined);
  });
  it('a version whose deployment failed and was rolled back, with the page over, is no active failure', () => {
    const deployment = (taskDefinition: string, status: string, rolloutState: string, running: number) => ({ id: `ecs-svc/${taskDefinition}`, status, taskDefinition: `arn:aws:ecs:us-east-1:1:task-definition/${taskDefinition}`, desiredCount: 4, runningCount: running, createdAt: onset - 10 * 60_000, updatedAt: onset + 8 * 60_000, rolloutState });
    const service = { cluster: 'prod', serviceName: 'api', serviceArn: 'arn:s', status: 'ACTIVE', desiredCount: 4, runningCount: 4, pendingCount: 0, taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/api:41', deployments: [deployment('api:41', 'PRIMARY', 'COMPLETED', 4), deployment('api:42', 'ACTIVE', 'FAILED', 0)], events: [] };
    const change = { kind: 'deployment' as const, platform: 'ecs' as const, at: onset - 10 * 60_000, summary: 'api:41 -> api:42', fromVersion: 'api:41', toVersion: 'api:42', differences: [] };
    const alarm = { name: 'api-5xx', arn: 'arn:a', state: 'OK' as const, stateReason: 'r', namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', dimensions: {}, actionsEnabled: true, alarmActions: [] };
    const history = [
      { alarmName: 'api-5xx', timestamp: onset, from: 'OK' as const, to: 'ALARM' as const, summary: 'Alarm updated from OK to ALARM' },
      { alarmName: 'api-5xx', timestamp: onset + 9 * 60_000, from: 'ALARM' as const, to: 'OK' as const, summary: 'Alarm updated from ALARM to OK' },
    ];
    const undone = { service, changes: [change], alarms: [{ alarm, history }], alarmSeries: { alarm: 'api-5xx', label: 'l', points: [] } };
    assert.match(rolledBack(context(undone)) ?? '', /api:42 no longer runs: its deployment failed and was rolled back, api:41 runs 4\/4 .* alarm api-5xx is OK/);
    // The replaced deployment is gone from the service: its rollback event still tells.
    const eventOnly = { ...service, deployments: service.deployments.slice(0, 1), events: [{ id: 'e1', createdAt: onset + 7 * 60_000, message: '(service api) deployment ecs-svc/api:42 deployment failed: tasks failed to start. rolling back to deployment ecs-svc/api:41.' }] };
    assert.match(rolledBack(context({ ...undone, service: eventOnly })) ?? '', /api:42 no longer runs/);
    // The bad version still primary, nothing says it failed, or the page still open: an active failure.
    assert.equal(rolledBack(context({ ...undone, service: { ...service, deployments: [deployment('api:42', 'PRIMARY', 'IN_PROGRESS', 2)] } })), undefined);
    assert.equal(rolledBack(context({ ...undone, service: { ...service, deployments: service.deployments.slice(0, 1) } })), undefined);
    assert.equal(rolledBack(context({ ...undone, alarms: [{ alarm: { ...alarm, state: 'ALARM' }, history: history.slice(0, 1) }] })), undefined);
  });
});

describe('API calls per query', () => {
  it('counts every provider method call and passes properties through', async () => {
    const counter = new CallCounter();
    const providers = counter.wrap({ git: { repoRoot: '/r', getCommit: async () => undefined } } as unknown as ProviderSet);
    assert.equal((providers.git as unknown as { repoRoot: string }).repoRoot, '/r');
    await providers.git!.getCommit('abc');
    await providers.git!.getCommit('def');
    assert.equal(counter.calls, 2);
  });
});
