/**
 * GitProvider over the git CLI: the fallback when VS Code's built-in git API is unavailable,
 * and the implementation the CLI and tests use. git runs via execFile (never a shell) with
 * machine-readable output (NUL/RS-separated fields, `-z` file lists), bounded output and the
 * caller's AbortSignal. Read-only: it never takes locks or runs hooks, pagers or external diffs.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ProviderError, type GitBlameLine, type GitCommit, type GitGrepMatch, type GitProvider } from '../types';

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
/** grep: default/maximum matches returned, strings searched per call, bytes read, chars kept per line. */
const DEFAULT_GREP_MATCHES = 200;
const MAX_GREP_MATCHES = 5000;
const MAX_GREP_STRINGS = 32;
const GREP_OUTPUT_LIMIT = 2 * 1024 * 1024;
const MAX_GREP_TEXT = 500;
/** blame: the most lines one call reads (a stack frame needs a handful). */
const MAX_BLAME_LINES = 2000;
const ZERO_SHA = /^0{40}$/;

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

  async grep(fixedStrings: string[], options: { maxMatches?: number } = {}, signal?: AbortSignal): Promise<GitGrepMatch[]> {
    // A newline would make git split a string into several patterns; NUL cannot be passed at all.
    const strings = [...new Set(fixedStrings.filter((text) => typeof text === 'string' && text.trim() !== '' && !/[\0\r\n]/.test(text)))].slice(0, MAX_GREP_STRINGS);
    if (!strings.length) return [];
    const maxMatches = Math.min(Math.max(1, Math.floor(options.maxMatches ?? DEFAULT_GREP_MATCHES)), MAX_GREP_MATCHES);
    // Tracked files of the work tree (what the editor opens), literal strings, no binary files;
    // --no-column/--no-full-name override user config that would change the output's shape.
    const args = ['grep', '-z', '-n', '-I', '-F', '--no-color', '--no-column', '--no-full-name', ...strings.flatMap((text) => ['-e', text]), '--'];
    let result: RunResult;
    try {
      result = await this.run(args, signal, { maxBuffer: GREP_OUTPUT_LIMIT, truncate: true });
    } catch (error) {
      if (exitCode(error) === 1) return []; // git grep exits 1 when nothing matches
      throw error;
    }
    const longestFirst = [...strings].sort((a, b) => b.length - a.length);
    return parseGrep(result.stdout, result.truncated)
      .slice(0, maxMatches)
      .map(({ path, line, text }) => ({
        path,
        line,
        text: text.length > MAX_GREP_TEXT ? text.slice(0, MAX_GREP_TEXT) : text,
        matched: longestFirst.find((candidate) => text.includes(candidate)) ?? longestFirst[0],
      }));
  }

  async blame(path: string, startLine: number, endLine: number, ref?: string, signal?: AbortSignal): Promise<GitBlameLine[]> {
    const file = this.repoRelative(path);
    if (!Number.isInteger(startLine) || !Number.isInteger(endLine) || startLine < 1 || endLine < startLine) {
      throw new ProviderError('git', 'failed', `git blame: invalid line range ${startLine}-${endLine}`);
    }
    const revision: string[] = [];
    if (ref !== undefined) {
      const sha = await this.resolveCommit(ref, signal);
      if (!sha) throw new ProviderError('git', 'not-found', `git blame: ${ref} is not a commit of ${this.repoRoot}`);
      revision.push(sha);
    }
    const blameRange = (end: number) => this.run(['blame', '--porcelain', '-L', `${startLine},${end}`, ...revision, '--', file], signal);
    let end = Math.min(endLine, startLine + MAX_BLAME_LINES - 1);
    try {
      return parseBlamePorcelain((await blameRange(end)).stdout);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.kind !== 'failed') throw error;
      if (/no such path|cannot stat|no such file/i.test(error.message)) {
        throw new ProviderError('git', 'not-found', `git blame: ${file} is not in ${ref ?? 'the work tree'} of ${this.repoRoot}`, { cause: error });
      }
      // `-L` past the end fails ("has only N lines"): clip to the file, as callers mean "up to".
      const lines = /has only (\d+) lines?/.exec(error.message);
      if (!lines) throw error;
      end = Number(lines[1]);
      if (end < startLine) return [];
      return parseBlamePorcelain((await blameRange(end)).stdout);
    }
  }

  /** A path inside the work tree, relative to it with `/` separators; anything else is not-found. */
  private repoRelative(path: string): string {
    const relativePath = isAbsolute(path) ? relative(this.repoRoot, path) : path;
    const normalised = relativePath.split(sep).join('/').replace(/^\.\//, '');
    if (!normalised || normalised.includes('\0') || normalised === '..' || normalised.startsWith('../') || isAbsolute(normalised)) {
      throw new ProviderError('git', 'not-found', `git: ${path} is not inside ${this.repoRoot}`);
    }
    return normalised;
  }

  /** Full sha of a commit-ish, or undefined when the repository does not have it. */
  private async resolveCommit(ref: string, signal?: AbortSignal): Promise<string | undefined> {
    if (typeof ref !== 'string' || !isSafeRef(ref)) return undefined;
    try {
      const { stdout } = await this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], signal);
      return stdout.trim() || undefined;
    } catch (error) {
      // `--verify --quiet` exits 1 without a message for an unknown ref.
      if (exitCode(error) === 1) return undefined;
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

/** The exit status of a git that ran and failed (undefined for other failures). */
function exitCode(error: unknown): number | undefined {
  if (!(error instanceof ProviderError) || error.kind !== 'failed') return undefined;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Parses `git grep -z -n` output: `path NUL line NUL text LF` per match. When the output was cut
 * short, the last (possibly partial) record is dropped.
 */
export function parseGrep(stdout: string, truncated = false): { path: string; line: number; text: string }[] {
  const matches: { path: string; line: number; text: string }[] = [];
  let position = 0;
  while (position < stdout.length) {
    const pathEnd = stdout.indexOf(NUL, position);
    const lineEnd = pathEnd < 0 ? -1 : stdout.indexOf(NUL, pathEnd + 1);
    let textEnd = lineEnd < 0 ? -1 : stdout.indexOf('\n', lineEnd + 1);
    if (textEnd < 0) {
      if (truncated || lineEnd < 0) break;
      textEnd = stdout.length; // the last line of a file without a final newline
    }
    const line = Number(stdout.slice(pathEnd + 1, lineEnd));
    if (Number.isInteger(line) && line > 0) {
      matches.push({ path: stdout.slice(position, pathEnd), line, text: stdout.slice(lineEnd + 1, textEnd).replace(/\r$/, '') });
    }
    position = textEnd + 1;
  }
  return matches;
}

/** An ISO 8601 time with the author's own offset (like `%aI`), from blame's epoch seconds and `+hhmm`. */
function isoWithOffset(epochSeconds: number, tz: string): string {
  const match = /^([+-])(\d{2})(\d{2})$/.exec(tz);
  if (!match) return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
  const offsetMinutes = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  const local = new Date((epochSeconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  return `${local}${match[1]}${match[2]}:${match[3]}`;
}

/**
 * Parses `git blame --porcelain`: a `sha orig final [count]` header per line, commit fields
 * (author, author-time, summary, …) only the first time a commit appears, then TAB + content.
 */
export function parseBlamePorcelain(stdout: string): GitBlameLine[] {
  const commits = new Map<string, { author: string; time: number; tz: string; summary: string }>();
  const lines: { sha: string; line: number; text: string }[] = [];
  let current: { sha: string; line: number } | undefined;
  for (const raw of stdout.split('\n')) {
    if (raw.startsWith('\t')) {
      if (current) lines.push({ ...current, text: raw.slice(1) });
      current = undefined;
      continue;
    }
    const header = /^([0-9a-f]{40}) \d+ (\d+)(?: \d+)?$/.exec(raw);
    if (header) {
      current = { sha: header[1], line: Number(header[2]) };
      if (!commits.has(current.sha)) commits.set(current.sha, { author: '', time: 0, tz: '+0000', summary: '' });
      continue;
    }
    const info = current && commits.get(current.sha);
    if (!info) continue;
    const space = raw.indexOf(' ');
    const key = space < 0 ? raw : raw.slice(0, space);
    const value = space < 0 ? '' : raw.slice(space + 1);
    if (key === 'author') info.author = value;
    else if (key === 'author-time') info.time = Number(value) || 0;
    else if (key === 'author-tz') info.tz = value;
    else if (key === 'summary') info.summary = value;
  }
  return lines.map(({ sha, line, text }) => {
    const info = commits.get(sha)!;
    // Lines not committed yet get git's all-zero sha and a placeholder identity.
    const author = ZERO_SHA.test(sha) && !info.author ? 'Not Committed Yet' : info.author;
    return { line, sha, author, date: isoWithOffset(info.time, info.tz), summary: info.summary, text };
  });
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
