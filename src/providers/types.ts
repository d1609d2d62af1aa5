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
  /** For `throttled`: how long to wait before retrying (the service's Retry-After, else a hint). */
  readonly retryAfterMs?: number;

  constructor(
    readonly provider: string,
    readonly kind: ProviderErrorKind,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.name = 'ProviderError';
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
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
  rolloutStateReason?: string;
  /** Tasks of this deployment that failed to start or stopped early (what trips the circuit breaker). */
  failedTasks?: number;
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
  launchType?: string;
  /** Target groups the service registers its tasks in (see LoadBalancingProvider). */
  loadBalancers?: EcsServiceLoadBalancer[];
  /** The deployment circuit breaker, when configured. */
  deploymentCircuitBreaker?: { enable: boolean; rollback: boolean };
  minimumHealthyPercent?: number;
  maximumPercent?: number;
}

export interface EcsServiceLoadBalancer {
  targetGroupArn?: string;
  /** Classic load balancers only. */
  loadBalancerName?: string;
  containerName?: string;
  containerPort?: number;
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
  /** `service:NAME` for a service's task, `family:FAMILY` or a RunTask group for a standalone one. */
  group?: string;
  /** The deployment (`ecs-svc/…`) or whoever ran it (`events-rule/…`). */
  startedBy?: string;
  /** epoch ms */
  createdAt?: number;
  launchType?: string;
}

/** Which tasks of a cluster listClusterTasks returns: bounded by a filter and a limit. */
export interface EcsTaskFilter {
  /** Task definition family (ListTasks `family`). */
  family?: string;
  /** Exact `startedBy` (ListTasks `startedBy`; cannot be combined with family). */
  startedBy?: string;
  /** Default: both RUNNING and STOPPED. */
  desiredStatus?: 'RUNNING' | 'STOPPED';
  /** Only tasks not started by a service (group not `service:…`). Default true. */
  standaloneOnly?: boolean;
  /** epoch ms: only tasks alive at some point in [since, until] (created before until, not stopped before since). */
  since?: number;
  until?: number;
  /** Most tasks returned (default 100, at most MAX_TASKS). */
  limit?: number;
}

export interface EcsContainerDefinition {
  name: string;
  image: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  environment: { name: string; value: string }[];
  essential?: boolean;
  /** Secret references: the variable name and the Secrets Manager / SSM ARN it comes from (never a value). */
  secrets?: { name: string; valueFrom: string }[];
  healthCheck?: { command: string[]; intervalSeconds?: number; timeoutSeconds?: number; retries?: number; startPeriodSeconds?: number };
  portMappings?: { containerPort: number; hostPort?: number; protocol?: string; name?: string }[];
  command?: string[];
  entryPoint?: string[];
  logConfiguration?: EcsLogConfiguration;
}

export interface EcsLogConfiguration {
  logDriver: string;
  /** Driver options as configured (`awslogs-group`, …); secretOptions are left out. */
  options: Record<string, string>;
  /** `awslogs-group`, when the driver is awslogs: where the container's logs are. */
  logGroup?: string;
  streamPrefix?: string;
  region?: string;
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
  /**
   * Tasks of a cluster by family or startedBy (standalone ones by default: scheduled jobs,
   * RunTask), newest first, bounded by `limit`. ECS only keeps stopped tasks about an hour.
   */
  listClusterTasks?(cluster: string, filter: EcsTaskFilter, signal?: AbortSignal): Promise<EcsTask[]>;
  /** ListServices + DescribeServices (batches of 10): the cluster's services with their deployments, bounded. */
  listServices?(cluster: string, signal?: AbortSignal): Promise<EcsService[]>;
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
  /** The controlling owner (ReplicaSet, StatefulSet, DaemonSet, Job, Node); absent for a bare pod. */
  owner?: K8sOwner;
  /** The containers' specs (probes, ports, command, envFrom, mounts), in spec order. */
  containerSpecs?: K8sContainerSpec[];
  initContainers?: K8sContainerSpec[];
  initContainerStatuses?: K8sContainerStatus[];
  /** The volumes and what backs them (ConfigMap, Secret, PVC names). */
  volumes?: K8sVolume[];
  nodeSelector?: Record<string, string>;
  tolerations?: K8sToleration[];
  /** Affinity rules in one line each (`node: topology.kubernetes.io/zone in (eu-west-1a)`, `podAnti: app=db (required)`). */
  affinity?: string[];
  serviceAccountName?: string;
  /** `status.podIP` */
  podIP?: string;
}

export interface K8sOwner {
  kind: string;
  name: string;
}

export interface K8sVolume {
  name: string;
  /** configMap, secret, persistentVolumeClaim, emptyDir, hostPath, projected, … */
  type: string;
  /** The ConfigMap, Secret or claim name when the volume refers to one. */
  source?: string;
  optional?: boolean;
}

export interface K8sToleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface K8sTaint {
  key: string;
  value?: string;
  effect: string;
  /** epoch ms */
  timeAdded?: number;
}

/** A liveness/readiness/startup probe: what it checks, in one line, and its timing. */
export interface K8sProbe {
  /** `http-get :8080/healthz`, `tcp-socket :5432`, `exec [cat /tmp/ready]`, `grpc :9090` */
  action: string;
  type: 'httpGet' | 'tcpSocket' | 'exec' | 'grpc' | 'unknown';
  port?: number | string;
  path?: string;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
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
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number; protocol: string }[];
  livenessProbe?: K8sProbe;
  readinessProbe?: K8sProbe;
  startupProbe?: K8sProbe;
  /** `envFrom`: whole ConfigMaps/Secrets imported as variables. */
  envFrom?: { configMap?: string; secret?: string; prefix?: string; optional?: boolean }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
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
  /** The template's init containers, when it has any. */
  initContainers?: K8sContainerSpec[];
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
  /** `spec.taints` */
  taints?: K8sTaint[];
  labels?: Record<string, string>;
}

// ---- objects beyond workloads (listObjects / getObject)

/** What every mapped object carries. Times are epoch ms. */
export interface K8sObjectMeta {
  name: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  labels: Record<string, string>;
  createdAt: number;
  resourceVersion?: string;
  owner?: K8sOwner;
}

export interface K8sServicePort {
  name?: string;
  port: number;
  /** A number or a container port name. */
  targetPort: number | string;
  protocol: string;
  nodePort?: number;
}

export interface K8sService extends K8sObjectMeta {
  kind: 'Service';
  type: string;
  clusterIP?: string;
  /** Empty for a selectorless Service (endpoints managed by hand). */
  selector: Record<string, string>;
  ports: K8sServicePort[];
  externalName?: string;
  loadBalancer: string[];
}

export interface K8sEndpointAddress {
  ip: string;
  /** The pod behind it (targetRef). */
  pod?: string;
  nodeName?: string;
}

export interface K8sEndpoints extends K8sObjectMeta {
  kind: 'Endpoints';
  subsets: { ready: K8sEndpointAddress[]; notReady: K8sEndpointAddress[]; ports: { name?: string; port: number; protocol: string }[] }[];
  readyCount: number;
  notReadyCount: number;
}

export interface K8sEndpointSlice extends K8sObjectMeta {
  kind: 'EndpointSlice';
  /** `kubernetes.io/service-name` */
  service?: string;
  addressType: string;
  endpoints: { addresses: string[]; ready: boolean; serving?: boolean; terminating?: boolean; pod?: string; nodeName?: string }[];
  ports: { name?: string; port?: number; protocol: string }[];
}

export interface K8sConfigMap extends K8sObjectMeta {
  kind: 'ConfigMap';
  /** data and binaryData keys, sorted. */
  keys: string[];
  /** Values of `data` (not binaryData): configuration, not secrets. */
  data: Record<string, string>;
  /** The latest managedFields time, else the creation time. */
  updatedAt: number;
  immutable: boolean;
}

/** Keys only: a Secret's values are never read into the investigation. */
export interface K8sSecret extends K8sObjectMeta {
  kind: 'Secret';
  type: string;
  keys: string[];
  updatedAt: number;
  immutable: boolean;
}

export interface K8sIngress extends K8sObjectMeta {
  kind: 'Ingress';
  ingressClassName?: string;
  /** The legacy `kubernetes.io/ingress.class` annotation, when the spec names no class. */
  classAnnotation?: string;
  /** The latest managedFields time, else the creation time. */
  updatedAt: number;
  rules: { host?: string; paths: { path?: string; pathType?: string; service?: string; port?: number | string }[] }[];
  defaultBackend?: { service?: string; port?: number | string };
  tlsHosts: string[];
  /** The Secrets its `tls` entries name (certificate and key). */
  tlsSecrets: string[];
  loadBalancer: string[];
}

export interface K8sNetworkPolicy extends K8sObjectMeta {
  kind: 'NetworkPolicy';
  /** `app=checkout`, or "" for every pod of the namespace. */
  podSelector: string;
  policyTypes: string[];
  /** One line per peer (`pods app=web`, `namespace team=ops`, `ipBlock 10.0.0.0/8 except 10.0.1.0/24`); an empty list = nothing allowed. */
  ingress: { from: string[]; ports: string[] }[];
  egress: { to: string[]; ports: string[] }[];
}

export interface K8sResourceQuota extends K8sObjectMeta {
  kind: 'ResourceQuota';
  hard: Record<string, string>;
  used: Record<string, string>;
  scopes: string[];
}

export interface K8sLimitRange extends K8sObjectMeta {
  kind: 'LimitRange';
  limits: { type: string; default?: Record<string, string>; defaultRequest?: Record<string, string>; max?: Record<string, string>; min?: Record<string, string>; maxLimitRequestRatio?: Record<string, string> }[];
}

export interface K8sPvc extends K8sObjectMeta {
  kind: 'PersistentVolumeClaim';
  phase: string;
  storageClass?: string;
  volumeName?: string;
  /** spec.resources.requests.storage */
  requested?: string;
  /** status.capacity.storage */
  capacity?: string;
  accessModes: string[];
  conditions: K8sCondition[];
}

export interface K8sPv extends K8sObjectMeta {
  kind: 'PersistentVolume';
  phase: string;
  capacity?: string;
  storageClass?: string;
  /** `namespace/name` of the bound claim */
  claim?: string;
  reclaimPolicy?: string;
  accessModes: string[];
  reason?: string;
  message?: string;
}

/** Cluster-scoped: which controller serves Ingresses of this class. */
export interface K8sIngressClass extends K8sObjectMeta {
  kind: 'IngressClass';
  controller: string;
  isDefault: boolean;
}

export interface K8sStorageClass extends K8sObjectMeta {
  kind: 'StorageClass';
  provisioner: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion: boolean;
  isDefault: boolean;
}

export interface K8sHpa extends K8sObjectMeta {
  kind: 'HorizontalPodAutoscaler';
  target: { kind: string; name: string };
  min: number;
  max: number;
  current: number;
  desired: number;
  /** One per spec metric: `cpu` with target `80%` and current `95%`. */
  metrics: { type: string; name: string; target: string; current?: string }[];
  conditions: K8sCondition[];
  lastScaleTime?: number;
}

export interface K8sPdb extends K8sObjectMeta {
  kind: 'PodDisruptionBudget';
  selector: string;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  disruptionsAllowed: number;
  conditions: K8sCondition[];
}

export interface K8sStatefulSet extends K8sObjectMeta {
  kind: 'StatefulSet';
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision?: string;
  updateRevision?: string;
  serviceName?: string;
  selector: string;
  containers: K8sContainerSpec[];
  /** Names of the volumeClaimTemplates (claims are `NAME-STS-ORDINAL`). */
  volumeClaimTemplates: string[];
  conditions: K8sCondition[];
}

export interface K8sDaemonSet extends K8sObjectMeta {
  kind: 'DaemonSet';
  desired: number;
  current: number;
  ready: number;
  updated: number;
  available: number;
  misscheduled: number;
  selector: string;
  nodeSelector: Record<string, string>;
  containers: K8sContainerSpec[];
  conditions: K8sCondition[];
}

export interface K8sJob extends K8sObjectMeta {
  kind: 'Job';
  active: number;
  succeeded: number;
  failed: number;
  backoffLimit?: number;
  completions?: number;
  parallelism?: number;
  activeDeadlineSeconds?: number;
  suspend: boolean;
  conditions: K8sCondition[];
  startTime?: number;
  completionTime?: number;
  /** The CronJob that created it (its controller owner), if any. */
  cronJob?: string;
  selector: string;
  containers: K8sContainerSpec[];
}

export interface K8sCronJob extends K8sObjectMeta {
  kind: 'CronJob';
  schedule: string;
  timeZone?: string;
  suspend: boolean;
  concurrencyPolicy?: string;
  lastScheduleTime?: number;
  lastSuccessfulTime?: number;
  /** Names of the Jobs running now. */
  active: string[];
  containers: K8sContainerSpec[];
}

/** listObjects over the kinds the provider already maps, with the discriminant added. */
export type K8sPodObject = K8sPod & { kind: 'Pod' };
export type K8sNodeObject = K8sNode & K8sObjectMeta & { kind: 'Node' };
export type K8sDeploymentObject = K8sDeployment & { kind: 'Deployment' };
export type K8sReplicaSetObject = K8sReplicaSet & { kind: 'ReplicaSet' };
export type K8sEventObject = K8sEvent & { kind: 'Event'; name: string; namespace: string };

/** A mapped object of any kind listObjects / getObject serve, discriminated by `kind`. */
export type K8sObject =
  | K8sService
  | K8sEndpoints
  | K8sEndpointSlice
  | K8sConfigMap
  | K8sSecret
  | K8sIngress
  | K8sNetworkPolicy
  | K8sResourceQuota
  | K8sLimitRange
  | K8sPvc
  | K8sPv
  | K8sStorageClass
  | K8sIngressClass
  | K8sHpa
  | K8sPdb
  | K8sStatefulSet
  | K8sDaemonSet
  | K8sJob
  | K8sCronJob
  | K8sPodObject
  | K8sNodeObject
  | K8sDeploymentObject
  | K8sReplicaSetObject
  | K8sEventObject;

export type K8sObjectKind = K8sObject['kind'];
export type K8sObjectOf<K extends K8sObjectKind> = Extract<K8sObject, { kind: K }>;

/** Bounds of a listObjects call: selectors as the API server takes them, `limit` = most items returned (paged). */
export interface K8sListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
}

/** metrics.k8s.io usage (quantities as metrics-server writes them: `480m`, `498Mi`). */
export interface K8sPodMetrics {
  name: string;
  namespace: string;
  /** epoch ms of the sample */
  timestamp: number;
  window: string;
  containers: { name: string; cpu: string; memory: string }[];
}

export interface K8sNodeMetrics {
  name: string;
  timestamp: number;
  window: string;
  cpu: string;
  memory: string;
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
  /**
   * Objects of one kind, mapped (see K8sObject). `namespace` undefined = all namespaces (for a
   * namespaced kind; Pods and Events then need a selector). Pages with `continue` up to `limit`.
   * Forbidden → ProviderError 'access-denied' naming the verb and resource.
   */
  listObjects<K extends K8sObjectKind>(kind: K, namespace: string | undefined, options?: K8sListOptions, signal?: AbortSignal): Promise<K8sObjectOf<K>[]>;
  /** One object; `namespace` is ignored for cluster-scoped kinds. Missing → 'not-found'. */
  getObject<K extends K8sObjectKind>(kind: K, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<K8sObjectOf<K>>;
  /** metrics.k8s.io pod usage; undefined when the cluster serves no metrics API (no metrics-server). */
  podMetrics(namespace: string, labelSelector?: string, signal?: AbortSignal): Promise<K8sPodMetrics[] | undefined>;
  /** metrics.k8s.io node usage; undefined when the metrics API is not served. */
  nodeMetrics(signal?: AbortSignal): Promise<K8sNodeMetrics[] | undefined>;
  /** Mutations: callers must hold an approval (see core/safety). */
  rolloutRestart(namespace: string, deployment: string, signal?: AbortSignal): Promise<K8sDeployment>;
  /** Roll back to a ReplicaSet's pod template (kubectl rollout undo --to-revision). */
  rolloutUndo(namespace: string, deployment: string, toRevision: string, signal?: AbortSignal): Promise<K8sDeployment>;
  scale(namespace: string, deployment: string, replicas: number, signal?: AbortSignal): Promise<K8sDeployment>;
}

// ---------------------------------------------------------------- AWS signals: CloudWatch metrics and alarms

/** One metric statistic over time, aggregated by CloudWatch (GetMetricData MetricStat). */
export interface MetricQuery {
  /** Echoed in the result; `[a-z][a-zA-Z0-9_]*`. Default: `m0`, `m1`, … by position. */
  id?: string;
  namespace: string;
  metricName: string;
  /** Must be the metric's exact dimension set (CloudWatch matches combinations, not subsets). */
  dimensions?: Record<string, string>;
  /** `Average`, `Sum`, `Minimum`, `Maximum`, `SampleCount` or a percentile (`p99`, `p99.9`). */
  stat: string;
  /** Seconds. Omitted: sized to the window (≤ MAX_POINTS_PER_SERIES points, a multiple of 60). */
  periodSeconds?: number;
  unit?: string;
  label?: string;
}

export interface MetricPoint {
  /** epoch ms, the start of the period */
  timestamp: number;
  value: number;
}

export interface MetricSeries {
  id: string;
  label: string;
  /** The query as sent (periodSeconds resolved). */
  query: MetricQuery & { periodSeconds: number };
  /** Oldest first. */
  points: MetricPoint[];
  /**
   * `empty`: CloudWatch returned no datapoint at all in the window — the metric is not published
   * (e.g. Container Insights off, no traffic) or the dimensions do not match: report "unavailable",
   * not zero. `partial`: the provider's datapoint budget cut it.
   */
  status: 'complete' | 'partial' | 'empty';
  messages?: string[];
}

export interface MetricDescriptor {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface MetricAlarm {
  name: string;
  arn: string;
  description?: string;
  state: AlarmState;
  stateReason: string;
  /** epoch ms */
  stateUpdatedAt?: number;
  namespace?: string;
  metricName?: string;
  dimensions: Record<string, string>;
  /** Statistic or ExtendedStatistic (`p99`). */
  statistic?: string;
  periodSeconds?: number;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  threshold?: number;
  comparisonOperator?: string;
  treatMissingData?: string;
  actionsEnabled: boolean;
  alarmActions: string[];
}

/** One StateUpdate of an alarm's history. */
export interface AlarmStateChange {
  alarmName: string;
  /** epoch ms */
  timestamp: number;
  from?: AlarmState;
  to?: AlarmState;
  /** `Alarm updated from OK to ALARM` */
  summary: string;
  /** The new state's reason (`Threshold Crossed: …`). */
  reason?: string;
  /** The datapoints the evaluation saw, when CloudWatch recorded them. */
  recentDatapoints?: number[];
}

export interface MetricsProvider {
  readonly id: 'cloudwatch';
  /** GetMetricData for [startTime, endTime) (epoch ms), paged to completion within a datapoint budget. One series per query, in order. */
  getMetricData(queries: MetricQuery[], startTime: number, endTime: number, signal?: AbortSignal): Promise<MetricSeries[]>;
  /** Metrics with data in the last two weeks (`recentlyActive`: three hours); a dimension value of undefined matches any value. Bounded. */
  listMetrics(filter: { namespace?: string; metricName?: string; dimensions?: Record<string, string | undefined>; recentlyActive?: boolean }, signal?: AbortSignal): Promise<MetricDescriptor[]>;
  /** Metric alarms by exact names, a name prefix and/or state. Bounded. */
  describeAlarms(filter: { names?: string[]; prefix?: string; state?: AlarmState }, signal?: AbortSignal): Promise<MetricAlarm[]>;
  /** Alarms on one metric (DescribeAlarmsForMetric). */
  alarmsForMetric(metric: { namespace: string; metricName: string; dimensions?: Record<string, string> }, signal?: AbortSignal): Promise<MetricAlarm[]>;
  /** State changes of an alarm, newest first (times in epoch ms, limit default 100). */
  alarmHistory(alarmName: string, options?: { startTime?: number; endTime?: number; limit?: number }, signal?: AbortSignal): Promise<AlarmStateChange[]>;
}

// ---------------------------------------------------------------- AWS signals: Elastic Load Balancing

export interface LoadBalancer {
  arn: string;
  name: string;
  type: string;
  scheme?: string;
  dnsName?: string;
  state?: string;
}

export interface TargetGroup {
  arn: string;
  name: string;
  protocol?: string;
  port?: number;
  targetType?: string;
  loadBalancerArns: string[];
  healthCheck: {
    enabled?: boolean;
    protocol?: string;
    port?: string;
    path?: string;
    /** HTTP codes counted healthy (`200`, `200-399`). */
    matcher?: string;
    intervalSeconds?: number;
    timeoutSeconds?: number;
    healthyThreshold?: number;
    unhealthyThreshold?: number;
  };
}

export interface TargetHealth {
  /** IP, instance id or Lambda ARN. */
  id: string;
  port?: number;
  availabilityZone?: string;
  /** initial | healthy | unhealthy | unused | draining | unavailable */
  state: string;
  /** ELB reason code: Target.ResponseCodeMismatch, Target.Timeout, Target.FailedHealthChecks, … */
  reason?: string;
  description?: string;
}

export interface LoadBalancingProvider {
  readonly id: 'elb';
  describeLoadBalancers(filter: { arns?: string[]; names?: string[] }, signal?: AbortSignal): Promise<LoadBalancer[]>;
  /** Exactly one selector: a load balancer's groups, names or ARNs. Unknown names/ARNs → not-found. */
  describeTargetGroups(filter: { loadBalancerArn?: string; names?: string[]; arns?: string[] }, signal?: AbortSignal): Promise<TargetGroup[]>;
  /** The target groups an ECS service registers in (its loadBalancers' targetGroupArn). */
  targetGroupsOfService(service: Pick<EcsService, 'loadBalancers'>, signal?: AbortSignal): Promise<TargetGroup[]>;
  targetHealth(targetGroupArn: string, signal?: AbortSignal): Promise<TargetHealth[]>;
}

// ---------------------------------------------------------------- AWS signals: Application Auto Scaling

export interface ScalableTarget {
  serviceNamespace: string;
  /** `service/CLUSTER/SERVICE` */
  resourceId: string;
  scalableDimension: string;
  minCapacity: number;
  maxCapacity: number;
  suspended: { dynamicScalingIn: boolean; dynamicScalingOut: boolean; scheduledScaling: boolean };
  /** epoch ms */
  createdAt?: number;
}

export interface ScalingActivity {
  id: string;
  resourceId: string;
  description: string;
  cause: string;
  /** Pending | InProgress | Successful | Overridden | Unfulfilled | Failed */
  statusCode: string;
  statusMessage?: string;
  /** epoch ms */
  startTime: number;
  /** epoch ms */
  endTime?: number;
}

export interface ScalingPolicy {
  name: string;
  arn: string;
  type: string;
  targetValue?: number;
  predefinedMetricType?: string;
  scaleInCooldownSeconds?: number;
  scaleOutCooldownSeconds?: number;
  alarmNames: string[];
}

export interface AutoScalingProvider {
  readonly id: 'autoscaling';
  /** The scalable target of an ECS service (`service/CLUSTER/SERVICE`); undefined when it has no auto scaling. */
  scalableTarget(resourceId: string, signal?: AbortSignal): Promise<ScalableTarget | undefined>;
  /** Scaling activities, newest first, that started at or after `since` (epoch ms); bounded. */
  scalingActivities(resourceId: string, since?: number, signal?: AbortSignal): Promise<ScalingActivity[]>;
  scalingPolicies(resourceId: string, signal?: AbortSignal): Promise<ScalingPolicy[]>;
}

/** The providers available to one investigation. A missing one makes its evidence "unavailable". */
export interface ProviderSet {
  logs?: LogsProvider;
  ecs?: EcsProvider;
  git?: GitProvider;
  kubernetes?: KubernetesProvider;
  github?: GitHubProvider;
  /** CloudWatch metrics and alarms. */
  metrics?: MetricsProvider;
  /** Elastic Load Balancing v2 target groups and target health. */
  loadBalancing?: LoadBalancingProvider;
  /** Application Auto Scaling of ECS services. */
  autoScaling?: AutoScalingProvider;
}
