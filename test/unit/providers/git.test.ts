process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** GitCliProvider over repositories materialized from scenarios, with the real git CLI. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GitCliProvider } from '../../../src/providers/git/gitCli';
import type { ProviderErrorKind } from '../../../src/providers/types';
import { materializeRepo, SandboxRepoError } from '../../../src/sandbox/scenario/repo';
import { parseScenario, type Scenario } from '../../../src/sandbox/scenario/scenario';
import { loadBundledScenario } from '../../../src/sandbox/scenarios';
import { miniScenario } from '../sandbox/miniScenario';
import { expectProviderError } from './expectProviderError';

const scratch = mkdtempSync(join(tmpdir(), 'git-provider-test-'));
let counter = 0;
const freshDir = () => join(scratch, `dir-${++counter}`);

const rejectsWith = (promise: Promise<unknown>, kind: ProviderErrorKind, fragment?: string) => expectProviderError(promise, kind, fragment, 'git');

after(() => rmSync(scratch, { recursive: true, force: true }));

describe('materializeRepo', () => {
  const demo = loadBundledScenario('demo-oom');

  it('produces the same shas in different directories, whatever the user git config says', async () => {
    const first = await materializeRepo(demo, freshDir());
    // A hostile global config: CRLF conversion, signing, another identity, a failing hook.
    const home = freshDir();
    mkdirSync(join(home, 'hooks'), { recursive: true });
    writeFileSync(join(home, 'hooks', 'pre-commit'), '#!/bin/sh\nexit 1\n');
    chmodSync(join(home, 'hooks', 'pre-commit'), 0o755);
    writeFileSync(
      join(home, 'gitconfig'),
      `[core]\n\tautocrlf = true\n\thooksPath = ${join(home, 'hooks')}\n[commit]\n\tgpgsign = true\n[user]\n\tname = Mallory\n\temail = m@example.test\n[init]\n\tdefaultBranch = trunk\n`,
    );
    const saved = { ...process.env };
    Object.assign(process.env, { GIT_CONFIG_GLOBAL: join(home, 'gitconfig'), HOME: home, GIT_AUTHOR_NAME: 'Mallory', GIT_COMMITTER_DATE: '2001-01-01T00:00:00Z' });
    let second: Record<string, string>;
    try {
      second = await materializeRepo(demo, freshDir());
    } finally {
      process.env = saved;
    }
    assert.deepEqual(second, first);
    assert.deepEqual(Object.keys(first), ['init', 'good', 'docs', 'cache']);
    for (const sha of Object.values(first)) assert.match(sha, /^[0-9a-f]{40}$/);
  });

  it('pins the shas of a known scenario (identical on every machine)', async () => {
    const commits = await materializeRepo(parseScenario(miniScenario()), freshDir());
    // These are the object hashes of the fixture's content, author and dates alone (checked by
    // hashing the blob/tree/commit objects by hand, without git). If they change, something of
    // the machine or of the way commits are made leaked into the history.
    assert.deepEqual(commits, {
      one: '2f811f2fcc6842d3d866044ec8b16c07cab757a7',
      two: 'cc3a6b44b87b73a6a71c6d51fa0efbc58fc41737',
    });
  });

  it('writes the marker outside the history, on branch main, and re-creates a previous materialization', async () => {
    const dir = freshDir();
    const commits = await materializeRepo(demo, dir);
    const marker = JSON.parse(readFileSync(join(dir, '.runbook', 'sandbox.json'), 'utf8'));
    assert.deepEqual(marker, { scenarioId: 'demo-oom', commits });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    assert.equal(git('status', '--porcelain'), '', 'the marker is excluded, the tree is clean');
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), 'main');
    assert.equal(git('rev-parse', 'HEAD'), commits.cache);
    assert.equal(git('log', '--format=%an <%ae> %aI | %cn %cI', '-1', commits.docs), 'Tom Becker <tom.becker@acme.example> 2026-11-20T09:40:00+00:00 | Tom Becker 2026-11-20T09:40:00+00:00');

    writeFileSync(join(dir, 'scribble.txt'), 'local change');
    assert.deepEqual(await materializeRepo(demo, dir), commits);
    assert.equal(existsSync(join(dir, 'scribble.txt')), false, 'a re-materialization starts from scratch');
  });

  it('refuses a non-empty directory that is not a sandbox repository, and leaves it alone', async () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'precious.txt'), 'keep me');
    await assert.rejects(materializeRepo(demo, dir), (error: unknown) => error instanceof SandboxRepoError && error.message.includes(dir) && /not empty/.test(error.message));
    assert.equal(readFileSync(join(dir, 'precious.txt'), 'utf8'), 'keep me');
    assert.equal(existsSync(join(dir, '.git')), false);
  });
});

describe('GitCliProvider on the demo repository', () => {
  let demo: Scenario;
  let commits: Record<string, string>;
  let git: GitCliProvider;

  before(async () => {
    demo = loadBundledScenario('demo-oom');
    const dir = freshDir();
    commits = await materializeRepo(demo, dir);
    git = new GitCliProvider(dir);
  });

  it('lists commits in an author-date window, newest first, with their files', async () => {
    const found = await git.commitsBetween('2026-11-20T09:00:00Z', '2026-11-20T10:45:00Z');
    assert.deepEqual(
      found.map((commit) => [commit.sha, commit.subject, commit.files]),
      [
        [commits.cache, 'Keep thumbnails cached for 24h to cut S3 reads', ['src/cache/thumbnailCache.js']],
        [commits.docs, 'Clarify cache section in README', ['README.md']],
      ],
    );
    const [cache] = found;
    assert.equal(cache.shortSha, commits.cache.slice(0, 7));
    assert.equal(cache.author, 'Dana Whitfield');
    assert.equal(cache.authorEmail, 'dana.whitfield@acme.example');
    assert.equal(Date.parse(cache.date), Date.parse('2026-11-20T09:58:00Z'));
    assert.match(cache.body, /^S3 GETs became our largest cost line/);
    assert.ok(cache.body.includes('size-based eviction in put() is no longer needed'));
  });

  it('includes both window bounds and nothing outside them', async () => {
    const ids = async (since: string, until: string) => (await git.commitsBetween(since, until)).map((commit) => commit.subject);
    assert.deepEqual(await ids('2026-11-20T09:40:00Z', '2026-11-20T09:40:00Z'), ['Clarify cache section in README']);
    assert.deepEqual(await ids('2026-11-20T09:40:01Z', '2026-11-20T09:57:59Z'), []);
    assert.deepEqual(await ids('2026-11-17T00:00:00Z', '2026-11-18T23:59:59Z'), ['Add request logging', 'Initial image-resizer service']);
    const root = (await git.commitsBetween('2026-11-17T00:00:00Z', '2026-11-17T23:59:59Z'))[0];
    assert.deepEqual([...root.files].sort(), ['README.md', 'package.json', 'src/cache/thumbnailCache.js', 'src/handlers/resize.js', 'src/server.js']);
  });

  it('lists what a deploy shipped: the commits of from..to, newest first', async () => {
    const shipped = await git.commitRange(commits.good.slice(0, 7), commits.cache);
    assert.deepEqual(shipped.map((commit) => commit.sha), [commits.cache, commits.docs]);
    assert.deepEqual((await git.commitRange(undefined, commits.good)).map((commit) => commit.sha), [commits.good, commits.init]);
    assert.deepEqual(await git.commitRange(commits.good, 'deadbeefdeadbeef'), []);
    assert.deepEqual(await git.commitRange('--all', commits.cache), [], 'an option is never taken as a ref');
  });

  it('gets a commit by full sha, short sha or ref, and undefined for unknown or unsafe refs', async () => {
    assert.equal((await git.getCommit(commits.docs))?.subject, 'Clarify cache section in README');
    assert.equal((await git.getCommit(commits.good.slice(0, 7)))?.sha, commits.good);
    assert.equal((await git.getCommit('HEAD'))?.sha, commits.cache);
    assert.equal((await git.getCommit('main~1'))?.sha, commits.docs);
    assert.equal(await git.getCommit('deadbeefdeadbeef'), undefined);
    assert.equal(await git.getCommit('no-such-branch'), undefined);
    const trap = join(scratch, 'pwned.txt');
    assert.equal(await git.getCommit(`--output=${trap}`), undefined);
    assert.equal(existsSync(trap), false, 'a ref is never taken as an option');
  });

  it('shows the culprit patch: MAX_ENTRIES 256 → 50000 and the eviction loop removed', async () => {
    const patch = await git.commitPatch(commits.cache);
    assert.ok(patch.startsWith('diff --git a/src/cache/thumbnailCache.js b/src/cache/thumbnailCache.js'), patch.slice(0, 200));
    assert.ok(patch.includes('\n-const MAX_ENTRIES = 256;\n'));
    assert.ok(patch.includes('\n+const MAX_ENTRIES = 50000;\n'));
    assert.ok(patch.includes('\n-    while (this.entries.size > this.maxEntries) {\n'));
    assert.equal(patch.includes('README.md'), false);
    await rejectsWith(git.commitPatch('0000000000000000000000000000000000000000'), 'not-found');
  });

  it('honours an AbortSignal', async () => {
    await rejectsWith(git.commitsBetween('2026-11-20T09:00:00Z', '2026-11-20T10:45:00Z', AbortSignal.abort()), 'cancelled');
  });
});

describe('GitCliProvider limits and failures', () => {
  it('caps a large patch at 64 KB and says so', async () => {
    const input = miniScenario();
    const big = Array.from({ length: 6000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n') + '\n';
    input.world.git!.commits!.push({ label: 'big', message: 'Add fixture data', author: 'Ann Author', email: 'ann@example.test', date: '2026-01-15T10:40:00Z', files: { 'data/big.txt': big } });
    const dir = freshDir();
    const commits = await materializeRepo(parseScenario(input), dir);
    const patch = await new GitCliProvider(dir).commitPatch(commits.big);
    assert.ok(big.length > 200_000);
    assert.ok(patch.length <= 64 * 1024 + 100, `patch is ${patch.length} chars`);
    assert.ok(patch.endsWith('[patch truncated at 64 KB]\n'));
    assert.ok(patch.startsWith('diff --git a/data/big.txt b/data/big.txt'));
  });

  it('returns nothing for a repository without commits', async () => {
    const input = miniScenario();
    input.world.git!.commits = [];
    input.world.ecs!.taskDefinitions!.forEach((definition) => {
      definition.containers[0].image = 'registry.example/web:latest';
      definition.containers[0].environment = [];
    });
    input.truth.culprit!.id = 'web:2';
    const dir = freshDir();
    assert.deepEqual(await materializeRepo(parseScenario(input), dir), {});
    const git = new GitCliProvider(dir);
    assert.deepEqual(await git.commitsBetween('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z'), []);
    assert.equal(await git.getCommit('HEAD'), undefined);
  });

  it('reports a directory that is not a repository, a missing directory and a missing git as not-configured', async () => {
    const plain = freshDir();
    mkdirSync(plain);
    await rejectsWith(new GitCliProvider(plain).commitsBetween('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'), 'not-configured', 'is not a git repository');
    await rejectsWith(new GitCliProvider(plain).getCommit('HEAD'), 'not-configured', 'is not a git repository');
    await rejectsWith(new GitCliProvider(join(scratch, 'missing')).getCommit('HEAD'), 'not-configured', 'does not exist');
    await rejectsWith(new GitCliProvider(plain, { gitPath: join(scratch, 'no-git-here') }).getCommit('HEAD'), 'not-configured', 'git is not installed');
  });

  it('rejects an invalid time window', async () => {
    await rejectsWith(new GitCliProvider(scratch).commitsBetween('yesterday-ish', '2026-01-01T00:00:00Z'), 'failed', 'invalid time window');
  });
});

describe('GitCliProvider grep and blame', () => {
  let commits: Record<string, string>;
  let dir: string;
  let git: GitCliProvider;

  before(async () => {
    dir = freshDir();
    commits = await materializeRepo(loadBundledScenario('demo-oom'), dir);
    git = new GitCliProvider(dir);
  });

  it('greps fixed strings in tracked files: path, 1-based line, text and the longest string matched', async () => {
    const found = await git.grep(['thumbnail cache size=', 'entries, heap used', 'MAX_ENTRIES']);
    assert.deepEqual(
      found.map(({ path, line, matched }) => [path, line, matched]),
      [
        ['README.md', 14, 'MAX_ENTRIES'],
        ['src/cache/thumbnailCache.js', 5, 'MAX_ENTRIES'],
        ['src/cache/thumbnailCache.js', 9, 'MAX_ENTRIES'],
        ['src/cache/thumbnailCache.js', 38, 'MAX_ENTRIES'],
        ['src/server.js', 42, 'thumbnail cache size='],
      ],
    );
    assert.equal(found[1].text, 'const MAX_ENTRIES = 50000;');
    assert.ok(found[4].text.includes('console.log(`WARN thumbnail cache size=${cache.size} entries, heap used ${usedMb} MB`)'));
  });

  it('takes strings literally (regex characters, leading dashes) and finds nothing without error', async () => {
    assert.deepEqual((await git.grep(['?w=${url.searchParams.get('])).map(({ path, line }) => `${path}:${line}`), ['src/server.js:33']);
    assert.deepEqual(await git.grep(['--output=/tmp/x', 'no such text anywhere']), []);
    assert.deepEqual(await git.grep(['', '  ', 'two\nlines']), [], 'unsearchable strings are dropped before git runs');
  });

  it('bounds the matches, ignores untracked files, and honours an AbortSignal', async () => {
    assert.equal((await git.grep(['e'], { maxMatches: 3 })).length, 3);
    writeFileSync(join(dir, 'untracked.js'), 'console.log("thumbnail cache size=");\n');
    try {
      assert.ok((await git.grep(['thumbnail cache size='])).every((match) => match.path !== 'untracked.js'));
    } finally {
      rmSync(join(dir, 'untracked.js'));
    }
    await rejectsWith(git.grep(['cache'], {}, AbortSignal.abort()), 'cancelled');
  });

  it('blames lines at a ref: the culprit owns the constants it changed, the initial commit the rest', async () => {
    const lines = await git.blame('src/cache/thumbnailCache.js', 4, 7, commits.cache);
    assert.deepEqual(
      lines.map(({ line, sha }) => [line, sha]),
      [
        [4, commits.cache],
        [5, commits.cache],
        [6, commits.cache],
        [7, commits.init],
      ],
    );
    assert.deepEqual(
      { author: lines[1].author, date: lines[1].date, summary: lines[1].summary, text: lines[1].text },
      { author: 'Dana Whitfield', date: '2026-11-20T09:58:00+00:00', summary: 'Keep thumbnails cached for 24h to cut S3 reads', text: 'const MAX_ENTRIES = 50000;' },
    );
    // Before the culprit, the same lines belong to the initial commit.
    assert.ok((await git.blame('src/cache/thumbnailCache.js', 5, 6, commits.docs)).every((line) => line.sha === commits.init));
  });

  it('blames the work tree without a ref (uncommitted lines have the zero sha), clips ranges past the end', async () => {
    const file = join(dir, 'src', 'server.js');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace("const PORT = Number(process.env.PORT || 8080);", 'const PORT = 9090;'));
    try {
      const [line] = await git.blame('src/server.js', 7, 7);
      assert.equal(line.sha, '0'.repeat(40));
      assert.equal(line.text, 'const PORT = 9090;');
      assert.equal(line.author, 'Not Committed Yet');
    } finally {
      writeFileSync(file, original);
    }
    const tail = await git.blame(join(dir, 'src/cache/thumbnailCache.js'), 37, 500, 'HEAD');
    assert.deepEqual(tail.map((line) => line.line), [37, 38], 'an absolute path inside the work tree works too');
    assert.deepEqual(await git.blame('src/cache/thumbnailCache.js', 100, 120, 'HEAD'), []);
  });

  it('reports unknown paths and refs as not-found and rejects bad ranges', async () => {
    await rejectsWith(git.blame('src/nope.js', 1, 1, 'HEAD'), 'not-found');
    await rejectsWith(git.blame('src/nope.js', 1, 1), 'not-found');
    await rejectsWith(git.blame('README.md', 1, 1, 'deadbeefdeadbeef'), 'not-found');
    await rejectsWith(git.blame('../outside.txt', 1, 1), 'not-found', 'not inside');
    await rejectsWith(git.blame('README.md', 5, 2), 'failed', 'invalid line range');
    await rejectsWith(git.blame('README.md', 0, 2), 'failed', 'invalid line range');
  });
});
