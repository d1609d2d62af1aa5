import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLevel, normaliseLevel, parseLogLine } from '../../../src/core/logs/miner/structured';

describe('parseLogLine', () => {
  it('reads a structured JSON line: message, level, time and error', () => {
    const parsed = parseLogLine(JSON.stringify({ time: '2024-05-01T10:21:07.000Z', level: 'ERROR', msg: 'payment failed', err: { type: 'TimeoutError', message: 'upstream timed out', stack: 'TimeoutError: upstream timed out\n    at post (/app/x.js:1:2)' } }));
    assert.equal(parsed.message, 'payment failed');
    assert.equal(parsed.level, 'error');
    assert.equal(parsed.timestamp, Date.UTC(2024, 4, 1, 10, 21, 7));
    assert.match(parsed.errorText!, /^TimeoutError: upstream timed out\n {4}at post/);
  });

  it('understands pino/bunyan numeric levels and epoch-second times', () => {
    const parsed = parseLogLine('{"level":50,"time":1714558867,"msg":"boom"}');
    assert.equal(parsed.level, 'error');
    assert.equal(parsed.timestamp, 1714558867000);
  });

  it('renders a JSON line without a message field as its event fields', () => {
    assert.equal(parseLogLine('{"ts":1,"level":"info","event_type":"login","user":"bob","ms":12}').message, 'event_type=login user=bob ms=12');
  });

  it('reads a leading ISO timestamp and a level word from a plain line', () => {
    const parsed = parseLogLine('2024-05-01T10:21:07.123Z WARN [pool] connection slow');
    assert.equal(parsed.timestamp, Date.UTC(2024, 4, 1, 10, 21, 7, 123));
    assert.equal(parsed.message, 'WARN [pool] connection slow');
    assert.equal(parsed.level, 'warn');
  });

  it('treats a broken JSON line as text', () => {
    assert.equal(parseLogLine('{not json}').message, '{not json}');
  });
});

describe('detectLevel', () => {
  it('finds levels where loggers put them', () => {
    assert.equal(detectLevel('2024-05-01 10:00:00,123 ERROR [main] c.a.B - failed'), 'error');
    assert.equal(detectLevel('[warn] disk almost full'), 'warn');
    assert.equal(detectLevel('error: could not open file'), 'error');
    assert.equal(detectLevel('Error: connect ECONNREFUSED 10.0.0.1:5432'), 'error');
    assert.equal(detectLevel('time=x level=debug msg=y'), 'debug');
    assert.equal(detectLevel('FATAL out of memory'), 'fatal');
  });

  it('does not read an ordinary word as a level', () => {
    assert.equal(detectLevel('retrying after error in upstream'), undefined);
    assert.equal(detectLevel('critical input interrupt (unit=0x0b bit=0x0b)'), undefined);
    assert.equal(detectLevel('Error receiving packet on tree network'), undefined);
    assert.equal(detectLevel('information about the request'), undefined);
  });

  it('normalises level names', () => {
    assert.equal(normaliseLevel('WARNING'), 'warn');
    assert.equal(normaliseLevel('Critical'), 'fatal');
    assert.equal(normaliseLevel('notice'), 'info');
    assert.equal(normaliseLevel(3), 'error');
    assert.equal(normaliseLevel('bogus'), undefined);
  });
});
