/**
 * The emulator's Logs Insights parser and evaluator on their own (no HTTP): error messages and
 * offsets, and the edge cases the provider tests do not reach.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateQuery, formatInsightsTimestamp, type InsightsEvent } from '../../../src/sandbox/aws/insights/evaluate';
import { parseQuery, QuerySyntaxError } from '../../../src/sandbox/aws/insights/parser';
import { groupPatterns, maskLine } from '../../../src/sandbox/aws/insights/patterns';

function syntaxError(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    assert.ok(error instanceof QuerySyntaxError, `expected QuerySyntaxError, got ${String(error)}`);
    return error;
  }
  assert.fail(`"${query}" should not parse`);
}

const T0 = Date.parse('2026-01-15T11:00:00Z');
const event = (offsetMs: number, message: string, logStreamName = 's1'): InsightsEvent => ({ timestamp: T0 + offsetMs, message, logStreamName, logGroupName: '/g', ptr: () => `p${offsetMs}` });
const EVENTS = [
  event(0, 'GET /a 200 12ms'),
  event(1_000, 'GET /b 500 250ms', 's2'),
  event(61_000, 'GET /a 200 7ms'),
  event(62_000, 'worker started'),
];
const rows = (query: string, events = EVENTS) =>
  evaluateQuery(parseQuery(query), events, '123456789012').results.map((row) => Object.fromEntries(row.map(({ field, value }) => [field, value])));

describe('Insights query parser', () => {
  it('keeps | and / inside regex and string literals', () => {
    const { commands } = parseQuery('filter @message like /a|b\\/c/ and @message not like "x | y" | limit 3');
    assert.equal(commands.length, 2);
    assert.deepEqual(commands[1], { kind: 'limit', count: 3 });
  });

  it('names the problem and its position', () => {
    assert.equal(syntaxError('').message, 'the query string is empty');
    const unknown = syntaxError('fields @message | frobnicate');
    assert.equal(unknown.message, 'unknown command "frobnicate" at position 18 (supported: fields, display, filter, parse, stats, sort, limit, pattern)');
    assert.deepEqual([unknown.start, unknown.end], [18, 28]);
    assert.match(syntaxError('filter @message like /abc').message, /unterminated regular expression starting at position 21/);
    assert.match(syntaxError('limit 0').message, /limit needs an integer between 1 and 10000/);
    assert.match(syntaxError('stats count(*) by').message, /expected a field or bin\(…\) after "by" but the query ended/);
    assert.match(syntaxError('stats count(*) | stats count(*)').message, /one stats or pattern command/);
    assert.match(syntaxError('stats avg(*)').message, /avg\(\*\) is not valid/);
    assert.match(syntaxError('filter @message like /x/g').message, /unsupported regular expression flag "g"/);
    assert.match(syntaxError('filter @message like /(/').message, /invalid regular expression/);
    assert.match(syntaxError('fields @message |').message, /expected a command but the query ended/);
    assert.match(syntaxError('fields @message as m').message, /field aliases and expressions/);
    assert.match(syntaxError('filter status > "x"').message, /> needs a number/);
    assert.match(syntaxError('dedup @message').message, /the dedup command is not supported by the Runbook AI sandbox/);
    assert.match(syntaxError('parse @message "a * b * c" as x').message, /2 "\*" but 1 field names/);
  });
});

describe('Insights query evaluation', () => {
  it('formats timestamps like the service', () => {
    assert.equal(formatInsightsTimestamp(Date.parse('2026-01-15T09:05:07.045Z')), '2026-01-15 09:05:07.045');
  });

  it('scans newest first, omits missing fields and always adds @ptr to event rows', () => {
    assert.deepEqual(rows('parse @message /(?<status>\\d{3})/ | display @timestamp, status | limit 2'), [
      { '@timestamp': '2026-01-15 11:01:02.000', '@ptr': 'p62000' },
      { '@timestamp': '2026-01-15 11:01:01.000', status: '200', '@ptr': 'p61000' },
    ]);
  });

  it('treats a missing field as not like anything', () => {
    assert.equal(rows('parse @message /(?<status>\\d{3})/ | filter status not like "500"').length, 3);
    assert.equal(rows('parse @message /(?<status>\\d{3})/ | filter status like "2"').length, 2);
  });

  it('compares numbers numerically (parsed strings included) and sorts them numerically', () => {
    const query = 'parse @message "GET * * *ms" as path, status, latency | filter status >= 200 and latency > 8 | sort latency asc | fields path, latency';
    assert.deepEqual(
      rows(query).map((row) => [row.path, row.latency]),
      [
        ['/a', '12'],
        ['/b', '250'],
      ],
    );
  });

  it('aggregates with count, count_distinct, avg, min, max and skips events without the group key', () => {
    assert.deepEqual(rows('parse @message /(?<status>\\d{3}) (?<latency>\\d+)ms/ | stats count(*) as n, count_distinct(path) as paths, avg(latency), min(latency), max(latency) by status | sort status'), [
      { status: '200', n: '2', paths: '0', 'avg(latency)': '9.5', 'min(latency)': '7', 'max(latency)': '12' },
      { status: '500', n: '1', paths: '0', 'avg(latency)': '250', 'min(latency)': '250', 'max(latency)': '250' },
    ]);
    assert.deepEqual(rows('filter @message like "nothing"| stats count(*) as n'), [{ n: '0' }], 'a global count over nothing is one row of 0');
    assert.deepEqual(rows('filter @message like "nothing" | stats count(*) as n by bin(1m)'), [], 'no zero-filled bins');
  });

  it('bins on UTC boundaries and counts recordsMatched before aggregation', () => {
    const result = evaluateQuery(parseQuery('filter @message like /GET/ | stats count(*) as n by bin(1m) | sort n desc | limit 1'), EVENTS, '1');
    assert.equal(result.recordsMatched, 3);
    assert.deepEqual(result.results, [[{ field: 'bin(1m)', value: '2026-01-15 11:00:00.000' }, { field: 'n', value: '2' }]]);
  });
});

describe('pattern masking', () => {
  it('masks ids, numbers and addresses, keeping the constant words', () => {
    assert.equal(maskLine('task 6f1c2e9a0b1c4d5e took 250ms for user 42'), 'task <*> took <*>ms for user <*>');
    assert.equal(maskLine('req 3fa85f64-5717-4562-b3fc-2c963f66afa6 from 10.0.3.17:5432'), 'req <*> from <*>');
    assert.equal(maskLine('Error: boom\n    at f (/app/x.js:10:5)'), 'Error: boom at f (/app/x.js:<*>:<*>)');
    assert.equal(maskLine('deadbeef is a word, cafe is not an id'), 'deadbeef is a word, cafe is not an id', 'hex-looking words without digits stay');
  });

  it('groups by pattern, most frequent first', () => {
    assert.deepEqual(groupPatterns(['a 1', 'b 2', 'a 3', 'a 4', 'b 5', 'c']), [
      { pattern: 'a <*>', count: 3 },
      { pattern: 'b <*>', count: 2 },
      { pattern: 'c', count: 1 },
    ]);
  });
});
