import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeConfidence, UNSUPPORTED_CAP } from '../../../src/core/engine/confidence';
import type { Evidence, HypothesisNode } from '../../../src/core/model';

const onset = Date.parse('2026-11-20T10:16:00Z');
const node = (depth = 0): HypothesisNode => ({ id: 'H1', depth, category: 'oom', title: 't', rationale: 'r', prior: 0.9, status: 'testing', confidence: 0.9, evidenceIds: [], queryIds: [] });
let next = 0;
const ev = (over: Partial<Evidence>): Evidence => ({
  id: `E${++next}`,
  hypothesisId: 'H1',
  source: 'ecs',
  kind: 'stopped-tasks',
  strength: 'strong',
  supports: true,
  summary: 's',
  observedAt: '2026-11-20T10:18:00Z',
  ...over,
});

describe('computeConfidence', () => {
  it('caps a hypothesis without supporting evidence, whatever its prior', () => {
    const result = computeConfidence({ node: node(), evidence: [ev({ supports: false, strength: 'weak' })], onset, changeAt: onset - 4 * 60_000, unavailableSources: 0 });
    assert.ok(result.confidence <= UNSUPPORTED_CAP, `got ${result.confidence}`);
    assert.match(result.factors.explanation.join(' '), /nothing supports it/);
  });

  it('orders strong > weak, corroborated > single source, recent change > old change', () => {
    const strong = computeConfidence({ node: node(), evidence: [ev({})], onset, unavailableSources: 0 }).confidence;
    const weak = computeConfidence({ node: node(), evidence: [ev({ strength: 'weak' })], onset, unavailableSources: 0 }).confidence;
    const corroborated = computeConfidence({ node: node(), evidence: [ev({}), ev({ source: 'cloudwatch-logs', kind: 'log-pattern' })], onset, unavailableSources: 0 }).confidence;
    const recentChange = computeConfidence({ node: node(), evidence: [ev({})], onset, changeAt: onset - 5 * 60_000, unavailableSources: 0 }).confidence;
    const oldChange = computeConfidence({ node: node(), evidence: [ev({})], onset, changeAt: onset - 20 * 3_600_000, unavailableSources: 0 }).confidence;
    assert.ok(strong > weak, `strong ${strong} > weak ${weak}`);
    assert.ok(corroborated > strong, `corroborated ${corroborated} > single ${strong}`);
    assert.ok(recentChange > oldChange, `recent ${recentChange} > old ${oldChange}`);
  });

  it('refuting evidence and unavailable sources lower confidence and say so', () => {
    const base = computeConfidence({ node: node(), evidence: [ev({})], onset, unavailableSources: 0 });
    const refuted = computeConfidence({ node: node(), evidence: [ev({}), ev({ supports: false, strength: 'strong', source: 'git' })], onset, unavailableSources: 0 });
    const degraded = computeConfidence({ node: node(), evidence: [ev({})], onset, unavailableSources: 1 });
    assert.ok(refuted.confidence < base.confidence);
    assert.ok(degraded.confidence < base.confidence);
    assert.match(degraded.factors.explanation.join(' '), /could not be read/);
  });

  it('deeper hypotheses that name a culprit are more specific', () => {
    const shallow = computeConfidence({ node: node(0), evidence: [ev({})], onset, unavailableSources: 0 });
    const deep = computeConfidence({ node: node(1), evidence: [ev({ commits: [{ sha: 'a'.repeat(40), shortSha: 'aaaaaaa', subject: 's', author: 'a', date: '2026-11-20T09:58:00Z', files: [] }] })], onset, unavailableSources: 0 });
    assert.ok(deep.factors.specificity > shallow.factors.specificity);
    assert.ok(deep.confidence > shallow.confidence);
  });
});
