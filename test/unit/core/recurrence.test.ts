/**
 * A failure that recurs on a schedule: the hourly pattern detector, the guard that lets a
 * filtered count look back days (and nothing else), and the whole engine on a task killed every
 * four hours since a deploy two days before the alert, with and without that history.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LIMITS } from '../../../src/core/engine/limits';
import { QueryGuard } from '../../../src/core/engine/queryGuard';
import { describeRecurrence, detectRecurrence, RECURRENCE_LOOKBACK_MS } from '../../../src/core/engine/recurrence';
import type { QuerySpec } from '../../../src/core/model';
import { evaluateScenario } from '../../../src/sandbox/evaluate';
import { parseScenario } from '../../../src/sandbox/scenario/scenario';
import raw from '../../../src/sandbox/scenarios/ecs-exporter-oom-every-four-hours.json';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const HOUR = 3_600_000;
const onset = Date.parse('2026-11-20T13:00:00Z');

/** Hourly bins over the past week: `noise` lines an hour, `burst` in the hours `hot` picks. */
function week(hot: (hoursBeforeOnset: number) => boolean, burst = 20, noise = 1): [number, number][] {
  const bins: [number, number][] = [];
  for (let h = 7 * 24; h >= 0; h--) bins.push([onset - h * HOUR, hot(h) ? burst : noise]);
  return bins;
}

describe('detectRecurrence', () => {
  it('finds a burst every four hours for two days, dated from its first episode', () => {
    const recurrence = detectRecurrence(week((h) => h % 4 === 0 && h <= 52), onset);
    assert.ok(recurrence);
    assert.equal(recurrence.since, onset - 52 * HOUR);
    assert.equal(recurrence.periodMs, 4 * HOUR);
    assert.equal(recurrence.episodes.length, 14);
    assert.equal(describeRecurrence(recurrence), 'every ~4 h since 2026-11-18 09:00 UTC (14 times)');
  });

  it('counts hours with no line as quiet ones (Logs Insights omits empty bins)', () => {
    const sparse = week((h) => h % 6 === 0 && h <= 48).filter(([, v]) => v > 1);
    assert.equal(detectRecurrence(sparse, onset)?.periodMs, 6 * HOUR);
  });

  it('says nothing of one ongoing failure, irregular bursts, a pattern that stopped, or a trickle', () => {
    assert.equal(detectRecurrence(week((h) => h <= 3), onset), undefined, 'one failure, four hours long');
    const irregular = new Set([0, 3, 20, 26, 70]);
    assert.equal(detectRecurrence(week((h) => irregular.has(h)), onset), undefined, 'gaps of 3, 17, 6, 44 h');
    assert.equal(detectRecurrence(week((h) => h % 4 === 0 && h >= 24), onset), undefined, 'stopped a day ago');
    assert.equal(detectRecurrence(week((h) => h % 4 === 0, 2, 0), onset), undefined, 'two lines an episode');
    assert.equal(detectRecurrence(week((h) => h % 4 === 0, 20, 10), onset), undefined, 'bursts under three times the usual hour');
  });
});

describe('the count-window guard', () => {
  const query = (queryString: string, days: number): QuerySpec => ({
    id: 'Q1',
    hypothesisId: 'context',
    provider: 'cloudwatch-logs',
    operation: 'logs.insights',
    target: '/ecs/report-exporter',
    params: { queryString },
    window: { start: onset - days * 24 * HOUR, end: onset },
    rationale: 'history',
  });

  it('lets a filtered count per bin look back a week, and refuses a longer look or a fetch of lines', () => {
    const guard = new QueryGuard(DEFAULT_LIMITS);
    const count = 'filter @message like /(?i)(error|killed)/ | stats count(*) as errors by bin(1h)';
    assert.ok(DEFAULT_LIMITS.maxLogCountWindowMs >= RECURRENCE_LOOKBACK_MS);
    assert.equal(guard.check(query(count, 7)).verdict, 'run');
    assert.equal(guard.check(query(count, 9)).verdict, 'refuse');
    assert.equal(guard.check(query('filter @message like /error/ | fields @timestamp, @message', 7)).verdict, 'refuse');
    assert.equal(guard.check(query('stats count(*) as lines by bin(1h)', 7)).verdict, 'refuse', 'unfiltered');
  });
});

describe('a failure that recurs since an old deploy', () => {
  it('blames the two-day-old commit over the fresh one, and is inconclusive without the history', async () => {
    const scenario = parseScenario(raw);
    const found = await evaluateScenario(scenario);
    assert.ok(found.correct, JSON.stringify(found.predicted));
    assert.ok(found.confidence >= 0.7, `confidence ${found.confidence}`);

    // The same incident with the logs of today's episode only: one death, a deploy 52 h old.
    const cut = '2026-11-20T12:00:00Z';
    const copy = structuredClone(raw) as typeof raw;
    const group = copy.world.logs.groups[0]!;
    group.events = group.events.filter((e) => e.at >= cut);
    group.generators = group.generators.filter((g) => g.from >= cut || g.to > '2026-11-20T13:00:00Z');
    const forgotten = await evaluateScenario(parseScenario({ ...copy, id: 'exporter-without-history' }));
    assert.equal(forgotten.predicted.category, 'inconclusive', JSON.stringify(forgotten.predicted));
  });
});
