import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeMarkdown, presentNode, statusDescription, truncate } from '../../../src/vscode/treePresentation';
import { TreeNodeCache, rootNodes, childNodes } from '../../../src/vscode/treeNodes';
import { demoState } from './fixtures';

test('hypotheses show status and confidence, with a status codicon and theme color', () => {
  const state = demoState();
  const confirmed = presentNode(state, { kind: 'hypothesis', key: 'h:H1a', hypothesisId: 'H1a', parentKey: 'h:H1' }, false);
  assert.equal(confirmed.label, 'Thumbnail cache grows without bound');
  assert.equal(confirmed.description, 'confirmed · 92%');
  assert.deepEqual(confirmed.icon, { id: 'pass-filled', color: 'testing.iconPassed' });
  assert.equal(confirmed.contextValue, 'hypothesis.confirmed');
  assert.equal(confirmed.command?.id, 'runbook.showEvidence');
  assert.match(confirmed.tooltip ?? '', /\| Evidence strength \| 100% \|/);

  const pruned = presentNode(state, { kind: 'hypothesis', key: 'h:H2', hypothesisId: 'H2' }, false);
  assert.deepEqual(pruned.icon, { id: 'circle-slash', color: 'disabledForeground' });
});

test('a testing hypothesis spins only while the investigation runs', () => {
  const state = demoState({ conclude: false });
  const node = { kind: 'hypothesis', key: 'h:H1', hypothesisId: 'H1' } as const;
  assert.equal(presentNode(state, node, true).icon.id, 'loading~spin');
  assert.notEqual(presentNode(state, node, false).icon.id, 'loading~spin');
});

test('the root cause node, its code link, commit and remediation', () => {
  const state = demoState();
  const cache = new TreeNodeCache();
  const [rootCause] = rootNodes(state, cache);
  const root = presentNode(state, rootCause!, false);
  assert.equal(root.label, 'Root cause: Unbounded thumbnail cache exhausts task memory');
  assert.equal(root.description, 'confirmed · 92%');
  assert.equal(root.contextValue, 'rootCause');

  const children = childNodes(state, rootCause!, cache).map((node) => presentNode(state, node, false));
  const code = children.find((item) => item.contextValue === 'evidence.code');
  assert.equal(code?.label, 'thumbnailCache.js:42');
  assert.equal(code?.command?.id, 'runbook.jumpToCode');
  const commit = children.find((item) => item.contextValue === 'commit');
  assert.equal(commit?.label, `abc1234 ${truncate('Keep thumbnails cached in memory for faster responses', 48)}`);
  assert.match(commit?.label ?? '', /^abc1234 Keep thumbnails cached .*…$/);
  assert.equal(commit?.command?.id, 'runbook.showCommit');
  const remediation = children.find((item) => item.contextValue === 'remediation');
  assert.equal(remediation?.label, 'Roll back to image-resizer:41');
  assert.equal(remediation?.description, 'risk: high');
});

test('a decided remediation loses the Apply context value', () => {
  const state = demoState();
  state.remediations.R1 = { decision: 'approved', executed: { ok: true, detail: 'done' } };
  const item = presentNode(state, { kind: 'remediation', key: 'r:R1', remediationId: 'R1', parentKey: 'rootCause' }, false);
  assert.equal(item.contextValue, 'remediation.decided');
  assert.equal(item.description, 'approved · applied');
});

test('evidence shows its strength; untrusted text is escaped in tooltips', () => {
  const state = demoState();
  const item = presentNode(state, { kind: 'evidence', key: 'h:H1a/e:E1', evidenceId: 'E1', parentKey: 'h:H1a' }, false);
  assert.equal(item.description, 'strong');
  assert.equal(item.icon.id, 'star-full');
  assert.equal(escapeMarkdown('[x](command:evil) <b>'), '\\[x\\]\\(command:evil\\) &lt;b&gt;');
});

test('statusDescription rounds the confidence to a percentage', () => {
  assert.equal(statusDescription('supported', 0.456), 'supported · 46%');
});
