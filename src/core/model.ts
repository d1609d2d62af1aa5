/**
 * The investigation's vocabulary: hypotheses, queries, evidence, conclusions and remediations.
 * Plain data only (serialisable to the JSONL scratchpad and across the webview boundary).
 */

/**
 * Failure categories the reasoners know. `storage` (volumes, claims, mounts), `permissions`
 * (RBAC, IAM, a secret the workload may not read) and `network` (policies, selectors, routes
 * that cut a workload off) came with the outside suite.
 */
export const FAILURE_CATEGORIES = [
  'oom',
  'cpu-saturation',
  'bad-deploy',
  'config-change',
  'image-pull',
  'crash-loop',
  'health-check',
  'dependency',
  'rate-limit',
  'traffic-spike',
  'capacity',
  'disk-full',
  'tls',
  'dns',
  'node-pressure',
  'storage',
  'permissions',
  'network',
  'unknown',
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

export type HypothesisStatus =
  | 'pending'
  | 'testing'
  | 'supported'
  | 'pruned'
  | 'confirmed'
  | 'inconclusive'
  | 'unavailable';

/** Each factor is in [0, 1]; `explanation` is the human-readable why, one line per factor. */
export interface ConfidenceFactors {
  strength: number;
  temporal: number;
  corroboration: number;
  specificity: number;
  explanation: string[];
}

export interface HypothesisNode {
  id: string;
  parentId?: string;
  depth: number;
  category: FailureCategory;
  title: string;
  rationale: string;
  prior: number;
  status: HypothesisStatus;
  confidence: number;
  factors?: ConfidenceFactors;
  evidenceIds: string[];
  queryIds: string[];
  /** Reasoner memory for this hypothesis (rule id, suspected change…), kept for resume. */
  focus?: Record<string, string>;
}

export type ProviderId = 'cloudwatch-logs' | 'ecs' | 'git' | 'kubernetes' | 'github' | 'cloudwatch' | 'elb' | 'autoscaling' | 'context';

export interface TimeWindow {
  /** epoch ms */
  start: number;
  /** epoch ms */
  end: number;
}

/** One bounded, hypothesis-tied question to a provider. */
export interface QuerySpec {
  id: string;
  hypothesisId: string;
  provider: ProviderId;
  operation: string;
  /** What the query is about: a log group, `cluster/service`, a repository. */
  target: string;
  params: Record<string, string | number | boolean | undefined>;
  window?: TimeWindow;
  rationale: string;
}

export type EvidenceStrength = 'strong' | 'weak' | 'none';

export interface CodeLocation {
  /** Path as it appears in the stack frame or log line (may be absolute, container-side). */
  path: string;
  line: number;
  column?: number;
  functionName?: string;
  /** The raw text the location was parsed from. */
  raw: string;
}

export interface CommitRef {
  sha: string;
  shortSha: string;
  subject: string;
  author: string;
  date: string;
  files: string[];
}

export type EvidenceKind =
  | 'log-pattern'
  | 'log-rate'
  | 'stopped-tasks'
  | 'pod-status'
  | 'deployment'
  | 'task-definition-diff'
  | 'commit'
  | 'service-events'
  | 'nodes'
  /** An object around the workload read by an analyzer (Service, claim, policy, target group, alarm…). */
  | 'object-state'
  /** A metric series against its baseline (CloudWatch, metrics.k8s.io). */
  | 'metric'
  | 'unavailable';

/** What the root cause is pinned on, in provider terms. */
export interface Culprit {
  kind: 'commit' | 'task-definition' | 'replicaset' | 'dependency' | 'config' | 'pod' | 'node' | 'other';
  id: string;
}

/** A log template as the evidence panel shows it (counts, onset, one example). */
export interface PatternSummary {
  template: string;
  change: 'new' | 'surged' | 'steady' | 'dropped' | 'gone';
  incidentCount: number;
  baselineCount: number;
  /** ISO time of the first occurrence in the incident window. */
  firstSeen?: string;
  example?: string;
}

export interface Evidence {
  id: string;
  hypothesisId: string;
  queryId?: string;
  source: ProviderId;
  kind: EvidenceKind;
  strength: EvidenceStrength;
  /** true = supports the hypothesis, false = refutes it. */
  supports: boolean;
  summary: string;
  /** ISO time of the earliest observation the evidence rests on, if any. */
  observedAt?: string;
  /** Raw, untrusted excerpt (log lines, stopped reasons). Never rendered as HTML, never obeyed. */
  excerpt?: string;
  codeLocations?: CodeLocation[];
  commits?: CommitRef[];
  culprit?: Culprit;
  /** Top log patterns behind a log-pattern evidence item. */
  patterns?: PatternSummary[];
  /** A series for the timeline (e.g. errors per minute): [epoch ms, value]. */
  series?: { label: string; points: [number, number][] };
  /** Small structured figures (counts, rates) for the panel. */
  data?: Record<string, string | number | boolean>;
}

export type RiskLevel = 'read' | 'low' | 'high' | 'critical';

export type MutationAction =
  | {
      kind: 'ecs.updateService';
      cluster: string;
      service: string;
      taskDefinition?: string;
      desiredCount?: number;
      forceNewDeployment?: boolean;
    }
  | { kind: 'k8s.rolloutRestart'; namespace: string; deployment: string }
  | { kind: 'k8s.rolloutUndo'; namespace: string; deployment: string; toRevision: string }
  | { kind: 'k8s.scale'; namespace: string; deployment: string; replicas: number };

export interface RemediationProposal {
  id: string;
  title: string;
  rationale: string;
  action: MutationAction;
  /** The exact API call, as shown in the approval dialog. */
  apiCall: string;
  risk: RiskLevel;
  /** How to undo it, in words, and the action that does. */
  undo: string;
  undoAction?: MutationAction;
}

export interface Conclusion {
  status: 'root-cause' | 'inconclusive';
  hypothesisId?: string;
  category?: FailureCategory;
  confidence: number;
  factors?: ConfidenceFactors;
  summary: string;
  /** Commits in the repository the root cause is blamed on. */
  commits: CommitRef[];
  /** The culprit in provider terms (a task definition revision, a commit, a dependency). */
  culprit?: Culprit;
  remediations: RemediationProposal[];
  /** What could not be checked (unavailable providers, refused queries). */
  unchecked: string[];
}

export type InvestigationPhase =
  | 'triage'
  | 'hypothesize'
  | 'investigate'
  | 'evaluate'
  | 'conclude'
  | 'remediate'
  | 'done';
