import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildEvidenceView } from '../../../src/vscode/evidenceView';
import { demoState, ROLLBACK, STACK_EVIDENCE } from './fixtures';

test('the root cause view carries factors, evidence, code and commit links and remediations', () => {
  const view = buildEvidenceView(demoState(), { kind: 'rootCause' }, false);
  assert.ok(view);
  assert.equal(view.kindLabel, 'Root cause');
  assert.equal(view.title, 'Unbounded thumbnail cache exhausts task memory');
  assert.equal(view.status, 'confirmed');
  assert.equal(view.confidence, 92);
  assert.deepEqual(
    view.factors.map((factor) => [factor.name, factor.percent]),
    [
      ['strength', 100],
      ['temporal', 100],
      ['corroboration', 80],
      ['specificity', 100],
    ],
  );
  assert.deepEqual(view.codeLinks[0], { evidenceId: 'E1', index: 0, label: 'thumbnailCache.js:42', detail: 'getThumbnail (/app/src/cache/thumbnailCache.js)' });
  assert.equal(view.commits[0]?.shortSha, 'abc1234');
  assert.equal(view.remediations[0]?.apiCall, ROLLBACK.apiCall);
  assert.equal(view.incident?.id, 'INC-1042');
});

test('a hypothesis view lists its evidence with the raw excerpt untouched, and its queries', () => {
  const view = buildEvidenceView(demoState(), { kind: 'hypothesis', hypothesisId: 'H1a' }, true);
  assert.ok(view);
  assert.equal(view.live, true);
  assert.equal(view.evidence[0]?.excerpt, STACK_EVIDENCE.excerpt);
  assert.deepEqual(view.evidence[0]?.data, [
    { key: 'count', value: '312' },
    { key: 'rate', value: '0.4' },
  ]);
  assert.equal(view.queries[0]?.label, 'filterLogEvents /ecs/image-resizer');
  assert.equal(view.commits.length, 1);
});

test('an evidence view and unknown nodes', () => {
  const state = demoState();
  const view = buildEvidenceView(state, { kind: 'evidence', evidenceId: 'E1' }, false);
  assert.equal(view?.rationale, 'For hypothesis: Thumbnail cache grows without bound');
  assert.equal(view?.codeLinks.length, 2);
  assert.equal(buildEvidenceView(state, { kind: 'hypothesis', hypothesisId: 'nope' }, false), undefined);
  assert.equal(buildEvidenceView(demoState({ conclude: false }), { kind: 'rootCause' }, false), undefined);
});
