import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LIMITS } from '../../../src/core/engine/limits';
import { QueryGuard } from '../../../src/core/engine/queryGuard';
import type { QuerySpec } from '../../../src/core/model';

const hour = 3_600_000;
const t0 = Date.parse('2026-11-20T10:00:00Z');
const logQuery = (over: Partial<QuerySpec> = {}): QuerySpec => ({
  id: 'Q1',
  hypothesisId: 'H1',
  provider: 'cloudwatch-logs',
  operation: 'logs.compareWindows',
  target: '/ecs/image-resizer',
  params: { filterPattern: 'OutOfMemoryError' },
  window: { start: t0, end: t0 + hour },
  rationale: 'why',
  ...over,
});

describe('QueryGuard', () => {
  it('refuses a log query with no window, a days-long window, or no filter over a long window', () => {
    const guard = new QueryGuard(DEFAULT_LIMITS);
    const noWindow = guard.check(logQuery({ window: undefined }));
    assert.equal(noWindow.verdict, 'refuse');
    const days = guard.check(logQuery({ window: { start: t0 - 3 * 24 * hour, end: t0 } }));
    assert.equal(days.verdict, 'refuse');
    assert.match(days.verdict === 'refuse' ? days.reason : '', /exceeds/);
    const unfiltered = guard.check(logQuery({ params: {} }));
    assert.equal(unfiltered.verdict, 'refuse');
    assert.match(unfiltered.verdict === 'refuse' ? unfiltered.reason : '', /no filter pattern/);
    // a short unfiltered window is a legitimate look at "what happened right then"
    assert.equal(guard.check(logQuery({ params: {}, window: { start: t0, end: t0 + 10 * 60_000 } })).verdict, 'run');
  });

  it('refuses "all services" style targets', () => {
    const guard = new QueryGuard(DEFAULT_LIMITS);
    for (const target of ['*', 'all', 'prod-east/*']) {
      assert.equal(guard.check(logQuery({ provider: 'ecs', operation: 'ecs.stoppedTasks', target, window: undefined })).verdict, 'refuse', target);
    }
  });

  it('reuses an identical query and warns about near-duplicates', () => {
    const guard = new QueryGuard(DEFAULT_LIMITS);
    const first = logQuery();
    assert.equal(guard.check(first).verdict, 'run');
    guard.record(first);
    const repeat = guard.check({ ...first, id: 'Q2' });
    assert.equal(repeat.verdict, 'reuse');
    const near = guard.check({ ...first, id: 'Q3', window: { start: t0 + 60_000, end: t0 + hour + 60_000 } });
    assert.equal(near.verdict, 'run');
    assert.match(near.warnings.join(' '), /Near-duplicate/);
  });

  it('warns, never blocks, past the per-provider budget', () => {
    const guard = new QueryGuard({ ...DEFAULT_LIMITS, perProviderCalls: 2 });
    for (let i = 0; i < 2; i++) guard.record(logQuery({ id: `Q${i}`, target: `/ecs/g${i}` }));
    const third = guard.check(logQuery({ id: 'Q9', target: '/ecs/other' }));
    assert.equal(third.verdict, 'run');
    assert.match(third.warnings.join(' '), /Call budget/);
  });
});
