/**
 * What a dead container said last: the wide log overview keeps failure lines the overview's
 * terms miss and each dead container's final lines, reads init containers that failed, and
 * leaves containers that never started alone. Read through the real Kubernetes client against
 * the emulator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logWindows, OVERVIEW_TERMS, renderLogQuery } from '../../../src/core/engine/logQueries';
import { executeQuery } from '../../../src/core/engine/queryExecutor';
import type { QuerySpec } from '../../../src/core/model';
import type { QueryResult } from '../../../src/core/reasoner/types';
import type { ProviderSet } from '../../../src/providers/types';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/sandbox';
import { parseScenario } from '../../../src/sandbox/scenario/scenario';
import { INIT_POD, JOB, JOB_POD, k8sObjectsScenario } from '../sandbox/k8sObjectsScenario';

const now = Date.parse('2026-01-15T12:00:00Z');
const onset = Date.parse('2026-01-15T11:30:00Z');
const RESOLVE = 'curl: (6) Could not resolve host: feeds.vendor.example';

type Pods = { name: string; containers?: Record<string, unknown>[]; initContainerStatuses?: Record<string, unknown>[] }[];

describe('wide pod-log overview: last words and taxonomy lines', () => {
  let handle: SandboxHandle;
  let providers: ProviderSet;
  before(async () => {
    const input = k8sObjectsScenario();
    const pods = input.world.kubernetes!.namespaces[0].pods as unknown as Pods;
    // The job's container dies after a line no overview term matches.
    pods.find((p) => p.name === JOB_POD)!.containers![0]!.logs = [
      { at: '2026-01-15T11:05:20Z', message: 'fetching https://feeds.vendor.example/daily.csv' },
      { at: '2026-01-15T11:05:40Z', message: 'retrying in 5s' },
      { at: '2026-01-15T11:05:49Z', message: RESOLVE },
    ];
    // The migration pod's init container failed: its own words explain the pod.
    pods.find((p) => p.name === INIT_POD)!.initContainerStatuses = [
      { name: 'wait-for-db', ready: false, state: 'terminated', reason: 'Error', exitCode: 1, startedAt: '2026-01-15T11:50:05Z', finishedAt: '2026-01-15T11:50:09Z', logs: [{ at: '2026-01-15T11:50:08Z', message: 'nc: bad address \'orders-db\'' }] },
    ];
    // A Deployment labelled the kompose way: nothing of it is `app=geo`.
    const shop = input.world.kubernetes!.namespaces[0] as unknown as { deployments: unknown[]; pods: unknown[] };
    shop.deployments.push({ name: 'geo', labels: { 'io.kompose.service': 'geo' }, replicas: 1, revision: 1, createdAt: '2026-01-10T09:00:00Z', replicaSets: [{ name: 'geo-5f6d7c8b9', revision: 1, replicas: 1, createdAt: '2026-01-10T09:00:00Z', containers: [{ name: 'geo', image: 'registry.example/geo:1.0' }] }] });
    shop.pods.push({ name: 'geo-5f6d7c8b9-h2k4m', replicaSet: 'geo-5f6d7c8b9', phase: 'Running', createdAt: '2026-01-10T09:01:00Z', containers: [{ name: 'geo', ready: true, state: 'running', startedAt: '2026-01-10T09:01:00Z' }] });
    handle = await startSandbox({ scenario: parseScenario(input) });
    providers = sandboxProviders(handle);
  });
  after(() => handle.close());

  const overview = async (selector: string, wide: boolean): Promise<Extract<QueryResult, { operation: 'logs.compareWindows' }>> => {
    const windows = logWindows({ onset: Date.parse('2026-01-15T11:10:00Z'), now });
    const query: QuerySpec = { id: 'Q1', hypothesisId: 'context', rationale: 'test', ...renderLogQuery({ kind: 'pods', namespace: 'shop', labelSelector: selector }, OVERVIEW_TERMS, windows, { wide }) };
    const result = await executeQuery(query, providers, { maxLogEvents: 500, maxPods: 5, now });
    assert.equal(result.operation, 'logs.compareWindows');
    return result as Extract<QueryResult, { operation: 'logs.compareWindows' }>;
  };

  it('keeps a failure line the terms miss, and the dead container\'s last lines by unit', async () => {
    const narrow = await overview(`job-name=${JOB}`, false);
    assert.deepEqual(narrow.incident.map((e) => e.message), [], 'no overview term matches these lines');
    assert.equal(narrow.lastWords, undefined);
    const wide = await overview(`job-name=${JOB}`, true);
    assert.ok(wide.incident.some((e) => e.message === RESOLVE), 'the taxonomy knows curl exit 6');
    assert.deepEqual(wide.lastWords, { [`${JOB_POD}/exporter`]: ['fetching https://feeds.vendor.example/daily.csv', 'retrying in 5s', RESOLVE] });
  });

  it('reads an init container that failed and skips a container that never started', async () => {
    const wide = await overview('app=checkout-migrate', true);
    // `migrate` waits in PodInitializing: reading it would be a 400, not evidence.
    assert.deepEqual(wide.lastWords, { [`${INIT_POD}/wait-for-db (init)`]: ["nc: bad address 'orders-db'"] });
    assert.deepEqual(wide.incident.map((e) => e.logStream), [`${INIT_POD}/wait-for-db (init)`]);
  });

  it('`deployment:NAME` reads the pods of that Deployment by its own selector; no such Deployment, `app=NAME`', async () => {
    const pods = async (selector: string) => {
      const result = await executeQuery({ id: 'Q2', hypothesisId: 'H1', provider: 'kubernetes', operation: 'k8s.pods', target: `shop/${selector}`, params: {}, rationale: 'test' }, providers, { maxLogEvents: 500, maxPods: 5, now });
      assert.equal(result.operation, 'k8s.pods');
      return (result as Extract<QueryResult, { operation: 'k8s.pods' }>).pods.map((p) => p.name).sort();
    };
    assert.deepEqual(await pods('app=geo'), [], 'geo is not labelled app=geo');
    assert.deepEqual(await pods('deployment:geo'), ['geo-5f6d7c8b9-h2k4m']);
    // orders-db is a StatefulSet: the common label still finds its pods.
    assert.deepEqual(await pods('deployment:orders-db'), await pods('app=orders-db'));
  });

  it('a CloudWatch overview stays a server-side filter: wide is not sent', () => {
    const query = renderLogQuery({ kind: 'cloudwatch', logGroup: '/ecs/x' }, OVERVIEW_TERMS, logWindows({ onset, now }), { wide: true });
    assert.equal(query.params.wide, undefined);
  });
});
