/**
 * EcsProvider over the real ECS API. Reads map SDK shapes (Dates) to the engine's plain,
 * epoch-ms types; updateService is the one mutation and is only called after an approval
 * (core/safety) — this class does not check that, it only performs the call.
 */
import {
  type Container,
  type Deployment,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
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
  type EcsTask,
  type EcsTaskDefinition,
} from '../types';
import { type AwsCallContext, toProviderError } from './errors';

/** ListTasks and DescribeTasks both take at most 100 per call. */
const BATCH = 100;
/** Upper bound on tasks listed per call of listTasks: enough for any service worth investigating. */
export const MAX_TASKS = 1000;

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
  };
}

function mapService(cluster: string, service: Service): EcsService {
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
  };
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

  private async call<T>(context: AwsCallContext, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    try {
      signal?.throwIfAborted();
      return await run();
    } catch (error) {
      throw toProviderError(error, context, signal);
    }
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
      containers: (definition.containerDefinitions ?? []).map((container) => ({
        name: container.name ?? '',
        image: container.image ?? '',
        ...(container.cpu !== undefined ? { cpu: container.cpu } : {}),
        ...(container.memory !== undefined ? { memory: container.memory } : {}),
        ...(container.memoryReservation !== undefined ? { memoryReservation: container.memoryReservation } : {}),
        environment: (container.environment ?? []).map((pair) => ({ name: pair.name ?? '', value: pair.value ?? '' })),
      })),
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
