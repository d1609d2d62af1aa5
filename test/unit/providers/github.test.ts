process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * The GitHub provider through the real @octokit/rest, over real HTTP, against the sandbox's
 * GitHub emulator: pull requests of a commit, paging through absolute Link headers, and the
 * error mapping (404, 401, rate limit, cancellation, an unreachable server). Nothing replaces
 * Octokit's transport.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGitHubProvider, parseGitHubRemote, webBaseUrl } from '../../../src/providers/github/client';
import type { ProviderErrorKind } from '../../../src/providers/types';
import { type GitHubEmulator, startGitHubEmulator } from '../../../src/sandbox/github/githubEmulator';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/sandbox';
import { parseScenario, resolveScenario, type Scenario } from '../../../src/sandbox/scenario/scenario';
import { loadBundledScenario } from '../../../src/sandbox/scenarios';
import { miniScenario } from '../sandbox/miniScenario';
import { expectProviderError } from './expectProviderError';

const rejectsWith = (promise: Promise<unknown>, kind: ProviderErrorKind, fragment?: string | RegExp) => expectProviderError(promise, kind, fragment, 'github');

/** Fake shas for emulator-only tests (no repository needed): label → 40 hex digits. */
const FAKE_SHAS = { init: 'a'.repeat(40), good: 'b'.repeat(40), docs: 'c'.repeat(40), cache: 'd'.repeat(40) };
const TOKEN = 'test-token-1234';

/** The demo scenario with `pulls` replaced, resolved against FAKE_SHAS. */
function demoWithPulls(pulls: NonNullable<Scenario['world']['github']>['pulls']): Scenario {
  const scenario = loadBundledScenario('demo-oom');
  scenario.world.github = { owner: 'acme', repo: 'image-resizer', pulls };
  return resolveScenario(parseScenario(scenario), FAKE_SHAS);
}

describe('GitHub provider against the demo sandbox', () => {
  let handle: SandboxHandle;
  before(async () => {
    handle = await startSandbox({ scenario: loadBundledScenario('demo-oom') });
  });
  after(() => handle.close());

  it('is started for a scenario with world.github and wired by sandboxProviders', () => {
    assert.ok(handle.github, 'handle.github');
    assert.match(handle.github.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual([handle.github.owner, handle.github.repo], ['acme', 'image-resizer']);
    const github = sandboxProviders(handle).github;
    assert.equal(github?.id, 'github');
  });

  it('finds the merged pull request of the culprit commit (full or short sha)', async () => {
    const github = sandboxProviders(handle).github!;
    const expected = {
      number: 128,
      title: 'Cache thumbnails for 24h',
      url: `${handle.github!.baseUrl}/acme/image-resizer/pull/128`,
      author: 'dwhitfield',
      state: 'merged',
      mergedAt: '2026-11-20T10:04:00Z',
      baseRef: 'main',
      headRef: 'dana/thumbnail-cache-24h',
    };
    assert.deepEqual(await github.pullRequestsForCommit(handle.commits.cache), [expected]);
    assert.deepEqual(await github.pullRequestsForCommit(handle.commits.cache.slice(0, 7)), [expected]);
    assert.deepEqual((await github.pullRequestsForCommit(handle.commits.docs)).map((pull) => pull.number), [127]);
    assert.deepEqual(await github.pullRequestsForCommit(handle.commits.init), [], 'a commit pushed directly to main');
    const requests = handle.github!.requests().filter((request) => request.operation === 'listPullRequestsAssociatedWithCommit');
    assert.equal(requests.length, 4);
    assert.ok(requests.every((request) => request.status === 200 && request.query.per_page === '100'));
  });

  it('gives the commit web URL without a request', () => {
    const github = sandboxProviders(handle).github!;
    assert.equal(github.getCommitUrl(handle.commits.cache), `${handle.github!.baseUrl}/acme/image-resizer/commit/${handle.commits.cache}`);
    assert.equal(createGitHubProvider({ owner: 'o', repo: 'r' }).getCommitUrl('abc1234'), 'https://github.com/o/r/commit/abc1234');
    assert.equal(webBaseUrl('https://ghe.example.com/api/v3/'), 'https://ghe.example.com');
  });

  it('maps an unknown commit (422 "No commit found") and an unknown repository (404) to not-found', async () => {
    const github = sandboxProviders(handle).github!;
    await rejectsWith(github.pullRequestsForCommit('0123456789abcdef0123456789abcdef01234567'), 'not-found', 'does not have this commit');
    await rejectsWith(github.pullRequestsForCommit('not a sha'), 'not-found', 'not a commit sha');
    const elsewhere = createGitHubProvider({ owner: 'acme', repo: 'no-such-repo', token: handle.github!.token, baseUrl: handle.github!.baseUrl });
    await rejectsWith(elsewhere.pullRequestsForCommit(handle.commits.cache), 'not-found', /not found \(HTTP 404\)/);
  });

  it('maps a wrong token to access-denied (401 Bad credentials) and never prints it', async () => {
    const github = createGitHubProvider({ owner: 'acme', repo: 'image-resizer', token: 'wrong-token-value', baseUrl: handle.github!.baseUrl });
    const error = await rejectsWith(github.pullRequestsForCommit(handle.commits.cache), 'access-denied', 'Bad credentials');
    assert.equal(error.message.includes('wrong-token-value'), false);
    // Without a token the private repository is invisible, as on GitHub.
    const anonymous = createGitHubProvider({ owner: 'acme', repo: 'image-resizer', baseUrl: handle.github!.baseUrl });
    await rejectsWith(anonymous.pullRequestsForCommit(handle.commits.cache), 'not-found', 'cannot see it');
  });

  it('serves pull requests and commits in GitHub shapes, and 404 JSON bodies for unknown routes', async () => {
    const { baseUrl, token } = handle.github!;
    const get = async (path: string) => {
      const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `token ${token}` } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const pull = await get('/repos/acme/image-resizer/pulls/128');
    assert.equal(pull.status, 200);
    assert.equal(pull.body.state, 'closed');
    assert.equal(pull.body.merged, true);
    assert.deepEqual((pull.body.head as { sha: string }).sha, handle.commits.cache);
    assert.deepEqual((pull.body.base as { sha: string }).sha, handle.commits.docs);
    const commit = await get(`/repos/acme/image-resizer/commits/${handle.commits.cache}`);
    assert.equal(commit.status, 200);
    assert.deepEqual((commit.body.commit as { author: unknown }).author, { name: 'Dana Whitfield', email: 'dana.whitfield@acme.example', date: '2026-11-20T09:58:00Z' });
    assert.deepEqual(commit.body.parents, [{ sha: handle.commits.docs, url: `${baseUrl}/repos/acme/image-resizer/commits/${handle.commits.docs}`, html_url: `${baseUrl}/acme/image-resizer/commit/${handle.commits.docs}` }]);
    const [file] = commit.body.files as { filename: string; status: string; additions: number; deletions: number }[];
    assert.equal(file.filename, 'src/cache/thumbnailCache.js');
    assert.equal(file.status, 'modified');
    assert.ok(file.deletions >= 4 && file.additions >= 4, JSON.stringify(file));
    for (const path of ['/repos/acme/image-resizer/pulls/999', '/repos/acme/image-resizer/issues', '/user']) {
      const missing = await get(path);
      assert.equal(missing.status, 404, path);
      assert.equal(missing.body.message, 'Not Found');
      assert.match(String(missing.body.documentation_url), /^https:\/\/docs\.github\.com\/rest/);
    }
  });

  it('is not started for a scenario without world.github', async () => {
    const other = await startSandbox({ scenario: parseScenario(miniScenario()) });
    try {
      assert.equal(other.github, undefined);
      assert.equal(sandboxProviders(other).github, undefined);
    } finally {
      await other.close();
    }
  });
});

describe('GitHub provider: paging, limits and failures', () => {
  const pulls = Array.from({ length: 5 }, (_, i) => ({
    number: 200 + i,
    title: `Backport ${i}`,
    author: 'dwhitfield',
    state: i === 3 ? ('merged' as const) : ('closed' as const),
    mergedAt: i === 3 ? '2026-11-20T10:04:00Z' : undefined,
    baseRef: `release-${i}`,
    headRef: `backport-${i}`,
    commits: [FAKE_SHAS.cache],
  }));
  let emulator: GitHubEmulator;
  before(async () => {
    emulator = await startGitHubEmulator({ scenario: demoWithPulls(pulls), commits: FAKE_SHAS, token: TOKEN, maxPerPage: 2 });
  });
  after(() => emulator.close());

  it('follows the absolute Link headers through every page', async () => {
    const before = emulator.requests().length;
    const github = createGitHubProvider({ owner: 'acme', repo: 'image-resizer', token: TOKEN, baseUrl: emulator.baseUrl });
    const found = await github.pullRequestsForCommit(FAKE_SHAS.cache);
    assert.deepEqual(found.map((pull) => pull.number), [200, 201, 202, 203, 204]);
    assert.deepEqual(found.map((pull) => pull.state), ['closed', 'closed', 'closed', 'merged', 'closed']);
    const pages = emulator.requests().slice(before);
    assert.deepEqual(pages.map((request) => request.query.page ?? '1'), ['1', '2', '3']);
    assert.ok(pages.every((request) => request.status === 200));
  });

  it('emits absolute next/last links, and stops after maxPages', async () => {
    const response = await fetch(`${emulator.baseUrl}/repos/acme/image-resizer/commits/${FAKE_SHAS.cache}/pulls?per_page=2`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const link = response.headers.get('link') ?? '';
    assert.ok(link.includes(`<${emulator.baseUrl}/repos/acme/image-resizer/commits/${FAKE_SHAS.cache}/pulls?per_page=2&page=2>; rel="next"`), link);
    assert.ok(link.includes('page=3>; rel="last"'), link);
    const limited = createGitHubProvider({ owner: 'acme', repo: 'image-resizer', token: TOKEN, baseUrl: emulator.baseUrl, maxPages: 2 });
    assert.equal((await limited.pullRequestsForCommit(FAKE_SHAS.cache)).length, 4);
  });

  it('maps an exhausted rate limit (403 with x-ratelimit-remaining: 0) to throttled', async () => {
    const limitedEmulator = await startGitHubEmulator({ scenario: demoWithPulls(pulls), commits: FAKE_SHAS, token: TOKEN, rateLimit: 1 });
    try {
      const github = createGitHubProvider({ owner: 'acme', repo: 'image-resizer', token: TOKEN, baseUrl: limitedEmulator.baseUrl });
      assert.equal((await github.pullRequestsForCommit(FAKE_SHAS.cache)).length, 5);
      await rejectsWith(github.pullRequestsForCommit(FAKE_SHAS.cache), 'throttled', /rate-limited by GitHub \(HTTP 403\).*resets at/);
    } finally {
      await limitedEmulator.close();
    }
  });

  it('reports cancellation and an unreachable server', async () => {
    const github = createGitHubProvider({ owner: 'acme', repo: 'image-resizer', token: TOKEN, baseUrl: emulator.baseUrl });
    await rejectsWith(github.pullRequestsForCommit(FAKE_SHAS.cache, AbortSignal.abort()), 'cancelled');
    const closed = await startGitHubEmulator({ scenario: demoWithPulls(pulls), commits: FAKE_SHAS, token: TOKEN });
    const baseUrl = closed.baseUrl;
    await closed.close();
    const gone = createGitHubProvider({ owner: 'acme', repo: 'image-resizer', token: TOKEN, baseUrl });
    await rejectsWith(gone.pullRequestsForCommit(FAKE_SHAS.cache), 'failed', `could not reach the GitHub API at ${baseUrl}`);
  });
});

describe('parseGitHubRemote', () => {
  it('reads owner and repo from the usual remote URL forms', () => {
    const expected = { owner: 'acme', repo: 'image-resizer', host: 'github.com' };
    for (const url of [
      'git@github.com:acme/image-resizer.git',
      'git@github.com:acme/image-resizer',
      'https://github.com/acme/image-resizer.git',
      'https://github.com/acme/image-resizer',
      'https://github.com/acme/image-resizer/',
      'https://user@github.com/acme/image-resizer.git',
      'ssh://git@github.com/acme/image-resizer.git',
      'ssh://git@ssh.github.com:443/acme/image-resizer.git',
      'git://github.com/acme/image-resizer.git',
      '  https://GitHub.com/acme/image-resizer.git\n',
    ]) {
      assert.deepEqual(parseGitHubRemote(url), expected, url);
    }
    assert.deepEqual(parseGitHubRemote('https://github.com/my-org/repo.name_2.git'), { owner: 'my-org', repo: 'repo.name_2', host: 'github.com' });
  });

  it('refuses other hosts, extra path segments and invalid names; knows Enterprise hosts when told', () => {
    for (const url of ['https://gitlab.com/acme/x.git', 'git@bitbucket.org:acme/x.git', 'https://github.com/acme', 'https://github.com/acme/x/tree/main', 'https://github.com/-acme/x', 'file:///srv/git/x.git', '/srv/git/x.git', '', 'not a url']) {
      assert.equal(parseGitHubRemote(url), undefined, url);
    }
    assert.equal(parseGitHubRemote('git@ghe.acme.example:platform/api.git'), undefined);
    assert.deepEqual(parseGitHubRemote('git@ghe.acme.example:platform/api.git', { enterpriseHosts: ['GHE.acme.example'] }), {
      owner: 'platform',
      repo: 'api',
      host: 'ghe.acme.example',
      baseUrl: 'https://ghe.acme.example/api/v3',
    });
  });
});

describe('world.github in scenarios', () => {
  const withGitHub = (github: unknown) => {
    const scenario = loadBundledScenario('demo-oom') as unknown as { world: Record<string, unknown> };
    scenario.world.github = github;
    return () => parseScenario(scenario);
  };
  const pull = { number: 1, title: 'x', author: 'dwhitfield', state: 'open', headRef: 'feature', commits: ['{{commit:cache}}'] };

  it('names the bad field: merged without mergedAt, duplicate numbers, unknown commit labels, bad logins', () => {
    assert.throws(withGitHub({ owner: 'acme', repo: 'r', pulls: [{ ...pull, state: 'merged' }] }), /world\.github\.pulls\.0\.mergedAt: a merged pull request needs mergedAt/);
    assert.throws(withGitHub({ owner: 'acme', repo: 'r', pulls: [{ ...pull, mergedAt: '2026-11-20T10:00:00Z' }] }), /only a merged pull request has mergedAt/);
    assert.throws(withGitHub({ owner: 'acme', repo: 'r', pulls: [pull, { ...pull, title: 'y' }] }), /world\.github\.pulls\.1\.number: duplicate pull request #1/);
    assert.throws(withGitHub({ owner: 'acme', repo: 'r', pulls: [{ ...pull, commits: ['{{commit:nope}}'] }] }), /world\.github\.pulls\.0\.commits\.0: \{\{commit:nope\}\} names no commit/);
    assert.throws(withGitHub({ owner: '-acme', repo: 'r', pulls: [] }), /world\.github\.owner/);
    assert.doesNotThrow(withGitHub({ owner: 'acme', repo: 'r', pulls: [pull] }));
    assert.equal(parseScenario(miniScenario()).world.github, undefined, 'optional');
  });
});
