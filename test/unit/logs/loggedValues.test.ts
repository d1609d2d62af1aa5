/**
 * Logged numbers as series: the measurements a line carries (keyed, unit-suffixed, prose),
 * lines of one shape as one series, and a rise against the baseline that a deploy is blamed for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMeasure, measurementsOf, shapeOf, valueShifts } from '../../../src/core/logs/loggedValues';
import type { HypothesisNode, QuerySpec } from '../../../src/core/model';
import { deployRegressionRule } from '../../../src/core/reasoner/rules/deployRegression';
import type { QueryResult } from '../../../src/core/reasoner/types';
import type { LogEvent } from '../../../src/providers/types';
import { triageContext } from '../core/triageContext';

const MIN = 60_000;
const t0 = Date.parse('2026-05-08T11:00:00Z');
const lines = (from: number, count: number, text: (i: number) => string): LogEvent[] => Array.from({ length: count }, (_, i) => ({ timestamp: from + i * 30_000, message: text(i), logStream: 'a' }));

describe('measurements in a line', () => {
  it('reads keyed values by name and unit, normalising durations to ms and sizes to bytes', () => {
    assert.deepEqual(measurementsOf('INFO bid processed area=SE3 processing_ms=2100 version=2.0.0'), [{ name: 'processing_ms', value: 2100, unit: 'ms' }]);
    assert.deepEqual(measurementsOf('offers lookup finished rows=2 elapsed=7.25s'), [{ name: 'elapsed', value: 7250, unit: 'ms' }]);
    assert.deepEqual(measurementsOf('LOG:  duration: 6012.5 ms  execute <unnamed>: SELECT 1'), [{ name: 'duration', value: 6012.5, unit: 'ms' }]);
    assert.deepEqual(measurementsOf('GC done, heap used: 900 MB'), [{ name: 'heap used', value: 9e8, unit: 'bytes' }]);
    assert.deepEqual(measurementsOf('request took 230ms'), [{ name: 'took', value: 230, unit: 'ms' }]);
  });

  it('leaves ids, counts, ports and status codes alone', () => {
    assert.deepEqual(measurementsOf('GET /orders/123 status=200 rows=3 port=8080 user_id=99812'), []);
  });

  it('lines of one shape are one series, whatever their numbers and ids', () => {
    assert.equal(shapeOf('2026-05-08T11:00:00Z offers lookup user=5512 elapsed=0.3s'), shapeOf('2026-05-08T12:00:00Z offers lookup user=9001 elapsed=7.1s'));
    assert.notEqual(shapeOf('checkout rendered elapsed=0.3s'), shapeOf('offers lookup finished elapsed=0.3s'));
    assert.equal(formatMeasure(2100, 'ms'), '2.1 s');
  });
});

describe('value shifts', () => {
  const baseline = lines(t0, 60, (i) => `offers lookup finished elapsed=0.${20 + (i % 20)}s`);
  it('finds a series whose median more than doubled past the baseline range, dated by its first high value', () => {
    const incident = [...lines(t0 + 40 * MIN, 10, (i) => `offers lookup finished elapsed=0.${25 + i}s`), ...lines(t0 + 45 * MIN, 30, (i) => `offers lookup finished elapsed=${6 + (i % 3)}.1s`)];
    const [shift] = valueShifts(baseline, incident);
    assert.equal(shift?.name, 'elapsed');
    assert.ok(shift!.ratio > 10, String(shift?.ratio));
    assert.equal(shift?.since, t0 + 45 * MIN);
  });
  it('a series that stays in its range, or has too few points, is no shift', () => {
    assert.deepEqual(valueShifts(baseline, lines(t0 + 40 * MIN, 30, (i) => `offers lookup finished elapsed=0.${30 + (i % 9)}s`)), []);
    assert.deepEqual(valueShifts(baseline.slice(0, 3), lines(t0 + 40 * MIN, 30, () => 'offers lookup finished elapsed=9s')), []);
  });
});

describe('a slow deploy', () => {
  const changeAt = t0 + 60 * MIN;
  const context = triageContext(changeAt + 5 * MIN, { platform: 'ecs', cluster: 'prod', service: 'bidder' }, {
    logSource: { kind: 'cloudwatch', logGroup: '/ecs/bidder' },
    changes: [{ kind: 'deployment', platform: 'ecs', at: changeAt, summary: 'deploy bidder:8', toVersion: 'bidder:8', fromVersion: 'bidder:7', differences: [{ kind: 'image', text: 'image' }] }],
  }, 'bidder');
  context.incident.symptoms = ['bid processing p95 2.1s'];
  const view = { node: { id: 'H1', depth: 0, category: 'bad-deploy', title: '', rationale: '', prior: 0.5, status: 'testing', confidence: 0.5, evidenceIds: [], queryIds: [] } as HypothesisNode, focus: { rule: 'deploy-regression', changeAt: String(changeAt) } };

  it('asks for logged times when the alert is about speed, and blames the version when they rose with it', () => {
    const planned = deployRegressionRule.plan(view, context);
    const timing = planned.find((q) => q.params.measure === 'true');
    assert.ok(timing, 'a timing query is planned');
    const result: QueryResult = {
      operation: 'logs.compareWindows',
      baseline: lines(changeAt - 40 * MIN, 60, (i) => `bid processed processing_ms=${300 + (i % 40)}`),
      incident: lines(changeAt + MIN, 60, (i) => `bid processed processing_ms=${1900 + (i % 300)}`),
      baselineWindow: { start: changeAt - 60 * MIN, end: changeAt - 1 },
      incidentWindow: { start: changeAt, end: changeAt + 35 * MIN },
      truncated: false,
    };
    const [evidence] = deployRegressionRule.interpret(view, { ...timing!, id: 'Q1', hypothesisId: 'H1' } as QuerySpec, result, context);
    assert.deepEqual([evidence?.supports, evidence?.strength, evidence?.culprit], [true, 'strong', { kind: 'task-definition', id: 'bidder:8' }]);
    assert.match(evidence?.summary ?? '', /processing_ms median 315 ms → \d\.\d s/);
    // An alert about errors does not pay for the timing query.
    const errors = { ...context, incident: { ...context.incident, symptoms: ['5xx rate 12%'], title: 'errors' } };
    assert.ok(!deployRegressionRule.plan(view, errors).some((q) => q.params.measure === 'true'));
  });
});
