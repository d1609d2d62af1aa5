/**
 * Root cause → commits in the open repository, computed once the investigation concludes:
 *   - the deployed commit resolved in the workspace's repository (built-in Git extension API,
 *     `vscode.git` getAPI(1); git CLI fallback),
 *   - the suspect commits between the last good and the first bad deployment, ranked by overlap
 *     with the files and lines the evidence implicates, with blame (core/code/suspects),
 *   - the pull request of each suspect through GitHub (Octokit) with the user's VS Code GitHub
 *     session (`vscode.authentication`), or the sandbox's GitHub emulator for the demo.
 * Git runs in the workspace and credentials are used only in a trusted workspace; in Restricted
 * Mode only the investigation's own repository copy is read.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { PullRequestLookup } from '../core/code/pullRequests';
import { parseGitHubRemote } from '../providers/github/remote';
import type { GitHubProvider } from '../providers/types';
import { implicatedLocations, suspectRange, suspectsView, type InsightsResult } from './commitInsightsModel';
import { gitApi } from './gitExtensionApi';
import type { RunbookRuntime } from './runtimeApi';
import type { InvestigationSession, SessionStore } from './session';
import { readSettings } from './settings';
import type { TemplateSourceIndex } from './templateSourceIndex';
import type { SuspectsView } from '../shared/protocol';

const MAX_SUSPECTS = 5;
const MAX_PULL_REQUEST_LOOKUPS = 3;
const COMPUTE_DELAY_MS = 300;
const GITHUB_SCOPES = ['repo'];

export class CommitInsights implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private result: { sessionId: string; value: InsightsResult } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private abort: AbortController | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly sessions: SessionStore,
    private readonly templates: TemplateSourceIndex,
    private readonly loadRuntime: () => RunbookRuntime,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      sessions.onDidChangeSession((session) => {
        this.abort?.abort();
        this.result = undefined;
        if (session?.state.conclusion) this.schedule();
      }),
      sessions.onDidApplyEvent(({ event }) => {
        if (event.type === 'conclusion' || (event.type === 'user.judgement' && event.judgement === 'root-cause')) this.schedule();
      }),
    ];
  }

  /** The panel's view of the current session's suspects, if computed (or being computed). */
  view(session: InvestigationSession): SuspectsView | undefined {
    return this.result?.sessionId === session.id ? suspectsView(this.result.value) : undefined;
  }

  /** The pull request page of a suspect commit: only URLs GitHub returned for this investigation. */
  async openPullRequest(sha: string): Promise<boolean> {
    const lookup = this.result?.value.pullRequests.get(sha) ?? [...(this.result?.value.pullRequests.entries() ?? [])].find(([full]) => full.startsWith(sha))?.[1];
    const url = lookup?.pullRequest?.url;
    if (!url || !/^https?:\/\//.test(url)) {
      void vscode.window.showInformationMessage(`Runbook: no pull request is known for ${sha.slice(0, 7)}${lookup?.reason ? ` (${lookup.reason})` : ''}.`);
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url));
  }

  /** Asks for a GitHub session (the user sees VS Code's sign-in), then looks pull requests up again. */
  async signInToGitHub(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage('Runbook: GitHub sign-in is disabled in Restricted Mode.');
      return;
    }
    try {
      await vscode.authentication.getSession('github', GITHUB_SCOPES, { createIfNone: true });
    } catch (error) {
      void vscode.window.showWarningMessage(`Runbook: GitHub sign-in did not complete (${error instanceof Error ? error.message : String(error)}).`);
      return;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const session = this.sessions.current;
      if (session?.state.conclusion) void this.compute(session);
    }, COMPUTE_DELAY_MS);
  }

  private publish(session: InvestigationSession, value: InsightsResult): void {
    if (this.sessions.current !== session) return;
    this.result = { sessionId: session.id, value };
    this.changeEmitter.fire();
  }

  private async compute(session: InvestigationSession): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const empty = (status: InsightsResult['status'], note?: string): InsightsResult => ({ status, note, suspects: [], pullRequests: new Map() });
    const range = suspectRange(session.state, session.context);
    if (!range) {
      this.publish(session, empty('unavailable', 'No deployment naming a commit was found, so there is no commit range to rank.'));
      return;
    }
    const repoDir = vscode.workspace.isTrusted ? (session.workspaceRepoDir ?? session.repoDir) : session.repoDir;
    if (!repoDir) {
      this.publish(session, { ...empty('unavailable', 'Open the service\'s repository (in a trusted workspace) to rank the commits of the deployment.'), range });
      return;
    }
    this.publish(session, { ...empty('pending', 'Ranking the commits of the deployment…'), range });
    try {
      const runtime = this.loadRuntime();
      const workspace = vscode.workspace.isTrusted && session.workspaceRepoDir ? await resolveInWorkspace(session.workspaceRepoDir, range.toCommit) : undefined;
      // The lines that print the root cause's log patterns count as implicated too.
      for (const evidence of Object.values(session.state.evidence)) {
        for (const pattern of evidence.patterns ?? []) if (evidence.supports) await this.templates.locate(pattern.template).catch(() => []);
      }
      const implicated = implicatedLocations(session.state, this.templates.resolvedMatches());
      const ranked = (await runtime.rankSuspects({ repoRoot: repoDir, fromCommit: range.fromCommit, toCommit: range.toCommit, implicated, signal: abort.signal })).slice(0, MAX_SUSPECTS);
      if (abort.signal.aborted) return;
      for (const suspect of ranked) session.knownCommits.set(suspect.commit.sha, suspect.commit);
      const github = await this.gitHubFor(session, repoDir, runtime);
      const pullRequests = new Map<string, PullRequestLookup>();
      for (const suspect of ranked.filter((s) => s.score > 0).slice(0, MAX_PULL_REQUEST_LOOKUPS)) {
        pullRequests.set(suspect.commit.sha, github.provider ? await runtime.pullRequestFor(suspect.commit.sha, github.provider, abort.signal) : { reason: github.reason });
      }
      if (abort.signal.aborted) return;
      this.log.info(
        `[${session.id}] suspect commits ${range.fromCommit?.slice(0, 7) ?? '…'}..${range.toCommit.slice(0, 7)} in ${repoDir}: ${ranked.map((s) => `${s.commit.shortSha} (${s.score})`).join(', ') || 'none'}`,
      );
      this.publish(session, { status: 'ready', range, suspects: ranked, pullRequests, workspace, canSignIn: github.canSignIn, note: ranked.length ? undefined : 'The deployment shipped no commit this repository knows.' });
    } catch (error) {
      if (abort.signal.aborted) return;
      this.log.warn(`[${session.id}] ranking suspect commits failed: ${String(error)}`);
      this.publish(session, { ...empty('unavailable', `Ranking the commits failed: ${error instanceof Error ? error.message : String(error)}`), range });
    }
  }

  /**
   * The GitHub connection for pull requests: the demo's emulator (from its environment), else the
   * user's VS Code GitHub session (silently: no prompt until they click "Sign in to GitHub").
   */
  private async gitHubFor(session: InvestigationSession, repoDir: string, runtime: RunbookRuntime): Promise<{ provider?: GitHubProvider; reason?: string; canSignIn?: boolean }> {
    const environment = session.currentEnvironment;
    if (environment?.providers.github) return { provider: environment.providers.github };
    if (session.origin === 'demo') return { reason: 'the demo\'s GitHub emulator is not running; re-test or reopen the incident to look pull requests up' };
    if (!vscode.workspace.isTrusted) return { reason: 'GitHub is not used in Restricted Mode' };
    const settings = readSettings((key) => vscode.workspace.getConfiguration('runbook').get(key));
    const remote = settings.githubRepository
      ? { owner: settings.githubRepository.split('/')[0]!, repo: settings.githubRepository.split('/')[1]!, baseUrl: undefined }
      : parseGitHubRemote((await originUrl(repoDir)) ?? '');
    if (!remote) return { reason: 'the repository has no GitHub "origin" remote (set runbook.github.repository to name one)' };
    let auth: vscode.AuthenticationSession | undefined;
    try {
      auth = await vscode.authentication.getSession('github', GITHUB_SCOPES, { silent: true });
    } catch {
      auth = undefined;
    }
    if (!auth) return { reason: 'sign in to GitHub to link commits to pull requests', canSignIn: true };
    return { provider: runtime.gitHub({ owner: remote.owner, repo: remote.repo, token: auth.accessToken, baseUrl: remote.baseUrl }) };
  }

  dispose(): void {
    this.abort?.abort();
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** Whether the workspace repository has the commit: the Git extension's API, else the git CLI. */
async function resolveInWorkspace(repoDir: string, sha: string): Promise<InsightsResult['workspace']> {
  try {
    const repository = (await gitApi())?.getRepository(vscode.Uri.file(repoDir));
    if (repository) {
      const commit = await repository.getCommit(sha).catch(() => undefined);
      return { found: commit !== undefined, via: 'git extension', repoDir };
    }
  } catch {
    // the Git extension is unavailable: fall back to the CLI
  }
  const found = await gitCli(repoDir, ['cat-file', '-e', `${sha}^{commit}`]).then(
    () => true,
    () => false,
  );
  return { found, via: 'git CLI', repoDir };
}

async function originUrl(repoDir: string): Promise<string | undefined> {
  try {
    const repository = (await gitApi())?.getRepository(vscode.Uri.file(repoDir));
    const origin = repository?.state.remotes.find((remote) => remote.name === 'origin');
    if (origin?.fetchUrl) return origin.fetchUrl;
  } catch {
    // fall back to the CLI
  }
  return gitCli(repoDir, ['remote', 'get-url', 'origin']).then(
    (out) => out.trim() || undefined,
    () => undefined,
  );
}

function gitCli(repoDir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', repoDir, ...args], { timeout: 10_000, windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}
