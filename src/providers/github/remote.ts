/**
 * Which GitHub repository a git remote URL points at, so the pull requests of the open
 * workspace's commits can be looked up: `git@github.com:o/r.git`, `ssh://git@github.com/o/r`,
 * `https://github.com/o/r(.git)`, `git://github.com/o/r.git`. GitHub Enterprise hosts are
 * recognised only when named (their API lives under `https://HOST/api/v3`).
 */

export interface GitHubRemote {
  owner: string;
  repo: string;
  /** Lowercase host name, e.g. `github.com`. */
  host: string;
  /** The REST API base for Octokit: undefined for github.com (Octokit's default). */
  baseUrl?: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const GITHUB_HOSTS = new Set(['github.com', 'www.github.com', 'ssh.github.com']);

/** `owner/repo` from a remote's path part, or undefined when it is not exactly that. */
function ownerAndRepo(path: string): { owner: string; repo: string } | undefined {
  const parts = path.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  if (parts.length !== 2) return undefined;
  const owner = parts[0];
  const repo = parts[1].replace(/\.git$/i, '');
  if (!OWNER.test(owner) || !REPO.test(repo) || repo === '.' || repo === '..') return undefined;
  return { owner, repo };
}

export function parseGitHubRemote(url: string, options: { enterpriseHosts?: readonly string[] } = {}): GitHubRemote | undefined {
  const text = url.trim();
  const enterprise = new Set((options.enterpriseHosts ?? []).map((host) => host.toLowerCase()));
  let host: string;
  let path: string;
  // scp-like syntax: [user@]host:owner/repo(.git) — no scheme, and the colon comes before any slash.
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(text);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    host = scp[1];
    path = scp[2];
  } else {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(parsed.protocol)) return undefined;
    host = parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
  }
  host = host.toLowerCase();
  const isGitHub = GITHUB_HOSTS.has(host);
  if (!isGitHub && !enterprise.has(host)) return undefined;
  const names = ownerAndRepo(path);
  if (!names) return undefined;
  return isGitHub ? { ...names, host: 'github.com' } : { ...names, host, baseUrl: `https://${host}/api/v3` };
}
