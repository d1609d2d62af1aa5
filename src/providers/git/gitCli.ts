/**
 * GitProvider over the git CLI: the fallback when VS Code's built-in git API is unavailable,
 * and the implementation the CLI and tests use. git runs via execFile (never a shell) with
 * machine-readable output (NUL/RS-separated fields, `-z` file lists), bounded output and the
 * caller's AbortSignal. Read-only: it never takes locks or runs hooks, pagers or external diffs.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProviderError, type GitCommit, type GitProvider } from '../types';

export interface GitCliOptions {
  /** The git executable (default `git` on PATH). */
  gitPath?: string;
  /** Max bytes of output for listings (default 8 MiB). */
  maxBuffer?: number;
  /** Patch size cap in bytes (default 64 KiB). */
  patchLimitBytes?: number;
  /** Max commits commitsBetween returns (default 500). */
  maxCommits?: number;
}

const RS = '\x1e';
const NUL = '\x00';
/** sha, short sha, author, email, author date (strict ISO), subject, body — one record per commit. */
const FORMAT = '--format=%x1e%H%x00%h%x00%an%x00%ae%x00%aI%x00%s%x00%b%x00';
const DEFAULT_PATCH_LIMIT = 64 * 1024;
/** Commits walked per commitsBetween (newer-than-window ones included) before giving up. */
const WALK_LIMIT = 5000;
const TRUNCATED_NOTE = '\n[patch truncated at 64 KB]\n';

/**
 * Settings pinned for every call so user config cannot break parsing or run programs:
 * no signature verification output, no fsmonitor hook, unquoted UTF-8 paths.
 */
const PINNED = ['--no-pager', '-c', 'core.quotepath=off', '-c', 'log.showSignature=false', '-c', 'core.fsmonitor=false', '-c', 'color.ui=false', '-c', 'i18n.logOutputEncoding=UTF-8'];

/** A ref the provider is willing to pass to git: no options, no whitespace or control characters. */
function isSafeRef(ref: string): boolean {
  if (ref.length === 0 || ref.length > 256 || ref.startsWith('-') || /\s/.test(ref)) return false;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

interface RunResult {
  stdout: string;
  truncated: boolean;
}

export class GitCliProvider implements GitProvider {
  readonly id = 'git' as const;
  readonly repoRoot: string;

  constructor(
    repoRoot: string,
    private readonly options: GitCliOptions = {},
  ) {
    this.repoRoot = resolve(repoRoot);
  }

  async commitsBetween(sinceIso: string, untilIso: string, signal?: AbortSignal): Promise<GitCommit[]> {
    const since = Date.parse(sinceIso);
    const until = Date.parse(untilIso);
    if (Number.isNaN(since) || Number.isNaN(until)) {
      throw new ProviderError('git', 'failed', `git commitsBetween: invalid time window "${sinceIso}" – "${untilIso}"`);
    }
    if (!(await this.hasCommits(signal))) return [];
    // --since filters on the committer date, which is never earlier than the author date for a
    // normal commit, so it is a safe pre-filter; the author-date window is applied below.
    // (--until is not used: a rebased commit authored in the window may be committed after it.)
    const { stdout } = await this.run(
      ['log', '-z', '--name-only', FORMAT, `--since=@${Math.floor(since / 1000)}`, `--max-count=${WALK_LIMIT}`, 'HEAD', '--'],
      signal,
    );
    return parseLog(stdout)
      .filter((commit) => {
        const at = Date.parse(commit.date);
        return at >= since && at <= until;
      })
      .slice(0, this.options.maxCommits ?? 500);
  }

  async commitRange(fromRef: string | undefined, toRef: string, signal?: AbortSignal): Promise<GitCommit[]> {
    const to = await this.resolveCommit(toRef, signal);
    if (!to) return [];
    const from = fromRef ? await this.resolveCommit(fromRef, signal) : undefined;
    if (fromRef && !from) return [];
    const range = from ? `${from}..${to}` : to;
    const { stdout } = await this.run(['log', '-z', '--name-only', FORMAT, `--max-count=${this.options.maxCommits ?? 500}`, range, '--'], signal);
    return parseLog(stdout);
  }

  async getCommit(ref: string, signal?: AbortSignal): Promise<GitCommit | undefined> {
    const sha = await this.resolveCommit(ref, signal);
    if (!sha) return undefined;
    const { stdout } = await this.run(['log', '-1', '-z', '--name-only', '-m', '--first-parent', FORMAT, sha, '--'], signal);
    return parseLog(stdout)[0];
  }

  async commitPatch(sha: string, signal?: AbortSignal): Promise<string> {
    const resolved = await this.resolveCommit(sha, signal);
    if (!resolved) throw new ProviderError('git', 'not-found', `git: commit ${sha} is not in ${this.repoRoot}`);
    const limit = this.options.patchLimitBytes ?? DEFAULT_PATCH_LIMIT;
    const { stdout, truncated } = await this.run(
      ['show', '--format=', '--patch', '-m', '--first-parent', '--no-color', '--no-ext-diff', '--no-textconv', resolved, '--'],
      signal,
      { maxBuffer: limit, truncate: true },
    );
    return truncated ? stdout.slice(0, limit) + TRUNCATED_NOTE : stdout;
  }

  /** Full sha of a commit-ish, or undefined when the repository does not have it. */
  private async resolveCommit(ref: string, signal?: AbortSignal): Promise<string | undefined> {
    if (typeof ref !== 'string' || !isSafeRef(ref)) return undefined;
    try {
      const { stdout } = await this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], signal);
      return stdout.trim() || undefined;
    } catch (error) {
      // `--verify --quiet` exits 1 without a message for an unknown ref.
      if (error instanceof ProviderError && error.kind === 'failed' && (error.cause as { code?: unknown })?.code === 1) return undefined;
      throw error;
    }
  }

  private async hasCommits(signal?: AbortSignal): Promise<boolean> {
    return (await this.resolveCommit('HEAD', signal)) !== undefined;
  }

  private run(args: string[], signal?: AbortSignal, limits: { maxBuffer?: number; truncate?: boolean } = {}): Promise<RunResult> {
    const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
    // Variables that would point git at another repository than the one asked about.
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_NAMESPACE', 'GIT_COMMON_DIR']) delete env[name];
    const maxBuffer = limits.maxBuffer ?? this.options.maxBuffer ?? 8 * 1024 * 1024;
    return new Promise((resolvePromise, reject) => {
      if (signal?.aborted) {
        reject(new ProviderError('git', 'cancelled', `git ${args[0]} was cancelled`));
        return;
      }
      execFile(
        this.options.gitPath ?? 'git',
        [...PINNED, ...args],
        { cwd: this.repoRoot, env, maxBuffer, signal, encoding: 'utf8', windowsHide: true },
        (error, stdout, stderr) => {
          if (!error) return resolvePromise({ stdout, truncated: false });
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' && limits.truncate) return resolvePromise({ stdout, truncated: true });
          reject(this.toProviderError(args[0], error, String(stderr ?? ''), signal));
        },
      );
    });
  }

  private toProviderError(subcommand: string, error: Error, stderr: string, signal?: AbortSignal): ProviderError {
    const code = (error as NodeJS.ErrnoException).code;
    const detail = stderr.trim().split('\n')[0] ?? '';
    if (signal?.aborted || error.name === 'AbortError') return new ProviderError('git', 'cancelled', `git ${subcommand} was cancelled`, { cause: error });
    if (code === 'ENOENT') {
      // spawn reports a missing cwd and a missing executable alike.
      const message = existsSync(this.repoRoot)
        ? `git is not installed or not on PATH (needed to read ${this.repoRoot})`
        : `${this.repoRoot} does not exist, so it has no git history to read`;
      return new ProviderError('git', 'not-configured', message, { cause: error });
    }
    if (/not a git repository/i.test(stderr)) {
      return new ProviderError('git', 'not-configured', `${this.repoRoot} is not a git repository (open the service's repository to link commits)`, { cause: error });
    }
    if (/dubious ownership/i.test(stderr)) {
      return new ProviderError('git', 'not-configured', `git refuses to read ${this.repoRoot}: it is owned by another user (see "git config --global --add safe.directory")`, { cause: error });
    }
    if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
      return new ProviderError('git', 'failed', `git ${subcommand} produced more output than the provider reads`, { cause: error });
    }
    return new ProviderError('git', 'failed', `git ${subcommand} failed${detail ? `: ${detail}` : ''}`, { cause: error });
  }
}

/** Parses `git log -z --name-only` output in FORMAT: records start with RS, fields end with NUL. */
export function parseLog(stdout: string): GitCommit[] {
  const commits: GitCommit[] = [];
  for (const record of stdout.split(RS)) {
    if (!record) continue;
    const fields: string[] = [];
    let position = 0;
    for (let i = 0; i < 7; i++) {
      const end = record.indexOf(NUL, position);
      if (end < 0) break;
      fields.push(record.slice(position, end));
      position = end + 1;
    }
    if (fields.length < 7) continue;
    const [sha, shortSha, author, authorEmail, date, subject, body] = fields;
    // What follows is `-z`'s separator, a newline, then NUL-terminated paths.
    const files = record
      .slice(position)
      .replace(/^[\0\n]+/, '')
      .split(NUL)
      .filter((path) => path !== '');
    commits.push({ sha, shortSha, subject, body: body.trim(), author, authorEmail, date, files });
  }
  return commits;
}
