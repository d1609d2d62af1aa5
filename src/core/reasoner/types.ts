/**
 * The reasoner seam. A reasoner proposes hypotheses, plans queries and reads results; the
 * engine owns the loop, bounds every query, grades nothing on trust and computes confidence
 * itself (engine/confidence.ts). The deterministic rule reasoner lives in ./rules; an LLM
 * reasoner implements the same interface.
 */
import type { Incident } from '../incident';
import type { EvidenceKind, EvidenceStrength, FailureCategory, HypothesisNode, CodeLocation, CommitRef, QuerySpec, TimeWindow } from '../model';
import type { EcsService, EcsTaskDefinition, GitCommit, LogEvent, EcsTask } from '../../providers/types';

/** A change to the system shortly before (or during) the incident. */
export interface ChangeRecord {
  kind: 'deployment';
  /** epoch ms */
  at: number;
  summary: string;
  fromTaskDefinition?: string;
  toTaskDefinition: string;
  /** Commit the new version was built from (from the image tag or a GIT_SHA-style env var). */
  toCommit?: string;
  fromCommit?: string;
  /** Human-readable differences between the task definitions (image, memory, env). */
  differences: string[];
}

/** What triage learned before any hypothesis exists. Reasoners read it; nobody mutates it. */
export interface TriageContext {
  incident: Incident;
  /** epoch ms: symptom onset (the alert's start). */
  onset: number;
  /** epoch ms: the investigation clock. */
  now: number;
  service?: EcsService;
  taskDefinitions: Record<string, EcsTaskDefinition>;
  changes: ChangeRecord[];
  recentCommits: GitCommit[];
  logGroup?: string;
  /** Providers or context that could not be read, in words. */
  unavailable: string[];
}

export interface HypothesisProposal {
  category: FailureCategory;
  title: string;
  rationale: string;
  prior: number;
  /** Reasoner-private memory carried to planning (e.g. the change it suspects). */
  focus?: Record<string, string>;
}

export type QueryProposal = Omit<QuerySpec, 'id' | 'hypothesisId'>;

/** Raw results of one executed query, by operation. */
export type QueryResult =
  | {
      operation: 'logs.compareWindows';
      baseline: LogEvent[];
      incident: LogEvent[];
      baselineWindow: TimeWindow;
      incidentWindow: TimeWindow;
      truncated: boolean;
    }
  | { operation: 'ecs.stoppedTasks'; tasks: EcsTask[] }
  | { operation: 'ecs.serviceEvents'; service: EcsService }
  | { operation: 'ecs.taskDefinitionDiff'; from?: EcsTaskDefinition; to: EcsTaskDefinition }
  | { operation: 'git.commitsBetween'; commits: GitCommit[]; patches: Record<string, string> }
  | { operation: 'git.commitRange'; commits: GitCommit[]; patches: Record<string, string> };

export interface EvidenceDraft {
  kind: EvidenceKind;
  strength: EvidenceStrength;
  supports: boolean;
  summary: string;
  observedAt?: string;
  excerpt?: string;
  codeLocations?: CodeLocation[];
  commits?: CommitRef[];
  data?: Record<string, string | number | boolean>;
}

/** What the engine passes around while testing one hypothesis. */
export interface HypothesisView {
  node: HypothesisNode;
  focus: Record<string, string>;
}

export interface Reasoner {
  readonly name: string;
  hypothesize(context: TriageContext): Promise<HypothesisProposal[]>;
  planQueries(hypothesis: HypothesisView, context: TriageContext): Promise<QueryProposal[]>;
  interpret(hypothesis: HypothesisView, query: QuerySpec, result: QueryResult, context: TriageContext): Promise<EvidenceDraft[]>;
  /** Sub-hypotheses worth testing after strong evidence (the engine enforces depth and caps). */
  refine(hypothesis: HypothesisView, evidence: readonly EvidenceDraft[], context: TriageContext): Promise<HypothesisProposal[]>;
}
