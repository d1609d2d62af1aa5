process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Logs Insights through the real @aws-sdk client, over real HTTP, against the sandbox's
 * emulator. Expected values are computed here from the scenario's own events (expanded with
 * the generator code, then filtered and bucketed with plain code in this file), never from the
 * emulator's query evaluator — so a wrong bin, window or filter shows up as a count mismatch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchLogsProvider } from '../../../src/providers/aws/cloudwatchLogs';
import { type InsightsPollingOptions, toRows } from '../../../src/providers/aws/insights';
import type { InsightsQuery, ProviderErrorKind } from '../../../src/providers/types';
import { expandLogGroup, type StoredLogEvent } from '../../../src/sandbox/aws/logEvents';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/sandbox';
import { parseScenario, type Scenario, type ScenarioInput } from '../../../src/sandbox/scenario/scenario';
import { miniScenario, type MiniOptions } from '../sandbox/miniScenario';
import { expectProviderError } from './expectProviderError';

const API = '/ecs/api';
const WORKER = '/ecs/worker';
const ACCOUNT = '111122223333';
const iso = (value: string) => Date.parse(value);
const WINDOW = { startTime: iso('2026-01-15T11:00:00Z'), endTime: iso('2026-01-15T11:29:59Z') };

/** The mini scenario plus two generated groups with known shapes. */
function insightsScenario(options: MiniOptions = {}): ScenarioInput {
  const input = miniScenario(options);
  input.world.logs!.groups!.push(
    {
      name: API,
      defaultStream: 'api/main',
      events: [
        // Either side of a minute boundary, to catch an off-by-one in bin().
        { at: '2026-01-15T11:04:59.999Z', message: 'ERROR boundary before' },
        { at: '2026-01-15T11:05:00.000Z', message: 'ERROR boundary after' },
        // Outside the window: must never be counted.
        { at: '2026-01-15T10:59:59.000Z', message: 'ERROR too early' },
        { at: '2026-01-15T11:30:00.000Z', message: 'ERROR too late' },
      ],
      generators: [
        { template: 'INFO GET /api/items/{int:1-999} 200 {int:5-80}ms request_id={uuid}', from: '2026-01-15T11:00:00Z', to: '2026-01-15T11:30:00Z', everySeconds: 2, jitterSeconds: 1.5, stream: '{pick:api/a|api/b|api/c}' },
        { template: 'ERROR upstream {pick:payments|inventory} timeout after {int:1000-5000}ms task={hex:32}', from: '2026-01-15T11:10:00Z', to: '2026-01-15T11:25:00Z', everySeconds: 7, jitterSeconds: 6, stream: '{pick:api/a|api/b}' },
        { template: 'Error: connect ECONNREFUSED 10.0.{int:0-9}.{int:1-254}:5432', from: '2026-01-15T11:12:00Z', to: '2026-01-15T11:20:00Z', everySeconds: 20 },
      ],
    },
    {
      name: WORKER,
      defaultStream: 'worker/1',
      events: [],
      // Exactly one line per minute, on the minute: counts known without any computation.
      generators: [{ template: 'ERROR job {int:1-50} failed: connection refused', from: '2026-01-15T11:00:00Z', to: '2026-01-15T11:30:00Z', everySeconds: 60 }],
    },
  );
  return input;
}

/** Events of a group the way the scenario defines them, independent of the Insights evaluator. */
function eventsOf(scenario: Scenario, group: string): StoredLogEvent[] {
  const definition = scenario.world.logs.groups.find((candidate) => candidate.name === group);
  assert.ok(definition, group);
  return expandLogGroup(scenario.id, definition);
}

/** StartQuery's window is whole seconds, inclusive at both ends. */
function inWindow(timestamp: number, window = WINDOW): boolean {
  const second = Math.floor(timestamp / 1000);
  return second >= Math.floor(window.startTime / 1000) && second <= Math.floor(window.endTime / 1000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** `2026-01-15 11:05:00.000`, written out independently of the emulator's formatter. */
function insightsTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const rejectsWith = (promise: Promise<unknown>, kind: ProviderErrorKind, fragment?: string | RegExp) => expectProviderError(promise, kind, fragment);

function rawClient(handle: SandboxHandle): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ region: handle.aws.region, endpoint: handle.aws.endpoint, credentials: handle.aws.credentials, maxAttempts: 1 });
}

/** A provider with fast polling, so the many queries below stay quick; `sandboxProviders` is used where the defaults matter. */
function fastProvider(handle: SandboxHandle, insights: InsightsPollingOptions = {}): CloudWatchLogsProvider {
  return new CloudWatchLogsProvider(rawClient(handle), { insights: { initialPollMs: 5, maxPollMs: 20, ...insights } });
}

const operations = (handle: SandboxHandle, operation: string) => handle.requests().filter((request) => request.operation === operation);

describe('Logs Insights provider against the emulator', () => {
  let handle: SandboxHandle;
  let scenario: Scenario;
  let logs: CloudWatchLogsProvider;
  const run = (queryString: string, overrides: Partial<InsightsQuery> = {}) => logs.insights({ logGroups: [API], queryString, ...WINDOW, ...overrides });

  before(async () => {
    scenario = parseScenario(insightsScenario());
    handle = await startSandbox({ scenario });
    logs = fastProvider(handle);
  });
  after(() => handle.close());

  it('counts errors per minute exactly as the scenario defines them (bin(1m), window in seconds)', async () => {
    const result = await run('filter @message like /ERROR/ | stats count(*) as errors by bin(1m) | sort errors desc');
    assert.equal(result.status, 'Complete');
    const expected = countBy(
      eventsOf(scenario, API).filter((event) => inWindow(event.timestamp) && /ERROR/.test(event.message)),
      (event) => insightsTime(Math.floor(event.timestamp / 60_000) * 60_000),
    );
    assert.deepEqual(new Map(result.rows.map((row) => [row['bin(1m)'], Number(row.errors)])), expected);
    assert.equal(expected.get('2026-01-15 11:04:00.000'), 1, 'the 11:04:59.999 event stays in 11:04');
    assert.ok(!result.rows.some((row) => row['bin(1m)'] === '2026-01-15 10:59:00.000' || row['bin(1m)'] === '2026-01-15 11:30:00.000'), 'events outside the window are not counted');
    for (let i = 1; i < result.rows.length; i++) assert.ok(Number(result.rows[i - 1].errors) >= Number(result.rows[i].errors), 'sorted by the alias, descending');
    assert.deepEqual(Object.keys(result.rows[0]), ['bin(1m)', 'errors'], 'group key first, then the aggregate; every value a string');
    const scanned = eventsOf(scenario, API).filter((event) => inWindow(event.timestamp));
    assert.deepEqual(result.statistics && [result.statistics.recordsScanned, result.statistics.recordsMatched], [scanned.length, [...expected.values()].reduce((a, b) => a + b, 0)]);
  });

  it('supports bin(30s), bin(5m) and bin(1h), and counts known per-minute volume', async () => {
    const api = eventsOf(scenario, API).filter((event) => inWindow(event.timestamp));
    for (const [size, ms] of [['30s', 30_000], ['5m', 300_000], ['1h', 3_600_000]] as const) {
      const result = await run(`stats count(*) as n by bin(${size})`);
      const expected = countBy(api, (event) => insightsTime(Math.floor(event.timestamp / ms) * ms));
      assert.deepEqual(new Map(result.rows.map((row) => [row[`bin(${size})`], Number(row.n)])), expected, `bin(${size})`);
    }
    // Without an alias, the aggregate's field is named after its expression, as on AWS.
    const worker = await run('stats count(*) by bin(1m)', { logGroups: [WORKER] });
    assert.equal(worker.rows.length, 30);
    assert.ok(worker.rows.every((row) => row['count(*)'] === '1' && /^2026-01-15 11:\d\d:00\.000$/.test(row['bin(1m)'])));
  });

  it('filters with regex (incl. the i flag), substrings, not like, and/or', async () => {
    const inApi = eventsOf(scenario, API).filter((event) => inWindow(event.timestamp));
    const count = async (filter: string) => Number((await run(`filter ${filter} | stats count(*) as n`)).rows[0].n);
    const expect = (predicate: (message: string) => boolean) => inApi.filter((event) => predicate(event.message)).length;

    assert.equal(await count('@message like /upstream (payments|inventory)/ and @message like "payments"'), expect((m) => m.includes('upstream payments')));
    assert.equal(await count('@message like /^error/i and @message not like /ERROR/'), expect((m) => m.startsWith('Error:')));
    assert.equal(await count('@message like /ECONNREFUSED/ or @message like "boundary"'), expect((m) => m.includes('ECONNREFUSED') || m.includes('boundary')));
    assert.equal(await count('@message like /ERROR/ and (@logStream = "api/a" or @logStream = "api/main")'), inApi.filter((e) => e.message.includes('ERROR') && (e.logStreamName === 'api/a' || e.logStreamName === 'api/main')).length);
    assert.equal(await count('@message like /(?i)econnrefused/'), expect((m) => /econnrefused/i.test(m)));
    assert.ok((await count('@message like /upstream payments/')) > 0, 'the fixture has payments timeouts at all');
  });

  it('parses fields with named captures and aggregates by them', async () => {
    const result = await run('filter @message like /upstream/ | parse @message /upstream (?<dependency>\\w+) timeout after (?<latency>\\d+)ms/ | stats count(*) as n, max(latency) as worst by dependency | sort n desc');
    const matching = eventsOf(scenario, API)
      .filter((event) => inWindow(event.timestamp))
      .map((event) => /upstream (\w+) timeout after (\d+)ms/.exec(event.message))
      .filter((match): match is RegExpExecArray => match !== null);
    const expected = [...countBy(matching, (match) => match[1])]
      .sort((a, b) => b[1] - a[1])
      .map(([dependency, n]) => ({ dependency, n: String(n), worst: String(Math.max(...matching.filter((m) => m[1] === dependency).map((m) => Number(m[2])))) }));
    assert.deepEqual(result.rows, expected);
    assert.deepEqual(new Set(expected.map((row) => row.dependency)), new Set(['payments', 'inventory']));

    // The glob form of parse, and grouping by a built-in field.
    const byStream = await run('parse @message "upstream * timeout" as dependency | filter dependency = "payments" | stats count(*) as c by @logStream | sort c desc');
    const payments = matching.filter((match) => match[1] === 'payments');
    const streams = countBy(
      eventsOf(scenario, API).filter((event) => inWindow(event.timestamp) && event.message.includes('upstream payments timeout')),
      (event) => event.logStreamName,
    );
    assert.equal(byStream.rows.reduce((sum, row) => sum + Number(row.c), 0), payments.length);
    assert.deepEqual(new Map(byStream.rows.map((row) => [row['@logStream'], Number(row.c)])), streams);
  });

  it('projects fields, sorts by @timestamp and limits; @ptr is dropped by the provider', async () => {
    const result = await run('fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 5');
    const newest = eventsOf(scenario, API)
      .filter((event) => inWindow(event.timestamp) && event.message.includes('ERROR'))
      .sort((a, b) => b.timestamp - a.timestamp)
      .slice(0, 5);
    assert.deepEqual(result.rows, newest.map((event) => ({ '@timestamp': insightsTime(event.timestamp), '@message': event.message })));

    const ascending = await run('filter @message like "boundary" | sort @timestamp asc | limit 1');
    assert.equal(ascending.rows[0]['@message'], 'ERROR boundary before');
    assert.equal(ascending.rows[0]['@logStream'], 'api/main');
    assert.equal(ascending.rows[0]['@log'], `${ACCOUNT}:${API}`, 'without fields, the default event fields');
    assert.equal('@ptr' in ascending.rows[0], false);

    // StartQuery's own limit caps the rows too.
    assert.equal((await run('fields @message', { limit: 7 })).rows.length, 7);
  });

  it('queries several log groups at once', async () => {
    const result = await run('filter @message like /ERROR/ | stats count(*) as c by @log | sort c desc', { logGroups: [API, WORKER] });
    const expected = new Map([
      [`${ACCOUNT}:${API}`, eventsOf(scenario, API).filter((e) => inWindow(e.timestamp) && e.message.includes('ERROR')).length],
      [`${ACCOUNT}:${WORKER}`, 30],
    ]);
    assert.deepEqual(new Map(result.rows.map((row) => [row['@log'], Number(row.c)])), expected);
    const [start] = operations(handle, 'StartQuery').slice(-1);
    assert.deepEqual(start.body.logGroupNames, [API, WORKER]);
  });

  it('finds log patterns (pattern @message) with counts and ratios', async () => {
    const worker = await run('pattern @message', { logGroups: [WORKER] });
    assert.deepEqual(worker.rows, [{ '@pattern': 'ERROR job <*> failed: connection refused', '@ratio': '1', '@sampleCount': '30' }]);

    const errors = await run('filter @message like /ERROR upstream/ | pattern @message | sort @sampleCount desc');
    const expected = countBy(
      eventsOf(scenario, API).filter((e) => inWindow(e.timestamp) && e.message.includes('ERROR upstream')),
      (e) => (e.message.includes('payments') ? 'payments' : 'inventory'),
    );
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    assert.deepEqual(
      new Set(errors.rows.map((row) => `${row['@pattern']} ${row['@sampleCount']}`)),
      new Set([...expected].map(([dependency, n]) => `ERROR upstream ${dependency} timeout after <*>ms task=<*> ${n}`)),
    );
    assert.ok(Math.abs(errors.rows.reduce((sum, row) => sum + Number(row['@ratio']), 0) - 1) < 1e-5, 'ratios of a full partition sum to 1');
    assert.ok(Number(errors.rows[0]['@sampleCount']) >= Number(errors.rows[1]['@sampleCount']));
    assert.ok(total > 0);
  });

  it('sends epoch seconds on the wire and polls Running → Complete', async () => {
    const before = operations(handle, 'GetQueryResults').length;
    await run('stats count(*) as n', { startTime: iso('2026-01-15T11:00:00.750Z'), endTime: iso('2026-01-15T11:10:00.250Z') });
    const [start] = operations(handle, 'StartQuery').slice(-1);
    assert.deepEqual([start.body.startTime, start.body.endTime], [iso('2026-01-15T11:00:00Z') / 1000, iso('2026-01-15T11:10:00Z') / 1000]);
    assert.ok(operations(handle, 'GetQueryResults').length - before >= 2, 'polled at least twice: Running, then Complete');

    const client = rawClient(handle);
    try {
      const { queryId } = await client.send(new StartQueryCommand({ logGroupNames: [WORKER], queryString: 'fields @message | limit 2', startTime: WINDOW.startTime / 1000, endTime: WINDOW.endTime / 1000 }));
      const first = await client.send(new GetQueryResultsCommand({ queryId }));
      assert.deepEqual([first.status, first.results], ['Running', []]);
      const second = await client.send(new GetQueryResultsCommand({ queryId }));
      assert.equal(second.status, 'Complete');
      assert.equal(second.results?.length, 2);
      assert.deepEqual(second.results?.[0].map((cell) => cell.field), ['@message', '@ptr'], 'raw rows carry @ptr');
      assert.deepEqual(Object.keys(toRows(second.results)[0]), ['@message'], 'the provider drops @ptr');
    } finally {
      client.destroy();
    }
  });

  it('answers malformed queries with MalformedQueryException, naming the problem', async () => {
    const error = await rejectsWith(run('filter @message like /ERROR/ | dedup @message'), 'failed', /StartQuery on \/ecs\/api failed \(MalformedQueryException\): the dedup command is not supported/);
    assert.equal((error.cause as Error).name, 'MalformedQueryException');
    await rejectsWith(run('filter @message contains "x"'), 'failed', 'expected like, not like, =~ or a comparison after @message, found "contains" at position 16');
    await rejectsWith(run('stats count(*) by bin(7x)'), 'failed', 'bin size');
    await rejectsWith(run('parse @message /no named groups/'), 'failed', 'named capture group');
    await rejectsWith(run('filter @message like /(?<=x)y/'), 'failed', 'lookbehind');

    const client = rawClient(handle);
    try {
      await assert.rejects(client.send(new StartQueryCommand({ logGroupNames: [API], queryString: 'fields @message | frobnicate', startTime: 0, endTime: 1 })), (raw: Error & { queryCompileError?: { location?: { startCharOffset?: number } } }) => {
        assert.equal(raw.name, 'MalformedQueryException');
        assert.match(raw.message, /unknown command "frobnicate" at position 18/);
        assert.equal(raw.queryCompileError?.location?.startCharOffset, 18);
        return true;
      });
    } finally {
      client.destroy();
    }
  });

  it('maps an unknown log group to not-found and a millisecond window to a clear error', async () => {
    await rejectsWith(run('stats count(*)', { logGroups: [API, '/ecs/nope'] }), 'not-found', "Log group '/ecs/nope' does not exist");
    const client = rawClient(handle);
    try {
      await assert.rejects(client.send(new StartQueryCommand({ logGroupNames: [API], queryString: 'stats count(*)', startTime: WINDOW.startTime, endTime: WINDOW.endTime })), /not epoch seconds/);
    } finally {
      client.destroy();
    }
  });
});

describe('Logs Insights provider: failures, cancellation and timeouts', () => {
  async function withSandbox(faults: MiniOptions['faults'], body: (handle: SandboxHandle) => Promise<void>): Promise<void> {
    const handle = await startSandbox({ scenario: parseScenario(insightsScenario({ faults })) });
    try {
      await body(handle);
    } finally {
      await handle.close();
    }
  }
  const query: InsightsQuery = { logGroups: [WORKER], queryString: 'stats count(*) as n by bin(5m)', ...WINDOW };

  it('works with the default polling of sandboxProviders', () =>
    withSandbox([], async (handle) => {
      const result = await sandboxProviders(handle).logs!.insights(query);
      assert.deepEqual(result.rows.map((row) => row.n), ['5', '5', '5', '5', '5', '5']);
    }));

  it('maps a throttled StartQuery to throttled', () =>
    withSandbox([{ service: 'logs', operation: 'StartQuery', error: 'ThrottlingException', times: 1 }], async (handle) => {
      await rejectsWith(sandboxProviders(handle).logs!.insights(query), 'throttled', /CloudWatch Logs StartQuery on \/ecs\/worker was throttled/);
      assert.equal((await fastProvider(handle).insights(query)).status, 'Complete', 'the one-shot fault is used up');
    }));

  it('maps a failing GetQueryResults to its kind', () =>
    withSandbox([{ service: 'logs', operation: 'GetQueryResults', error: 'AccessDeniedException' }], async (handle) => {
      await rejectsWith(fastProvider(handle).insights(query), 'access-denied', 'logs:GetQueryResults');
    }));

  it('maps an abort while polling to cancelled and stops the query', () =>
    withSandbox([{ service: 'logs', operation: 'GetQueryResults', delayMs: 5000 }], async (handle) => {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 150);
      await rejectsWith(fastProvider(handle).insights(query, controller.signal), 'cancelled', 'was cancelled');
      assert.ok(Date.now() - started < 2000, 'returned without waiting for the slow poll');
      const [stop] = operations(handle, 'StopQuery');
      assert.ok(stop, 'StopQuery was sent');
      assert.equal(typeof stop.body.queryId, 'string');
      await rejectsWith(fastProvider(handle).insights(query, AbortSignal.abort()), 'cancelled');
      assert.equal(operations(handle, 'StartQuery').length, 1, 'an already-aborted signal sends nothing');
    }));

  it('gives up after the configured timeout with kind timeout, and stops the query', () =>
    withSandbox([{ service: 'logs', operation: 'GetQueryResults', delayMs: 5000 }], async (handle) => {
      const started = Date.now();
      await rejectsWith(fastProvider(handle, { timeoutMs: 300 }).insights(query), 'timeout', 'did not complete within 0.3 s and was stopped');
      assert.ok(Date.now() - started < 2500);
      assert.equal(operations(handle, 'StopQuery').length, 1);
      assert.equal(operations(handle, 'StopQuery')[0].status, 200);
    }));
});
