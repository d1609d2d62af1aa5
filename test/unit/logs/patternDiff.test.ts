import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { LogEvent } from '../../../src/providers/types';
import { analyzePatterns, describePatternChange, patternDiff } from '../../../src/core/logs/patternDiff';
import { binomialLowerTail, binomialUpperTail, compareRates, lnGamma } from '../../../src/core/logs/rateTest';
import { parseCsvRecords } from '../../../scripts/logbench/csv';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

/** `count` events spread evenly over [start, start + minutes). */
function spread(count: number, start: number, minutes: number, message: (i: number) => string): LogEvent[] {
  return Array.from({ length: count }, (_, i) => ({ timestamp: start + Math.floor((i * minutes * MINUTE) / count), message: message(i) }));
}

/** A service's normal traffic: a steady noisy warning and info lines. */
function traffic(start: number, minutes: number): LogEvent[] {
  return [
    ...spread(600, start, minutes, (i) => `INFO GET /api/orders/${i} completed status=200 duration_ms=${i % 97}`),
    ...spread(90 + (start % 7), start, minutes, (i) => `WARN Cache miss for key user:${i * 7}`),
    ...spread(20, start, minutes, (i) => `INFO Heartbeat ok seq=${i}`),
  ];
}

describe('patternDiff', () => {
  const baseline = traffic(T0, 20);
  const onset = T0 + 21 * MINUTE;
  const incident = [
    ...traffic(onset, 20),
    ...spread(40, onset + 7_000, 20, (i) => `ERROR java.lang.OutOfMemoryError: Java heap space (allocating ${i * 1024} bytes)`),
    ...spread(300, onset, 20, (i) => `WARN Retrying call to payments attempt=${i % 5}`),
  ];
  const entries = patternDiff(baseline, incident);

  it('ranks a new error template first, with counts, first-seen time and an example', () => {
    const top = entries[0]!;
    assert.equal(top.change, 'new');
    assert.equal(top.template, 'ERROR java.lang.OutOfMemoryError: Java heap space (allocating <*> bytes)');
    assert.equal(top.incidentCount, 40);
    assert.equal(top.baselineCount, 0);
    assert.equal(top.ratio, Infinity);
    assert.equal(top.level, 'error');
    assert.equal(top.isException, true);
    assert.equal(top.firstSeen, onset + 7_000);
    assert.match(top.example, /^ERROR java.lang.OutOfMemoryError/);
    assert.ok(top.significant);
  });

  it('reports a steady noisy warning as steady, not surged', () => {
    const warning = entries.find((e) => e.template === 'WARN Cache miss for key user:<*>')!;
    assert.equal(warning.change, 'steady');
    assert.ok(Math.abs(warning.ratio - 1) < 0.1);
  });

  it('ranks a new non-error pattern after the errors', () => {
    const retry = entries.findIndex((e) => e.template === 'WARN Retrying call to payments attempt=<*>');
    assert.equal(entries[retry]!.change, 'new');
    assert.ok(retry > 0);
    assert.equal(entries[retry]!.level, 'warn');
  });

  it('detects a significant surge and ignores a tiny one', () => {
    const base = [...spread(100, T0, 10, () => 'INFO tick'), ...spread(3, T0, 10, (i) => `WARN slow query ${i}ms`), ...spread(50, T0, 10, (i) => `INFO request ${i}`)];
    const inc = [...spread(100, T0 + 10 * MINUTE, 10, () => 'INFO tick'), ...spread(9, T0 + 10 * MINUTE, 10, (i) => `WARN slow query ${i}ms`), ...spread(1000, T0 + 10 * MINUTE, 10, (i) => `INFO request ${i}`)];
    const diff = patternDiff(base, inc);
    const slow = diff.find((e) => e.template === 'WARN slow query <*>')!;
    const requests = diff.find((e) => e.template === 'INFO request <*>')!;
    assert.equal(requests.change, 'surged');
    assert.ok(requests.ratio > 15);
    // 3 → 9 is a 3× ratio, but p ≈ 0.07: not evidence.
    assert.ok(slow.ratio >= 2.5);
    assert.equal(slow.change, 'steady');
    assert.equal(slow.significant, false);
    assert.equal(diff.find((e) => e.template === 'INFO tick')!.change, 'steady');
  });

  it('reports gone and dropped patterns only with evidence', () => {
    const base = [...spread(200, T0, 10, () => 'INFO consumer poll ok'), ...spread(2, T0, 10, () => 'INFO rare event'), ...spread(300, T0, 10, (i) => `INFO batch ${i}`)];
    const inc = [...spread(300, T0 + 10 * MINUTE, 10, (i) => `INFO batch ${i}`), ...spread(20, T0 + 10 * MINUTE, 10, () => 'INFO consumer poll ok')];
    const diff = patternDiff(base, inc);
    assert.equal(diff.find((e) => e.template === 'INFO consumer poll ok')!.change, 'dropped');
    assert.equal(diff.find((e) => e.template === 'INFO rare event')!.change, 'steady');
    const none = patternDiff(base, inc.filter((e) => !e.message.includes('consumer')));
    const gone = none.find((e) => e.template === 'INFO consumer poll ok')!;
    assert.equal(gone.change, 'gone');
    assert.equal(gone.incidentCount, 0);
    assert.equal(gone.lastSeen, base[199]!.timestamp);
  });

  it('folds stack traces into one event per exception and extracts code locations', () => {
    const trace = (t: number): LogEvent[] => [
      { timestamp: t, message: 'ERROR request failed' },
      { timestamp: t, message: 'java.lang.NullPointerException: order is null' },
      { timestamp: t, message: '\tat com.acme.orders.OrderService.load(OrderService.java:31)' },
      { timestamp: t, message: '\tat com.acme.web.Router.handle(Router.java:12)' },
    ];
    const inc = [...spread(10, onset, 5, () => 'INFO ok'), ...[0, 1, 2].flatMap((k) => trace(onset + k * 1000))];
    const diff = patternDiff(spread(10, T0, 5, () => 'INFO ok'), inc);
    const error = diff[0]!;
    assert.equal(error.incidentCount, 3);
    assert.equal(error.template, 'ERROR request failed java.lang.NullPointerException: order is <*>');
    assert.equal(error.isException, true);
    assert.deepEqual(error.codeLocations.map((l) => `${l.path}:${l.line}`), ['com/acme/orders/OrderService.java:31', 'com/acme/web/Router.java:12']);
    assert.equal(diff.find((e) => e.template.startsWith('\tat') || e.template.startsWith('at ')), undefined);
  });

  it('compares by event volume when the logs have no timestamps', () => {
    const analysis = analyzePatterns(
      Array.from({ length: 100 }, (_, i) => ({ timestamp: 0, message: `INFO served ${i}` })),
      [...Array.from({ length: 100 }, (_, i) => ({ timestamp: 0, message: `INFO served ${i}` })), { timestamp: 0, message: 'ERROR disk full on /dev/sda1' }],
    );
    assert.equal(analysis.exposure, 'events');
    assert.equal(analysis.entries[0]!.template, 'ERROR disk full on <*>');
    assert.equal(analysis.entries[0]!.change, 'new');
    assert.equal(analysis.incidentTemplateIds.length, 101);
    assert.equal(analysis.entries[0]!.buckets, undefined);
  });

  it('takes level, message and error from structured JSON lines', () => {
    const line = (t: number, order: number) => ({ timestamp: t, message: JSON.stringify({ level: 'error', msg: `payment failed for order ${order}`, error: { type: 'TimeoutError', message: 'upstream timed out', stack: 'TimeoutError: upstream timed out\n    at Client.post (/app/src/payments/client.js:40:11)' } }) });
    const diff = patternDiff(spread(5, T0, 5, () => JSON.stringify({ level: 'info', msg: 'ok' })), [line(onset, 1), line(onset + 1000, 2)]);
    const top = diff[0]!;
    assert.equal(top.template, 'payment failed for order <*> TimeoutError: upstream timed out');
    assert.equal(top.level, 'error');
    assert.equal(top.isException, true);
    assert.deepEqual(top.codeLocations.map((l) => `${l.path}:${l.line}`), ['/app/src/payments/client.js:40']);
  });

  it('builds an incident histogram and describes changes in one line', () => {
    const top = entries[0]!;
    assert.ok(top.buckets && top.buckets.length > 1 && top.buckets.length <= 61);
    assert.equal(top.buckets.reduce((s, b) => s + b.count, 0), 40);
    assert.equal(
      describePatternChange(top, { since: onset }),
      'new since 10:21:00: `ERROR java.lang.OutOfMemoryError: Java heap space (allocating <*> bytes)` ×40, first at 10:21:07',
    );
  });

  it('honours limit and includeSteady', () => {
    assert.equal(patternDiff(baseline, incident, { limit: 2 }).length, 2);
    assert.ok(patternDiff(baseline, incident, { includeSteady: false }).every((e) => e.change !== 'steady'));
  });
});

describe('rate test', () => {
  it('computes binomial tails', () => {
    // P(X ≥ 2), X ~ B(3, 0.5) = 4/8
    assert.ok(Math.abs(binomialUpperTail(2, 3, 0.5) - 0.5) < 1e-12);
    // P(X ≤ 1), X ~ B(4, 0.3) = 0.7^4 + 4·0.3·0.7^3
    assert.ok(Math.abs(binomialLowerTail(1, 4, 0.3) - (0.7 ** 4 + 4 * 0.3 * 0.7 ** 3)) < 1e-12);
    assert.equal(binomialUpperTail(0, 10, 0.2), 1);
    assert.equal(binomialUpperTail(11, 10, 0.2), 0);
    assert.ok(Math.abs(lnGamma(10) - Math.log(362880)) < 1e-10);
  });

  it('stays accurate for large counts', () => {
    // B(10000, 0.5): P(X ≥ 5100) ≈ 0.0228 (normal approx., z = 2)
    const p = binomialUpperTail(5100, 10000, 0.5);
    assert.ok(p > 0.02 && p < 0.026, String(p));
  });

  it('needs more than a few lines to call a change', () => {
    assert.ok(compareRates(1, 3, 1, 1).pMore > 0.1);
    assert.ok(compareRates(100, 300, 1, 1).pMore < 1e-20);
    assert.equal(compareRates(0, 5, 1, 1).ratio, Infinity);
    assert.ok(Math.abs(compareRates(0, 5, 1, 1).pMore - 0.5 ** 5) < 1e-12);
  });
});

describe('BGL anomaly labels (runs only where ../shared/datasets exists)', () => {
  const file = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'loghub-2k', 'BGL', 'BGL_2k.log_structured_corrected.csv');
  it('surfaces every anomaly-only template as new against the normal lines', { skip: existsSync(file) ? false : `no dataset at ${file}` }, () => {
    console.log(`  [dataset] running the BGL check against ${file}`);
    const rows = parseCsvRecords(readFileSync(file, 'utf8'));
    const normal = rows.filter((r) => r.Label === '-');
    const anomalous = rows.filter((r) => r.Label !== '-');
    const normalTemplates = new Set(normal.map((r) => r.EventTemplate));
    const toEvent = (r: Record<string, string>) => ({ timestamp: Number(r.Timestamp) * 1000, message: r.Content! });
    const analysis = analyzePatterns(normal.map(toEvent), anomalous.map(toEvent), { fold: false });
    const changeOf = new Map(analysis.entries.map((e) => [e.templateId, e.change]));
    const anomalyOnly = new Set(anomalous.filter((r) => !normalTemplates.has(r.EventTemplate)).map((r) => r.EventTemplate));
    assert.equal(anomalyOnly.size, 15);
    for (const template of anomalyOnly) {
      const changes = anomalous.map((r, k) => (r.EventTemplate === template ? changeOf.get(analysis.incidentTemplateIds[k]!) : 'new'));
      assert.ok(changes.every((c) => c === 'new'), template);
    }
  });
});
