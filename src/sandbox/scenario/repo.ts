/**
 * Materializes a scenario's git history as a real repository, so the git provider (and the
 * editor's own git) read it like any work tree. Author/committer identity and dates come from
 * the scenario and no user or system git config is read, which makes the shas identical on
 * every machine: `{{commit:LABEL}}` placeholders and test expectations can rely on them.
 */
import { stringify as stringifyYaml } from 'yaml';
import { SERVICE_MAP_PATH } from '../../core/serviceMap';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Scenario } from './scenario';

/** Written into the work tree (never committed) to recognise a previous materialization. */
export const SANDBOX_MARKER = '.runbook/sandbox.json';

export interface SandboxRepoMarker {
  scenarioId: string;
  commits: Record<string, string>;
}

export class SandboxRepoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxRepoError';
  }
}

/** The environment minus anything that could redirect git (GIT_DIR from a hook, say) or pull in user config. */
function isolatedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) env[key] = value;
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    ...extra,
  };
}

/** Pinned settings that would otherwise change content or behaviour (line endings, hooks, signing). */
const PINNED_CONFIG = ['-c', 'core.autocrlf=false', '-c', 'core.safecrlf=false', '-c', `core.hooksPath=${devNull}`, '-c', 'commit.gpgsign=false'];

/** The subcommand, for messages: the first argument that is neither an option nor a `-c` value. */
function subcommand(args: readonly string[]): string {
  return args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-c') ?? '';
}

function git(cwd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile('git', [...PINNED_CONFIG, ...args], { cwd, env: isolatedEnv(extraEnv), maxBuffer: 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const detail = (stderr || error.message).trim();
        const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (is git installed and on PATH?)' : '';
        reject(new SandboxRepoError(`git ${subcommand(args)} failed in ${cwd}: ${detail}${hint}`, { cause: error }));
      } else resolvePromise(stdout.trim());
    });
  });
}

/** Git's internal date format: no parsing ambiguity, no time zone from the machine. */
function gitDate(iso: string): string {
  return `${Math.floor(Date.parse(iso) / 1000)} +0000`;
}

async function readMarker(dir: string): Promise<SandboxRepoMarker | undefined> {
  try {
    const marker: unknown = JSON.parse(await readFile(join(dir, SANDBOX_MARKER), 'utf8'));
    if (marker && typeof marker === 'object' && typeof (marker as SandboxRepoMarker).scenarioId === 'string') return marker as SandboxRepoMarker;
  } catch {
    // no marker, or not ours
  }
  return undefined;
}

/** Empties `dir` if it is a previous sandbox materialization; refuses anything else that is not empty. */
async function prepareDirectory(dir: string, scenarioId: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = await readdir(dir);
  if (entries.length === 0) return;
  const marker = await readMarker(dir);
  if (!marker || !existsSync(join(dir, '.git'))) {
    throw new SandboxRepoError(
      `Refusing to materialize scenario "${scenarioId}" into ${dir}: the directory is not empty and is not a sandbox repository ` +
        `(no ${SANDBOX_MARKER}). Use an empty or new directory.`,
    );
  }
  await Promise.all(entries.map((entry) => rm(join(dir, entry), { recursive: true, force: true })));
}

/**
 * Creates (or re-creates) the scenario's repository in `dir`: its commits in order on `main`.
 * Returns label → full sha. `dir` must be empty, missing, or a previous materialization.
 */
export async function materializeRepo(scenario: Scenario, dir: string): Promise<Record<string, string>> {
  const root = resolve(dir);
  await prepareDirectory(root, scenario.id);

  // An empty template: no sample hooks, nothing from the machine's git installation.
  await git(root, ['init', '--quiet', '--template=', '--initial-branch=main']);
  await mkdir(join(root, '.git', 'info'), { recursive: true });
  await writeFile(join(root, '.git', 'info', 'exclude'), '# the sandbox marker is not part of the scenario history\n/.runbook/\n');

  const commits: Record<string, string> = {};
  for (const commit of scenario.world.git.commits) {
    for (const [path, content] of Object.entries(commit.files)) {
      const file = join(root, ...path.split('/'));
      if (content === null) await rm(file, { force: true });
      else {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content, 'utf8');
      }
    }
    await git(root, ['add', '--all']);
    const identity = {
      GIT_AUTHOR_NAME: commit.author,
      GIT_AUTHOR_EMAIL: commit.email,
      GIT_AUTHOR_DATE: gitDate(commit.date),
      GIT_COMMITTER_NAME: commit.author,
      GIT_COMMITTER_EMAIL: commit.email,
      GIT_COMMITTER_DATE: gitDate(commit.date),
    };
    await git(
      root,
      [
        '-c', `user.name=${commit.author}`,
        '-c', `user.email=${commit.email}`,
        'commit', '--quiet', '--allow-empty', '--no-verify', '--cleanup=whitespace', '-m', commit.message,
      ],
      identity,
    );
    commits[commit.label] = await git(root, ['rev-parse', 'HEAD']);
  }

  const marker: SandboxRepoMarker = { scenarioId: scenario.id, commits };
  await mkdir(join(root, '.runbook'), { recursive: true });
  if (scenario.world.serviceMap) {
    // The workspace's own service map, as a team would keep it next to the code.
    await writeFile(join(root, SERVICE_MAP_PATH), stringifyYaml(scenario.world.serviceMap), 'utf8');
  }
  await writeFile(join(root, SANDBOX_MARKER), JSON.stringify(marker, null, 2) + '\n');
  return commits;
}
