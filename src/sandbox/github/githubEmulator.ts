/**
 * A loopback HTTP server speaking the subset of the GitHub REST API that Runbook AI reads, over
 * a scenario's `world.github` (pull requests) and `world.git` (commits), so @octokit/rest can be
 * pointed at it unmodified (`baseUrl`).
 *
 * Faithful where Octokit looks: JSON bodies with GitHub's field names, errors as
 * `{"message","documentation_url","status"}` (401 "Bad credentials" for a wrong token, 404 for a
 * missing one — the repository is private — or an unknown route, 422 "No commit found for SHA"),
 * `per_page`/`page` paging with absolute `Link` headers (Octokit's paginate follows them as
 * given), and `x-ratelimit-*` headers, with 403 "API rate limit exceeded" once an optional
 * budget is spent.
 *
 * Served: GET /repos/{o}/{r}, /repos/{o}/{r}/commits/{sha}, /repos/{o}/{r}/commits/{sha}/pulls,
 * /repos/{o}/{r}/pulls/{n}. Commit objects list changed files without patches.
 */
import { closeServer, listenOnLoopback } from '../loopbackServer';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { commitObject, type GitHubUrls, knownCommits, type KnownCommit, pullRequestFull, pullRequestSimple, repositoryObject } from './githubObjects';
import type { Scenario, ScenarioPullRequest } from '../scenario/scenario';

export interface GitHubEmulatorOptions {
  /** The scenario with placeholders resolved; must have `world.github`. */
  scenario: Scenario;
  /** label → sha of the materialized repository (for `GET /commits/{sha}`). */
  commits: Readonly<Record<string, string>>;
  /** The token every request must carry (`Authorization: token …` or `Bearer …`). */
  token: string;
  host?: string;
  port?: number;
  /** Largest page size granted (GitHub: 100); tests lower it to exercise paging. */
  maxPerPage?: number;
  /** Requests answered before every further one gets 403 "API rate limit exceeded"; default unlimited. */
  rateLimit?: number;
  /** The emulator's "now" in epoch ms (rate-limit reset times); default: the wall clock. */
  clock?: () => number;
}

export interface GitHubRecordedRequest {
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** getRepository, getCommit, listPullRequestsAssociatedWithCommit, getPullRequest, unknown */
  operation: string;
  status: number;
}

export interface GitHubEmulator {
  /** `http://127.0.0.1:PORT`: Octokit's `baseUrl`. */
  readonly baseUrl: string;
  readonly port: number;
  requests(): GitHubRecordedRequest[];
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';
const RATE_LIMIT_HEADER_LIMIT = 5000;

class GitHubHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly documentationUrl = DOCS,
  ) {
    super(message);
  }
}

interface Route {
  operation: string;
  owner: string;
  repo: string;
  sha?: string;
  number?: number;
}

/** Matches a path against the served routes (owner/repo compared case-insensitively later). */
function route(path: string): Route | undefined {
  const segments = path.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  if (segments[0] !== 'repos' || segments.length < 3) return undefined;
  const [, owner, repo, kind, id, tail] = segments;
  if (segments.length === 3) return { operation: 'getRepository', owner, repo };
  if (kind === 'commits' && id && segments.length === 5) return { operation: 'getCommit', owner, repo, sha: id };
  if (kind === 'commits' && id && tail === 'pulls' && segments.length === 6) return { operation: 'listPullRequestsAssociatedWithCommit', owner, repo, sha: id };
  if (kind === 'pulls' && id && segments.length === 5 && /^[1-9]\d{0,9}$/.test(id)) return { operation: 'getPullRequest', owner, repo, number: Number(id) };
  return undefined;
}

function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim()) : null;
  return match ? match[1] : header ? '' : undefined;
}

function positiveInt(query: URLSearchParams, name: string, fallback: number): number {
  const value = Number(query.get(name) ?? '');
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export async function startGitHubEmulator(options: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  const world = options.scenario.world.github;
  if (!world) throw new Error(`scenario ${options.scenario.id} has no world.github`);
  const clock = options.clock ?? Date.now;
  const maxPerPage = Math.max(1, Math.min(options.maxPerPage ?? 100, 100));
  const history = knownCommits(options.scenario, options.commits);
  const bySha = new Map(history.map((commit) => [commit.sha, commit]));
  const requestLog: GitHubRecordedRequest[] = [];
  let remaining = options.rateLimit ?? Number.POSITIVE_INFINITY;
  let baseUrl = '';

  const urls = (): GitHubUrls => ({ api: baseUrl, web: baseUrl });
  const pullContext = () => ({ owner: world.owner, repo: world.repo, urls: urls(), commits: bySha, now: new Date(clock()).toISOString() });

  /** A full sha, or a unique prefix of at least 7 hex digits, of a commit the world knows. */
  const findCommit = (ref: string): string | undefined => {
    if (!/^[0-9a-f]{7,40}$/i.test(ref)) return undefined;
    const lower = ref.toLowerCase();
    const candidates = new Set<string>([...bySha.keys(), ...world.pulls.flatMap((pull) => pull.commits)].filter((sha) => sha.toLowerCase().startsWith(lower)));
    return candidates.size === 1 ? [...candidates][0] : undefined;
  };

  const answer = (found: Route, query: URLSearchParams): { status: number; body: unknown; link?: string } => {
    if (found.operation === 'getRepository') return { status: 200, body: repositoryObject(world.owner, world.repo, urls()) };
    if (found.operation === 'getPullRequest') {
      const pull = world.pulls.find((candidate) => candidate.number === found.number);
      if (!pull) throw new GitHubHttpError(404, 'Not Found', `${DOCS}/pulls/pulls#get-a-pull-request`);
      return { status: 200, body: pullRequestFull(pull, pullContext()) };
    }
    const sha = findCommit(found.sha ?? '');
    if (found.operation === 'getCommit') {
      const commit: KnownCommit | undefined = sha ? bySha.get(sha) : undefined;
      if (!commit) throw new GitHubHttpError(422, `No commit found for SHA: ${found.sha}`, `${DOCS}/commits/commits#get-a-commit`);
      return { status: 200, body: commitObject(commit, world.owner, world.repo, urls()) };
    }
    if (!sha) throw new GitHubHttpError(422, `No commit found for SHA: ${found.sha}`, `${DOCS}/commits/commits#list-pull-requests-associated-with-a-commit`);
    const pulls: ScenarioPullRequest[] = world.pulls.filter((pull) => pull.commits.includes(sha));
    const perPage = Math.min(positiveInt(query, 'per_page', 30), maxPerPage);
    const page = positiveInt(query, 'page', 1);
    const body = pulls.slice((page - 1) * perPage, page * perPage).map((pull) => pullRequestSimple(pull, pullContext()));
    return { status: 200, body, link: linkHeader(found, query, page, Math.max(1, Math.ceil(pulls.length / perPage)), perPage) };
  };

  /** GitHub's Link header: absolute URLs for next/last (and prev/first), other query parameters kept. */
  const linkHeader = (found: Route, query: URLSearchParams, page: number, lastPage: number, perPage: number): string | undefined => {
    if (lastPage <= 1) return undefined;
    const at = (target: number) => {
      const params = new URLSearchParams(query);
      params.set('per_page', String(perPage));
      params.set('page', String(target));
      return `<${baseUrl}/repos/${encodeURIComponent(found.owner)}/${encodeURIComponent(found.repo)}/commits/${encodeURIComponent(found.sha ?? '')}/pulls?${params}>`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
    if (page < lastPage) links.push(`${at(page + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`);
    if (page > 1) links.push(`${at(1)}; rel="first"`);
    return links.join(', ') || undefined;
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const record: GitHubRecordedRequest = { seq: requestLog.length + 1, method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), operation: 'unknown', status: 0 };
    requestLog.push(record);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `EMU-${record.seq}`,
    };
    const send = (status: number, body: unknown) => {
      record.status = status;
      const text = JSON.stringify(body);
      response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    // Drain any body: every served route is a GET.
    request.resume();
    try {
      const found = request.method === 'GET' ? route(url.pathname) : undefined;
      if (found) record.operation = found.operation;
      const token = tokenOf(request);
      // A wrong token is refused everywhere, like GitHub; no token at all makes private repositories invisible.
      if (token !== undefined && token !== options.token) throw new GitHubHttpError(401, 'Bad credentials');
      if (Number.isFinite(remaining)) {
        const reset = Math.floor(clock() / 1000) + 3600;
        Object.assign(headers, {
          'x-ratelimit-limit': String(RATE_LIMIT_HEADER_LIMIT),
          'x-ratelimit-remaining': String(Math.max(0, remaining - 1)),
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'core',
        });
        if (remaining <= 0) {
          headers['x-ratelimit-remaining'] = '0';
          throw new GitHubHttpError(403, 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.', `${DOCS}/overview/rate-limits-for-the-rest-api`);
        }
        remaining--;
      }
      const visible = found && token !== undefined && found.owner.toLowerCase() === world.owner.toLowerCase() && found.repo.toLowerCase() === world.repo.toLowerCase();
      if (!found || !visible) throw new GitHubHttpError(404, 'Not Found');
      const result = answer(found, url.searchParams);
      if (result.link) headers.link = result.link;
      send(result.status, result.body);
    } catch (error) {
      if (error instanceof GitHubHttpError) send(error.status, { message: error.message, documentation_url: error.documentationUrl, status: String(error.status) });
      else send(500, { message: 'Server Error', status: '500' });
    }
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 1000;
  const { hostPort, port } = await listenOnLoopback(server, options.port, options.host);
  baseUrl = `http://${hostPort}`;
  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    port,
    requests: () => requestLog.map((entry) => ({ ...entry, query: { ...entry.query } })),
    close: () =>
      (closing ??= closeServer(server)),
  };
}
