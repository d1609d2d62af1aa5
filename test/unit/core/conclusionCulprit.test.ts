/**
 * The culprit a confirmed chain names: the deepest node that names one, within it the most
 * specific kind, then the chain's commits, then the version it dated the failure to; a
 * dependency broken by its own new version makes the conclusion a bad deploy.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseCulprit, culpritRank } from '../../../src/core/engine/conclusionCulprit';
import type { Culprit, Evidence, HypothesisNode } from '../../../src/core/model';
import type { ChangeRecord } from '../../../src/core/reasoner/types';

const node = (id: string, evidenceIds: string[]): HypothesisNode =>
  ({ id, depth: id.split('.').length - 1, category: 'dependency', title: id, rationale: '', prior: 0.5, status: 'supported', confidence: 0.8, evidenceIds, queryIds: [] }) as HypothesisNode;
const evidence = (id: string, kind: Evidence['kind'], culprit?: Culprit): Evidence =>
  ({ id, hypothesisId: 'H1', source: 'kubernetes', kind, strength: 'strong', supports: true, summary: id, culprit }) as Evidence;
const change: ChangeRecord = { kind: 'deployment', platform: 'kubernetes', at: 0, summary: 'rollout', differences: [], fromVersion: 'api-5d8f', toVersion: 'api-7c9b' };
const commit = { sha: 'a'.repeat(40), shortSha: 'aaaaaaa', subject: 'change', author: 'dev', date: '2026-05-07', files: [] };

describe('conclusion culprit', () => {
  it('the deepest node that names a culprit wins over its parents, whatever their kind', () => {
    const chain = [node('H1', ['E1']), node('H1.1', ['E2'])];
    const choice = chooseCulprit({ chain, evidence: [evidence('E1', 'deployment', { kind: 'commit', id: 'abc' }), evidence('E2', 'log-pattern', { kind: 'dependency', id: 'redis' })], commits: [] });
    assert.deepEqual(choice.culprit, { kind: 'dependency', id: 'redis' });
  });

  it('within that node, a version beats the dependency it broke, in either order', () => {
    const dependency = evidence('E1', 'log-pattern', { kind: 'dependency', id: 'payments' });
    const version = evidence('E2', 'deployment', { kind: 'replicaset', id: 'payments-7c9b' });
    for (const list of [[dependency, version], [version, dependency]]) {
      const choice = chooseCulprit({ chain: [node('H1', list.map((e) => e.id))], evidence: list, commits: [] });
      assert.deepEqual(choice.culprit, { kind: 'replicaset', id: 'payments-7c9b' });
    }
    assert.ok(culpritRank({ kind: 'commit', id: 'x' }) > culpritRank({ kind: 'config', id: 'x' }));
    assert.ok(culpritRank({ kind: 'config', id: 'x' }) > culpritRank({ kind: 'task-definition', id: 'x' }));
    assert.ok(culpritRank({ kind: 'pod', id: 'x' }) > culpritRank({ kind: 'dependency', id: 'x' }));
  });

  it('without a named culprit: the chain\'s first commit, then the version the failure was dated to', () => {
    const chain = [node('H1', ['E1'])];
    const plain = [evidence('E1', 'log-pattern')];
    assert.deepEqual(chooseCulprit({ chain, evidence: plain, commits: [commit], change }).culprit, { kind: 'commit', id: commit.sha });
    assert.deepEqual(chooseCulprit({ chain, evidence: plain, commits: [], change }).culprit, { kind: 'replicaset', id: 'api-7c9b' });
    assert.deepEqual(chooseCulprit({ chain, evidence: plain, commits: [], change: { ...change, platform: 'ecs', toVersion: 'api:42' } }).culprit, { kind: 'task-definition', id: 'api:42' });
    assert.equal(chooseCulprit({ chain, evidence: plain, commits: [] }).culprit, undefined);
  });

  it('a dependency broken by its own new version is a bad deploy; the same version found by another rule keeps its category', () => {
    const found = [evidence('E1', 'log-pattern', { kind: 'dependency', id: 'payments' }), evidence('E2', 'deployment', { kind: 'replicaset', id: 'payments-7c9b' })];
    const chain = [node('H1', ['E1', 'E2'])];
    assert.equal(chooseCulprit({ chain, evidence: found, commits: [], rule: 'dependency-cause' }).category, 'bad-deploy');
    assert.equal(chooseCulprit({ chain, evidence: found, commits: [], rule: 'mode:oom' }).category, undefined);
    // A dependency named by log evidence alone is not a deploy.
    assert.equal(chooseCulprit({ chain, evidence: found.slice(0, 1), commits: [], rule: 'dependency-cause' }).category, undefined);
  });
});
