/**
 * Amazon ECS: task stop codes, stopped reasons and container reasons (DescribeTasks), and the
 * service event messages (DescribeServices `events`). Sub-entries split CannotPullContainerError
 * and ResourceInitializationError by the cause their message names, because the same error code
 * covers a missing tag, a missing VPC route and a missing IAM permission.
 */
import type { FailureCategory } from '../model';
import type { EntityKind, Strength, TaxonomyEntry } from './types';

const STOP = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html';
const PULL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html';
const INIT = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/resource-initialization-error.html';
const EVENTS = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html';
const BREAKER = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html';
const CONTAINER = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-errors.html (CannotStartContainerError and friends)';
const SPOT = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html#fargate-capacity-providers-termination';
const RETIRE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-maintenance.html';

const TG = String.raw`\(target-group (?<targetGroup>arn:aws[\w-]*:elasticloadbalancing:[^)\s]+)\)`;
const SERVICE = String.raw`\(service (?<service>[\w.-]+)\)`;

const E = (name: string, category: FailureCategory | 'symptom', strength: Strength, names: EntityKind | undefined, description: string, patterns: RegExp[], source: string): TaxonomyEntry => ({
  id: `ecs.${name}`, vocabulary: 'ecs', patterns, category, ...(names ? { names } : {}), strength, description, source,
});
const stopCode = (name: string): RegExp => new RegExp(`\\b(?:stopCode"?\\s*[:=]\\s*"?)?${name}\\b`);

export const ECS: readonly TaxonomyEntry[] = [
  // ── Stop codes ────────────────────────────────────────────────────────────────────────────
  E('TaskFailedToStart', 'symptom', 'weak', 'self', 'Stop code: the task never reached RUNNING; the stopped reason says why.', [stopCode('TaskFailedToStart')], STOP),
  E('EssentialContainerExited', 'crash-loop', 'weak', 'self', 'Stop code: an essential container exited, which stops the whole task.', [stopCode('EssentialContainerExited'), /\bEssential container in task exited\b/], STOP),
  E('UserInitiated', 'unknown', 'weak', 'self', 'Stop code: someone (or a tool) called StopTask.', [stopCode('UserInitiated'), /\bTask stopped by user\b/], STOP),
  E('ServiceSchedulerInitiated', 'symptom', 'weak', 'self', 'Stop code: the service scheduler stopped the task (deployment, scale-in, failed health check).', [stopCode('ServiceSchedulerInitiated')], STOP),
  E('SpotInterruption', 'capacity', 'weak', 'capacity', 'Stop code: Fargate Spot or EC2 Spot reclaimed the capacity.', [stopCode('SpotInterruption'), /\bYour Spot Task was interrupted\b/], SPOT),
  E('TerminationNotice', 'node-pressure', 'weak', 'node', 'Stop code: the task received a termination notice (host retirement, Spot, maintenance).', [stopCode('TerminationNotice'), /\bECS is performing maintenance on the underlying infrastructure hosting the task\b/, /\bTask is being retired\b/i], RETIRE),
  // ── Stopped reasons ───────────────────────────────────────────────────────────────────────
  E('ScalingActivity', 'bad-deploy', 'weak', 'self', 'The scheduler replaced or removed the task during a deployment or scale-in.', [/\bScaling activity initiated by \(?(?:deployment )?(?<detail>[\w/.-]+)\)?/], STOP),
  E('ElbHealthCheckFailed', 'health-check', 'strong', 'self', 'The load balancer marked the task unhealthy and ECS replaced it.', [new RegExp(String.raw`\bTask failed ELB health checks in ${TG}`), /\bTask failed ELB health checks\b/], STOP),
  E('ContainerHealthCheckFailed', 'health-check', 'strong', 'self', 'The container HEALTHCHECK command failed and ECS replaced the task.', [/\bTask failed container health checks\b/, /\bfailed container health checks\b/], STOP),
  E('HostTerminated', 'node-pressure', 'strong', 'node', 'The EC2 instance hosting the task stopped or was terminated.', [/\bHost EC2 \(instance (?<node>i-[0-9a-f]+)\) (?:stopped|terminated)/], STOP),
  E('EniProvisioningTimeout', 'network', 'strong', 'network', 'Fargate/awsvpc could not attach a network interface in time (subnet out of IPs, ENI limit).', [/\bTimeout waiting for network interface provisioning to complete\b/, /\bUnexpected EC2 error while attempting to (?:Create|Attach) Network Interface\b/], STOP),
  E('OutOfMemoryError', 'oom', 'strong', 'self', 'The container exceeded its hard memory limit and was killed.', [/\bOutOfMemoryError: Container killed due to memory usage\b/, /\bContainer killed due to memory usage\b/], STOP),
  // ── Container and task errors ─────────────────────────────────────────────────────────────
  E('CannotPullContainerError', 'image-pull', 'strong', 'image', 'The agent could not pull the container image; the message names why.', [/\bCannotPullContainerError\b(?::\s*(?<detail>.*))?/], PULL),
  E('CannotPullContainerError.AccessDenied', 'image-pull', 'strong', 'identity', 'The execution role or registry credentials may not pull the image.', [/\bCannotPullContainerError\b.*\b(?:AccessDenied|403 Forbidden|denied: )/, /\bnot authorized to perform: ecr:(?:GetAuthorizationToken|BatchGetImage|GetDownloadUrlForLayer)\b/], PULL),
  E('CannotPullContainerError.Network', 'network', 'strong', 'network', 'The task has no network path to the registry (no NAT, no VPC endpoint, no public IP).', [/\bCannotPullContainerError\b.*(?:i\/o timeout|Client\.Timeout exceeded|request canceled while waiting for connection|dial tcp)/], PULL),
  E('ResourceInitializationError', 'symptom', 'weak', 'self', 'The task could not set up something it needs before start (secrets, registry auth, logs, volumes).', [/\bResourceInitializationError\b(?::\s*(?<detail>.*))?/], INIT),
  E('ResourceInitializationError.SecretAccessDenied', 'permissions', 'strong', 'identity', 'The execution role may not read a secret or parameter the task definition references.', [/\bunable to pull secrets or registry auth\b.*\bAccessDeniedException\b.*?(?:resource:? (?<secret>arn:aws[\w-]*:(?:secretsmanager|ssm|kms):\S+?))?\.?$/, /\bnot authorized to perform: (?:secretsmanager:GetSecretValue|ssm:GetParameters?|kms:Decrypt) on resource: (?<secret>arn:aws[\w-]*:\S+?)(?:\s|\.?$|\bbecause)/], INIT),
  E('ResourceInitializationError.SecretNotFound', 'config-change', 'strong', 'secret', 'A secret or SSM parameter the task definition references does not exist.', [/\bfailed to fetch secret (?<secret>arn:aws[\w-]*:secretsmanager:\S+) from secrets manager: ResourceNotFoundException\b/, /\bSecrets Manager can'?t find the specified secret\b/, /\bunable to retrieve secrets from ssm\b.*\b(?:ParameterNotFound|invalid parameters: (?<secret>\S+))/], INIT),
  E('ResourceInitializationError.RegistryAuth', 'network', 'strong', 'network', 'The task could not reach ECR or Secrets Manager to fetch registry auth (network path).', [/\bunable to retrieve ecr registry auth\b/, /\bunable to pull secrets or registry auth\b.*(?:i\/o timeout|Client\.Timeout exceeded|dial tcp)/], INIT),
  E('ResourceInitializationError.LogGroupNotFound', 'config-change', 'strong', 'config', 'The awslogs log group does not exist (and awslogs-create-group is off).', [/\bfailed to validate logger args\b.*\bThe specified log group does not exist\b/, /\bfailed to validate logger args\b.*\bResourceNotFoundException\b/], INIT),
  E('ResourceInitializationError.LoggerAccessDenied', 'permissions', 'strong', 'identity', 'The execution role may not create log streams or put log events.', [/\bfailed to validate logger args\b.*\bAccessDeniedException\b/], INIT),
  E('ResourceInitializationError.Efs', 'storage', 'strong', 'volume', 'An EFS volume could not be mounted (mount target, security group, DNS).', [/\bfailed to invoke EFS utils commands to set up EFS volumes\b/, /\bmount\.nfs4?: (?:Connection timed out|access denied by server)/], 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html'),
  E('CannotStartContainerError', 'crash-loop', 'strong', 'self', 'The runtime created the container but could not start its process (bad entrypoint or command).', [/\bCannotStartContainerError\b(?::\s*(?<detail>.*))?/], CONTAINER),
  E('CannotCreateContainerError', 'crash-loop', 'weak', 'self', 'The runtime could not create the container (disk, devicemapper, bad mount).', [/\bCannotCreateContainerError\b(?::\s*(?<detail>.*))?/], CONTAINER),
  E('CannotInspectContainerError', 'node-pressure', 'weak', 'node', 'The agent could not inspect the container: the Docker daemon on the instance is unhealthy.', [/\bCannotInspectContainerError\b/], CONTAINER),
  E('CannotStopContainerError', 'node-pressure', 'weak', 'node', 'The agent could not stop the container.', [/\bCannotStopContainerError\b/], CONTAINER),
  E('ContainerRuntimeError', 'node-pressure', 'weak', 'node', 'The container runtime failed on the host.', [/\bContainerRuntimeError\b/], CONTAINER),
  E('ContainerRuntimeTimeoutError', 'node-pressure', 'weak', 'node', 'The container did not transition to RUNNING or STOPPED in time.', [/\bContainerRuntimeTimeoutError\b/, /\bCould not transition to (?:running|started); timed out after waiting\b/], CONTAINER),
  E('DockerTimeoutError', 'node-pressure', 'weak', 'node', 'A Docker API call from the agent timed out.', [/\bDockerTimeoutError\b/], CONTAINER),
  E('InternalError', 'symptom', 'weak', 'self', 'ECS reported an internal error for the task.', [/\bInternalError: (?<detail>.*)/], STOP),
  E('TaskLimitReached', 'capacity', 'strong', 'quota', 'The account reached the limit of tasks (or vCPUs) it may run.', [/\bYou've reached the limit on the number of (?:tasks|vCPUs) you can run concurrently\b/], EVENTS),
  // ── Service events ────────────────────────────────────────────────────────────────────────
  E('SteadyState', 'unknown', 'weak', 'self', 'The service reached the desired count with healthy tasks.', [new RegExp(String.raw`${SERVICE} has reached a steady state`), /\bhas reached a steady state\b/], EVENTS),
  E('UnableToPlaceTask', 'capacity', 'strong', 'capacity', 'No container instance met the task requirements.', [new RegExp(String.raw`${SERVICE} was unable to place a task because no container instance met all of its requirements`), /\bwas unable to place a task because no container instance met all of its requirements\b/], EVENTS),
  E('UnableToPlaceTask.InsufficientMemory', 'capacity', 'strong', 'capacity', 'The closest container instance lacks free memory.', [/\bhas insufficient (?<resource>memory) available\b/], EVENTS),
  E('UnableToPlaceTask.InsufficientCPU', 'capacity', 'strong', 'capacity', 'The closest container instance lacks free CPU units.', [/\bhas insufficient (?<resource>CPU) units available\b/], EVENTS),
  E('UnableToPlaceTask.PortInUse', 'capacity', 'strong', 'node', 'The closest container instance already uses a host port the task needs.', [/\bis already using a port required by your task\b/], EVENTS),
  E('UnableToPlaceTask.NoInstances', 'capacity', 'strong', 'capacity', 'The cluster has no registered container instances.', [/\bNo Container Instances were found in your cluster\b/i], EVENTS),
  E('UnableToPlaceTask.AgentDisconnected', 'node-pressure', 'strong', 'node', 'The closest container instance has a disconnected ECS agent.', [/\bencountered error "AGENT"/], EVENTS),
  E('UnableToPlaceTask.Attribute', 'config-change', 'strong', 'config', 'No instance has an attribute or satisfies a placement constraint the task requires.', [/\bis missing an attribute required by your task\b/, /\bno container instance met all of its requirements\b.*\bconstraint\b/], EVENTS),
  E('CapacityUnavailable', 'capacity', 'strong', 'capacity', 'Fargate (or the capacity provider) has no capacity in the requested zone right now.', [/\bCapacity is unavailable at this time\b/, /\bwas unable to launch tasks\b.*\bReason: Capacity\b/], EVENTS),
  E('UnableToConsistentlyStart', 'crash-loop', 'strong', 'self', 'Tasks keep failing to start, so the scheduler throttles launches.', [new RegExp(String.raw`${SERVICE} is unable to consistently start tasks successfully`), /\bis unable to consistently start tasks successfully\b/], EVENTS),
  E('DeploymentFailed', 'bad-deploy', 'strong', 'self', 'The deployment circuit breaker (or an alarm) failed the deployment.', [/\bdeployment failed: (?<detail>tasks failed to start|alarm detected|[^.\n]+)/, /\bdeployment circuit breaker\b/i], BREAKER),
  E('RollingBack', 'bad-deploy', 'strong', 'self', 'The service is rolling back to the previous deployment.', [/\brolling back to deployment (?<detail>ecs-svc\/\d+)/, /\bdeployment \S+ has been rolled back\b/i, /\bhas been rolled back\b/], BREAKER),
  E('TargetUnhealthy', 'health-check', 'strong', 'self', 'A task target failed load balancer health checks (codes or timeout in the message).', [new RegExp(String.raw`\(port (?<port>\d+)\) is unhealthy in ${TG}(?: due to \(reason (?<detail>[^)]*)\))?`), /\bis unhealthy in \(target-group\b/], EVENTS),
  E('RegisterTargetsFailed', 'config-change', 'strong', 'config', 'ECS could not register targets (target type vs network mode, port).', [new RegExp(String.raw`\bfailed to register targets in ${TG}(?: with \(error (?<detail>[^)]*)\))?`), /\bfailed to register targets in\b/], EVENTS),
  E('RegisteredTargets', 'unknown', 'weak', 'self', 'Normal: ECS registered task targets.', [/\bregistered \d+ targets in \(target-group\b/], EVENTS),
  E('DeregisteredTargets', 'unknown', 'weak', 'self', 'Normal: ECS deregistered task targets.', [/\bderegistered \d+ targets in \(target-group\b/], EVENTS),
  E('StartedTasks', 'unknown', 'weak', 'self', 'Normal: the service started tasks.', [/\bhas started \d+ tasks?\b/], EVENTS),
  E('StoppedTasks', 'symptom', 'weak', 'self', 'The service stopped running tasks (replaced after health checks or a deployment).', [/\bhas stopped \d+ running tasks?\b/], EVENTS),
  E('UnableToAssumeRole', 'permissions', 'strong', 'identity', 'ECS could not assume the task or execution role (trust policy or missing role).', [/\bECS was unable to assume the role '(?<user>[^']+)'/], EVENTS),
  E('ServiceThrottled', 'rate-limit', 'weak', 'quota', 'ECS throttled operations for the service.', [/\boperations are being throttled\b/], EVENTS),
  E('TaskDefinitionInactive', 'config-change', 'strong', 'config', 'The service references a deregistered (INACTIVE) task definition.', [/\bTaskDefinition is inactive\b/i], EVENTS),
];
