/**
 * The engine against the whole scenario corpus, through the sandbox and the real SDKs: the
 * accuracy bar of the method (≥ 90% right category and culprit), no case above 40 queries, and
 * the eval report's stable shape. Scenarios carry their truth; the engine never sees it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { culpritsMatch, evaluateScenarios, isCorrect } from '../../../src/sandbox/evaluate';
import { BUNDLED_SCENARIOS, loadBundledScenario } from '../../../src/sandbox/scenarios';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('scenario corpus', () => {
  it('gets ≥ 90% of cases right within 40 queries each', async () => {
    const report = await evaluateScenarios(Object.keys(BUNDLED_SCENARIOS).map(loadBundledScenario));
    const wrong = report.cases.filter((c) => !c.correct).map((c) => `${c.id}: expected ${JSON.stringify(c.expected)} got ${JSON.stringify(c.predicted)}${c.error ? ` (${c.error})` : ''}`);
    assert.ok(report.total >= 20, `${report.total} scenarios`);
    assert.ok(report.accuracy >= 0.9, `accuracy ${report.accuracy}\n${wrong.join('\n')}`);
    for (const c of report.cases) {
      assert.ok(c.queries <= 40, `${c.id} used ${c.queries} queries`);
      assert.deepEqual(Object.keys(c).filter((key) => key !== 'alternatives').slice(0, 7), ['id', 'expected', 'predicted', 'correct', 'confidence', 'queries', 'durationMs']);
    }
    assert.deepEqual(Object.keys(report), ['total', 'correct', 'accuracy', 'categoryCorrect', 'calibration', 'cases']);
  });
});

describe('scoring', () => {
  it('matches culprits by kind and normalised id', () => {
    assert.ok(culpritsMatch({ kind: 'commit', id: '8e62d2fc268b0000' }, { kind: 'commit', id: '8e62d2f' }));
    assert.ok(!culpritsMatch({ kind: 'commit', id: '8e62d2f' }, { kind: 'commit', id: '8e62d3f' }));
    assert.ok(culpritsMatch({ kind: 'task-definition', id: 'svc:41' }, { kind: 'task-definition', id: 'arn:aws:ecs:us-east-1:1:task-definition/svc:41' }));
    assert.ok(culpritsMatch({ kind: 'dependency', id: 'payments-api' }, { kind: 'dependency', id: 'payments-api.internal:443' }));
    assert.ok(!culpritsMatch({ kind: 'dependency', id: 'svc:41' }, { kind: 'task-definition', id: 'svc:41' }));
  });

  it('counts inconclusive right only when the truth is inconclusive', () => {
    assert.ok(isCorrect({ category: 'inconclusive', culprit: null }, { category: 'inconclusive', culprit: null }));
    assert.ok(!isCorrect({ category: 'inconclusive', culprit: null }, { category: 'oom', culprit: null }));
    assert.ok(!isCorrect({ category: 'oom', culprit: { kind: 'commit', id: 'abcdef1' } }, { category: 'oom', culprit: null }));
  });
});
