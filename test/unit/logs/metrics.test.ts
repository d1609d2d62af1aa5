import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv, parseCsvRecords } from '../../../scripts/logbench/csv';
import { evaluateParsing } from '../../../scripts/logbench/metrics';

describe('Loghub metrics (GA, FGA, PA, FTA)', () => {
  // Truth: A×3, B×2, C×1. Prediction: A exact (string equal), B merged with C, nothing else.
  const truth = ['A <*>', 'A <*>', 'A <*>', 'B <*>', 'B <*>', 'C'];

  it('perfect parsing scores 1 everywhere', () => {
    const r = evaluateParsing(truth, truth, truth);
    assert.deepEqual([r.ga, r.fga, r.pa, r.fta], [1, 1, 1, 1]);
  });

  it('GA counts lines whose predicted group equals their true group', () => {
    const groups = ['g1', 'g1', 'g1', 'g2', 'g2', 'g2'];
    const templates = ['A <*>', 'A <*>', 'A <*>', '<*>', '<*>', '<*>'];
    const r = evaluateParsing(truth, groups, templates);
    assert.equal(r.ga, 3 / 6);
    // FGA: 1 of 2 predicted groups is exact (P = 1/2), 1 of 3 true groups reproduced (R = 1/3).
    assert.ok(Math.abs(r.fga - (2 * (1 / 2) * (1 / 3)) / (1 / 2 + 1 / 3)) < 1e-12);
    // PA: only the three A lines have the exact template string.
    assert.equal(r.pa, 3 / 6);
    // FTA: the A group is exact and textually equal → same as FGA here.
    assert.ok(Math.abs(r.fta - r.fga) < 1e-12);
  });

  it('a split true group fails GA for all its lines even if each part is pure', () => {
    const groups = ['a1', 'a2', 'a2', 'b', 'b', 'c'];
    const r = evaluateParsing(truth, groups, truth);
    assert.equal(r.ga, 3 / 6);
    // PA is per line and string-only: every line has the exact template.
    assert.equal(r.pa, 1);
    // FTA needs the group too: only B and C count (2 of 4 predicted, 2 of 3 true).
    assert.ok(Math.abs(r.fta - (2 * (2 / 4) * (2 / 3)) / (2 / 4 + 2 / 3)) < 1e-12);
  });

  it('PA compares template strings exactly', () => {
    const r = evaluateParsing(['a <*> b'], ['x'], ['a <*>  b']);
    assert.equal(r.pa, 0);
    assert.equal(r.ga, 1);
    assert.equal(r.fta, 0);
  });
});

describe('CSV parsing', () => {
  it('reads quoted fields with commas, quotes and newlines', () => {
    const rows = parseCsv('a,b,c\n1,"x, y","say ""hi"""\n2,"multi\nline",\r\n');
    assert.deepEqual(rows, [
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'multi\nline', ''],
    ]);
  });

  it('maps rows to records by header', () => {
    assert.deepEqual(parseCsvRecords('LineId,Content\n1,"a,b"\n'), [{ LineId: '1', Content: 'a,b' }]);
  });
});
