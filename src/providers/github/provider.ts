/**
 * GitHubProvider over @octokit/rest: the pull requests that contain a commit (to link a root
 * cause to its review) and the commit's web page. Octokit loads on the first call (sdk.ts), so
 * constructing a provider is cheap and synchronous.
 *
 * Bounded: at most `maxPages` pages of 100 pull requests per lookup, and a deadline per call.
 * The caller's AbortSignal reaches the HTTP request (Octokit passes `request.signal` to fetch).
 */
import { ProviderError, type GitHubProvider, type PullRequestRef } from '../types';
import { toGitHubError } from './errors';
import { loadOctokit, type OctokitClient } from './sdk';

export interface GitHubConnection {
  owner: string;
  repo: string;
  /** A token (the VS Code GitHub session's accessToken, a PAT); without one only public repositories answer. */
  token?: string;
  /** REST API base: default https://api.github.com; `https://HOST/api/v3` for GitHub Enterprise; the sandbox's emulator. */
  baseUrl?: string;
  /** Deadline of one provider call in ms (default 30 s). */
  timeoutMs?: number;
  /** Pages followed per lookup (default 3). */
  maxPages?: number;
  /** Page size asked for (default 100, GitHub's maximum). */
  perPage?: number;
}

const DEFAULT_BASE_URL = 'https://api.github.com';
const DEFAULT_TIMEOUT_MS = 30_000;
const SHA = /^[0-9a-f]{7,40}$/i;

/** Octokit logs 404s and deprecations to the console by default; the provider reports through errors instead. */
const QUIET_LOG = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The fields of a "pull request simple" the provider reads. */
interface PullRequestItem {
  number: number;
  title: string;
  html_url: string;
  state: string;
  merged_at?: string | null;
  user?: { login?: string } | null;
  base: { ref: string };
  head: { ref: string };
}

export function toPullRequestRef(item: PullRequestItem): PullRequestRef {
  const merged = typeof item.merged_at === 'string' && item.merged_at !== '';
  return {
    number: item.number,
    title: item.title,
    url: item.html_url,
    author: item.user?.login ?? 'ghost', // GitHub's name for a deleted account
    state: merged ? 'merged' : item.state === 'open' ? 'open' : 'closed',
    ...(merged ? { mergedAt: item.merged_at as string } : {}),
    baseRef: item.base.ref,
    headRef: item.head.ref,
  };
}

/** The web origin that goes with an API base: api.github.com → github.com, `/api/v3` stripped for Enterprise. */
export function webBaseUrl(apiBaseUrl: string): string {
  const base = apiBaseUrl.replace(/\/+$/, '');
  if (/^https?:\/\/api\.github\.com$/i.test(base)) return 'https://github.com';
  return base.replace(/\/api\/v3$/i, '');
}

export class OctokitGitHubProvider implements GitHubProvider {
  readonly id = 'github' as const;
  readonly owner: string;
  readonly repo: string;
  readonly baseUrl: string;
  private client: Promise<OctokitClient> | undefined;

  constructor(private readonly connection: GitHubConnection) {
    this.owner = connection.owner;
    this.repo = connection.repo;
    this.baseUrl = (connection.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  }

  async pullRequestsForCommit(sha: string, signal?: AbortSignal): Promise<PullRequestRef[]> {
    const call = { operation: 'listPullRequestsAssociatedWithCommit', target: `${this.owner}/${this.repo}@${String(sha).slice(0, 12)}`, baseUrl: this.baseUrl, secrets: this.secrets() };
    if (typeof sha !== 'string' || !SHA.test(sha)) throw new ProviderError('github', 'not-found', `${call.operation}: "${String(sha).slice(0, 60)}" is not a commit sha`);
    const deadline = AbortSignal.timeout(this.connection.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    try {
      if (combined.aborted) throw combined.reason;
      const octokit = await this.octokit();
      const found: PullRequestRef[] = [];
      const maxPages = Math.max(1, this.connection.maxPages ?? 3);
      let pages = 0;
      // paginate.iterator follows the Link header's rel="next" URL as given (absolute).
      const iterator = octokit.paginate.iterator(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
        owner: this.owner,
        repo: this.repo,
        commit_sha: sha,
        per_page: Math.min(Math.max(1, this.connection.perPage ?? 100), 100),
        request: { signal: combined },
      });
      for await (const page of iterator) {
        found.push(...page.data.map((item) => toPullRequestRef(item)));
        if (++pages >= maxPages) break;
      }
      return found;
    } catch (error) {
      throw toGitHubError(error, call, signal, deadline);
    }
  }

  getCommitUrl(sha: string): string {
    return `${webBaseUrl(this.baseUrl)}/${encodeURIComponent(this.owner)}/${encodeURIComponent(this.repo)}/commit/${encodeURIComponent(sha)}`;
  }

  private octokit(): Promise<OctokitClient> {
    this.client ??= loadOctokit()
      .then(({ Octokit }) => new Octokit({ auth: this.connection.token || undefined, baseUrl: this.baseUrl, userAgent: 'runbook-ai', log: QUIET_LOG }))
      .catch((error: unknown) => {
        this.client = undefined;
        throw error;
      });
    return this.client;
  }

  private secrets(): string[] {
    return this.connection.token ? [this.connection.token] : [];
  }
}
