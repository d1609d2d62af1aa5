/**
 * Triage: read the current state before forming any hypothesis — the service, its recent
 * deployments and what changed between task definitions, and recent commits. Every read is
 * a bounded query recorded on the stream under the pseudo-hypothesis "context".
 */
import type { EcsTaskDefinition } from '../../providers/types';
import type { QuerySpec } from '../model';
import type { ChangeRecord, QueryResult, TriageContext } from '../reasoner/types';
import type { QueryRunner } from './queryRunner';

export const CONTEXT_ID = 'context';

export async function triage(runner: QueryRunner, base: Pick<TriageContext, 'incident' | 'onset' | 'now'>, lookbackMs: number): Promise<TriageContext> {
  const context: TriageContext = { ...base, taskDefinitions: {}, changes: [], recentCommits: [], unavailable: [] };
  const target = base.incident.target;
  const since = base.onset - lookbackMs;

  if (target.platform === 'ecs') {
    context.logGroup = target.logGroup;
    const serviceRef = `${target.cluster}/${target.service}`;
    const described = await runner.run(contextQuery('ecs', 'ecs.serviceEvents', serviceRef, {}, 'Read the service, its deployments and events before hypothesising.'));
    if (described.ok && described.result.operation === 'ecs.serviceEvents') {
      const service = described.result.service;
      context.service = service;
      const recent = service.deployments.filter((d) => d.createdAt >= since && d.createdAt <= base.now).sort((a, b) => b.createdAt - a.createdAt);
      for (const deployment of recent) {
        const previous = service.deployments.filter((d) => d.createdAt < deployment.createdAt).sort((a, b) => b.createdAt - a.createdAt)[0];
        const from = previous?.taskDefinition ?? previousRevision(deployment.taskDefinition);
        const diff = await runner.run(
          contextQuery('ecs', 'ecs.taskDefinitionDiff', serviceRef, { from, to: deployment.taskDefinition }, `What changed in the deployment of ${deployment.taskDefinition}?`),
        );
        const change: ChangeRecord = {
          kind: 'deployment',
          at: deployment.createdAt,
          summary: `Deployment of ${shortTaskDefinition(deployment.taskDefinition)}${from ? ` (from ${shortTaskDefinition(from)})` : ''}`,
          fromTaskDefinition: from,
          toTaskDefinition: deployment.taskDefinition,
          differences: [],
        };
        if (diff.ok && diff.result.operation === 'ecs.taskDefinitionDiff') {
          recordTaskDefinitions(context, diff.result);
          change.differences = diffTaskDefinitions(diff.result.from, diff.result.to);
          change.toCommit = commitOf(diff.result.to);
          change.fromCommit = diff.result.from ? commitOf(diff.result.from) : undefined;
        }
        context.changes.push(change);
      }
    } else if (!described.ok) {
      context.unavailable.push(`ECS service ${serviceRef}: ${described.error}`);
    }
  } else {
    context.unavailable.push(`Kubernetes ${target.namespace}/${target.deployment}: the Kubernetes provider is not available in this version`);
  }

  const commits = await runner.run(
    contextQuery('git', 'git.commitsBetween', 'workspace', { since: new Date(since).toISOString(), until: new Date(base.now).toISOString() }, 'Recent commits in the open repository.'),
  );
  if (commits.ok && commits.result.operation === 'git.commitsBetween') context.recentCommits = commits.result.commits;
  else if (!commits.ok) context.unavailable.push(`git history: ${commits.error}`);
  return context;
}

function contextQuery(provider: QuerySpec['provider'], operation: string, target: string, params: QuerySpec['params'], rationale: string): Omit<QuerySpec, 'id'> {
  return { hypothesisId: CONTEXT_ID, provider, operation, target, params, rationale };
}

function recordTaskDefinitions(context: TriageContext, result: Extract<QueryResult, { operation: 'ecs.taskDefinitionDiff' }>): void {
  context.taskDefinitions[shortTaskDefinition(result.to.arn)] = result.to;
  if (result.from) context.taskDefinitions[shortTaskDefinition(result.from.arn)] = result.from;
}

/** `arn:aws:ecs:…:task-definition/image-resizer:42` → `image-resizer:42`. */
export function shortTaskDefinition(arnOrName: string): string {
  return arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
}

function previousRevision(taskDefinition: string): string | undefined {
  const match = /^(.*):(\d+)$/.exec(shortTaskDefinition(taskDefinition));
  if (!match || Number(match[2]) <= 1) return undefined;
  return `${match[1]}:${Number(match[2]) - 1}`;
}

const COMMIT_ENV = /^(?:GIT_SHA|GIT_COMMIT|COMMIT_SHA|SOURCE_VERSION|REVISION|APP_VERSION)$/i;
const SHA = /^[0-9a-f]{7,40}$/i;

/** The commit a task definition was built from: a GIT_SHA-style variable, else a sha-like image tag. */
export function commitOf(definition: EcsTaskDefinition): string | undefined {
  for (const container of definition.containers) {
    const fromEnv = container.environment.find((e) => COMMIT_ENV.test(e.name) && SHA.test(e.value));
    if (fromEnv) return fromEnv.value;
  }
  for (const container of definition.containers) {
    const tag = container.image.includes(':') ? container.image.slice(container.image.lastIndexOf(':') + 1) : '';
    if (SHA.test(tag)) return tag;
  }
  return undefined;
}

export function diffTaskDefinitions(from: EcsTaskDefinition | undefined, to: EcsTaskDefinition): string[] {
  if (!from) return [`new task definition ${shortTaskDefinition(to.arn)}`];
  const out: string[] = [];
  if (from.memory !== to.memory) out.push(`task memory ${from.memory ?? 'unset'} → ${to.memory ?? 'unset'}`);
  if (from.cpu !== to.cpu) out.push(`task cpu ${from.cpu ?? 'unset'} → ${to.cpu ?? 'unset'}`);
  for (const container of to.containers) {
    const old = from.containers.find((c) => c.name === container.name);
    if (!old) {
      out.push(`container ${container.name} added`);
      continue;
    }
    if (old.image !== container.image) out.push(`${container.name} image ${tagOf(old.image)} → ${tagOf(container.image)}`);
    if (old.memory !== container.memory) out.push(`${container.name} memory ${old.memory ?? 'unset'} → ${container.memory ?? 'unset'}`);
    if (old.memoryReservation !== container.memoryReservation) out.push(`${container.name} memoryReservation ${old.memoryReservation ?? 'unset'} → ${container.memoryReservation ?? 'unset'}`);
    if (old.cpu !== container.cpu) out.push(`${container.name} cpu ${old.cpu ?? 'unset'} → ${container.cpu ?? 'unset'}`);
    const oldEnv = new Map(old.environment.map((e) => [e.name, e.value]));
    for (const variable of container.environment) {
      if (COMMIT_ENV.test(variable.name)) continue; // the version marker changes with every deploy
      if (!oldEnv.has(variable.name)) out.push(`${container.name} env ${variable.name} added`);
      else if (oldEnv.get(variable.name) !== variable.value) out.push(`${container.name} env ${variable.name} changed`);
    }
    for (const name of oldEnv.keys()) {
      if (!container.environment.some((e) => e.name === name)) out.push(`${container.name} env ${name} removed`);
    }
  }
  return out;
}

function tagOf(image: string): string {
  const slash = image.lastIndexOf('/');
  return image.slice(slash + 1);
}
