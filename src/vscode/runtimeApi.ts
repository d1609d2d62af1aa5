/**
 * The contract between the thin extension bundle (dist/extension.js) and the lazily loaded
 * runtime bundle (dist/runtime.js, built from ./runtime.ts), which holds everything heavy: the
 * engine, the SDK-backed providers, the sandbox emulators and the zod schemas. Types only:
 * importing this module loads nothing.
 */
import type { EventStream, InvestigationEvent } from '../core/events';
import type { InvestigationLimits } from '../core/engine/limits';
import type { Incident } from '../core/incident';
import type { RemediationProposal } from '../core/model';
import type { ServiceMapEntry } from '../core/reasoner/types';
import type { InvestigationState } from '../core/state';
import type { MutationHistory } from '../core/safety/policy';
import type { PullRequestLookup } from '../core/code/pullRequests';
import type { ImplicatedLocation, SuspectCommit } from '../core/code/suspects';
import type { SourceMatch } from '../core/code/templateSources';
import type { GitHubConnection } from '../providers/github/provider';
import type { GitHubProvider, ProviderSet } from '../providers/types';

/** Where an investigation's providers point and what its engine needs besides them. */
export interface InvestigationEnvironment {
  /** 'demo': the bundled scenario on loopback emulators; 'live': the user's own AWS/Kubernetes/git. */
  kind: 'demo' | 'live';
  incident: Incident;
  /** The investigation clock (the demo's runs from the scenario's "now"). */
  now(): Date;
  providers: ProviderSet;
  /** A repository of our own (the sandbox copy) or the workspace folder, to show commits from. */
  repoDir?: string;
  serviceMap?: Record<string, ServiceMapEntry>;
  logGroups?: Record<string, string>;
  /** Engine limits from the settings (set by the caller). */
  limits?: Partial<InvestigationLimits>;
  /** For "Copy Query as CLI": the region, profile and kube context the queries ran with. */
  cli: { awsRegion?: string; awsProfile?: string; kubeContext?: string };
  /** Stops what the environment started (the sandbox's servers). Idempotent. */
  close(): Promise<void>;
}

/** A running demo sandbox: loopback emulators + a scenario repository. */
export interface DemoEnvironment extends InvestigationEnvironment {
  kind: 'demo';
  repoDir: string;
  /** label → full sha of the materialized scenario history. */
  commits: Record<string, string>;
}

/** `runbook.*` settings that pick the user's real environment (trusted workspaces only). */
export interface LiveSettings {
  incident: Incident;
  awsRegion?: string;
  awsProfile?: string;
  /** Present when Kubernetes is in play (the incident's platform or a configured context). */
  kubernetes?: { kubeconfigPath?: string; context?: string };
  /** The workspace folder: git history, `.runbook/services.yaml`. */
  repoRoot?: string;
  logGroups: Record<string, string>;
}

export interface RunInvestigationOptions {
  incident: Incident;
  providers: ProviderSet;
  stream: EventStream;
  now: () => Date;
  signal: AbortSignal;
  serviceMap?: Record<string, ServiceMapEntry>;
  logGroups?: Record<string, string>;
  limits?: Partial<InvestigationLimits>;
}

export interface ResumeInvestigationOptions extends Omit<RunInvestigationOptions, 'incident' | 'stream'> {
  /** Everything recorded so far, in order (the session's stream history). */
  events: readonly InvestigationEvent[];
  /** A fresh stream: the engine re-publishes `events` on it, then continues. */
  stream: EventStream;
}

export interface ExecuteRemediationOptions {
  proposal: RemediationProposal;
  /** Only ever the answer of the user's click in the modal approval dialog. */
  decision: 'approved' | 'rejected';
  by: string;
  providers: ProviderSet;
  stream: EventStream;
  auditFile: string;
  incidentId?: string;
  /** The investigation's executed mutations, so the per-investigation cap and cooldown apply. */
  history: MutationHistory;
  signal?: AbortSignal;
}

export interface RunbookRuntime {
  startDemo(options: { scenarioId: string; repoDir: string }): Promise<DemoEnvironment>;
  /** The user's own environment from settings; connects to nothing until the first query. */
  startLive(settings: LiveSettings): InvestigationEnvironment;
  /** A pasted alert payload → Incident; throws an error whose message names the bad field. */
  parseAlert(text: string): Incident;
  /**
   * Appends the stream's events to the JSONL scratchpad; returns a detach function. `replay`
   * also writes the events already on the stream (false when reopening a recorded scratchpad).
   */
  attachScratchpad(stream: EventStream, filePath: string, options?: { replay?: boolean }): () => void;
  runInvestigation(options: RunInvestigationOptions): Promise<InvestigationState>;
  resumeInvestigation(options: ResumeInvestigationOptions): Promise<InvestigationState>;
  executeRemediation(options: ExecuteRemediationOptions): Promise<{ ok: boolean; detail: string }>;
  draftRunbook(state: InvestigationState): { relativePath: string; content: string };
  /** The source lines that print a log template, best first (`git grep -F` of its constant parts). */
  findTemplateSources(template: string, repoRoot: string, signal?: AbortSignal): Promise<SourceMatch[]>;
  /** Commits between the last good and the first bad version, ranked by what the evidence implicates (files, nearby changes, blame). */
  rankSuspects(options: { repoRoot: string; fromCommit?: string; toCommit: string; implicated: ImplicatedLocation[]; signal?: AbortSignal }): Promise<SuspectCommit[]>;
  /** A GitHub provider (Octokit) for a repository: the user's session token, or the sandbox's emulator. */
  gitHub(connection: GitHubConnection): GitHubProvider;
  /** The pull request that brought a commit in; never throws (the reason says why there is none). */
  pullRequestFor(sha: string, github: GitHubProvider | undefined, signal?: AbortSignal): Promise<PullRequestLookup>;
}

/** What dist/runtime.js exports. */
export interface RuntimeModule {
  createRuntime(): RunbookRuntime;
}
