/**
 * GitHub REST objects (pull requests, commits, the repository) built from a scenario's
 * `world.github` and `world.git`, in the shapes GitHub answers with — the fields Octokit users
 * read, with GitHub's names and types (snake_case, ISO times, `state` open/closed plus
 * `merged_at`). Pure data: githubEmulator.ts serves it.
 */
import type { ScenarioCommit, ScenarioPullRequest, Scenario } from '../scenario/scenario';

type Json = Record<string, unknown>;

/** Where objects point: the API base (`url`) and the web base (`html_url`) of the emulator. */
export interface GitHubUrls {
  api: string;
  web: string;
}

/** One commit of the scenario's history, with its sha and parent. */
export interface KnownCommit {
  sha: string;
  parent?: string;
  source: ScenarioCommit;
  /** Path → content after this commit (to describe what it changed). */
  before: Readonly<Record<string, string>>;
}

/** The scenario's commits in order, keyed by their materialized shas (label → sha). */
export function knownCommits(scenario: Scenario, shas: Readonly<Record<string, string>>): KnownCommit[] {
  const out: KnownCommit[] = [];
  let tree: Record<string, string> = {};
  let parent: string | undefined;
  for (const commit of scenario.world.git.commits) {
    const sha = shas[commit.label];
    const before = tree;
    tree = { ...tree };
    for (const [path, content] of Object.entries(commit.files)) {
      if (content === null) delete tree[path];
      else tree[path] = content;
    }
    if (!sha) continue; // not materialized (a unit test may pass a partial map)
    out.push({ sha, parent, source: commit, before });
    parent = sha;
  }
  return out;
}

/** A fixed numeric id per login, so `user.id` is stable across runs. */
function userId(login: string): number {
  let hash = 7;
  for (const char of login) hash = (hash * 31 + char.charCodeAt(0)) % 9_000_000;
  return 1_000_000 + hash;
}

function user(login: string, urls: GitHubUrls): Json {
  return { login, id: userId(login), type: 'User', site_admin: false, url: `${urls.api}/users/${login}`, html_url: `${urls.web}/${login}` };
}

export function repositoryObject(owner: string, repo: string, urls: GitHubUrls): Json {
  return {
    id: userId(`${owner}/${repo}`),
    name: repo,
    full_name: `${owner}/${repo}`,
    private: true,
    owner: user(owner, urls),
    html_url: `${urls.web}/${owner}/${repo}`,
    url: `${urls.api}/repos/${owner}/${repo}`,
    default_branch: 'main',
    visibility: 'private',
  };
}

interface PullContext {
  owner: string;
  repo: string;
  urls: GitHubUrls;
  /** Commit sha → what the scenario knows of it (dates, parent). */
  commits: ReadonlyMap<string, KnownCommit>;
  /** Fallback time for fields the scenario leaves out. */
  now: string;
}

/** The pull request as list endpoints return it ("pull request simple"). */
export function pullRequestSimple(pull: ScenarioPullRequest, context: PullContext): Json {
  const { owner, repo, urls } = context;
  const first = context.commits.get(pull.commits[0]);
  const createdAt = pull.createdAt ?? first?.source.date ?? context.now;
  const closedAt = pull.state === 'merged' ? pull.mergedAt : pull.state === 'closed' ? createdAt : undefined;
  const branch = (ref: string, sha: string) => ({ label: `${owner}:${ref}`, ref, sha, user: user(owner, urls), repo: repositoryObject(owner, repo, urls) });
  return {
    url: `${urls.api}/repos/${owner}/${repo}/pulls/${pull.number}`,
    id: userId(`${owner}/${repo}#${pull.number}`),
    html_url: `${urls.web}/${owner}/${repo}/pull/${pull.number}`,
    number: pull.number,
    // GitHub has no "merged" state: a merged pull request is closed with merged_at set.
    state: pull.state === 'open' ? 'open' : 'closed',
    locked: false,
    title: pull.title,
    user: user(pull.author, urls),
    body: pull.body ?? null,
    created_at: createdAt,
    updated_at: closedAt ?? createdAt,
    closed_at: closedAt ?? null,
    merged_at: pull.state === 'merged' ? pull.mergedAt : null,
    merge_commit_sha: pull.state === 'merged' ? pull.commits[pull.commits.length - 1] : null,
    draft: false,
    head: branch(pull.headRef, pull.commits[pull.commits.length - 1]),
    base: branch(pull.baseRef, first?.parent ?? pull.commits[0]),
    author_association: 'MEMBER',
  };
}

/** The pull request as `GET /pulls/{n}` returns it: the simple shape plus merge details. */
export function pullRequestFull(pull: ScenarioPullRequest, context: PullContext): Json {
  return {
    ...pullRequestSimple(pull, context),
    merged: pull.state === 'merged',
    mergeable: pull.state === 'open' ? true : null,
    merged_by: null,
    comments: 0,
    commits: pull.commits.length,
  };
}

/** Lines added/removed between two versions of a file, by multiset difference (close to a diff's counts). */
function lineChanges(before: string | undefined, after: string | undefined): { additions: number; deletions: number } {
  const lines = (text: string | undefined) => (text ? text.replace(/\n$/, '').split('\n') : []);
  const remaining = new Map<string, number>();
  for (const line of lines(before)) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  let additions = 0;
  for (const line of lines(after)) {
    const count = remaining.get(line) ?? 0;
    if (count > 0) remaining.set(line, count - 1);
    else additions++;
  }
  let deletions = 0;
  for (const count of remaining.values()) deletions += count;
  return { additions, deletions };
}

/** `GET /repos/{o}/{r}/commits/{sha}`: message, identities, parents and the changed files (no patches). */
export function commitObject(commit: KnownCommit, owner: string, repo: string, urls: GitHubUrls): Json {
  const identity = { name: commit.source.author, email: commit.source.email, date: commit.source.date };
  const files = Object.entries(commit.source.files).map(([filename, content]) => {
    const previous = commit.before[filename];
    const status = content === null ? 'removed' : previous === undefined ? 'added' : 'modified';
    const { additions, deletions } = lineChanges(previous, content ?? undefined);
    return { filename, status, additions, deletions, changes: additions + deletions };
  });
  const additions = files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
  return {
    sha: commit.sha,
    url: `${urls.api}/repos/${owner}/${repo}/commits/${commit.sha}`,
    html_url: `${urls.web}/${owner}/${repo}/commit/${commit.sha}`,
    commit: { message: commit.source.message, author: identity, committer: identity, comment_count: 0 },
    // GitHub links an account only when the e-mail belongs to one; the scenario does not say.
    author: null,
    committer: null,
    parents: commit.parent ? [{ sha: commit.parent, url: `${urls.api}/repos/${owner}/${repo}/commits/${commit.parent}`, html_url: `${urls.web}/${owner}/${repo}/commit/${commit.parent}` }] : [],
    stats: { additions, deletions, total: additions + deletions },
    files,
  };
}
