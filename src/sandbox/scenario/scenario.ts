/**
 * Scenario files: the raw world state the sandbox serves through its emulators (ECS, CloudWatch
 * Logs, Kubernetes — see k8sScenario.ts — and a git repository) plus the ground truth, kept in a
 * separate `truth` section that only evaluation code reads — the engine sees the world through
 * providers, never this file.
 *
 * Strings anywhere in `world` (except the git commits themselves, whose content fixes the shas)
 * and `truth.culprit.id` may contain `{{commit:LABEL}}` (full sha) or `{{short:LABEL}}` (7-char
 * sha); `resolveScenario` substitutes them once the repository is materialized.
 */
import { ServiceMapSchema } from '../../core/serviceMap';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { IncidentSchema, InvalidInputError, parseWith } from '../../core/incident';
import { FAILURE_CATEGORIES } from '../../core/model';
import { AutoScalingWorldSchema, checkAwsSignalReferences, CloudWatchWorldSchema, ElbWorldSchema } from '../aws/awsSignalsScenario';
import { GitHubWorldSchema } from '../github/githubScenario';
import { checkKubernetesReferences, KubernetesWorldSchema } from '../kubernetes/k8sScenario';
import { Count, IsoDate, LogGeneratorSchema, Name } from './scenarioPrimitives';

/** `family:revision`, the way task definitions are referenced throughout ECS. */
const TaskDefinitionRef = z.string().regex(/^[A-Za-z0-9_-]{1,255}:[1-9][0-9]*$/, 'expected "family:revision", e.g. "web:12"');

// ---------------------------------------------------------------- ECS

const ContainerDefinitionSchema = z.object({
  name: Name,
  image: Name,
  cpu: Count.optional(),
  /** Hard limit in MiB: the container is OOM-killed above it. */
  memory: z.number().int().positive().optional(),
  memoryReservation: z.number().int().positive().optional(),
  essential: z.boolean().default(true),
  environment: z.array(z.object({ name: Name, value: z.string() })).default([]),
  /** Secrets Manager / SSM references, as in ECS: names and ARNs only (ECS never returns values). */
  secrets: z.array(z.object({ name: Name, valueFrom: Name })).optional(),
  /** The container health check (ECS shape; seconds). */
  healthCheck: z
    .object({
      command: z.array(z.string()).min(1),
      interval: z.number().int().positive().optional(),
      timeout: z.number().int().positive().optional(),
      retries: z.number().int().positive().optional(),
      startPeriod: Count.optional(),
    })
    .optional(),
  portMappings: z
    .array(
      z.object({
        containerPort: z.number().int().min(1).max(65535),
        hostPort: z.number().int().min(0).max(65535).optional(),
        protocol: z.enum(['tcp', 'udp']).default('tcp'),
        name: Name.optional(),
        appProtocol: z.enum(['http', 'http2', 'grpc']).optional(),
      }),
    )
    .optional(),
  command: z.array(z.string()).optional(),
  entryPoint: z.array(z.string()).optional(),
  /** e.g. `{ "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/checkout" } }` */
  logConfiguration: z
    .object({
      logDriver: z.enum(['awslogs', 'awsfirelens', 'fluentd', 'gelf', 'journald', 'json-file', 'splunk', 'syslog']),
      options: z.record(z.string(), z.string()).default({}),
      secretOptions: z.array(z.object({ name: Name, valueFrom: Name })).optional(),
    })
    .optional(),
});

const TaskDefinitionSchema = z.object({
  family: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, "-" and "_" only'),
  revision: z.number().int().positive(),
  registeredAt: IsoDate,
  status: z.enum(['ACTIVE', 'INACTIVE']).default('ACTIVE'),
  /** Task-level sizes; ECS reports them as strings ("1024"), numbers are accepted too. */
  cpu: z.union([z.string(), z.number()]).transform(String).optional(),
  memory: z.union([z.string(), z.number()]).transform(String).optional(),
  containers: z.array(ContainerDefinitionSchema).min(1),
});

const DeploymentSchema = z.object({
  /** e.g. `ecs-svc/1234567890123456789` — task `startedBy` and stop reasons refer to it. */
  id: Name,
  status: z.enum(['PRIMARY', 'ACTIVE', 'INACTIVE']),
  taskDefinition: TaskDefinitionRef,
  desiredCount: Count,
  runningCount: Count,
  pendingCount: Count.default(0),
  failedTasks: Count.default(0),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  rolloutState: z.enum(['COMPLETED', 'FAILED', 'IN_PROGRESS']).optional(),
  rolloutStateReason: z.string().optional(),
});

const ServiceEventSchema = z.object({
  /** Generated from the position when absent. */
  id: Name.optional(),
  createdAt: IsoDate,
  message: Name,
});

const ServiceSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, "-" and "_" only'),
  status: z.enum(['ACTIVE', 'DRAINING', 'INACTIVE']).default('ACTIVE'),
  desiredCount: Count,
  runningCount: Count,
  pendingCount: Count,
  taskDefinition: TaskDefinitionRef,
  launchType: z.enum(['FARGATE', 'EC2', 'EXTERNAL']).default('FARGATE'),
  /** How far a rolling deployment may go below/above desiredCount (percent), and the circuit breaker. */
  deploymentConfiguration: z
    .object({
      minimumHealthyPercent: Count.default(100),
      maximumPercent: Count.default(200),
      /** Stops (and optionally rolls back) a deployment whose tasks keep failing. */
      deploymentCircuitBreaker: z.object({ enable: z.boolean(), rollback: z.boolean() }).optional(),
    })
    .default({ minimumHealthyPercent: 100, maximumPercent: 200 }),
  /** Target groups the service registers its tasks in (ECS shape); each must be in world.elb.targetGroups. */
  loadBalancers: z
    .array(
      z.object({
        /** The target group's ARN (`arn:aws:elasticloadbalancing:…:targetgroup/NAME/ID`) or just its name. */
        targetGroupArn: Name,
        containerName: Name,
        containerPort: z.number().int().min(1).max(65535),
      }),
    )
    .default([]),
  createdAt: IsoDate.optional(),
  deployments: z.array(DeploymentSchema).min(1),
  /** Any order in the file; served newest first like ECS. */
  events: z.array(ServiceEventSchema).default([]),
});

const TaskContainerSchema = z.object({
  name: Name,
  exitCode: z.number().int().optional(),
  reason: z.string().optional(),
  lastStatus: z.string().optional(),
});

const TaskSchema = z.object({
  /** The task id (last part of the ARN), usually 32 hex digits. */
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits and "-" only'),
  /** Name of the service (in the same cluster) that started it; omitted for a standalone task (RunTask, a schedule). */
  service: Name.optional(),
  /** ECS task group: `service:NAME` for service tasks (the default), `family:FAMILY` (the default for standalone ones) or any name RunTask was given. */
  group: Name.optional(),
  /** Defaults to the service's launch type, else FARGATE. */
  launchType: z.enum(['FARGATE', 'EC2', 'EXTERNAL']).optional(),
  taskDefinition: TaskDefinitionRef,
  lastStatus: z.enum(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']),
  desiredStatus: z.enum(['RUNNING', 'PENDING', 'STOPPED']),
  /** The deployment (`ecs-svc/…`) that started a service task; for a standalone one e.g. `events-rule/nightly-export`. */
  startedBy: z.string().optional(),
  createdAt: IsoDate.optional(),
  startedAt: IsoDate.optional(),
  stoppingAt: IsoDate.optional(),
  stoppedAt: IsoDate.optional(),
  stoppedReason: z.string().optional(),
  stopCode: z
    .enum(['TaskFailedToStart', 'EssentialContainerExited', 'UserInitiated', 'ServiceSchedulerInitiated', 'SpotInterruption', 'TerminationNotice'])
    .optional(),
  containers: z.array(TaskContainerSchema).default([]),
});

const ClusterSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, "-" and "_" only'),
  services: z.array(ServiceSchema).default([]),
  tasks: z.array(TaskSchema).default([]),
});

/**
 * Task definitions are regional (not per cluster) in ECS — DescribeTaskDefinition takes no
 * cluster — so they live next to the clusters rather than inside one.
 */
const EcsWorldSchema = z.object({
  clusters: z.array(ClusterSchema).default([]),
  taskDefinitions: z.array(TaskDefinitionSchema).default([]),
});

// ---------------------------------------------------------------- CloudWatch Logs

const LogEventSchema = z.object({
  at: IsoDate,
  /** May contain newlines: one CloudWatch event per multi-line stack trace, as awslogs ships them. */
  message: z.string().min(1),
  stream: Name.optional(),
});

const LogGroupSchema = z.object({
  name: z.string().regex(/^[.\-_/#A-Za-z0-9]{1,512}$/, 'not a valid log group name'),
  /** Stream of events that name none. */
  defaultStream: Name.default('default'),
  events: z.array(LogEventSchema).default([]),
  generators: z.array(LogGeneratorSchema).default([]),
});

// ---------------------------------------------------------------- git

/** A path inside the work tree: relative, no `..`, never into `.git` or the sandbox's `.runbook`. */
function repoPathProblem(path: string): string | undefined {
  if (path.includes('\\') || path.includes('\0')) return 'use "/" separators and no NUL';
  if (path.startsWith('/')) return 'must be relative to the repository root';
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return 'no empty, "." or ".." segments';
  if (segments[0] === '.git' || segments[0] === '.runbook') return `"${segments[0]}" is reserved`;
  return undefined;
}

const CommitSchema = z
  .object({
    /** Stable handle for `{{commit:LABEL}}` placeholders and the materialized label → sha map. */
    label: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ".", "-" and "_" only'),
    message: z.string().min(1),
    author: Name,
    email: z.string().min(3),
    /** Author and committer date. */
    date: IsoDate,
    /** Path → new content; `null` deletes the file. */
    files: z.record(z.string(), z.string().nullable()),
  })
  .superRefine((commit, ctx) => {
    for (const path of Object.keys(commit.files)) {
      const problem = repoPathProblem(path);
      if (problem) ctx.addIssue({ code: 'custom', path: ['files', path], message: `invalid path: ${problem}` });
    }
  });

const GitWorldSchema = z.object({
  /** Applied in order on one branch, `main`. */
  commits: z.array(CommitSchema).default([]),
});

// ---------------------------------------------------------------- faults

export const LOGS_OPERATIONS = ['FilterLogEvents', 'StartQuery', 'GetQueryResults'] as const;
export const ECS_OPERATIONS = ['DescribeServices', 'ListTasks', 'DescribeTasks', 'DescribeTaskDefinition', 'UpdateService'] as const;
export const FAULT_ERRORS = ['ThrottlingException', 'AccessDeniedException', 'ResourceNotFoundException', 'InternalFailure'] as const;
export const CLOUDWATCH_OPERATIONS = ['GetMetricData', 'ListMetrics', 'DescribeAlarms', 'DescribeAlarmHistory', 'DescribeAlarmsForMetric'] as const;
export const ELB_OPERATIONS = ['DescribeLoadBalancers', 'DescribeTargetGroups', 'DescribeTargetHealth', 'DescribeListeners'] as const;
export const AUTOSCALING_OPERATIONS = ['DescribeScalableTargets', 'DescribeScalingActivities', 'DescribeScalingPolicies'] as const;
/**
 * CloudWatch and ELB speak AWS Query error codes: `Throttling` and `AccessDenied` are accepted as
 * aliases of ThrottlingException / AccessDeniedException there (both answer the protocol's own code).
 */
export const QUERY_FAULT_ERRORS = [...FAULT_ERRORS, 'Throttling', 'AccessDenied'] as const;
/** Kubernetes operations, named after the client calls that reach them (see k8sEmulator.ts). */
export const K8S_OPERATIONS = [
  'discovery',
  'listPods',
  'getPod',
  'podLogs',
  'listEvents',
  'listNodes',
  'getNode',
  'listNamespaces',
  'getNamespace',
  'listDeployments',
  'getDeployment',
  'patchDeployment',
  'listReplicaSets',
  'getReplicaSet',
  'getScale',
  'patchScale',
  'replaceScale',
  'getEvent',
  'listServices',
  'getService',
  'listEndpoints',
  'getEndpoints',
  'listEndpointSlices',
  'getEndpointSlice',
  'listConfigMaps',
  'getConfigMap',
  'listSecrets',
  'getSecret',
  'listResourceQuotas',
  'getResourceQuota',
  'listLimitRanges',
  'getLimitRange',
  'listPersistentVolumeClaims',
  'getPersistentVolumeClaim',
  'listPersistentVolumes',
  'getPersistentVolume',
  'listStorageClasses',
  'getStorageClass',
  'listIngressClasses',
  'getIngressClass',
  'listIngresses',
  'getIngress',
  'listNetworkPolicies',
  'getNetworkPolicy',
  'listHorizontalPodAutoscalers',
  'getHorizontalPodAutoscaler',
  'listPodDisruptionBudgets',
  'getPodDisruptionBudget',
  'listStatefulSets',
  'getStatefulSet',
  'listDaemonSets',
  'getDaemonSet',
  'listJobs',
  'getJob',
  'listCronJobs',
  'getCronJob',
  'listPodMetrics',
  'getPodMetrics',
  'listNodeMetrics',
  'getNodeMetrics',
] as const;
/** Kubernetes faults are answered as `Status` objects with these reasons (429, 403, 401, 404, 500, 503). */
export const K8S_FAULT_ERRORS = ['TooManyRequests', 'Forbidden', 'Unauthorized', 'NotFound', 'InternalError', 'ServiceUnavailable'] as const;

const FAULT_OPERATIONS: Record<string, readonly string[]> = {
  logs: LOGS_OPERATIONS,
  ecs: ECS_OPERATIONS,
  kubernetes: K8S_OPERATIONS,
  cloudwatch: CLOUDWATCH_OPERATIONS,
  elb: ELB_OPERATIONS,
  autoscaling: AUTOSCALING_OPERATIONS,
};
const FAULT_ERRORS_BY_SERVICE: Record<string, readonly string[]> = {
  logs: FAULT_ERRORS,
  ecs: FAULT_ERRORS,
  kubernetes: K8S_FAULT_ERRORS,
  cloudwatch: QUERY_FAULT_ERRORS,
  elb: QUERY_FAULT_ERRORS,
  autoscaling: FAULT_ERRORS,
};

/** Makes an operation fail (or answer late) for tests of error handling and cancellation. */
const FaultSchema = z
  .object({
    service: z.enum(['logs', 'ecs', 'kubernetes', 'cloudwatch', 'elb', 'autoscaling']),
    /** Omitted = every operation of the service. */
    operation: z.enum([...LOGS_OPERATIONS, ...ECS_OPERATIONS, ...K8S_OPERATIONS, ...CLOUDWATCH_OPERATIONS, ...ELB_OPERATIONS, ...AUTOSCALING_OPERATIONS]).optional(),
    error: z.enum([...QUERY_FAULT_ERRORS, ...K8S_FAULT_ERRORS]).optional(),
    message: z.string().optional(),
    /** Answer only after this delay (with the error, or normally when there is none). */
    delayMs: z.number().int().min(0).max(600_000).optional(),
    /** Apply to the first N matching requests only; omitted = every one. */
    times: z.number().int().positive().optional(),
  })
  .superRefine((fault, ctx) => {
    if (!fault.error && fault.delayMs === undefined) ctx.addIssue({ code: 'custom', path: ['error'], message: 'a fault needs an error, a delayMs, or both' });
    if (fault.operation && !FAULT_OPERATIONS[fault.service].includes(fault.operation)) {
      ctx.addIssue({ code: 'custom', path: ['operation'], message: `${fault.operation} is not a ${fault.service} operation` });
    }
    const errors = FAULT_ERRORS_BY_SERVICE[fault.service];
    if (fault.error && !errors.includes(fault.error)) {
      ctx.addIssue({ code: 'custom', path: ['error'], message: `${fault.error} is not an error of service "${fault.service}" (use one of ${errors.join(', ')})` });
    }
  });

// ---------------------------------------------------------------- world, truth, scenario

const WorldSchema = z.object({
  aws: z
    .object({
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not an AWS region').default('us-east-1'),
      accountId: z.string().regex(/^\d{12}$/, '12 digits').default('123456789012'),
    })
    .default({ region: 'us-east-1', accountId: '123456789012' }),
  ecs: EcsWorldSchema.default({ clusters: [], taskDefinitions: [] }),
  logs: z.object({ groups: z.array(LogGroupSchema).default([]) }).default({ groups: [] }),
  /** CloudWatch metrics and alarms (awsSignalsScenario.ts). */
  cloudwatch: CloudWatchWorldSchema.optional(),
  /** Elastic Load Balancing v2: load balancers, target groups and their targets' health. */
  elb: ElbWorldSchema.optional(),
  /** Application Auto Scaling: scalable targets (ECS services) with their policies and activities. */
  autoscaling: AutoScalingWorldSchema.optional(),
  git: GitWorldSchema.default({ commits: [] }),
  /** Optional: the sandbox starts its Kubernetes emulator only for scenarios that have one. */
  kubernetes: KubernetesWorldSchema.optional(),
  /** Optional: the repository's pull requests, served by the GitHub emulator (githubScenario.ts). */
  github: GitHubWorldSchema.optional(),
  faults: z.array(FaultSchema).default([]),
  /**
   * The workspace's `.runbook/services.yaml` (where each service logs, what it depends on),
   * written into the materialized repository's work tree — not committed, like a real one.
   */
  serviceMap: ServiceMapSchema.optional(),
});

const CulpritSchema = z.object({ kind: z.enum(['commit', 'task-definition', 'replicaset', 'dependency', 'config', 'pod', 'node', 'other']), id: Name });

const TruthSchema = z
  .object({
    category: z.enum([...FAILURE_CATEGORIES, 'inconclusive']),
    culprit: CulpritSchema.optional(),
    /** Other defensible answers (the commit and the task definition that shipped it, …): any of them scores as correct. */
    alternatives: z.array(z.object({ category: z.enum([...FAILURE_CATEGORIES, 'inconclusive']), culprit: CulpritSchema.optional() })).default([]),
    remediation: z.string().optional(),
    notes: z.string().optional(),
  })
  .superRefine((truth, ctx) => {
    if (truth.category !== 'inconclusive' && !truth.culprit) {
      ctx.addIssue({ code: 'custom', path: ['culprit'], message: 'required unless the category is "inconclusive"' });
    }
  });

const ScenarioObjectSchema = z.object({
  /** Lowercase slug: also seeds the log generators and names temp directories. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and "-"'),
  title: Name,
  description: z.string(),
  clock: z.object({ now: IsoDate }),
  incident: IncidentSchema,
  world: WorldSchema,
  truth: TruthSchema,
});

export const ScenarioSchema = ScenarioObjectSchema.superRefine(checkReferences);

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ScenarioWorld = Scenario['world'];
export type ScenarioCluster = ScenarioWorld['ecs']['clusters'][number];
export type ScenarioService = ScenarioCluster['services'][number];
export type ScenarioDeployment = ScenarioService['deployments'][number];
export type ScenarioTask = ScenarioCluster['tasks'][number];
export type ScenarioTaskDefinition = ScenarioWorld['ecs']['taskDefinitions'][number];
export type ScenarioLogGroup = ScenarioWorld['logs']['groups'][number];
export type ScenarioLogGenerator = ScenarioLogGroup['generators'][number];
export type ScenarioCommit = ScenarioWorld['git']['commits'][number];
export type ScenarioFault = ScenarioWorld['faults'][number];
export type { ScenarioAlarm, ScenarioCloudWatch, ScenarioElb, ScenarioLoadBalancer, ScenarioMetric, ScenarioScalableTarget, ScenarioTargetGroup } from '../aws/awsSignalsScenario';
export type { ScenarioKubernetes } from '../kubernetes/k8sScenario';
export type { ScenarioGitHub, ScenarioPullRequest } from '../github/githubScenario';
export type ScenarioTruth = Scenario['truth'];
export type ScenarioWithoutTruth = Omit<Scenario, 'truth'>;

// ---------------------------------------------------------------- cross-references

const COMMIT_PLACEHOLDER = /\{\{(commit|short):([^{}]*)\}\}/g;

type Path = (string | number)[];

/** Visits every string in a JSON value with its path. */
function visitStrings(value: unknown, path: Path, visit: (text: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => visitStrings(item, [...path, index], visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) visitStrings(item, [...path, key], visit);
  }
}

/** Checks what a per-field schema cannot: unique names and that every reference resolves. */
function checkReferences(scenario: z.output<typeof ScenarioObjectSchema>, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const { world } = scenario;

  const labels = new Set<string>();
  world.git.commits.forEach((commit, index) => {
    if (labels.has(commit.label)) issue(['world', 'git', 'commits', index, 'label'], `duplicate commit label "${commit.label}"`);
    labels.add(commit.label);
  });

  const checkPlaceholders = (text: string, path: Path) => {
    for (const match of text.matchAll(COMMIT_PLACEHOLDER)) {
      if (!labels.has(match[2])) issue(path, `${match[0]} names no commit in world.git.commits`);
    }
  };
  visitStrings({ ...world, git: undefined }, ['world'], checkPlaceholders);
  if (scenario.truth.culprit) checkPlaceholders(scenario.truth.culprit.id, ['truth', 'culprit', 'id']);

  const taskDefinitions = new Set<string>();
  world.ecs.taskDefinitions.forEach((definition, index) => {
    const ref = `${definition.family}:${definition.revision}`;
    if (taskDefinitions.has(ref)) issue(['world', 'ecs', 'taskDefinitions', index], `duplicate task definition ${ref}`);
    taskDefinitions.add(ref);
  });
  const checkTaskDefinition = (ref: string, path: Path) => {
    if (!taskDefinitions.has(ref)) issue(path, `task definition ${ref} is not in world.ecs.taskDefinitions`);
  };

  const clusterNames = new Set<string>();
  world.ecs.clusters.forEach((cluster, c) => {
    const base: Path = ['world', 'ecs', 'clusters', c];
    if (clusterNames.has(cluster.name)) issue([...base, 'name'], `duplicate cluster "${cluster.name}"`);
    clusterNames.add(cluster.name);
    const services = new Set<string>();
    cluster.services.forEach((service, s) => {
      const path = [...base, 'services', s];
      if (services.has(service.name)) issue([...path, 'name'], `duplicate service "${service.name}"`);
      services.add(service.name);
      checkTaskDefinition(service.taskDefinition, [...path, 'taskDefinition']);
      service.deployments.forEach((deployment, d) => checkTaskDefinition(deployment.taskDefinition, [...path, 'deployments', d, 'taskDefinition']));
      const primaries = service.deployments.filter((deployment) => deployment.status === 'PRIMARY').length;
      if (primaries !== 1) issue([...path, 'deployments'], `needs exactly one PRIMARY deployment, found ${primaries}`);
    });
    const taskIds = new Set<string>();
    cluster.tasks.forEach((task, t) => {
      const path = [...base, 'tasks', t];
      if (taskIds.has(task.id)) issue([...path, 'id'], `duplicate task id "${task.id}"`);
      taskIds.add(task.id);
      if (task.service !== undefined && !services.has(task.service)) issue([...path, 'service'], `service "${task.service}" is not in cluster "${cluster.name}"`);
      checkTaskDefinition(task.taskDefinition, [...path, 'taskDefinition']);
    });
  });

  const groupNames = new Set<string>();
  world.logs.groups.forEach((group, index) => {
    if (groupNames.has(group.name)) issue(['world', 'logs', 'groups', index, 'name'], `duplicate log group "${group.name}"`);
    groupNames.add(group.name);
  });

  checkAwsSignalReferences(world, issue);
  if (world.kubernetes) checkKubernetesReferences(world.kubernetes, issue);
  const { target } = scenario.incident;
  if (target.platform === 'kubernetes') {
    const namespace = world.kubernetes?.namespaces.find((candidate) => candidate.name === target.namespace);
    if (!world.kubernetes) issue(['incident', 'target'], 'a Kubernetes incident needs world.kubernetes');
    else if (!namespace) issue(['incident', 'target', 'namespace'], `namespace "${target.namespace}" is not in world.kubernetes.namespaces`);
    else if (target.kind === 'Deployment' && !namespace.deployments.some((deployment) => deployment.name === target.name)) {
      issue(['incident', 'target', 'deployment'], `deployment "${target.name}" is not in namespace "${target.namespace}"`);
    } else if (target.kind === 'Pod' && !namespace.pods.some((pod) => pod.name === target.name)) {
      issue(['incident', 'target', 'name'], `pod "${target.name}" is not in namespace "${target.namespace}"`);
    }
  }
}

// ---------------------------------------------------------------- loading

/** Validates a scenario (an object, or its JSON text); errors name every bad field. */
export function parseScenario(json: unknown): Scenario {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch (error) {
      throw new InvalidInputError('scenario', [`(root): not valid JSON (${(error as Error).message})`]);
    }
  }
  return parseWith(ScenarioSchema, input, 'scenario');
}

/** Reads and validates a scenario file (synchronously: it is small and read once, at start-up). */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError('scenario', [`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  try {
    return parseScenario(text);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(`scenario ${path}`, error.issues);
    throw error;
  }
}

/** The scenario as the engine-facing side may see it: everything but the ground truth. */
export function stripTruth(scenario: Scenario): ScenarioWithoutTruth {
  const { truth: _truth, ...rest } = scenario;
  return rest;
}

// ---------------------------------------------------------------- placeholders

/** Replaces `{{commit:LABEL}}` / `{{short:LABEL}}` in one string. */
export function resolvePlaceholders(text: string, commits: Readonly<Record<string, string>>): string {
  return text.replace(COMMIT_PLACEHOLDER, (raw, kind: string, label: string) => {
    const sha = Object.prototype.hasOwnProperty.call(commits, label) ? commits[label] : undefined;
    if (!sha) throw new InvalidInputError('scenario', [`${raw}: no commit labelled "${label}" was materialized`]);
    return kind === 'short' ? sha.slice(0, 7) : sha;
  });
}

function resolveDeep<T>(value: T, commits: Readonly<Record<string, string>>): T {
  if (typeof value === 'string') return resolvePlaceholders(value, commits) as T;
  if (Array.isArray(value)) return value.map((item) => resolveDeep(item, commits)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveDeep(item, commits)])) as T;
  }
  return value;
}

/**
 * A copy of the scenario with commit placeholders replaced by real shas. The git commits are
 * left as written: their content is what produced the shas.
 */
export function resolveScenario(scenario: Scenario, commits: Readonly<Record<string, string>>): Scenario {
  const { git, ...rest } = scenario.world;
  const world = { ...resolveDeep(rest, commits), git };
  const resolve = <C extends { id: string } | undefined>(culprit: C): C => (culprit && { ...culprit, id: resolvePlaceholders(culprit.id, commits) }) as C;
  const alternatives = scenario.truth.alternatives.map((alternative) => ({ ...alternative, culprit: resolve(alternative.culprit) }));
  return { ...scenario, world, truth: { ...scenario.truth, culprit: resolve(scenario.truth.culprit), alternatives } };
}
