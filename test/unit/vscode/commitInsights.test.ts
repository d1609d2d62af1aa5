import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { implicatedLocations, suspectRange, suspectsView } from '../../../src/vscode/commitInsightsModel';
import { createRuntime } from '../../../src/vscode/runtime';
import { COMMIT } from './fixtures';
import { DEPLOY_AT, incidentState, triageContext } from './incidentFixtures';

test('the suspect range is the deployment that shipped the culprit commit', () => {
  const context = triageContext();
  context.changes = [
    { ...context.changes[0]!, at: DEPLOY_AT - 86_400_000, toVersion: 'image-resizer:41', fromVersion: 'image-resizer:40', toCommit: '1111111', fromCommit: '0000000' },
    { ...context.changes[0]!, fromCommit: '4a06bab' },
  ];
  const { state } = incidentState({ context });
  const range = suspectRange(state, context);
  assert.equal(range?.toCommit, COMMIT.sha);
  assert.equal(range?.fromCommit, '4a06bab');
  assert.equal(suspectRange(state, { ...context, changes: [] }), undefined);
});

test('implicated locations: stack frames and the lines printing the root cause patterns', () => {
  const { state } = incidentState();
  const template = state.evidence.E2!.patterns![0]!.template;
  const implicated = implicatedLocations(state, new Map([[template, [{ path: 'src/server.js', line: 46, text: '', score: 0.5, matchedParts: [] }]]]));
  assert.deepEqual(implicated, [
    { path: '/app/src/cache/thumbnailCache.js', line: 30 },
    { path: 'src/server.js', line: 46 },
  ]);
});

test('the suspects view never carries a pull request URL, only what the host will open', () => {
  const { state, context } = incidentState();
  const view = suspectsView({
    status: 'ready',
    range: suspectRange(state, context),
    suspects: [{ commit: COMMIT, score: 7, reasons: ['blame: src/cache/thumbnailCache.js:30 was last changed by this commit'], touchedImplicatedFiles: ['src/cache/thumbnailCache.js'], blamedLines: 4 }],
    pullRequests: new Map([[COMMIT.sha, { pullRequest: { number: 128, title: 'Cache thumbnails for 24h', url: 'https://github.com/acme/image-resizer/pull/128', author: 'dana', state: 'merged', baseRef: 'main', headRef: 'x' } }]]),
    workspace: { found: true, via: 'git extension', repoDir: '/ws' },
  });
  assert.equal(view?.items[0]?.pullRequest?.number, 128);
  assert.ok(!JSON.stringify(view).includes('https://'), 'no URL crosses into the webview');
  assert.match(view?.range?.workspace ?? '', /found in your workspace's repository \(via the git extension\)/);
  assert.equal(view?.range?.label, 'image-resizer:41 → image-resizer:42');
});

test('the runtime ranks the demo deployment\'s commits and finds the pull request on the sandbox\'s GitHub', async () => {
  const runtime = createRuntime();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runbook-demo-'));
  const demo = await runtime.startDemo({ scenarioId: 'demo-oom', repoDir: path.join(dir, 'repo') });
  try {
    const suspects = await runtime.rankSuspects({
      repoRoot: demo.repoDir,
      fromCommit: demo.commits.good,
      toCommit: demo.commits.cache!,
      implicated: [{ path: '/app/src/cache/thumbnailCache.js', line: 30 }],
    });
    assert.equal(suspects[0]?.commit.sha, demo.commits.cache);
    assert.ok(suspects[0]!.score > 0 && suspects[0]!.reasons.length > 0);
    assert.ok(demo.providers.github, 'the demo environment has the GitHub emulator');
    const lookup = await runtime.pullRequestFor(demo.commits.cache!, demo.providers.github);
    assert.equal(lookup.pullRequest?.number, 128);
    assert.match(lookup.pullRequest?.url ?? '', /\/pull\/128$/);
    const sources = await runtime.findTemplateSources('WARN thumbnail cache size=<*> entries, heap used <*> MB', demo.repoDir);
    assert.equal(`${sources[0]?.path}:${sources[0]?.line}`, 'src/server.js:42');
  } finally {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
