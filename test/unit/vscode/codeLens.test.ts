import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { lensSources, lensTitle, noun, sourceMatchesFile, templatesOfInterest } from '../../../src/vscode/codeLensModel';
import { createRuntime } from '../../../src/vscode/runtime';
import { incidentState } from './incidentFixtures';

test('the lens title reads like the issue asks', () => {
  const { state } = incidentState();
  const pattern = state.evidence.E2!.patterns![0]!;
  assert.equal(lensTitle(pattern, { id: 'H2', title: 'OOM after deploy' }), 'Runbook: 4,210 errors since 10:21 · H2 OOM after deploy');
  assert.equal(noun('WARN thumbnail cache size=<*>'), 'warnings');
  assert.equal(noun('FATAL ERROR: heap'), 'errors');
  assert.equal(noun('GET /health 200'), 'log lines');
  assert.match(lensTitle({ ...pattern, change: 'steady', baselineCount: 39 }, undefined), /\(steady, baseline 39\)$/);
});

test('frames of cited evidence and resolved template lines get lenses; pruned hypotheses do not', () => {
  const { state, context } = incidentState();
  const templates = templatesOfInterest(state, context);
  assert.deepEqual(
    templates.map((t) => [t.template.slice(0, 24), t.evidenceId ?? '-']),
    [
      ['ERROR uncaughtException:', 'E2'],
      ['WARN thumbnail cache siz', '-'],
    ],
  );
  const resolved = new Map([
    [templates[0]!.template, [{ path: 'src/server.js', line: 46, text: 'console.error(`ERROR uncaughtException: ${error.stack}`);', score: 0.46, matchedParts: ['ERROR uncaughtException:'] }]],
    [templates[1]!.template, [{ path: 'src/server.js', line: 42, text: '…', score: 1, matchedParts: [] }]],
  ]);
  const sources = lensSources(state, templates, resolved);
  assert.deepEqual(
    sources.map((s) => [s.kind, s.path, s.line, s.evidenceId]),
    [
      ['frame', '/app/src/cache/thumbnailCache.js', 30, 'E2'],
      ['template', 'src/server.js', 46, 'E2'],
      ['template', 'src/server.js', 42, undefined],
    ],
  );
  assert.equal(sources[0]!.title, 'Runbook: 4,210 errors since 10:21 · H1 Containers run out of memory');
  assert.equal(sources[2]!.title, 'Runbook: 88 warnings since 10:14');

  state.hypotheses.H1!.status = 'pruned';
  assert.deepEqual(lensSources(state, templatesOfInterest(state, context), new Map()).filter((s) => s.kind === 'frame'), []);
});

test('lens sources match workspace files by path suffix', () => {
  const frame = { kind: 'frame' as const, path: '/app/src/cache/thumbnailCache.js', line: 30, title: '' };
  assert.ok(sourceMatchesFile(frame, 'src/cache/thumbnailCache.js'));
  assert.ok(sourceMatchesFile(frame, 'services/image-resizer/src/cache/thumbnailCache.js'));
  assert.ok(!sourceMatchesFile(frame, 'src/other/thumbnailCache.ts'));
  const template = { kind: 'template' as const, path: 'src/server.js', line: 42, title: '' };
  assert.ok(sourceMatchesFile(template, 'src/server.js'));
  assert.ok(sourceMatchesFile(template, 'image-resizer/src/server.js'));
  assert.ok(!sourceMatchesFile(template, 'lib/server.js'));
  assert.ok(!sourceMatchesFile(template, 'server.js.map'));
});

test('the runtime finds the emitting line in a real repository (core findTemplateSources over git grep -F); hostile templates stay literal', async () => {
  const runtime = createRuntime();
  const repo = mkdtempSync(path.join(os.tmpdir(), 'runbook-grep-'));
  try {
    mkdirSync(path.join(repo, 'src'));
    writeFileSync(path.join(repo, 'src', 'server.js'), [
      "'use strict';",
      'setInterval(() => {',
      '  if (usedMb >= 300) console.log(`WARN thumbnail cache size=${cache.size} entries, heap used ${usedMb} MB`);',
      '});',
      "process.on('uncaughtException', (error) => console.error(`ERROR uncaughtException: ${error.stack}`));",
      "console.log('-e $(rm -rf /) --output=x; [a-z]* matched literally');",
    ].join('\n'));
    execFileSync('git', ['init', '-q', repo]);
    execFileSync('git', ['-C', repo, 'add', '.']);
    const [warn, oom, hostile, none] = await Promise.all([
      runtime.findTemplateSources('WARN thumbnail cache size=<*> entries, heap used <*> MB', repo),
      runtime.findTemplateSources('ERROR uncaughtException: RangeError: Array buffer allocation failed', repo),
      runtime.findTemplateSources('-e $(rm -rf /) --output=x; [a-z]* matched literally', repo),
      runtime.findTemplateSources('nothing like this anywhere in the code', repo),
    ]);
    assert.deepEqual(warn.map((m) => `${m.path}:${m.line}`), ['src/server.js:3']);
    assert.deepEqual(oom.map((m) => `${m.path}:${m.line}`), ['src/server.js:5']);
    assert.deepEqual(hostile.map((m) => `${m.path}:${m.line}`), ['src/server.js:6']);
    assert.deepEqual(none, []);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
