/**
 * The contract between the thin extension bundle (dist/extension.js) and the lazily loaded
 * runtime bundle (dist/runtime.js, built from ./runtime.ts), which holds everything heavy: the
 * engine, the SDK-backed providers and the sandbox emulators. Types only: importing this module
 * loads nothing.
 */
import type { EventStream } from '../core/events';
import type { Incident } from '../core/incident';
import type { RemediationProposal } from '../core/model';
import type { InvestigationState } from '../core/state';
import type { MutationHistory } from '../core/safety/policy';
import type { EcsProvider, ProviderSet } from '../providers/types';

/** A running demo sandbox: loopback emulators + a scenario repository. */
export interface DemoEnvironment {
  incident: Incident;
  /** The scenario's "now": the investigation's clock starts here. */
  now: Date;
  repoDir: string;
  /** label → full sha of the materialized scenario history. */
  commits: Record<string, string>;
  providers: ProviderSet;
  /** Stops the emulators. Idempotent. */
  close(): Promise<void>;
}

export interface RunInvestigationOptions {
  incident: Incident;
  providers: ProviderSet;
  stream: EventStream;
  now: () => Date;
  signal: AbortSignal;
}

export interface ExecuteRemediationOptions {
  proposal: RemediationProposal;
  /** Only ever the answer of the user's click in the modal approval dialog. */
  decision: 'approved' | 'rejected';
  by: string;
  ecs: EcsProvider;
  stream: EventStream;
  auditFile: string;
  incidentId?: string;
  /** The investigation's executed mutations, so the per-investigation cap and cooldown apply. */
  history: MutationHistory;
  signal?: AbortSignal;
}

export interface RunbookRuntime {
  startDemo(options: { scenarioId: string; repoDir: string }): Promise<DemoEnvironment>;
  /** Appends every event of the stream to the JSONL scratchpad; returns a detach function. */
  attachScratchpad(stream: EventStream, filePath: string): () => void;
  runInvestigation(options: RunInvestigationOptions): Promise<InvestigationState>;
  executeRemediation(options: ExecuteRemediationOptions): Promise<{ ok: boolean; detail: string }>;
  draftRunbook(state: InvestigationState): { relativePath: string; content: string };
}

/** What dist/runtime.js exports. */
export interface RuntimeModule {
  createRuntime(): RunbookRuntime;
}
