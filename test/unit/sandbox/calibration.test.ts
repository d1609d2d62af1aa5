import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calibrationOf, formatCalibration } from '../../../src/sandbox/calibration';
import { isCorrect } from '../../../src/sandbox/evaluate';

describe('calibration of an evaluation', () => {
  const cases = [
    { correct: true, confidence: 0.9, inconclusive: false },
    { correct: false, confidence: 0.82, inconclusive: false },
    { correct: false, confidence: 0.72, inconclusive: false },
    { correct: true, confidence: 0.4, inconclusive: true },
    { correct: false, confidence: 0.6, inconclusive: true },
  ];

  it('counts confident wrong answers apart from honest inconclusive ones', () => {
    const c = calibrationOf(cases, 0.7);
    assert.equal(c.confidentlyWrong, 2);
    assert.equal(c.confidentlyWrongRate, 0.4);
    assert.equal(c.inconclusive, 2);
  });

  it('scores the stated confidence of committed answers with the Brier score', () => {
    const c = calibrationOf(cases, 0.7);
    // (0.9-1)² + 0.82² + 0.72² over 3
    assert.equal(c.brier, Math.round(((0.1 ** 2 + 0.82 ** 2 + 0.72 ** 2) / 3) * 1000) / 1000);
    assert.equal(calibrationOf([{ correct: false, confidence: 0, inconclusive: true }], 0.7).brier, null);
  });

  it('buckets every case by confidence with its accuracy', () => {
    const c = calibrationOf(cases, 0.7);
    const bucket = (from: number) => c.reliability.find((b) => b.from === from)!;
    assert.deepEqual([bucket(0).cases, bucket(0).correct], [1, 1]);
    assert.deepEqual([bucket(0.5).cases, bucket(0.7).cases, bucket(0.8).cases, bucket(0.9).cases], [1, 1, 1, 1]);
    assert.equal(bucket(0.9).accuracy, 1);
    assert.equal(bucket(0.8).accuracy, 0);
    assert.equal(c.reliability.reduce((s, b) => s + b.cases, 0), cases.length);
    assert.match(formatCalibration(c).join('\n'), /confidently wrong \(≥ 70%\)\s+2 \(40\.0% of cases/);
  });

  it('an inconclusive truth is matched only by an inconclusive answer', () => {
    assert.equal(isCorrect({ category: 'inconclusive', culprit: null }, { category: 'inconclusive', culprit: null }), true);
    assert.equal(isCorrect({ category: 'inconclusive', culprit: null }, { category: 'oom', culprit: null }), false);
    assert.equal(isCorrect({ category: 'dns', culprit: { kind: 'dependency', id: 'payments.internal' } }, { category: 'dns', culprit: { kind: 'dependency', id: 'payments' } }), true);
  });
});
