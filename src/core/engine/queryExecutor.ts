/**
 * Runs a planned query against the providers and returns its raw result. Missing providers
 * and provider failures surface as ProviderError; the engine turns those into "unavailable"
 * evidence instead of failing the investigation.
 */
import { ProviderError, type ProviderSet } from '../../providers/types';
import type { QuerySpec } from '../model';
import type { QueryResult } from '../reasoner/types';

export async function executeQuery(query: QuerySpec, providers: ProviderSet, maxLogEvents: number, signal?: AbortSignal): Promise<QueryResult> {
  switch (query.operation) {
    case 'logs.compareWindows': {
      const logs = need(providers.logs, 'cloudwatch-logs', 'CloudWatch Logs');
      if (!query.window) throw new ProviderError('cloudwatch-logs', 'failed', 'log query without a window');
      const filterPattern = optionalString(query.params.filterPattern);
      const baselineWindow = { start: Number(query.params.baselineStart), end: Number(query.params.baselineEnd) };
      const [baseline, incident] = await Promise.all([
        logs.filterLogEvents({ logGroup: query.target, filterPattern, startTime: baselineWindow.start, endTime: baselineWindow.end, limit: maxLogEvents }, signal),
        logs.filterLogEvents({ logGroup: query.target, filterPattern, startTime: query.window.start, endTime: query.window.end, limit: maxLogEvents }, signal),
      ]);
      return {
        operation: 'logs.compareWindows',
        baseline,
        incident,
        baselineWindow,
        incidentWindow: query.window,
        truncated: baseline.length >= maxLogEvents || incident.length >= maxLogEvents,
      };
    }
    case 'ecs.stoppedTasks': {
      const ecs = need(providers.ecs, 'ecs', 'ECS');
      const [cluster, service] = splitTarget(query.target);
      return { operation: 'ecs.stoppedTasks', tasks: await ecs.listTasks(cluster, service, 'STOPPED', signal) };
    }
    case 'ecs.serviceEvents': {
      const ecs = need(providers.ecs, 'ecs', 'ECS');
      const [cluster, service] = splitTarget(query.target);
      return { operation: 'ecs.serviceEvents', service: await ecs.describeService(cluster, service, signal) };
    }
    case 'ecs.taskDefinitionDiff': {
      const ecs = need(providers.ecs, 'ecs', 'ECS');
      const toArn = String(query.params.to);
      const fromArn = optionalString(query.params.from);
      const [from, to] = await Promise.all([
        fromArn ? ecs.describeTaskDefinition(fromArn, signal) : Promise.resolve(undefined),
        ecs.describeTaskDefinition(toArn, signal),
      ]);
      return { operation: 'ecs.taskDefinitionDiff', from, to };
    }
    case 'git.commitsBetween': {
      const git = need(providers.git, 'git', 'the git repository');
      const commits = await git.commitsBetween(String(query.params.since), String(query.params.until), signal);
      return { operation: 'git.commitsBetween', commits, patches: {} };
    }
    case 'git.commitRange': {
      const git = need(providers.git, 'git', 'the git repository');
      const to = String(query.params.toCommit);
      const commits = await git.commitRange(optionalString(query.params.fromCommit), to, signal);
      if (!commits.length && !(await git.getCommit(to, signal))) {
        throw new ProviderError('git', 'not-found', `commit ${to.slice(0, 12)} (the deployed version) is not in ${git.repoRoot}`);
      }
      const patches: Record<string, string> = {};
      // Patches for the first commits only: enough to rank a deploy's changes, bounded in size.
      for (const commit of commits.slice(0, 10)) patches[commit.sha] = await git.commitPatch(commit.sha, signal);
      return { operation: 'git.commitRange', commits, patches };
    }
    default:
      throw new ProviderError(query.provider, 'failed', `unknown query operation ${query.operation}`);
  }
}

function need<T>(provider: T | undefined, id: string, name: string): T {
  if (!provider) throw new ProviderError(id, 'not-configured', `${name} is not configured for this investigation`);
  return provider;
}

function splitTarget(target: string): [string, string] {
  const slash = target.indexOf('/');
  if (slash <= 0) throw new ProviderError('ecs', 'failed', `ECS target "${target}" is not cluster/service`);
  return [target.slice(0, slash), target.slice(slash + 1)];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
