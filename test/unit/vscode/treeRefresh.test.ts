import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStream } from '../../../src/core/events';
import { applyEvent, emptyState } from '../../../src/core/state';
import { RefreshQueue, refreshTargetsFor, TREE_ROOT } from '../../../src/vscode/treeRefresh';
import { clock, demoEvents } from './fixtures';

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
