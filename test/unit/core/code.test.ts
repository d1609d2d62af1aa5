process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Evidence → code (core/code): log templates resolved to the lines that print them, suspect
 * commits ranked with file overlap, nearby changes and blame, pull requests for a commit, and
 * the deployed commit from an image tag — over real repositories materialized from scenarios,
 * the real git CLI provider and the GitHub emulator through Octokit.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deployedRefCandidates, resolveDeployedCommit } from '../../../src/core/code/deployedCommit';
import { changePositions } from '../../../src/core/code/patch';
import { pullRequestFor } from '../../../src/core/code/pullRequests';
import { rankCommits, rankSuspectCommits } from '../../../src/core/code/suspects';
import { fileWeight, findTemplateSources, templateFragments } from '../../../src/core/code/templateSources';
import { rankCommits as ruleRankCommits } from '../../../src/core/reasoner/rules/commitBlame';
import { GitCliProvider } from '../../../src/providers/git/gitCli';
import { createGitHubProvider } from '../../../src/providers/github/client';
import { startGitHubEmulator } from '../../../src/sandbox/github/githubEmulator';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { materializeRepo } from '../../../src/sandbox/scenario/repo';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/sandbox';
import { parseScenario, resolveScenario, type ScenarioInput } from '../../../src/sandbox/scenario/scenario';
import { loadBundledScenario } from '../../../src/sandbox/scenarios';
import { miniScenario } from '../sandbox/miniScenario';

const scratch = mkdtempSync(join(tmpdir(), 'core-code-test-'));
let counter = 0;
const freshDir = () => join(scratch, `repo-${++counter}`);
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The mini scenario with its git history replaced by `commits` (files by path). */
async function repoWith(commits: { label: string; date: string; author?: string; files: Record<string, string | null> }[]): Promise<{ git: GitCliProvider; shas: Record<string, string> }> {
  const input: ScenarioInput = miniScenario();
  input.world.git = {
    commits: commits.map((commit) => ({ label: commit.label, message: `Commit ${commit.label}`, author: commit.author ?? 'Ann Author', email: 'ann@example.test', date: commit.date, files: commit.files })),
  };
  // The mini scenario's task definitions point at its own commit labels; these tests do not use them.
  input.world.ecs!.taskDefinitions!.forEach((definition) => {
    definition.containers[0].image = 'registry.example/web:latest';
    definition.containers[0].environment = [];
  });
  input.truth.culprit = { kind: 'task-definition', id: 'web:2' };
  const dir = freshDir();
  const shas = await materializeRepo(parseScenario(input), dir);
  return { git: new GitCliProvider(dir), shas };
}

describe('templateFragments', () => {
  it('splits on placeholders and drops levels, generic words and tiny fragments', () => {
    assert.deepEqual(
      templateFragments('WARN thumbnail cache size=<*> entries, heap used <*> MB').map((fragment) => fragment.text),
      ['thumbnail cache size=', 'entries, heap used'],
    );
    assert.deepEqual(templateFragments('Connection to <*> timed out after <*> ms').map((fragment) => fragment.text), ['Connection to', 'timed out after']);
    assert.deepEqual(templateFragments('[ERROR] FATAL: <IP> refused <*>').map((fragment) => fragment.text), ['refused']);
    assert.deepEqual(templateFragments('ERROR <*> failed <*>'), []);
    assert.deepEqual(templateFragments('<*>'), []);
    // Quotes split too: code escapes them, so they never appear literally in the source.
    assert.deepEqual(templateFragments('user "<*>" not found in directory').map((fragment) => fragment.text), ['user', 'not found in directory']);
  });

  it('also searches long fragments by their word-boundary prefixes and suffixes', () => {
    const [fragment] = templateFragments('ERROR uncaughtException: RangeError: Array buffer allocation failed');
    assert.equal(fragment.text, 'uncaughtException: RangeError: Array buffer allocation failed');
    assert.ok(fragment.searches.includes('uncaughtException:'));
    assert.ok(fragment.searches.includes('Array buffer allocation failed'));
    assert.ok(fragment.searches.every((search, i) => i < 2 || search.length <= fragment.searches[i - 1].length), 'pieces longest first');
  });

  it('weighs source above tests, docs and lockfiles', () => {
    const order = ['src/server.js', 'config/app.yaml', 'test/server.test.js', 'docs/logging.md', 'dist/bundle.min.js', 'package-lock.json'].map(fileWeight);
    assert.deepEqual([...order].sort((a, b) => b - a), order);
    assert.equal(fileWeight('src/server_test.go') < fileWeight('src/server.go'), true);
  });
});

describe('findTemplateSources on the demo repository', () => {
  let git: GitCliProvider;
  before(async () => {
    const dir = freshDir();
    await materializeRepo(loadBundledScenario('demo-oom'), dir);
    git = new GitCliProvider(dir);
  });

  it('resolves the demo WARN template to the line that logs it', async () => {
    const [best, ...rest] = await findTemplateSources('WARN thumbnail cache size=<*> entries, heap used <*> MB', git);
    assert.deepEqual({ path: best.path, line: best.line, score: best.score, matchedParts: best.matchedParts }, {
      path: 'src/server.js',
      line: 42,
      score: 1,
      matchedParts: ['thumbnail cache size=', 'entries, heap used'],
    });
    assert.deepEqual(rest, []);
  });

  it('resolves other demo lines, partially when the log carries more than the code wrote', async () => {
    const top = async (template: string) => (await findTemplateSources(template, git))[0];
    assert.deepEqual(await top('INFO image-resizer listening on :<*>').then((match) => [match.path, match.line, match.score]), ['src/server.js', 54, 1]);
    assert.deepEqual(await top('INFO SIGTERM received, draining connections').then((match) => [match.path, match.line]), ['src/server.js', 50]);
    const crash = await top('ERROR uncaughtException: RangeError: Array buffer allocation failed');
    assert.deepEqual([crash.path, crash.line, crash.matchedParts], ['src/server.js', 46, ['uncaughtException:']]);
    assert.ok(crash.score > 0.2 && crash.score < 0.5, `partial match scores lower: ${crash.score}`);
  });

  it('finds nothing for lines the code does not print (V8 writes the heap-limit message)', async () => {
    assert.deepEqual(await findTemplateSources('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', git), []);
    assert.deepEqual(await findTemplateSources('<*> <*>', git), []);
  });
});

describe('findTemplateSources ranking', () => {
  it('prefers the logging call in source over tests, docs, comments and partial matches', async () => {
    const { git } = await repoWith([
      {
        label: 'one',
        date: '2026-01-10T10:00:00Z',
        files: {
          'src/db/pool.js': "// Logs 'Connection to <host> timed out after <n> ms' when the pool gives up.\nfunction fail(host, ms) {\n  logger.warn(`Connection to ${host} timed out after ${ms} ms`);\n}\n",
          'src/db/other.js': "const message = 'timed out after';\n",
          'test/db/pool.test.js': "assert.match(log, /Connection to db timed out after 30 ms/);\nconst text = 'Connection to ' + host + ' timed out after ';\n",
          'docs/troubleshooting.md': '"Connection to X timed out after N ms" means the database is down.\n',
        },
      },
    ]);
    const found = await findTemplateSources('ERROR Connection to <*> timed out after <*> ms', git);
    assert.deepEqual(found[0] && [found[0].path, found[0].line, found[0].score], ['src/db/pool.js', 3, 1]);
    const order = found.map((match) => `${match.path}:${match.line}`);
    assert.ok(order.indexOf('src/db/pool.js:1') > 0, `the comment ranks below the call: ${order.join(', ')}`);
    assert.ok(order.indexOf('test/db/pool.test.js:2') > order.indexOf('src/db/pool.js:1'), order.join(', '));
    assert.ok(order.indexOf('docs/troubleshooting.md:1') > 0, order.join(', '));
    assert.equal(new Set(order).size, order.length, 'deduplicated');
    assert.ok(found.every((match, i) => i === 0 || match.score <= found[i - 1].score), 'best first');
  });
});

describe('rankSuspectCommits', () => {
  let git: GitCliProvider;
  let commits: Record<string, string>;
  before(async () => {
    const dir = freshDir();
    commits = await materializeRepo(loadBundledScenario('demo-oom'), dir);
    git = new GitCliProvider(dir);
  });

  it('puts the demo culprit first for the stack frame thumbnailCache.js:30 (it removed the eviction right below)', async () => {
    const ranked = await rankSuspectCommits({ git, fromCommit: commits.good, toCommit: commits.cache, implicated: [{ path: '/app/src/cache/thumbnailCache.js', line: 30 }] });
    assert.deepEqual(ranked.map((suspect) => suspect.commit.sha), [commits.cache, commits.docs]);
    const [culprit, docs] = ranked;
    assert.deepEqual(culprit.touchedImplicatedFiles, ['src/cache/thumbnailCache.js']);
    assert.deepEqual(culprit.reasons, ['changes src/cache/thumbnailCache.js, named by the evidence', 'changes lines next to src/cache/thumbnailCache.js:30']);
    assert.equal(culprit.commit.subject, 'Keep thumbnails cached for 24h to cut S3 reads');
    assert.equal(culprit.blamedLines, 0, 'line 30 itself predates the range: blame alone would miss the culprit');
    assert.deepEqual([docs.score, docs.reasons, docs.touchedImplicatedFiles], [0, [], []]);
  });

  it('uses blame: the exact line a commit in the range wrote', async () => {
    const ranked = await rankSuspectCommits({ git, fromCommit: commits.init, toCommit: commits.cache, implicated: [{ path: '/app/src/cache/thumbnailCache.js', line: 5 }, { path: '/app/src/server.js', line: 33 }] });
    const byLabel = Object.fromEntries(ranked.map((suspect) => [Object.keys(commits).find((label) => commits[label] === suspect.commit.sha)!, suspect]));
    assert.ok(byLabel.cache.reasons.includes('blame: src/cache/thumbnailCache.js:5 was last changed by this commit'), byLabel.cache.reasons.join('; '));
    assert.ok(byLabel.good.reasons.includes('blame: src/server.js:33 was last changed by this commit'), byLabel.good.reasons.join('; '));
    assert.ok(byLabel.cache.blamedLines >= 3 && byLabel.good.blamedLines >= 3);
    assert.equal(ranked[2].commit.sha, commits.docs);
  });

  it('lets blame decide between two commits that change the same file', async () => {
    const base = Array.from({ length: 20 }, (_, i) => `const line${i + 1} = ${i + 1};`);
    const top = [...base];
    top[1] = 'const line2 = 200;';
    const bottom = [...top];
    bottom[15] = 'const line16 = 1600;';
    const { git: repo, shas } = await repoWith([
      { label: 'base', date: '2026-01-10T10:00:00Z', files: { 'src/f.js': base.join('\n') + '\n' } },
      { label: 'top', date: '2026-01-11T10:00:00Z', files: { 'src/f.js': top.join('\n') + '\n' } },
      { label: 'bottom', date: '2026-01-12T10:00:00Z', files: { 'src/f.js': bottom.join('\n') + '\n' } },
    ]);
    const rank = (line: number) => rankSuspectCommits({ git: repo, fromCommit: shas.base, toCommit: shas.bottom, implicated: [{ path: 'f.js', line }] });
    assert.deepEqual((await rank(2)).map((suspect) => suspect.commit.sha), [shas.top, shas.bottom]);
    assert.deepEqual((await rank(16)).map((suspect) => suspect.commit.sha), [shas.bottom, shas.top]);
    // Without a line both only touch the file: git's order (newest first) breaks the tie.
    const fileOnly = await rankSuspectCommits({ git: repo, fromCommit: shas.base, toCommit: shas.bottom, implicated: [{ path: 'src/f.js' }] });
    assert.deepEqual(fileOnly.map((suspect) => [suspect.commit.sha, suspect.score]), [[shas.bottom, 2], [shas.top, 2]]);
  });

  it('returns nothing for an unknown range and survives a file the bad version deleted', async () => {
    assert.deepEqual(await rankSuspectCommits({ git, fromCommit: commits.good, toCommit: 'deadbeefdeadbeef', implicated: [] }), []);
    const { git: repo, shas } = await repoWith([
      { label: 'base', date: '2026-01-10T10:00:00Z', files: { 'src/a.js': 'a\n', 'src/gone.js': 'x\ny\n' } },
      { label: 'drop', date: '2026-01-11T10:00:00Z', files: { 'src/gone.js': null } },
    ]);
    const [suspect] = await rankSuspectCommits({ git: repo, fromCommit: shas.base, toCommit: shas.drop, implicated: [{ path: '/srv/src/gone.js', line: 2 }] });
    assert.equal(suspect.commit.sha, shas.drop);
    assert.deepEqual(suspect.touchedImplicatedFiles, ['src/gone.js']);
    assert.equal(suspect.blamedLines, 0);
  });

  it('keeps the rule reasoner on the same keyword ranking (moved here, re-exported by commitBlame)', () => {
    assert.equal(ruleRankCommits, rankCommits);
  });
});

describe('changePositions', () => {
  it('places additions at their line and deletions where they were, per file', () => {
    const patch = [
      'diff --git a/src/x.js b/src/x.js',
      'index 1111111..2222222 100644',
      '--- a/src/x.js',
      '+++ b/src/x.js',
      '@@ -3,6 +3,5 @@ class X {',
      ' keep',
      '-gone one',
      '-gone two',
      '+added',
      ' keep',
      '--- not a header: a removed line starting with dashes',
      ' keep',
      'diff --git a/README.md b/README.md',
      '--- a/README.md',
      '+++ /dev/null',
      '@@ -1,1 +0,0 @@',
      '-# readme',
    ].join('\n');
    assert.deepEqual(Object.fromEntries(changePositions(patch)), { 'src/x.js': [4, 6], 'README.md': [0] });
  });
});

describe('pullRequestFor', () => {
  let handle: SandboxHandle;
  before(async () => {
    handle = await startSandbox({ scenario: loadBundledScenario('demo-oom') });
  });
  after(() => handle.close());

  it('finds the culprit commit\'s pull request through Octokit and the emulator', async () => {
    const { pullRequest, reason } = await pullRequestFor(handle.commits.cache, sandboxProviders(handle).github);
    assert.equal(reason, undefined);
    assert.deepEqual([pullRequest?.number, pullRequest?.title, pullRequest?.author, pullRequest?.state], [128, 'Cache thumbnails for 24h', 'dwhitfield', 'merged']);
  });

  it('says why there is none: no pull request, no GitHub connection, a failed lookup', async () => {
    const none = await pullRequestFor(handle.commits.init, sandboxProviders(handle).github);
    assert.equal(none.pullRequest, undefined);
    assert.match(none.reason ?? '', /no pull request on GitHub contains/);
    assert.match((await pullRequestFor(handle.commits.cache)).reason ?? '', /not connected to GitHub/);
    const badToken = createGitHubProvider({ owner: 'acme', repo: 'image-resizer', token: 'not-the-token', baseUrl: handle.github!.baseUrl });
    const failed = await pullRequestFor(handle.commits.cache, badToken);
    assert.equal(failed.pullRequest, undefined);
    assert.match(failed.reason ?? '', /failed: .*Bad credentials/);
  });

  it('prefers the merged pull request over earlier open or closed ones', async () => {
    const shas = { init: '1'.repeat(40), good: '2'.repeat(40), docs: '3'.repeat(40), cache: '4'.repeat(40) };
    const scenario = loadBundledScenario('demo-oom');
    scenario.world.github = {
      owner: 'acme',
      repo: 'image-resizer',
      pulls: [
        { number: 1, title: 'Draft', author: 'dwhitfield', state: 'closed', baseRef: 'main', headRef: 'draft', commits: ['{{commit:cache}}'] },
        { number: 2, title: 'Open backport', author: 'dwhitfield', state: 'open', baseRef: 'release', headRef: 'backport', commits: ['{{commit:cache}}'] },
        { number: 3, title: 'Ship it', author: 'dwhitfield', state: 'merged', mergedAt: '2026-11-20T10:04:00Z', baseRef: 'main', headRef: 'ship', commits: ['{{commit:cache}}'] },
      ],
    };
    const emulator = await startGitHubEmulator({ scenario: resolveScenario(parseScenario(scenario), shas), commits: shas, token: 't0ken' });
    try {
      const github = createGitHubProvider({ owner: 'acme', repo: 'image-resizer', token: 't0ken', baseUrl: emulator.baseUrl });
      assert.equal((await pullRequestFor(shas.cache, github)).pullRequest?.number, 3);
    } finally {
      await emulator.close();
    }
  });
});

describe('resolveDeployedCommit', () => {
  let git: GitCliProvider;
  let commits: Record<string, string>;
  before(async () => {
    const dir = freshDir();
    commits = await materializeRepo(loadBundledScenario('demo-oom'), dir);
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', 'tag', 'v1.4.0', commits.good], { cwd: dir });
    git = new GitCliProvider(dir);
  });
  const container = (image: string, env: { name: string; value?: string }[] = []) => ({ name: 'app', image, env });

  it('resolves a GIT_SHA variable, a sha tag, a sha inside a build tag, and a git tag', async () => {
    const resolved = async (...containers: ReturnType<typeof container>[]) => {
      const found = await resolveDeployedCommit(containers, git);
      return found && [found.commit.sha, found.source];
    };
    assert.deepEqual(await resolved(container('123456789012.dkr.ecr.us-east-1.amazonaws.com/image-resizer:latest', [{ name: 'GIT_SHA', value: commits.cache }])), [commits.cache, 'GIT_SHA of app']);
    assert.deepEqual(await resolved(container(`registry.example/image-resizer:${commits.cache.slice(0, 7)}`)), [commits.cache, `image tag image-resizer:${commits.cache.slice(0, 7)}`]);
    assert.deepEqual(await resolved(container(`registry.example/image-resizer:main-${commits.docs.slice(0, 8)}`)), [commits.docs, `image tag image-resizer:main-${commits.docs.slice(0, 8)}`]);
    assert.deepEqual(await resolved(container('registry.example/image-resizer:v1.4.0')), [commits.good, 'image tag image-resizer:v1.4.0']);
    assert.equal(await resolved(container('registry.example/image-resizer:latest'), container('registry.example/image-resizer:v9.9.9')), undefined);
  });

  it('never offers moving tags or option-like values as refs', () => {
    assert.deepEqual(deployedRefCandidates([container('r/app:latest', [{ name: 'VERSION', value: '--all' }]), container('r/app')]), []);
  });
});
