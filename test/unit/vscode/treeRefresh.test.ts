import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStream } from '../../../src/core/events';
import { applyEvent, emptyState } from '../../../src/core/state';
import { RefreshQueue, refreshTargetsFor, TREE_ROOT } from '../../../src/vscode/treeRefresh';
import { clock, demoEvents, hypothesis } from './fixtures';

test('each event refreshes only the nodes it changes', () => {
  const stream = new EventStream('INV-1', clock);
  const state = emptyState('INV-1');
  const targets: unknown[][] = [];
  stream.subscribe((event) => {
    applyEvent(state, event);
    targets.push(refreshTargetsFor(event, state));
  });
  for (const body of demoEvents()) stream.emit(body);
  assert.deepEqual(targets, [
    [TREE_ROOT], // started
    [TREE_ROOT], // H1 added at the root
    [TREE_ROOT], // H2 added at the root
    ['h:H1'], // H1 testing
    ['h:H1'], // H1a added under H1
    ['h:H1a', 'q:Q1'], // query planned
    ['q:Q1'], // query completed
    ['h:H1a'], // evidence
    ['h:H1a'], // evidence
    ['h:H2'], // pruned
    ['h:H1a'], // confirmed (not yet concluded)
    [TREE_ROOT], // conclusion
  ]);
});

test('the queue drops unrendered nodes and nodes under a refreshed ancestor', () => {
  const queue = new RefreshQueue();
  queue.add(['h:H1a', 'q:Q1', 'h:H1', 'h:H9']);
  const parents: Record<string, string> = { 'h:H1a': 'h:H1', 'q:Q1': 'h:H1a' };
  const rendered = new Set(['h:H1', 'h:H1a', 'q:Q1']);
  assert.deepEqual(
    queue.flush((key) => rendered.has(key), (key) => parents[key]),
    ['h:H1'],
  );
  assert.equal(queue.size, 0);
});

test('a root refresh supersedes everything else', () => {
  const queue = new RefreshQueue();
  queue.add(['h:H1', TREE_ROOT]);
  assert.deepEqual(
    queue.flush(() => true, () => undefined),
    [TREE_ROOT],
  );
});

test('150 hypotheses: one root refresh for the burst, then only the changed rows', () => {
  const stream = new EventStream('INV-BIG', clock);
  const state = emptyState('INV-BIG');
  const queue = new RefreshQueue();
  stream.subscribe((event) => {
    applyEvent(state, event);
    queue.add(refreshTargetsFor(event, state));
  });
  stream.emit(demoEvents()[0]!); // investigation.started
  for (let i = 0; i < 150; i += 1) stream.emit({ type: 'hypothesis.added', hypothesis: hypothesis({ id: `H${i}`, title: `hypothesis ${i}` }) });
  assert.deepEqual(queue.flush(() => true, () => undefined), [TREE_ROOT]);
  // Every node rendered; a burst of updates to 3 of them refreshes exactly those 3 rows.
  for (const id of ['H7', 'H70', 'H149']) stream.emit({ type: 'hypothesis.updated', hypothesisId: id, status: 'testing', confidence: 0.5, reason: 'testing' });
  stream.emit({ type: 'hypothesis.updated', hypothesisId: 'H7', status: 'pruned', confidence: 0.1, reason: 'no evidence' });
  assert.deepEqual(queue.flush(() => true, () => undefined), ['h:H7', 'h:H70', 'h:H149']);
});

test('judgements: prune refreshes its row and the root cause; a new root cause refreshes the tree', () => {
  const stream = new EventStream('INV-1', clock);
  const state = emptyState('INV-1');
  for (const body of demoEvents()) applyEvent(state, stream.emit(body));
  const prune = stream.emit({ type: 'user.judgement', hypothesisId: 'H2', judgement: 'prune', by: 'dana' });
  assert.deepEqual(refreshTargetsFor(prune, applyEvent(state, prune)), ['h:H2', 'rootCause']);
  const rootCause = stream.emit({ type: 'user.judgement', hypothesisId: 'H1', judgement: 'root-cause', by: 'dana' });
  assert.deepEqual(refreshTargetsFor(rootCause, applyEvent(state, rootCause)), [TREE_ROOT]);
});
