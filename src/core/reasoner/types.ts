/**
 * The reasoner seam. A reasoner proposes hypotheses, plans queries and reads results; the
 * engine owns the loop, bounds every query, grades nothing on trust and computes confidence
 * itself (engine/confidence.ts). The deterministic rule reasoner lives in ./rules; an LLM
 * reasoner implements the same interface.
 */
import type { Incident } from '../incident';
import type { Evidence, FailureCategory, HypothesisNode, QuerySpec, TimeWindow } from '../model';
import type { EcsService, EcsTaskDefinition, GitCommit, LogEvent, EcsTask, K8sDeployment, K8sEvent, K8sNode, K8sObject, K8sPod, K8sReplicaSet, InsightsResult, TargetGroup, TargetHealth, MetricAlarm, AlarmStateChange, MetricSeries } from '../../providers/types';
import type { ObservedShift } from '../metrics/observed';
import type { PatternChange } from '../logs/patternChange';
import type { Finding } from '../findings/types';

export interface ChangeDifference {
  kind: 'image' | 'env-added' | 'env-removed' | 'env-changed' | 'memory' | 'cpu' | 'command' | 'other';
  container?: string;
  /** Variable name for env changes (values are never copied: they may be secrets). */
  name?: string;
  /** Numeric or tag values for image/memory/cpu changes. */
  before?: string;
  after?: string;
  text: string;
}

/** A change to the system shortly before (or during) the incident: an ECS deployment or a Kubernetes rollout. */
export interface ChangeRecord {
  kind: 'deployment';
  platform: 'ecs' | 'kubernetes';
  /** epoch ms */
  at: number;
  summary: string;
  /** The version running before: a task definition (`svc:41`) or a ReplicaSet (`svc-5d8f`). */
  fromVersion?: string;
  toVersion: string;
  /** Kubernetes revision numbers, for rollout undo. */
  fromRevision?: string;
  toRevision?: string;
  /** Commit the new version was built from (from the image tag or a GIT_SHA-style env var). */
  toCommit?: string;
  fromCommit?: string;
  differences: ChangeDifference[];
}

/** Why a task or container stopped, normalised across ECS and Kubernetes. */
export interface Termination {
  platform: 'ecs' | 'kubernetes';
  /** Task id or `pod/container`. */
  unit: string;
  /** Task definition or ReplicaSet the unit ran. */
  version?: string;
  /** stoppedReason / termination or waiting reason, with the message when there is one. */
  reason: string;
  exitCode?: number;
  /** epoch ms the unit stopped (or was observed waiting). */
  at: number;
  /** epoch ms it started, when known (short lives mean crash on start). */
  startedAt?: number;
  node?: string;
  restartCount?: number;
  /** Still waiting (CrashLoopBackOff, ImagePullBackOff, Pending) rather than stopped. */
  waiting?: boolean;
  /** The last lines the unit printed before it stopped (a generic "Error" says why only through them). */
  lastWords?: string[];
}

export interface WorkloadEvent {
  /** epoch ms */
  at: number;
  type?: string;
  reason?: string;
  message: string;
  object?: string;
  /** How many times the source saw it (a Kubernetes event's `count`): repeats of one observation. */
  count?: number;
}

/** The objects that belong to the incident's workload (to tell its events from its neighbours'). */
export interface WorkloadScope {
  kind: string;
  name: string;
  pods: string[];
  replicaSets: string[];
  nodes: string[];
}

/** The service as the orchestrator sees it now. */
export interface WorkloadSnapshot {
  platform: 'ecs' | 'kubernetes';
  name: string;
  desired: number;
  running: number;
  pending: number;
  events: WorkloadEvent[];
}

export type LogSource = { kind: 'cloudwatch'; logGroup: string } | { kind: 'pods'; namespace: string; labelSelector: string };

/** One entry of `.runbook/services.yaml`: how to find a service and what it depends on. */
export interface ServiceMapEntry {
  name: string;
  logGroup?: string;
  kubernetes?: { namespace: string; labelSelector: string };
  ecs?: { cluster: string; service: string };
  dependsOn: string[];
  /** Host names other services use to reach it (matched in error messages). */
  hosts: string[];
}

/** What triage learned before any hypothesis exists. Reasoners read it; nobody mutates it. */
export interface TriageContext {
  incident: Incident;
  /** epoch ms: symptom onset (the alert's start). */
  onset: number;
  /** epoch ms: the investigation clock. */
  now: number;
  /** epoch ms: when the failing run began, for a workload that runs to completion (a Job's start): its lines before the alert are the incident's. */
  activeSince?: number;
  workload?: WorkloadSnapshot;
  /** Kubernetes: the workload's pods as read in triage (specs: volumes, env sources, probes, ports). */
  pods?: K8sPod[];
  /** Names of the services around the target (Kubernetes Services of its namespace): what a bare word in an error may name. */
  serviceNames?: string[];
  /** Kubernetes: pods behind the Services the workload's symptoms name (by Service), for their ports and labels. */
  relatedPods?: Record<string, K8sPod[]>;
  /** Kubernetes: the workload's own objects; events about anything else are its neighbours'. */
  scope?: WorkloadScope;
  service?: EcsService;
  taskDefinitions: Record<string, EcsTaskDefinition>;
  changes: ChangeRecord[];
  terminations: Termination[];
  /** Kubernetes: the final lines of containers that died, by unit (from the wide log overview). */
  lastWords?: Record<string, string[]>;
  nodes: K8sNode[];
  recentCommits: GitCommit[];
  logSource?: LogSource;
  /** Error/warning templates new or surging since onset (the SRE's first look at the logs). */
  logOverview: PatternChange[];
  /** Error-level lines per minute over baseline + incident (Logs Insights), when measured: [epoch ms, count]. */
  errorSeries?: [number, number][];
  /** AWS: alarms firing or changed state around the incident, with their history (cw.alarms). */
  alarms?: { alarm: MetricAlarm; history: AlarmStateChange[] }[];
  /** The paging alarm's own metric and threshold: the incident's symptom as CloudWatch saw it. */
  alarmSeries?: { alarm: string; label: string; points: [number, number][]; threshold?: number };
  /** Metric series that shifted against their own baseline (cw.metrics), with what they mean. */
  metricShifts?: ObservedShift[];
  /** The service map, when the workspace has one (name → entry). */
  serviceMap: Record<string, ServiceMapEntry>;
  /** What the object analyzers found in the objects around the workload (findings/analyzers). */
  findings?: Finding[];
  /** A failure that comes back on a schedule: when the pattern began (its cause is a change from then). */
  recurrence?: Recurrence;
  /** Providers or context that could not be read, in words. */
  unavailable: string[];
}

/** Episodes of the same failure at regular intervals, read from hourly log counts. */
export interface Recurrence {
  /** epoch ms: the first episode, when the pattern began. */
  since: number;
  periodMs: number;
  /** epoch ms of each episode's first hour, oldest first. */
  episodes: number[];
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
      /** A wide read's final lines of each container that died, by unit (`pod/container`, `pod/container (init)`). */
      lastWords?: Record<string, string[]>;
    }
  | { operation: 'ecs.stoppedTasks'; tasks: EcsTask[] }
  | { operation: 'ecs.serviceEvents'; service: EcsService }
  | { operation: 'ecs.taskDefinitionDiff'; from?: EcsTaskDefinition; to: EcsTaskDefinition }
  | { operation: 'git.commitsBetween'; commits: GitCommit[]; patches: Record<string, string> }
  | { operation: 'git.commitRange'; commits: GitCommit[]; patches: Record<string, string> }
  | { operation: 'logs.insights'; result: InsightsResult }
  | { operation: 'k8s.pods'; pods: K8sPod[] }
  | { operation: 'k8s.events'; events: K8sEvent[] }
  | { operation: 'k8s.rollout'; deployment: K8sDeployment; replicaSets: K8sReplicaSet[] }
  | { operation: 'k8s.nodes'; nodes: K8sNode[] }
  /** Objects of several kinds in one namespace (or one object); kinds that could not be read are listed, the rest answer. */
  | { operation: 'k8s.objects'; namespace: string; objects: K8sObject[]; failed: { kind: string; error: string }[] }
  /** An ECS service's target groups and the health of their targets. */
  | { operation: 'elb.targetHealth'; groups: { group: TargetGroup; targets: TargetHealth[] }[] }
  /** Alarms in ALARM or that changed state in the window, each with its state history there. */
  | { operation: 'cw.alarms'; alarms: { alarm: MetricAlarm; history: AlarmStateChange[] }[] }
  /** Metric series (GetMetricData), the asked ones and those of the named dependencies found by ListMetrics. */
  | { operation: 'cw.metrics'; series: MetricSeries[] }
  /** What ran in an ECS cluster around a moment: standalone tasks (schedules, RunTask) and every service's deployments. */
  | { operation: 'ecs.clusterActivity'; cluster: string; tasks: EcsTask[]; services: EcsService[] };

/** Evidence as a reasoner reports it; the engine adds id, hypothesis, query and source. */
export type EvidenceDraft = Omit<Evidence, 'id' | 'hypothesisId' | 'queryId' | 'source'>;

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
