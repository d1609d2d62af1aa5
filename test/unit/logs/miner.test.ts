import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mineTemplates, TemplateMiner, templateIdOf } from '../../../src/core/logs/miner/miner';

const templatesOf = (lines: string[]) => mineTemplates(lines).map((r) => r.template);

describe('TemplateMiner: stability', () => {
  it('gives the same template to lines of the same shape', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `Connection to 10.0.${i}.1:5432 timed out after ${100 + i} ms`);
    const out = mineTemplates(lines);
    assert.equal(new Set(out.map((r) => r.templateId)).size, 1);
    assert.equal(out[0]!.template, 'Connection to <*> timed out after <*> ms');
  });

  it('keeps different shapes apart', () => {
    const lines = [];
    for (let i = 0; i < 20; i++) {
      lines.push(`Connection to db-${i}.internal timed out`);
      lines.push(`Connection to db-${i}.internal refused`);
    }
    const templates = new Set(templatesOf(lines));
    assert.deepEqual([...templates].sort(), ['Connection to db-<*> refused', 'Connection to db-<*> timed out']);
  });

  it('keeps event words apart while folding names that vary', () => {
    const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
    const lines = users.flatMap((u) => [`session opened for user ${u}`, `session closed for user ${u}`]);
    assert.deepEqual([...new Set(templatesOf(lines))].sort(), ['session closed for user <*>', 'session opened for user <*>']);
  });

  it('keeps log levels and enumerations literal', () => {
    const lines = ['INFO job started', 'WARN job started', 'ERROR job started', 'INFO job started', 'WARN job started'];
    assert.equal(new Set(templatesOf(lines)).size, 3);
    const states = ['NEW', 'RUNNING', 'FAILED', 'KILLED'].map((s) => `Task moved to ${s}`);
    assert.equal(new Set(templatesOf([...states, ...states])).size, 4);
  });

  it('folds values that vary a lot even without digits', () => {
    const hosts = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'].map((h) => `Sending heartbeat to ${h}.example.net`);
    assert.deepEqual([...new Set(templatesOf(hosts))], ['Sending heartbeat to <*>']);
  });

  it('keeps a token that never varies even if it holds a digit', () => {
    const lines = Array.from({ length: 5 }, (_, i) => `Rejected token for svc from 10.0.0.${i} port ${40000 + i} via eth2`);
    assert.equal(templatesOf(lines)[0], 'Rejected token for svc from <*> port <*> via eth2');
  });

  it('merges values of variable length (numbers with or without a unit annotation)', () => {
    const lines = [
      'cdn:443 closed, 0 bytes in, 0 bytes out, age 00:02',
      'cdn:443 closed, 512 bytes in, 20480 bytes (20.0 KB) out, age <1 sec',
      'cdn:443 closed, 16 bytes in, 3072 bytes (3.0 KB) out, age 00:05',
      'cdn:443 closed, 9 bytes in, 64 bytes out, age <1 sec',
    ];
    assert.equal(new Set(mineTemplates(lines).map((r) => r.templateId)).size, 1);
  });

  it('templates a JSON log line by its message field', () => {
    const lines = [
      '{"level":"error","msg":"payment failed for order 1234","ts":1714558867000}',
      '{"level":"error","msg":"payment failed for order 99","ts":1714558868000}',
    ];
    assert.deepEqual([...new Set(templatesOf(lines))], ['payment failed for order <*>']);
  });

  it('outputs templates in the corrected Loghub form', () => {
    assert.equal(templatesOf(['Started job at Fri Jun 17 07:07:00 2005 with 2 workers'])[0], 'Started job at <*> with <*> workers');
  });
});

describe('TemplateMiner: ids and memory', () => {
  it('template ids are a stable function of the template text', () => {
    assert.equal(templateIdOf('a <*> b'), templateIdOf('a <*> b'));
    assert.notEqual(templateIdOf('a <*> b'), templateIdOf('a <*> c'));
    assert.match(templateIdOf('x'), /^[0-9a-f]{13}$/);
  });

  it('resolves ids handed out before a merge to the surviving template', () => {
    const miner = new TemplateMiner();
    const first = miner.add('session opened for user alice');
    for (const u of ['bob', 'carol', 'dave', 'erin', 'frank']) miner.add(`session opened for user ${u}`);
    assert.equal(miner.template(first), 'session opened for user <*>');
    assert.equal(miner.match('session opened for user zed'), miner.resolve(first));
  });

  it('never holds more clusters than its cap (least recently used are evicted)', () => {
    const miner = new TemplateMiner({ maxClusters: 50, signatureCacheSize: 500 });
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
    let peak = 0;
    for (let i = 0; i < 5000; i++) {
      // 10^4 distinct shapes: far more than the cap.
      const a = words[i % 10]!;
      const b = words[Math.floor(i / 10) % 10]!;
      const c = words[Math.floor(i / 100) % 10]!;
      const d = words[Math.floor(i / 1000) % 10]!;
      miner.add(`${a} ${b} ${c} ${d} ${'x'.repeat(1 + (i % 7))}`);
      peak = Math.max(peak, miner.size);
    }
    assert.ok(peak <= 51, `peak ${peak} clusters`);
    // A line whose cluster was evicted still gets a template.
    const out = mineTemplates(['alpha bravo', 'charlie delta'], { maxClusters: 1 });
    assert.equal(out.length, 2);
    assert.ok(out.every((r) => r.template.length > 0));
  });

  it('caps the tokens kept per message', () => {
    const long = Array.from({ length: 300 }, (_, i) => `w${i % 2 ? 'a' : 'b'}x`).join(' ');
    const [result] = mineTemplates([long], { maxTokens: 10 });
    assert.equal(result!.template.split(' ').length, 10);
    assert.ok(result!.template.endsWith('<*>'));
  });
});
