/**
 * ECS operations of the emulator (`AmazonEC2ContainerServiceV20141113.*`) over a mutable copy
 * of the scenario's ECS world. Responses follow the real wire shapes: ARNs, epoch-SECONDS
 * timestamps, `failures` for missing items. UpdateService really changes the served world
 * (new PRIMARY deployment, previous one ACTIVE) and is recorded for the test or demo to inspect.
 *
 * Like ECS, a STOPPED task stays visible (ListTasks, DescribeTasks) only for STOPPED_TASK_RETENTION_MS
 * after its stoppedAt, measured on the emulator's clock; older ones are gone (DescribeTasks
 * answers MISSING for them).
 */
import type { ScenarioDeployment, ScenarioService, ScenarioTask, ScenarioTaskDefinition, ScenarioWorld } from '../scenario/scenario';
import { decodeToken, EmulatorError, encodeToken, invalidParameter } from '../emulatorError';
import { createRng, hashSeed } from '../scenario/logTemplate';

export interface RecordedMutation {
  /** 1, 2, … in the order the emulator applied them */
  seq: number;
  /** ISO time on the scenario clock */
  at: string;
  service: 'ecs';
  operation: 'UpdateService';
  /** `cluster/service` */
  target: string;
  /** The request body as received. */
  request: Record<string, unknown>;
  before: ServiceSnapshot;
  after: ServiceSnapshot;
}

export interface ServiceSnapshot {
  taskDefinition: string;
  desiredCount: number;
  primaryDeploymentId: string;
}

type Body = Record<string, unknown>;

/** ECS keeps stopped tasks for about an hour after they stop. */
export const STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000;
type EcsWorld = ScenarioWorld['ecs'];
type Cluster = EcsWorld['clusters'][number];

const seconds = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso) / 1000);

/** Drops undefined fields: the real service omits unset members rather than sending null. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** `service:NAME` for a service's task; a standalone one's own group, else `family:FAMILY` as RunTask sets it. */
function groupOf(task: ScenarioTask): string {
  if (task.group !== undefined) return task.group;
  return task.service !== undefined ? `service:${task.service}` : `family:${task.taskDefinition.split(':')[0]}`;
}

function lastArnPart(value: string): string {
  return value.includes('/') ? value.slice(value.lastIndexOf('/') + 1) : value;
}

export class EcsWorldState {
  private readonly world: EcsWorld;
  private readonly region: string;
  private readonly accountId: string;
  private readonly recorded: RecordedMutation[] = [];

  constructor(
    world: ScenarioWorld,
    private readonly scenarioId: string,
    private readonly clock: () => number,
    /** Target group name → ARN, as the ELB emulator serves them (services may name a group without its ARN). */
    private readonly targetGroupArns: ReadonlyMap<string, string> = new Map(),
  ) {
    // The emulator mutates its own copy; the scenario object stays as loaded.
    this.world = structuredClone(world.ecs);
    this.region = world.aws.region;
    this.accountId = world.aws.accountId;
  }

  /** False for a stopped task that ECS would already have forgotten. */
  private visible(task: ScenarioTask): boolean {
    if (task.lastStatus !== 'STOPPED' || task.stoppedAt === undefined) return true;
    return Date.parse(task.stoppedAt) + STOPPED_TASK_RETENTION_MS >= this.clock();
  }

  mutations(): RecordedMutation[] {
    return structuredClone(this.recorded);
  }

  handle(operation: string, body: Body): unknown {
    switch (operation) {
      case 'DescribeServices':
        return this.describeServices(body);
      case 'ListServices':
        return this.listServices(body);
      case 'ListTasks':
        return this.listTasks(body);
      case 'DescribeTasks':
        return this.describeTasks(body);
      case 'DescribeTaskDefinition':
        return this.describeTaskDefinition(body);
      case 'UpdateService':
        return this.updateService(body);
      default:
        return undefined;
    }
  }

  // ---------------------------------------------------------------- lookups

  private arn(resource: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:${resource}`;
  }

  private taskDefinitionArn(ref: string): string {
    return this.arn(`task-definition/${ref}`);
  }

  /** `cluster` may be a name or an ARN; ECS uses the `default` cluster when it is omitted. */
  private cluster(body: Body): Cluster {
    const raw = body.cluster === undefined ? 'default' : body.cluster;
    if (typeof raw !== 'string') throw invalidParameter('cluster must be a string');
    const cluster = this.world.clusters.find((candidate) => candidate.name === lastArnPart(raw));
    if (!cluster) throw new EmulatorError('ClusterNotFoundException', 'Cluster not found.');
    return cluster;
  }

  private findService(cluster: Cluster, nameOrArn: string): ScenarioService | undefined {
    const name = lastArnPart(nameOrArn);
    return cluster.services.find((service) => service.name === name);
  }

  /** `family:revision`, a bare family (latest ACTIVE revision) or an ARN. */
  private findTaskDefinition(ref: string): ScenarioTaskDefinition | undefined {
    const short = ref.startsWith('arn:') ? lastArnPart(ref) : ref;
    const [family, revision] = short.split(':');
    const candidates = this.world.taskDefinitions.filter((definition) => definition.family === family);
    if (revision !== undefined) return candidates.find((definition) => String(definition.revision) === revision);
    return candidates.filter((definition) => definition.status === 'ACTIVE').sort((a, b) => b.revision - a.revision)[0];
  }

  // ---------------------------------------------------------------- shapes

  private deploymentShape(deployment: ScenarioDeployment, service: ScenarioService) {
    return compact({
      id: deployment.id,
      status: deployment.status,
      taskDefinition: this.taskDefinitionArn(deployment.taskDefinition),
      desiredCount: deployment.desiredCount,
      pendingCount: deployment.pendingCount,
      runningCount: deployment.runningCount,
      failedTasks: deployment.failedTasks,
      createdAt: seconds(deployment.createdAt),
      updatedAt: seconds(deployment.updatedAt),
      launchType: service.launchType,
      rolloutState: deployment.rolloutState,
      rolloutStateReason: deployment.rolloutStateReason,
    });
  }

  /** A target group named without its ARN gets the ARN the ELB emulator serves it under. */
  private targetGroupArn(ref: string): string {
    return ref.startsWith('arn:') ? ref : (this.targetGroupArns.get(ref) ?? ref);
  }

  private serviceShape(cluster: Cluster, service: ScenarioService) {
    const events = service.events
      .map((event, index) => ({ event, index }))
      .sort((a, b) => Date.parse(b.event.createdAt) - Date.parse(a.event.createdAt))
      .slice(0, 100)
      .map(({ event, index }) => ({
        id: event.id ?? this.stableUuid(`${cluster.name}/${service.name}/event/${index}`),
        createdAt: seconds(event.createdAt),
        message: event.message,
      }));
    return compact({
      serviceArn: this.arn(`service/${cluster.name}/${service.name}`),
      serviceName: service.name,
      clusterArn: this.arn(`cluster/${cluster.name}`),
      status: service.status,
      desiredCount: service.desiredCount,
      runningCount: service.runningCount,
      pendingCount: service.pendingCount,
      launchType: service.launchType,
      taskDefinition: this.taskDefinitionArn(service.taskDefinition),
      schedulingStrategy: 'REPLICA',
      deploymentConfiguration: compact({ ...service.deploymentConfiguration }),
      loadBalancers: service.loadBalancers.map((binding) => ({ ...binding, targetGroupArn: this.targetGroupArn(binding.targetGroupArn) })),
      deployments: service.deployments.map((deployment) => this.deploymentShape(deployment, service)),
      events,
      createdAt: seconds(service.createdAt),
    });
  }

  private taskShape(cluster: Cluster, task: ScenarioTask) {
    const taskArn = this.arn(`task/${cluster.name}/${task.id}`);
    const definition = this.findTaskDefinition(task.taskDefinition);
    return compact({
      taskArn,
      clusterArn: this.arn(`cluster/${cluster.name}`),
      taskDefinitionArn: this.taskDefinitionArn(task.taskDefinition),
      group: groupOf(task),
      startedBy: task.startedBy,
      lastStatus: task.lastStatus,
      desiredStatus: task.desiredStatus,
      launchType: task.launchType ?? (task.service === undefined ? undefined : this.findService(cluster, task.service)?.launchType) ?? 'FARGATE',
      cpu: definition?.cpu,
      memory: definition?.memory,
      createdAt: seconds(task.createdAt ?? task.startedAt),
      startedAt: seconds(task.startedAt),
      stoppingAt: seconds(task.stoppingAt),
      stoppedAt: seconds(task.stoppedAt),
      stoppedReason: task.stoppedReason,
      stopCode: task.stopCode,
      containers: task.containers.map((container) =>
        compact({
          containerArn: this.arn(`container/${cluster.name}/${task.id}/${this.stableUuid(`${task.id}/${container.name}`)}`),
          taskArn,
          name: container.name,
          image: definition?.containers.find((candidate) => candidate.name === container.name)?.image,
          lastStatus: container.lastStatus ?? (task.lastStatus === 'STOPPED' ? 'STOPPED' : task.lastStatus),
          exitCode: container.exitCode,
          reason: container.reason,
        }),
      ),
    });
  }

  /** Ids the scenario leaves out are derived from stable names, so responses never change between runs. */
  private stableUuid(key: string): string {
    const rng = createRng(hashSeed(`${this.scenarioId}/${key}`));
    const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  // ---------------------------------------------------------------- operations

  private describeServices(body: Body) {
    const cluster = this.cluster(body);
    const names = body.services;
    if (!Array.isArray(names) || names.length === 0 || names.length > 10) {
      throw invalidParameter('services must name between 1 and 10 services');
    }
    const services: unknown[] = [];
    const failures: unknown[] = [];
    for (const name of names.map(String)) {
      const service = this.findService(cluster, name);
      if (service) services.push(this.serviceShape(cluster, service));
      else failures.push({ arn: this.arn(`service/${cluster.name}/${lastArnPart(name)}`), reason: 'MISSING' });
    }
    return { services, failures };
  }

  private listServices(body: Body) {
    const cluster = this.cluster(body);
    const maxResults = body.maxResults ?? 10;
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      throw invalidParameter('maxResults must be an integer between 1 and 100');
    }
    const filterKey = `${cluster.name}|services`;
    let offset = 0;
    if (body.nextToken !== undefined) {
      const token = decodeToken(body.nextToken);
      if (token.f !== filterKey || typeof token.o !== 'number') throw invalidParameter('The specified nextToken is invalid.');
      offset = token.o;
    }
    const page = cluster.services.slice(offset, offset + maxResults);
    const next = offset + maxResults;
    return compact({
      serviceArns: page.map((service) => this.arn(`service/${cluster.name}/${service.name}`)),
      nextToken: next < cluster.services.length ? encodeToken({ f: filterKey, o: next }) : undefined,
    });
  }

  private listTasks(body: Body) {
    const cluster = this.cluster(body);
    const desiredStatus = body.desiredStatus ?? 'RUNNING';
    if (!['RUNNING', 'PENDING', 'STOPPED'].includes(String(desiredStatus))) {
      throw invalidParameter('desiredStatus must be RUNNING, PENDING or STOPPED');
    }
    const maxResults = body.maxResults ?? 100;
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      throw invalidParameter('maxResults must be an integer between 1 and 100');
    }
    const startedBy = typeof body.startedBy === 'string' ? body.startedBy : undefined;
    if (startedBy !== undefined && (body.serviceName !== undefined || body.family !== undefined || body.containerInstance !== undefined)) {
      throw invalidParameter('startedBy must be the only filter when it is specified (desiredStatus aside).');
    }
    let serviceName: string | undefined;
    if (body.serviceName !== undefined) {
      const service = this.findService(cluster, String(body.serviceName));
      if (!service) throw new EmulatorError('ServiceNotFoundException', 'Service not found.');
      serviceName = service.name;
    }
    const family = typeof body.family === 'string' ? body.family : undefined;
    const matching = cluster.tasks.filter(
      (task) =>
        task.desiredStatus === desiredStatus &&
        this.visible(task) &&
        (serviceName === undefined || task.service === serviceName) &&
        (family === undefined || task.taskDefinition.split(':')[0] === family) &&
        (startedBy === undefined || task.startedBy === startedBy),
    );
    // The token pins the offset to this exact filter, like the real (opaque) one does.
    const filterKey = `${cluster.name}|${serviceName ?? ''}|${desiredStatus}|${family ?? ''}|${startedBy ?? ''}`;
    let offset = 0;
    if (body.nextToken !== undefined) {
      const token = decodeToken(body.nextToken);
      if (token.f !== filterKey || typeof token.o !== 'number') throw invalidParameter('The specified nextToken is invalid.');
      offset = token.o;
    }
    const page = matching.slice(offset, offset + maxResults);
    const next = offset + maxResults;
    return compact({
      taskArns: page.map((task) => this.arn(`task/${cluster.name}/${task.id}`)),
      nextToken: next < matching.length ? encodeToken({ f: filterKey, o: next }) : undefined,
    });
  }

  private describeTasks(body: Body) {
    const cluster = this.cluster(body);
    const ids = body.tasks;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) throw invalidParameter('tasks must name between 1 and 100 tasks');
    const tasks: unknown[] = [];
    const failures: unknown[] = [];
    for (const raw of ids.map(String)) {
      const task = cluster.tasks.find((candidate) => candidate.id === lastArnPart(raw) && this.visible(candidate));
      if (task) tasks.push(this.taskShape(cluster, task));
      else failures.push({ arn: raw.startsWith('arn:') ? raw : this.arn(`task/${cluster.name}/${raw}`), reason: 'MISSING' });
    }
    return { tasks, failures };
  }

  private describeTaskDefinition(body: Body) {
    if (typeof body.taskDefinition !== 'string' || body.taskDefinition === '') throw invalidParameter('taskDefinition is required');
    const definition = this.findTaskDefinition(body.taskDefinition);
    if (!definition) throw new EmulatorError('ClientException', 'Unable to describe task definition.');
    return {
      taskDefinition: compact({
        taskDefinitionArn: this.taskDefinitionArn(`${definition.family}:${definition.revision}`),
        family: definition.family,
        revision: definition.revision,
        status: definition.status,
        cpu: definition.cpu,
        memory: definition.memory,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        compatibilities: ['EC2', 'FARGATE'],
        registeredAt: seconds(definition.registeredAt),
        containerDefinitions: definition.containers.map((container) =>
          compact({
            name: container.name,
            image: container.image,
            cpu: container.cpu,
            memory: container.memory,
            memoryReservation: container.memoryReservation,
            essential: container.essential,
            environment: container.environment,
            secrets: container.secrets,
            portMappings: container.portMappings,
            command: container.command,
            entryPoint: container.entryPoint,
            healthCheck: container.healthCheck,
            logConfiguration: container.logConfiguration,
          }),
        ),
      }),
      tags: [],
    };
  }

  private updateService(body: Body) {
    const cluster = this.cluster(body);
    if (typeof body.service !== 'string') throw invalidParameter('service is required');
    const service = this.findService(cluster, body.service);
    if (!service) throw new EmulatorError('ServiceNotFoundException', 'Service not found.');
    if (service.status !== 'ACTIVE') throw new EmulatorError('ServiceNotActiveException', 'Service was not ACTIVE.');

    let taskDefinition = service.taskDefinition;
    if (body.taskDefinition !== undefined) {
      const definition = typeof body.taskDefinition === 'string' ? this.findTaskDefinition(body.taskDefinition) : undefined;
      if (!definition) throw new EmulatorError('ClientException', 'TaskDefinition not found.');
      if (definition.status !== 'ACTIVE') throw new EmulatorError('ClientException', 'TaskDefinition is inactive');
      taskDefinition = `${definition.family}:${definition.revision}`;
    }
    if (body.desiredCount !== undefined) {
      if (typeof body.desiredCount !== 'number' || !Number.isInteger(body.desiredCount) || body.desiredCount < 0) {
        throw invalidParameter('desiredCount must be a non-negative integer');
      }
    }

    const primary = () => service.deployments.find((deployment) => deployment.status === 'PRIMARY') as ScenarioDeployment;
    const snapshot = (): ServiceSnapshot => ({
      taskDefinition: service.taskDefinition,
      desiredCount: service.desiredCount,
      primaryDeploymentId: primary().id,
    });
    const before = snapshot();
    const now = new Date(this.clock()).toISOString();
    const seq = this.recorded.length + 1;

    if (typeof body.desiredCount === 'number') service.desiredCount = body.desiredCount;
    if (taskDefinition !== service.taskDefinition || body.forceNewDeployment === true) {
      const previous = primary();
      previous.status = 'ACTIVE';
      previous.updatedAt = now;
      const id = `ecs-svc/${this.deploymentNumber(seq)}`;
      service.deployments.unshift({
        id,
        status: 'PRIMARY',
        taskDefinition,
        desiredCount: service.desiredCount,
        runningCount: 0,
        pendingCount: 0,
        failedTasks: 0,
        createdAt: now,
        updatedAt: now,
        rolloutState: 'IN_PROGRESS',
        rolloutStateReason: `ECS deployment ${id} in progress.`,
      });
      service.taskDefinition = taskDefinition;
    } else {
      const current = primary();
      current.desiredCount = service.desiredCount;
      current.updatedAt = now;
    }

    this.recorded.push({
      seq,
      at: now,
      service: 'ecs',
      operation: 'UpdateService',
      target: `${cluster.name}/${service.name}`,
      request: structuredClone(body),
      before,
      after: snapshot(),
    });
    return { service: this.serviceShape(cluster, service) };
  }

  /** 19 digits like real deployment ids, derived from the scenario and the mutation number. */
  private deploymentNumber(seq: number): string {
    const rng = createRng(hashSeed(`${this.scenarioId}/deployment/${seq}`));
    let digits = String(1 + Math.floor(rng() * 9));
    while (digits.length < 19) digits += String(Math.floor(rng() * 10));
    return digits;
  }
}
