import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandGenerator } from '../../../src/sandbox/aws/logEvents';
import { expandTimestamps, formatTimestamp, parseTemplate, TemplateError } from '../../../src/sandbox/scenario/logTemplate';

const at = Date.parse('2026-03-02T14:05:07.123Z');

describe('{ts:FORMAT} placeholder', () => {
  it('prints the named formats', () => {
    assert.equal(formatTimestamp(at, 'iso'), '2026-03-02T14:05:07.123Z');
    assert.equal(formatTimestamp(at, 'epoch'), '1772460307');
    assert.equal(formatTimestamp(at, 'epochms'), '1772460307123');
    assert.equal(formatTimestamp(at, 'clf'), '02/Mar/2026:14:05:07 +0000');
    assert.equal(formatTimestamp(at, 'syslog'), 'Mar  2 14:05:07');
    assert.equal(formatTimestamp(at, 'YYYY-MM-DD HH:mm:ss,SSS'), '2026-03-02 14:05:07,123');
  });

  it('rejects a format it cannot print', () => {
    assert.throws(() => parseTemplate('{ts:tuesday}'), TemplateError);
  });

  it('stamps each generated line with its own time, without changing the other draws', () => {
    const generator = { template: '{ts:iso} INFO GET /x {int:1-9}ms', from: '2026-03-02T14:00:00Z', to: '2026-03-02T14:00:10Z', everySeconds: 2, jitterSeconds: 1 };
    const plain = expandGenerator('s', 'g', 0, { ...generator, template: 'INFO GET /x {int:1-9}ms' }, 'd');
    const stamped = expandGenerator('s', 'g', 0, generator, 'd');
    assert.equal(stamped.length, 5);
    stamped.forEach((event, i) => {
      assert.equal(event.message, `${new Date(event.timestamp).toISOString()} ${plain[i]!.message}`);
    });
  });

  it('expands in explicit lines and leaves other braces alone', () => {
    assert.equal(expandTimestamps('{ts:epoch} {"level":"error"} {ts:bogus}', at), '1772460307 {"level":"error"} {ts:bogus}');
  });
});
