/**
 * The bundled evaluation corpus (src/sandbox/scenarios): every scenario parses, has a truth,
 * starts its sandbox (the Kubernetes ones with the Kubernetes emulator), answers through the
 * real providers and closes cleanly; together they cover every failure category, both
 * platforms and the hard cases (a provider that is down, 100k+ noisy log events, a failure
 * several hops away, an inconclusive incident).
 *
 * This reads `truth` on purpose: it checks the corpus, not the engine.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FAILURE_CATEGORIES } from '../../../src/core/model';
import { ProviderError } from '../../../src/providers/types';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { startSandbox } from '../../../src/sandbox/sandbox';
import type { Scenario } from '../../../src/sandbox/scenario/scenario';
import { BUNDLED_SCENARIOS, loadBundledScenario } from '../../../src/sandbox/scenarios';

const ids = Object.keys(BUNDLED_SCENARIOS).sort();
const scenarios = new Map<string, Scenario>(ids.map((id) => [id, loadBundledScenario(id)]));
const all = [...scenarios.values()];
const isKubernetes = (scenario: Scenario) => scenario.incident.target.platform === 'kubernetes';

/** The hard cases the corpus must contain (issue #3), by scenario id. */
const HARD_CASES = {
  redHerringDeploy: 'ecs-tickets-onsale-traffic-spike',
  twoChanges: ['ecs-cart-promo-regression', 'k8s-statements-heap-flag-oomkilled'],
  providerDown: ['ecs-report-worker-image-missing', 'k8s-node-memory-pressure-evictions'],
  noisyLogs: 'ecs-shipping-carrier-429-noisy',
  severalHops: 'ecs-checkout-catalog-db-three-hops',
  inconclusive: 'ecs-accounts-latency-inconclusive',
} as const;

const MINUTE = 60_000;

describe('evaluation corpus: shape and coverage', () => {
  it('has at least 20 scenarios, at least 8 of them on Kubernetes and the rest on ECS', () => {
    assert.ok(all.length >= 20, `${all.length} scenarios`);
    const kubernetes = all.filter(isKubernetes).length;
    assert.ok(kubernetes >= 8, `${kubernetes} Kubernetes scenarios`);
    for (const scenario of all.filter((s) => !isKubernetes(s))) {
      const target = scenario.incident.target;
      assert.equal(target.platform, 'ecs', scenario.id);
      if (target.platform !== 'ecs') continue;
      assert.ok(target.logGroup && scenario.world.logs.groups.some((group) => group.name === target.logGroup), `${scenario.id}: ECS incidents log to CloudWatch`);
    }
  });

  it('covers every failure category (except "unknown") and an inconclusive case', () => {
    const covered = new Set<string>(all.map((scenario) => scenario.truth.category));
    const expected: string[] = [...FAILURE_CATEGORIES.filter((category) => category !== 'unknown'), 'inconclusive'];
    const missing = expected.filter((category) => !covered.has(category));
    assert.deepEqual(missing, []);
  });

  for (const scenario of all) {
    it(`${scenario.id}: has a truth with a culprit (unless inconclusive), a remediation and notes`, () => {
      const { truth } = scenario;
      if (truth.category === 'inconclusive') assert.equal(truth.culprit, undefined);
      else assert.ok(truth.culprit && truth.culprit.id.trim(), 'culprit');
      assert.ok(truth.remediation && truth.remediation.length > 10, 'remediation');
      assert.ok(truth.notes && truth.notes.length > 20, 'notes');
    });

    // docs/scenarios.md: the investigation starts 10–30 minutes after the alert; an hour at most.
    it(`${scenario.id}: is investigated 10–60 minutes after the incident started`, () => {
      const minutes = (Date.parse(scenario.clock.now) - Date.parse(scenario.incident.startedAt)) / MINUTE;
      assert.ok(minutes >= 10 && minutes <= 60, `${minutes} minutes`);
    });
  }

  it('contains the hard cases', () => {
    for (const id of [HARD_CASES.redHerringDeploy, ...HARD_CASES.twoChanges, ...HARD_CASES.providerDown, HARD_CASES.noisyLogs, HARD_CASES.severalHops, HARD_CASES.inconclusive]) {
      assert.ok(scenarios.has(id), `missing ${id}`);
    }
    assert.equal(scenarios.get(HARD_CASES.inconclusive)!.truth.category, 'inconclusive');

    // Red herring: a deploy shortly (< 15 min) before the incident, and a culprit that is not a deploy.
    const herring = scenarios.get(HARD_CASES.redHerringDeploy)!;
    const started = Date.parse(herring.incident.startedAt);
    const deploys = herring.world.ecs.clusters.flatMap((c) => c.services.flatMap((s) => s.deployments)).map((d) => Date.parse(d.createdAt));
    assert.ok(deploys.some((at) => at < started && started - at < 15 * MINUTE), 'a deploy right before the incident');
    assert.ok(!['commit', 'task-definition', 'replicaset'].includes(herring.truth.culprit!.kind), 'the deploy is not the culprit');

    // Provider down: a fault without `times`, i.e. for the whole run.
    for (const id of HARD_CASES.providerDown) {
      assert.ok(scenarios.get(id)!.world.faults.some((fault) => fault.error && fault.times === undefined), `${id}: a permanent fault`);
    }

    // Several hops: target → B → C in the service map, C with its own logs, culprit C.
    const hops = scenarios.get(HARD_CASES.severalHops)!;
    const map = hops.world.serviceMap!.services;
    const target = hops.incident.service;
    const chain = map[target].dependsOn.flatMap((b) => (map[b]?.dependsOn ?? []).map((c) => [b, c]));
    const culprit = hops.truth.culprit!;
    assert.equal(culprit.kind, 'dependency');
    assert.ok(chain.some(([, c]) => c === culprit.id && map[c]?.logGroup), `${target} → … → ${culprit.id} with a log group`);
  });
});

describe('evaluation corpus: every scenario runs in its sandbox', { concurrency: 4 }, () => {
  for (const scenario of all) {
    it(`${scenario.id}: starts its emulators, answers through the real providers and closes`, async () => {
      const handle = await startSandbox({ scenario: structuredClone(scenario) });
      let closed = false;
      try {
        const providers = sandboxProviders(handle);
        const culprit = handle.scenario.truth.culprit;
        if (culprit?.kind === 'commit') assert.match(culprit.id, /^[0-9a-f]{40}$/, 'the culprit commit resolves to a materialized sha');
        const target = handle.incident.target;
        if (target.platform === 'kubernetes') {
          assert.ok(handle.kubernetes, 'the Kubernetes emulator runs');
          if (target.deployment) {
            const deployment = await providers.kubernetes!.getDeployment(target.namespace, target.deployment);
            assert.equal(deployment.name, target.deployment);
          } else {
            const workload = await providers.kubernetes!.getObject(target.kind as 'StatefulSet', target.namespace, target.name);
            assert.equal(workload.name, target.name);
          }
          assert.ok((await providers.kubernetes!.listPods(target.namespace)).length > 0, 'pods');
        } else {
          assert.equal(handle.kubernetes, undefined);
          const service = await providers.ecs!.describeService(target.cluster, target.service);
          assert.equal(service.serviceName, target.service);
        }
        assert.ok((await providers.git!.commitsBetween('2000-01-01T00:00:00Z', scenario.clock.now)).length > 0, 'a git history');
        const repoDir = handle.repoDir;
        await handle.close();
        closed = true;
        assert.equal(existsSync(repoDir), false, 'the temp repository is removed');
      } finally {
        if (!closed) await handle.close();
      }
    });
  }
});

describe('evaluation corpus: hard cases, through the providers', () => {
  it(`${HARD_CASES.noisyLogs}: more than 100,000 events between the incident start and now`, async () => {
    const scenario = scenarios.get(HARD_CASES.noisyLogs)!;
    const target = scenario.incident.target;
    assert.equal(target.platform, 'ecs');
    if (target.platform !== 'ecs') return;
    const handle = await startSandbox({ scenario: structuredClone(scenario) });
    try {
      const { logs } = sandboxProviders(handle);
      const result = await logs!.insights({
        logGroups: [target.logGroup!],
        queryString: 'stats count(*) as events',
        startTime: Date.parse(scenario.incident.startedAt),
        endTime: Date.parse(scenario.clock.now),
      });
      assert.equal(result.status, 'Complete');
      const events = Number(result.rows[0]?.events);
      assert.ok(events >= 100_000, `${events} events in the incident window`);
    } finally {
      await handle.close();
    }
  });

  for (const id of HARD_CASES.providerDown) {
    it(`${id}: the faulted provider fails for the whole run, the others answer`, async () => {
      const scenario = scenarios.get(id)!;
      const handle = await startSandbox({ scenario: structuredClone(scenario) });
      try {
        const providers = sandboxProviders(handle);
        const target = handle.incident.target;
        const now = Date.parse(scenario.clock.now);
        if (target.platform === 'ecs') {
          for (let attempt = 0; attempt < 3; attempt++) {
            await assert.rejects(
              providers.logs!.filterLogEvents({ logGroup: target.logGroup!, startTime: now - 30 * MINUTE, endTime: now, limit: 10 }),
              (error: unknown) => error instanceof ProviderError && error.kind === 'throttled',
            );
          }
          const stopped = await providers.ecs!.listTasks(target.cluster, target.service, 'STOPPED');
          assert.ok(stopped.some((task) => task.stoppedReason?.startsWith('CannotPullContainerError')));
        } else {
          const pods = await providers.kubernetes!.listPods(target.namespace);
          for (let attempt = 0; attempt < 3; attempt++) {
            await assert.rejects(providers.kubernetes!.podLogs(target.namespace, pods[attempt].name, { tailLines: 10 }), ProviderError);
          }
          assert.ok(pods.some((pod) => pod.reason === 'Evicted'));
          assert.ok((await providers.kubernetes!.listNodes()).some((node) => node.conditions.some((c) => c.type === 'MemoryPressure' && c.status === 'True')));
        }
      } finally {
        await handle.close();
      }
    });
  }
});
