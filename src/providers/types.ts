/**
 * Provider interfaces: what the engine may ask of the outside world. Implementations wrap
 * the real SDKs (src/providers/aws, src/providers/git); the engine depends only on these
 * types, so a new cloud (GCP, Azure, Datadog) is a new implementation, not an engine change.
 * Every call is cancellable with an AbortSignal and fails with a ProviderError.
 */

export type ProviderErrorKind =
  | 'throttled'
  | 'access-denied'
  | 'timeout'
  | 'not-configured'
  | 'not-found'
  | 'cancelled'
  | 'failed';

export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly kind: ProviderErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProviderError';
  }
}

// ---------------------------------------------------------------- CloudWatch Logs

export interface LogEvent {
  /** epoch ms */
  timestamp: number;
  message: string;
  logStream?: string;
}

export interface LogFilterQuery {
  logGroup: string;
  /** CloudWatch filter pattern syntax (e.g. `"OutOfMemoryError"` or `?ERROR ?Exception`). */
  filterPattern?: string;
  /** epoch ms, inclusive */
  startTime: number;
  /** epoch ms, inclusive */
  endTime: number;
  /** Stop after this many events (the provider pages until then). */
  limit?: number;
}

/** A CloudWatch Logs Insights query: aggregation happens server-side (StartQuery + GetQueryResults). */
export interface InsightsQuery {
  logGroups: string[];
  /** Logs Insights query language, e.g. `filter @message like /ERROR/ | stats count(*) by bin(1m)`. */
  queryString: string;
  /** epoch ms (the API takes seconds; providers convert) */
  startTime: number;
  /** epoch ms */
  endTime: number;
  limit?: number;
}

export interface InsightsResult {
  status: 'Complete' | 'Failed' | 'Cancelled' | 'Timeout' | 'Unknown';
  /** One record per result row: field name → value (as the API returns them, strings). */
  rows: Record<string, string>[];
  statistics?: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

export interface LogsProvider {
  readonly id: 'cloudwatch-logs';
  filterLogEvents(query: LogFilterQuery, signal?: AbortSignal): Promise<LogEvent[]>;
  /** Runs a Logs Insights query to completion (polling), or fails with a ProviderError. */
  insights(query: InsightsQuery, signal?: AbortSignal): Promise<InsightsResult>;
}

// ---------------------------------------------------------------- ECS

export interface EcsDeployment {
  id: string;
  status: string; // PRIMARY | ACTIVE | INACTIVE
  taskDefinition: string;
  desiredCount: number;
  runningCount: number;
  /** epoch ms */
  createdAt: number;
  /** epoch ms */
  updatedAt: number;
  rolloutState?: string;
}

export interface EcsServiceEvent {
  id: string;
  /** epoch ms */
  createdAt: number;
  message: string;
}

export interface EcsService {
  cluster: string;
  serviceName: string;
  serviceArn: string;
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinition: string;
  deployments: EcsDeployment[];
  events: EcsServiceEvent[];
}

export interface EcsContainerState {
  name: string;
  exitCode?: number;
  reason?: string;
  lastStatus?: string;
}

export interface EcsTask {
  taskArn: string;
  taskDefinitionArn: string;
  lastStatus: string;
  desiredStatus: string;
  stoppedReason?: string;
  stopCode?: string;
  /** epoch ms */
  startedAt?: number;
  /** epoch ms */
  stoppedAt?: number;
  containers: EcsContainerState[];
}

export interface EcsContainerDefinition {
  name: string;
  image: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  environment: { name: string; value: string }[];
}

export interface EcsTaskDefinition {
  arn: string;
  family: string;
  revision: number;
  cpu?: string;
  memory?: string;
  containers: EcsContainerDefinition[];
  /** epoch ms */
  registeredAt?: number;
}

export interface EcsServiceUpdate {
  cluster: string;
  service: string;
  taskDefinition?: string;
  desiredCount?: number;
  forceNewDeployment?: boolean;
}

export interface EcsProvider {
  readonly id: 'ecs';
  describeService(cluster: string, service: string, signal?: AbortSignal): Promise<EcsService>;
  /** ListTasks + DescribeTasks (batched), newest first. */
  listTasks(cluster: string, service: string, desiredStatus: 'RUNNING' | 'STOPPED', signal?: AbortSignal): Promise<EcsTask[]>;
  describeTaskDefinition(taskDefinition: string, signal?: AbortSignal): Promise<EcsTaskDefinition>;
  /** A mutation: callers must hold an approval (see core/safety). */
  updateService(update: EcsServiceUpdate, signal?: AbortSignal): Promise<EcsService>;
}

// ---------------------------------------------------------------- git

export interface GitCommit {
  sha: string;
  shortSha: string;
  subject: string;
  body: string;
  author: string;
  authorEmail: string;
  /** ISO 8601 (author date) */
  date: string;
  files: string[];
}

export interface GitProvider {
  readonly id: 'git';
  /** Absolute path of the repository's work tree. */
  readonly repoRoot: string;
  /** Commits whose author date is in [since, until], newest first. */
  commitsBetween(sinceIso: string, untilIso: string, signal?: AbortSignal): Promise<GitCommit[]>;
  /**
   * Commits reachable from `toRef` but not from `fromRef` (git's `from..to`), newest first:
   * what a deploy shipped. Without `fromRef`, the last commits up to `toRef`. Unknown refs → [].
   */
  commitRange(fromRef: string | undefined, toRef: string, signal?: AbortSignal): Promise<GitCommit[]>;
  /** A commit by (abbreviated) sha or ref; undefined when the repo does not have it. */
  getCommit(ref: string, signal?: AbortSignal): Promise<GitCommit | undefined>;
  /** Unified diff of one commit against its first parent (capped). */
  commitPatch(sha: string, signal?: AbortSignal): Promise<string>;
  /**
   * Lines of tracked files in the work tree that contain any of `fixedStrings` literally
   * (`git grep -F`, binary files skipped), at most `maxMatches` (default 200). Paths are
   * relative to `repoRoot`; `matched` is the longest of the strings the line contains.
   */
  grep(fixedStrings: string[], options?: { maxMatches?: number }, signal?: AbortSignal): Promise<GitGrepMatch[]>;
  /**
   * Who last changed lines `startLine`..`endLine` (1-based, inclusive) of `path` (relative to
   * `repoRoot`): at `ref`, else in the work tree (uncommitted lines have an all-zero sha).
   * A range past the end of the file is clipped. Unknown ref or path → ProviderError not-found.
   */
  blame(path: string, startLine: number, endLine: number, ref?: string, signal?: AbortSignal): Promise<GitBlameLine[]>;
}

export interface GitGrepMatch {
  /** Relative to the provider's repoRoot, `/`-separated. */
  path: string;
  /** 1-based */
  line: number;
  /** The line's text (without the newline; very long lines are cut). */
  text: string;
  /** The longest of the searched strings that this line contains. */
  matched: string;
}

export interface GitBlameLine {
  /** 1-based line number in the blamed version. */
  line: number;
  /** Full sha of the commit that last changed the line (all zeros: not committed yet). */
  sha: string;
  author: string;
  /** ISO 8601 author date (with the author's offset). */
  date: string;
  /** The commit's subject line. */
  summary: string;
  /** The line's content. */
  text?: string;
}

// ---------------------------------------------------------------- GitHub

/** A pull request as the investigation shows it; `state` is `merged` when it was merged, not just closed. */
export interface PullRequestRef {
  number: number;
  title: string;
  /** The pull request's web page. */
  url: string;
  /** Login of the author. */
  author: string;
  state: 'open' | 'closed' | 'merged';
  /** ISO 8601, when merged. */
  mergedAt?: string;
  baseRef: string;
  headRef: string;
}

export interface GitHubProvider {
  readonly id: 'github';
  /** Pull requests that contain the commit (GitHub's "commits/{sha}/pulls"), as GitHub orders them. */
  pullRequestsForCommit(sha: string, signal?: AbortSignal): Promise<PullRequestRef[]>;
  /** The commit's web page (no request made). */
  getCommitUrl(sha: string): string;
}

// ---------------------------------------------------------------- Kubernetes

export interface K8sCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  /** epoch ms */
  lastTransitionTime?: number;
}

export interface K8sContainerStatus {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** Waiting/terminated reason: CrashLoopBackOff, ImagePullBackOff, OOMKilled, Error, … */
  reason?: string;
  message?: string;
  exitCode?: number;
  /** The previous container instance's termination (what killed it last time). */
  lastTermination?: { reason?: string; exitCode?: number; message?: string; startedAt?: number; finishedAt?: number };
}

export interface K8sPod {
  name: string;
  namespace: string;
  phase: string;
  nodeName?: string;
  labels: Record<string, string>;
  /** epoch ms */
  createdAt: number;
  /** Owning ReplicaSet name, if any. */
  replicaSet?: string;
  /** Pod-level reason (Evicted, …) and message. */
  reason?: string;
  message?: string;
  containers: K8sContainerStatus[];
  conditions: K8sCondition[];
}

export interface K8sEvent {
  type: string; // Normal | Warning
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string; namespace?: string };
  count: number;
  /** epoch ms */
  firstTimestamp?: number;
  /** epoch ms */
  lastTimestamp: number;
}

export interface K8sContainerSpec {
  name: string;
  image: string;
  env: { name: string; value?: string; fromSecret?: string; fromConfigMap?: string }[];
  limits: Record<string, string>;
  requests: Record<string, string>;
}

export interface K8sDeployment {
  name: string;
  namespace: string;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  updatedReplicas: number;
  unavailableReplicas: number;
  /** matchLabels rendered as a label selector (`app=checkout,tier=web`). */
  selector: string;
  /** `deployment.kubernetes.io/revision` */
  revision?: string;
  containers: K8sContainerSpec[];
  conditions: K8sCondition[];
  /** epoch ms */
  createdAt: number;
}

/** A ReplicaSet is one rollout revision of a Deployment (kubectl rollout history). */
export interface K8sReplicaSet {
  name: string;
  namespace: string;
  revision?: string;
  deployment?: string;
  replicas: number;
  readyReplicas: number;
  containers: K8sContainerSpec[];
  /** `kubernetes.io/change-cause` annotation */
  changeCause?: string;
  /** epoch ms */
  createdAt: number;
}

export interface K8sNode {
  name: string;
  conditions: K8sCondition[];
  allocatable: Record<string, string>;
  capacity: Record<string, string>;
  unschedulable: boolean;
}

export interface KubernetesProvider {
  readonly id: 'kubernetes';
  /** The kubeconfig context in use (for display and "Copy as kubectl"). */
  readonly context: string;
  listPods(namespace: string, labelSelector?: string, signal?: AbortSignal): Promise<K8sPod[]>;
  /** Events of a namespace, optionally only those about one object (`involvedObject.name`). */
  listEvents(namespace: string, involvedObjectName?: string, signal?: AbortSignal): Promise<K8sEvent[]>;
  getDeployment(namespace: string, name: string, signal?: AbortSignal): Promise<K8sDeployment>;
  /** ReplicaSets of a deployment (by its selector), newest revision first: the rollout history. */
  listReplicaSets(namespace: string, labelSelector: string, signal?: AbortSignal): Promise<K8sReplicaSet[]>;
  /** Pod logs as events (timestamps parsed); `previous` reads the last terminated container. */
  podLogs(namespace: string, pod: string, options: { container?: string; previous?: boolean; tailLines?: number; sinceSeconds?: number }, signal?: AbortSignal): Promise<LogEvent[]>;
  listNodes(signal?: AbortSignal): Promise<K8sNode[]>;
  /** Mutations: callers must hold an approval (see core/safety). */
  rolloutRestart(namespace: string, deployment: string, signal?: AbortSignal): Promise<K8sDeployment>;
  /** Roll back to a ReplicaSet's pod template (kubectl rollout undo --to-revision). */
  rolloutUndo(namespace: string, deployment: string, toRevision: string, signal?: AbortSignal): Promise<K8sDeployment>;
  scale(namespace: string, deployment: string, replicas: number, signal?: AbortSignal): Promise<K8sDeployment>;
}

/** The providers available to one investigation. A missing one makes its evidence "unavailable". */
export interface ProviderSet {
  logs?: LogsProvider;
  ecs?: EcsProvider;
  git?: GitProvider;
  kubernetes?: KubernetesProvider;
  github?: GitHubProvider;
}
