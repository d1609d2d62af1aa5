import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const repo = path.resolve(__dirname, '..', '..', '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'runbook-logs-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function runbook(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repo, 'src', 'cli.ts'), ...args], { cwd: repo, encoding: 'utf8' });
}

function file(name: string, lines: string[]): string {
  const p = path.join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

describe('runbook logs (CLI)', () => {
  it('templates --json prints one { templateId, template } per input line, in order', () => {
    const lines = [
      'Connection to 10.0.0.1 timed out after 3000 ms',
      'Connection to 10.0.0.2 timed out after 15 ms',
      'Connection to 10.0.0.3 refused',
      '',
      '{"level":"error","msg":"disk full on /dev/sda1"}',
    ];
    const result = runbook('logs', 'templates', file('t.log', lines), '--json');
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { templateId: string; template: string }[];
    assert.equal(out.length, lines.length);
    for (const entry of out) assert.deepEqual(Object.keys(entry), ['templateId', 'template']);
    assert.equal(out[0]!.template, 'Connection to <*> timed out after <*> ms');
    assert.equal(out[0]!.templateId, out[1]!.templateId);
    assert.equal(out[2]!.template, 'Connection to <*> refused');
    assert.notEqual(out[2]!.templateId, out[0]!.templateId);
    assert.equal(out[3]!.template, '');
    assert.equal(out[4]!.template, 'disk full on <*>');
  });

  it('templates without --json prints templates with counts', () => {
    const result = runbook('logs', 'templates', file('h.log', ['a 1', 'a 2', 'b']));
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^3 lines, 2 templates\n\s*2 {2}[0-9a-f]{13} {2}a <\*>\n/);
  });

  it('diff --json prints the ranked entries', () => {
    const baseline = file('b.log', ['2024-05-01T10:00:00Z INFO ok 1', '2024-05-01T10:00:30Z INFO ok 2', '2024-05-01T10:01:00Z INFO ok 3']);
    const incident = file('i.log', [
      '2024-05-01T10:21:00Z INFO ok 4',
      '2024-05-01T10:21:07Z ERROR request failed',
      'java.lang.OutOfMemoryError: Java heap space',
      '\tat com.acme.Cache.put(Cache.java:42)',
      '2024-05-01T10:22:00Z INFO ok 5',
    ]);
    const result = runbook('logs', 'diff', '--baseline', baseline, '--incident', incident, '--json');
    assert.equal(result.status, 0, result.stderr);
    const entries = JSON.parse(result.stdout) as Record<string, unknown>[];
    assert.equal(entries[0]!.change, 'new');
    assert.equal(entries[0]!.template, 'ERROR request failed java.lang.OutOfMemoryError: Java heap space');
    assert.equal(entries[0]!.firstSeen, Date.UTC(2024, 4, 1, 10, 21, 7));
    assert.equal(entries[0]!.ratio, null); // Infinity has no JSON form
    assert.deepEqual(entries[0]!.codeLocations, [{ path: 'com/acme/Cache.java', line: 42, functionName: 'com.acme.Cache.put', raw: 'at com.acme.Cache.put(Cache.java:42)' }]);
    assert.equal(entries.length, 2);
  });

  it('fails clearly on a missing file or missing arguments', () => {
    const missing = runbook('logs', 'templates', path.join(dir, 'nope.log'), '--json');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*nope\.log: no such file/);
    const noIncident = runbook('logs', 'diff', '--baseline', file('x.log', ['a']));
    assert.equal(noIncident.status, 2);
    assert.match(noIncident.stderr, /needs --baseline FILE and --incident FILE/);
    const unknown = runbook('logs', 'frobnicate');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown subcommand "frobnicate"/);
  });
});
