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

export interface LogsProvider {
  readonly id: 'cloudwatch-logs';
  filterLogEvents(query: LogFilterQuery, signal?: AbortSignal): Promise<LogEvent[]>;
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
}

/** The providers available to one investigation. A missing one makes its evidence "unavailable". */
export interface ProviderSet {
  logs?: LogsProvider;
  ecs?: EcsProvider;
  git?: GitProvider;
}
