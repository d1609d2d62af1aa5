import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  childNodes,
  findCommit,
  hasChildren,
  nodeForHypothesis,
  parentNode,
  rootCauseCodeLocations,
  rootCauseEvidence,
  rootNodes,
  TreeNodeCache,
  type TreeNode,
} from '../../../src/vscode/treeNodes';
import { COMMIT, demoState } from './fixtures';

const keys = (nodes: TreeNode[]): string[] => nodes.map((node) => node.key);

test('roots are the root cause (once concluded) then the top-level hypotheses', () => {
  const cache = new TreeNodeCache();
  assert.deepEqual(keys(rootNodes(demoState({ conclude: false }), cache)), ['h:H1', 'h:H2']);
  assert.deepEqual(keys(rootNodes(demoState(), new TreeNodeCache())), ['rootCause', 'h:H1', 'h:H2']);
});

test('nodes are the same instances on every call (VS Code refreshes by identity)', () => {
  const state = demoState();
  const cache = new TreeNodeCache();
  const first = rootNodes(state, cache);
  const second = rootNodes(state, cache);
  first.forEach((node, index) => assert.equal(node, second[index]));
});

test('a hypothesis lists its sub-hypotheses, then evidence, then queries', () => {
  const state = demoState();
  const cache = new TreeNodeCache();
  const [, h1] = rootNodes(state, cache);
  const [h1a] = childNodes(state, h1!, cache);
  assert.equal(h1a?.key, 'h:H1a');
  assert.deepEqual(keys(childNodes(state, h1a!, cache)), ['h:H1a/e:E1', 'h:H1a/e:E2', 'q:Q1']);
  assert.equal(parentNode(h1a!, cache), h1);
});

test('evidence lists its code locations and commits', () => {
  const state = demoState();
  const cache = new TreeNodeCache();
  const evidence: TreeNode = cache.get({ kind: 'evidence', key: 'h:H1a/e:E1', evidenceId: 'E1', parentKey: 'h:H1a' });
  assert.ok(hasChildren(state, evidence));
  assert.deepEqual(
    childNodes(state, evidence, cache).map((node) => node.kind),
    ['codeLocation', 'codeLocation'],
  );
});

test('the root cause lists its evidence, code location, commits and remediations', () => {
  const state = demoState();
  const cache = new TreeNodeCache();
  const [rootCause] = rootNodes(state, cache);
  const children = childNodes(state, rootCause!, cache);
  assert.deepEqual(
    children.map((node) => node.kind),
    ['evidence', 'evidence', 'codeLocation', 'codeLocation', 'commit', 'remediation'],
  );
  assert.ok(children.every((node) => node.parentKey === 'rootCause'));
});

test('root-cause code locations are distinct and come from the lineage', () => {
  const located = rootCauseCodeLocations(demoState());
  assert.deepEqual(
    located.map(({ location }) => `${location.path}:${location.line}`),
    ['/app/src/cache/thumbnailCache.js:42', '/app/src/handlers/resize.js:10'],
  );
});

test('nodeForHypothesis caches the ancestors reveal() walks through', () => {
  const state = demoState();
  const cache = new TreeNodeCache();
  const node = nodeForHypothesis(state, 'H1a', cache);
  assert.equal(node?.parentKey, 'h:H1');
  assert.ok(cache.has('h:H1'));
});

test('findCommit accepts full and short shas', () => {
  const state = demoState();
  assert.equal(findCommit(state, COMMIT.sha)?.subject, COMMIT.subject);
  assert.equal(findCommit(state, 'abc1234')?.sha, COMMIT.sha);
  assert.equal(findCommit(state, 'ffff000'), undefined);
});

test('the root cause rests on the supporting evidence of its whole chain, top first', () => {
  const state = demoState();
  state.evidence.E0 = { id: 'E0', hypothesisId: 'H1', source: 'ecs', kind: 'stopped-tasks', strength: 'strong', supports: true, summary: 'OutOfMemoryError: 6 tasks stopped' };
  state.evidence.E9 = { id: 'E9', hypothesisId: 'H1', source: 'ecs', kind: 'service-events', strength: 'weak', supports: false, summary: 'refutes' };
  state.hypotheses.H1!.evidenceIds.push('E0', 'E9');
  assert.deepEqual(
    rootCauseEvidence(state).map((evidence) => evidence.id),
    ['E0', 'E1', 'E2'],
  );
});
