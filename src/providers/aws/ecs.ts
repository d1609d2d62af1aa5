/**
 * EcsProvider over the real ECS API. Reads map SDK shapes (Dates) to the engine's plain,
 * epoch-ms types; updateService is the one mutation and is only called after an approval
 * (core/safety) — this class does not check that, it only performs the call.
 */
import {
  type Container,
  type ContainerDefinition,
  type Deployment,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  ListServicesCommand,
  ListTasksCommand,
  type Service,
  type Task,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  ProviderError,
  type EcsContainerState,
  type EcsDeployment,
  type EcsProvider,
  type EcsService,
  type EcsServiceUpdate,
  type EcsContainerDefinition,
  type EcsTask,
  type EcsTaskDefinition,
  type EcsTaskFilter,
} from '../types';
import { type AwsCallContext, callAws } from './errors';

/** ListTasks and DescribeTasks both take at most 100 per call. */
const BATCH = 100;
/** Upper bound on tasks listed per call of listTasks: enough for any service worth investigating. */
export const MAX_TASKS = 1000;
/** Upper bound on services read by listServices: a cluster's neighbours, not an inventory. */
export const MAX_SERVICES = 100;

export interface EcsApiProviderOptions {
  profile?: string;
  /** Configured keys, redacted from error messages. */
  secrets?: readonly (string | undefined)[];
}

const ms = (date: Date | undefined) => (date instanceof Date ? date.getTime() : undefined);

function definitionName(arn: string | undefined): string {
  // arn:aws:ecs:region:account:task-definition/family:revision → family:revision
  return arn ? arn.slice(arn.lastIndexOf('/') + 1) : '';
}

function mapDeployment(deployment: Deployment): EcsDeployment {
  return {
    id: deployment.id ?? '',
    status: deployment.status ?? 'UNKNOWN',
    taskDefinition: definitionName(deployment.taskDefinition),
    desiredCount: deployment.desiredCount ?? 0,
    runningCount: deployment.runningCount ?? 0,
    createdAt: ms(deployment.createdAt) ?? 0,
    updatedAt: ms(deployment.updatedAt) ?? 0,
    ...(deployment.rolloutState ? { rolloutState: deployment.rolloutState } : {}),
    ...(deployment.rolloutStateReason ? { rolloutStateReason: deployment.rolloutStateReason } : {}),
    ...(deployment.failedTasks !== undefined ? { failedTasks: deployment.failedTasks } : {}),
  };
}

function mapService(cluster: string, service: Service): EcsService {
  const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
  return {
    cluster,
    serviceName: service.serviceName ?? '',
    serviceArn: service.serviceArn ?? '',
    status: service.status ?? 'UNKNOWN',
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    taskDefinition: definitionName(service.taskDefinition),
    deployments: (service.deployments ?? []).map(mapDeployment),
    events: (service.events ?? []).map((event) => ({ id: event.id ?? '', createdAt: ms(event.createdAt) ?? 0, message: event.message ?? '' })),
    ...(service.launchType ? { launchType: service.launchType } : {}),
    ...(service.loadBalancers && service.loadBalancers.length > 0
      ? {
          loadBalancers: service.loadBalancers.map((binding) => ({
            ...(binding.targetGroupArn !== undefined ? { targetGroupArn: binding.targetGroupArn } : {}),
            ...(binding.loadBalancerName !== undefined ? { loadBalancerName: binding.loadBalancerName } : {}),
            ...(binding.containerName !== undefined ? { containerName: binding.containerName } : {}),
            ...(binding.containerPort !== undefined ? { containerPort: binding.containerPort } : {}),
          })),
        }
      : {}),
    ...(breaker ? { deploymentCircuitBreaker: { enable: breaker.enable ?? false, rollback: breaker.rollback ?? false } } : {}),
    ...(service.deploymentConfiguration?.minimumHealthyPercent !== undefined ? { minimumHealthyPercent: service.deploymentConfiguration.minimumHealthyPercent } : {}),
    ...(service.deploymentConfiguration?.maximumPercent !== undefined ? { maximumPercent: service.deploymentConfiguration.maximumPercent } : {}),
  };
}

/** The container as the engine sees it: secrets as names and ARNs only (ECS never returns values). */
function mapContainerDefinition(container: ContainerDefinition): EcsContainerDefinition {
  const mapped: EcsContainerDefinition = {
    name: container.name ?? '',
    image: container.image ?? '',
    ...(container.cpu !== undefined ? { cpu: container.cpu } : {}),
    ...(container.memory !== undefined ? { memory: container.memory } : {}),
    ...(container.memoryReservation !== undefined ? { memoryReservation: container.memoryReservation } : {}),
    environment: (container.environment ?? []).map((pair) => ({ name: pair.name ?? '', value: pair.value ?? '' })),
  };
  if (container.essential !== undefined) mapped.essential = container.essential;
  if (container.secrets) mapped.secrets = container.secrets.map((secret) => ({ name: secret.name ?? '', valueFrom: secret.valueFrom ?? '' }));
  const check = container.healthCheck;
  if (check?.command) {
    mapped.healthCheck = {
      command: check.command,
      ...(check.interval !== undefined ? { intervalSeconds: check.interval } : {}),
      ...(check.timeout !== undefined ? { timeoutSeconds: check.timeout } : {}),
      ...(check.retries !== undefined ? { retries: check.retries } : {}),
      ...(check.startPeriod !== undefined ? { startPeriodSeconds: check.startPeriod } : {}),
    };
  }
  if (container.portMappings) {
    mapped.portMappings = container.portMappings
      .filter((mapping) => mapping.containerPort !== undefined)
      .map((mapping) => ({
        containerPort: mapping.containerPort as number,
        ...(mapping.hostPort !== undefined ? { hostPort: mapping.hostPort } : {}),
        ...(mapping.protocol !== undefined ? { protocol: mapping.protocol } : {}),
        ...(mapping.name !== undefined ? { name: mapping.name } : {}),
      }));
  }
  if (container.command) mapped.command = container.command;
  if (container.entryPoint) mapped.entryPoint = container.entryPoint;
  const logs = container.logConfiguration;
  if (logs?.logDriver) {
    const options = logs.options ?? {};
    mapped.logConfiguration = {
      logDriver: logs.logDriver,
      options: { ...options },
      ...(logs.logDriver === 'awslogs' && options['awslogs-group'] ? { logGroup: options['awslogs-group'] } : {}),
      ...(options['awslogs-stream-prefix'] ? { streamPrefix: options['awslogs-stream-prefix'] } : {}),
      ...(options['awslogs-region'] ? { region: options['awslogs-region'] } : {}),
    };
  }
  return mapped;
}

function mapContainer(container: Container): EcsContainerState {
  return {
    name: container.name ?? '',
    ...(container.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
    ...(container.reason !== undefined ? { reason: container.reason } : {}),
    ...(container.lastStatus !== undefined ? { lastStatus: container.lastStatus } : {}),
  };
}

function mapTask(task: Task): EcsTask {
  const mapped: EcsTask = {
    taskArn: task.taskArn ?? '',
    taskDefinitionArn: task.taskDefinitionArn ?? '',
    lastStatus: task.lastStatus ?? 'UNKNOWN',
    desiredStatus: task.desiredStatus ?? 'UNKNOWN',
    containers: (task.containers ?? []).map(mapContainer),
  };
  if (task.stoppedReason !== undefined) mapped.stoppedReason = task.stoppedReason;
  if (task.stopCode !== undefined) mapped.stopCode = task.stopCode;
  if (task.startedAt) mapped.startedAt = task.startedAt.getTime();
  if (task.stoppedAt) mapped.stoppedAt = task.stoppedAt.getTime();
  if (task.createdAt) mapped.createdAt = task.createdAt.getTime();
  if (task.group !== undefined) mapped.group = task.group;
  if (task.startedBy !== undefined) mapped.startedBy = task.startedBy;
  if (task.launchType !== undefined) mapped.launchType = task.launchType;
  return mapped;
}

/** Newest first: by stop time for stopped tasks, else start time, else creation time. */
function recency(task: Task): number {
  return ms(task.stoppedAt) ?? ms(task.startedAt) ?? ms(task.createdAt) ?? 0;
}

export class EcsApiProvider implements EcsProvider {
  readonly id = 'ecs' as const;

  constructor(
    private readonly client: ECSClient,
    private readonly options: EcsApiProviderOptions = {},
  ) {}

  private context(operation: string, target: string): AwsCallContext {
    return { provider: 'ecs', operation, target, profile: this.options.profile, secrets: this.options.secrets };
  }

  private call<T>(context: AwsCallContext, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    return callAws(context, signal, run);
  }

  async describeService(cluster: string, service: string, signal?: AbortSignal): Promise<EcsService> {
    const context = this.context('DescribeServices', `${cluster}/${service}`);
    const output = await this.call(context, signal, () =>
      this.client.send(new DescribeServicesCommand({ cluster, services: [service] }), { abortSignal: signal }),
    );
    const found = output.services?.[0];
    // DescribeServices reports a missing service as a "failure" entry, not as an error.
    if (!found) {
      const reason = output.failures?.[0]?.reason ?? 'MISSING';
      throw new ProviderError('ecs', 'not-found', `ECS DescribeServices on ${cluster}/${service}: service not found (${reason})`);
    }
    return mapService(cluster, found);
  }

  async listServices(cluster: string, signal?: AbortSignal): Promise<EcsService[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call(this.context('ListServices', cluster), signal, () =>
        this.client.send(new ListServicesCommand({ cluster, maxResults: 100, nextToken }), { abortSignal: signal }),
      );
      arns.push(...(page.serviceArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken && arns.length < MAX_SERVICES);
    const services: EcsService[] = [];
    // DescribeServices takes at most 10 services per call.
    for (let i = 0; i < Math.min(arns.length, MAX_SERVICES); i += 10) {
      const batch = arns.slice(i, Math.min(i + 10, MAX_SERVICES));
      const output = await this.call(this.context('DescribeServices', cluster), signal, () =>
        this.client.send(new DescribeServicesCommand({ cluster, services: batch }), { abortSignal: signal }),
      );
      services.push(...(output.services ?? []).map((found) => mapService(cluster, found)));
    }
    return services;
  }

  async listTasks(cluster: string, service: string, desiredStatus: 'RUNNING' | 'STOPPED', signal?: AbortSignal): Promise<EcsTask[]> {
    const target = `${cluster}/${service}`;
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call(this.context('ListTasks', target), signal, () =>
        this.client.send(new ListTasksCommand({ cluster, serviceName: service, desiredStatus, maxResults: BATCH, nextToken }), { abortSignal: signal }),
      );
      arns.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken && arns.length < MAX_TASKS);

    const tasks: Task[] = [];
    for (let i = 0; i < Math.min(arns.length, MAX_TASKS); i += BATCH) {
      const batch = arns.slice(i, Math.min(i + BATCH, MAX_TASKS));
      const output = await this.call(this.context('DescribeTasks', target), signal, () =>
        this.client.send(new DescribeTasksCommand({ cluster, tasks: batch }), { abortSignal: signal }),
      );
      tasks.push(...(output.tasks ?? []));
    }
    return tasks.sort((a, b) => recency(b) - recency(a)).map(mapTask);
  }

  async listClusterTasks(cluster: string, filter: EcsTaskFilter, signal?: AbortSignal): Promise<EcsTask[]> {
    const limit = Math.min(Math.max(1, filter.limit ?? BATCH), MAX_TASKS);
    const target = `${cluster} (${filter.startedBy !== undefined ? `startedBy ${filter.startedBy}` : filter.family !== undefined ? `family ${filter.family}` : 'all tasks'})`;
    const statuses: ('RUNNING' | 'STOPPED')[] = filter.desiredStatus ? [filter.desiredStatus] : ['RUNNING', 'STOPPED'];
    const tasks: Task[] = [];
    for (const desiredStatus of statuses) {
      const arns: string[] = [];
      let nextToken: string | undefined;
      // Listing is bounded too: a cluster's whole history is not worth reading for one incident.
      do {
        const page = await this.call(this.context('ListTasks', target), signal, () =>
          this.client.send(
            new ListTasksCommand({
              cluster,
              desiredStatus,
              ...(filter.startedBy !== undefined ? { startedBy: filter.startedBy } : filter.family !== undefined ? { family: filter.family } : {}),
              maxResults: BATCH,
              nextToken,
            }),
            { abortSignal: signal },
          ),
        );
        arns.push(...(page.taskArns ?? []));
        nextToken = page.nextToken;
      } while (nextToken && arns.length < MAX_TASKS);
      for (let i = 0; i < Math.min(arns.length, MAX_TASKS); i += BATCH) {
        const batch = arns.slice(i, Math.min(i + BATCH, MAX_TASKS));
        const output = await this.call(this.context('DescribeTasks', target), signal, () =>
          this.client.send(new DescribeTasksCommand({ cluster, tasks: batch }), { abortSignal: signal }),
        );
        tasks.push(...(output.tasks ?? []));
      }
    }
    const standaloneOnly = filter.standaloneOnly ?? true;
    const inWindow = (task: Task) => {
      const born = ms(task.createdAt) ?? ms(task.startedAt);
      const died = ms(task.stoppedAt);
      if (filter.until !== undefined && born !== undefined && born > filter.until) return false;
      if (filter.since !== undefined && died !== undefined && died < filter.since) return false;
      return true;
    };
    return tasks
      .filter((task) => (!standaloneOnly || !task.group?.startsWith('service:')) && inWindow(task))
      .sort((a, b) => recency(b) - recency(a))
      .slice(0, limit)
      .map(mapTask);
  }

  async describeTaskDefinition(taskDefinition: string, signal?: AbortSignal): Promise<EcsTaskDefinition> {
    const output = await this.call(this.context('DescribeTaskDefinition', taskDefinition), signal, () =>
      this.client.send(new DescribeTaskDefinitionCommand({ taskDefinition }), { abortSignal: signal }),
    );
    const definition = output.taskDefinition;
    if (!definition) throw new ProviderError('ecs', 'not-found', `ECS DescribeTaskDefinition: ${taskDefinition} not found`);
    return {
      arn: definition.taskDefinitionArn ?? '',
      family: definition.family ?? '',
      revision: definition.revision ?? 0,
      ...(definition.cpu !== undefined ? { cpu: definition.cpu } : {}),
      ...(definition.memory !== undefined ? { memory: definition.memory } : {}),
      ...(definition.registeredAt ? { registeredAt: definition.registeredAt.getTime() } : {}),
      containers: (definition.containerDefinitions ?? []).map(mapContainerDefinition),
    };
  }

  async updateService(update: EcsServiceUpdate, signal?: AbortSignal): Promise<EcsService> {
    const output = await this.call(this.context('UpdateService', `${update.cluster}/${update.service}`), signal, () =>
      this.client.send(
        new UpdateServiceCommand({
          cluster: update.cluster,
          service: update.service,
          taskDefinition: update.taskDefinition,
          desiredCount: update.desiredCount,
          forceNewDeployment: update.forceNewDeployment,
        }),
        { abortSignal: signal },
      ),
    );
    if (!output.service) throw new ProviderError('ecs', 'failed', `ECS UpdateService on ${update.cluster}/${update.service} returned no service`);
    return mapService(update.cluster, output.service);
  }
}
