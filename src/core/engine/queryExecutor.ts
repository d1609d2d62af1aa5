/**
 * Runs a planned query against the providers and returns its raw result. Missing providers
 * and provider failures surface as ProviderError; the engine turns those into "unavailable"
 * evidence instead of failing the investigation.
 */
import { ProviderError, type K8sContainerStatus, type K8sObject, type K8sObjectKind, type KubernetesProvider, type LogEvent, type MetricQuery, type ProviderSet } from '../../providers/types';
import { foldStackTraces } from '../logs/foldStackTraces';
import { failureMatch } from '../taxonomy';
import { RESOURCE_NAMESPACES, metricKind, resourceName } from '../metrics/kinds';
import type { QuerySpec } from '../model';
import type { QueryResult } from '../reasoner/types';

export interface ExecutionLimits {
  maxLogEvents: number;
  /** Most pods whose logs one query reads. */
  maxPods: number;
  /** epoch ms: the investigation clock, for relative windows (pod logs `sinceSeconds`). */
  now: number;
}

export async function executeQuery(query: QuerySpec, providers: ProviderSet, limits: ExecutionLimits, signal?: AbortSignal): Promise<QueryResult> {
  const p = query.params;
  switch (query.operation) {
    case 'logs.compareWindows': {
      if (!query.window) throw new ProviderError(query.provider, 'failed', 'log query without a window');
      const baselineWindow = { start: Number(p.baselineStart), end: Number(p.baselineEnd) };
      const incidentWindow = query.window;
      if (query.provider === 'kubernetes') {
        const k8s = need(providers.kubernetes, 'kubernetes', 'Kubernetes');
        const { namespace, selector } = splitNamespaced(query.target);
        const { events, lastWords } = await podLogEvents(k8s, namespace, await resolveSelector(k8s, namespace, selector, signal), baselineWindow.start, limits, signal);
        const terms = parseTerms(p.terms);
        // The overview also keeps what the terms miss: a line the taxonomy knows as a failure
        // ("curl: (6) Could not resolve host") and a dead container's last words.
        const wide = p.wide === 'true';
        const matching = events.filter((e) => !terms.length || terms.some((t) => e.message.includes(t)) || (wide && (lastWords.has(e) || failureMatch(e.message) !== undefined)));
        const within = (w: { start: number; end: number }) => matching.filter((e) => e.timestamp >= w.start && e.timestamp <= w.end).slice(0, limits.maxLogEvents);
        const baseline = within(baselineWindow);
        const incident = within(incidentWindow);
        return { operation: 'logs.compareWindows', baseline, incident, baselineWindow, incidentWindow, truncated: baseline.length >= limits.maxLogEvents || incident.length >= limits.maxLogEvents, ...(wide ? { lastWords: lastWordsByUnit(lastWords) } : {}) };
      }
      const logs = need(providers.logs, 'cloudwatch-logs', 'CloudWatch Logs');
      const filterPattern = optionalString(p.filterPattern);
      const [baseline, incident] = await Promise.all([
        logs.filterLogEvents({ logGroup: query.target, filterPattern, startTime: baselineWindow.start, endTime: baselineWindow.end, limit: limits.maxLogEvents }, signal),
        logs.filterLogEvents({ logGroup: query.target, filterPattern, startTime: incidentWindow.start, endTime: incidentWindow.end, limit: limits.maxLogEvents }, signal),
      ]);
      return { operation: 'logs.compareWindows', baseline, incident, baselineWindow, incidentWindow, truncated: baseline.length >= limits.maxLogEvents || incident.length >= limits.maxLogEvents };
    }
    case 'logs.insights': {
      const logs = need(providers.logs, 'cloudwatch-logs', 'CloudWatch Logs');
      if (!query.window) throw new ProviderError('cloudwatch-logs', 'failed', 'Insights query without a window');
      const result = await logs.insights({ logGroups: [query.target], queryString: String(p.queryString), startTime: query.window.start, endTime: query.window.end, limit: 1000 }, signal);
      return { operation: 'logs.insights', result };
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
      const toArn = String(p.to);
      const fromArn = optionalString(p.from);
      const [from, to] = await Promise.all([
        fromArn ? ecs.describeTaskDefinition(fromArn, signal) : Promise.resolve(undefined),
        ecs.describeTaskDefinition(toArn, signal),
      ]);
      return { operation: 'ecs.taskDefinitionDiff', from, to };
    }
    case 'k8s.pods': {
      const k8s = need(providers.kubernetes, 'kubernetes', 'Kubernetes');
      const { namespace, selector } = splitNamespaced(query.target);
      return { operation: 'k8s.pods', pods: await k8s.listPods(namespace, await resolveSelector(k8s, namespace, selector, signal), signal) };
    }
    case 'k8s.events': {
      const k8s = need(providers.kubernetes, 'kubernetes', 'Kubernetes');
      return { operation: 'k8s.events', events: await k8s.listEvents(query.target, optionalString(p.object), signal) };
    }
    case 'k8s.rollout': {
      const k8s = need(providers.kubernetes, 'kubernetes', 'Kubernetes');
      const [namespace, name] = splitTarget(query.target);
      const deployment = await k8s.getDeployment(namespace, name, signal);
      return { operation: 'k8s.rollout', deployment, replicaSets: await k8s.listReplicaSets(namespace, deployment.selector, signal) };
    }
    case 'k8s.objects': {
      // One question about the objects around a workload, several bounded list calls (one per kind, namespace-scoped).
      const k8s = need(providers.kubernetes, 'kubernetes', 'Kubernetes');
      const [namespace, kind, name] = query.target.split('/');
      // `ns/Kind[,Kind]/name` reads one object (and its companions, e.g. a Service's Endpoints); `ns` + params.kinds lists.
      const kinds = (name ? kind! : String(p.kinds ?? '')).split(',').filter(Boolean) as K8sObjectKind[];
      const objects: K8sObject[] = [];
      const failed: { kind: string; error: string }[] = [];
      for (const k of kinds) {
        try {
          if (name) objects.push(await k8s.getObject(k, CLUSTER_SCOPED.has(k) ? undefined : namespace, name, signal));
          else objects.push(...(await k8s.listObjects(k, CLUSTER_SCOPED.has(k) ? undefined : namespace, { limit: Number(p.limit ?? 200) }, signal)));
        } catch (error) {
          if (signal?.aborted || (error instanceof ProviderError && error.kind === 'cancelled')) throw error;
          failed.push({ kind: k, error: error instanceof ProviderError ? `${error.kind}: ${error.message}` : String(error) });
        }
      }
      if (kinds.length && failed.length === kinds.length) throw new ProviderError('kubernetes', 'failed', failed.map((f) => `${f.kind}: ${f.error}`).join('; '));
      return { operation: 'k8s.objects', namespace: namespace!, objects, failed };
    }
    case 'elb.targetHealth': {
      // The service's own target groups (from its loadBalancers), each with its targets' health.
      const elb = need(providers.loadBalancing, 'elb', 'Elastic Load Balancing');
      const arns = String(p.targetGroupArns ?? '').split(',').filter(Boolean);
      const groups = arns.length ? await elb.describeTargetGroups({ arns }, signal) : [];
      const out = [];
      for (const group of groups) out.push({ group, targets: await elb.targetHealth(group.arn, signal) });
      return { operation: 'elb.targetHealth', groups: out };
    }
    case 'cw.alarms': {
      // Alarms firing now or that changed state in the window: what the on-call sees first.
      const metrics = need(providers.metrics, 'cloudwatch', 'CloudWatch');
      if (!query.window) throw new ProviderError('cloudwatch', 'failed', 'alarm query without a window');
      const { start, end } = query.window;
      const alarms = (await metrics.describeAlarms({}, signal))
        .filter((a) => a.state === 'ALARM' || (a.stateUpdatedAt !== undefined && a.stateUpdatedAt >= start && a.stateUpdatedAt <= end))
        .slice(0, MAX_ALARMS);
      const out = [];
      for (const alarm of alarms) out.push({ alarm, history: await metrics.alarmHistory(alarm.name, { startTime: start, endTime: end, limit: 20 }, signal) });
      return { operation: 'cw.alarms', alarms: out };
    }
    case 'cw.metrics': {
      const metrics = need(providers.metrics, 'cloudwatch', 'CloudWatch');
      if (!query.window) throw new ProviderError('cloudwatch', 'failed', 'metric query without a window');
      const queries = parseJson<MetricQuery[]>(p.queries, []);
      // Dependencies named by the symptoms: their metrics that the kinds table knows, found by ListMetrics.
      const names = new Set(parseJson<string[]>(p.resources, []).map((n) => n.toLowerCase()));
      if (names.size) {
        for (const namespace of RESOURCE_NAMESPACES) {
          for (const descriptor of await metrics.listMetrics({ namespace, recentlyActive: true }, signal)) {
            const kind = metricKind(descriptor.namespace, descriptor.metricName, descriptor.dimensions);
            if (!kind || !names.has(resourceName(kind, descriptor.dimensions).toLowerCase())) continue;
            // Per-zone copies say the same thing as the whole.
            if ('AvailabilityZone' in descriptor.dimensions) continue;
            queries.push({ namespace: descriptor.namespace, metricName: descriptor.metricName, dimensions: descriptor.dimensions, stat: kind.stat });
          }
        }
      }
      const unique = [...new Map(queries.map((q) => [`${q.namespace}|${q.metricName}|${JSON.stringify(Object.entries(q.dimensions ?? {}).sort())}`, q])).values()].slice(0, MAX_METRIC_QUERIES);
      const series = unique.length ? await metrics.getMetricData(unique.map((q, i) => ({ ...q, id: `m${i}` })), query.window.start, query.window.end, signal) : [];
      return { operation: 'cw.metrics', series };
    }
    case 'ecs.clusterActivity': {
      // Who else ran in the cluster then: scheduled or RunTask tasks, and every service's deployments.
      const ecs = need(providers.ecs, 'ecs', 'ECS');
      if (!ecs.listClusterTasks || !ecs.listServices) throw new ProviderError('ecs', 'failed', 'this ECS provider cannot list cluster tasks and services');
      const window = query.window;
      const tasks = await ecs.listClusterTasks(query.target, { since: window?.start, until: window?.end, limit: 100 }, signal);
      const services = await ecs.listServices(query.target, signal);
      return { operation: 'ecs.clusterActivity', cluster: query.target, tasks, services };
    }
    case 'k8s.nodes': {
      const k8s = need(providers.kubernetes, 'kubernetes', 'Kubernetes');
      return { operation: 'k8s.nodes', nodes: await k8s.listNodes(signal) };
    }
    case 'git.commitsBetween': {
      const git = need(providers.git, 'git', 'the git repository');
      const commits = await git.commitsBetween(String(p.since), String(p.until), signal);
      return { operation: 'git.commitsBetween', commits, patches: {} };
    }
    case 'git.commitRange': {
      const git = need(providers.git, 'git', 'the git repository');
      const to = String(p.toCommit);
      const commits = await git.commitRange(optionalString(p.fromCommit), to, signal);
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

/** Lines a container printed just before it died: what `kubectl logs --previous` is read for (the error, and the address or setting it was using). */
const LAST_WORDS = 6;

/** The unit a stream belongs to (`pod/container (previous)` is the same unit as `pod/container`). */
function lastWordsByUnit(lines: Map<LogEvent, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [event, unit] of [...lines].sort((a, b) => a[0].timestamp - b[0].timestamp)) (out[unit] ??= []).push(event.message);
  return out;
}

/**
 * Logs of the selected pods since `since`, current and previous containers (init containers
 * that ran too), merged by time; `lastWords` holds the final lines of containers that died.
 */
async function podLogEvents(k8s: KubernetesProvider, namespace: string, selector: string, since: number, limits: ExecutionLimits, signal?: AbortSignal): Promise<{ events: LogEvent[]; lastWords: Map<LogEvent, string> }> {
  const pods = await k8s.listPods(namespace, selector, signal);
  // Restarted pods first: their previous containers hold the crash.
  const chosen = [...pods].sort((a, b) => restarts(b) - restarts(a)).slice(0, limits.maxPods);
  const sinceSeconds = Math.max(60, Math.ceil((limits.now - since) / 1000));
  const events: LogEvent[] = [];
  const lastWords = new Map<LogEvent, string>();
  let read = 0;
  let firstFailure: unknown;
  // A container that never started (waiting on a volume, an image, its config) has no logs: the
  // API server answers 400. That is one container's silence, not the log source failing.
  const tryRead = async (read_: () => Promise<LogEvent[]>): Promise<LogEvent[]> => {
    try {
      const lines = await read_();
      read += 1;
      return lines;
    } catch (error) {
      if (signal?.aborted || (error instanceof ProviderError && error.kind === 'cancelled')) throw error;
      firstFailure ??= error;
      return [];
    }
  };
  const keep = (lines: LogEvent[], stream: string, unit: string, died: boolean): void => {
    // Fold traces per stream, before any filter: a filter must not strip frames off their error.
    const folded = foldStackTraces(lines).map((e) => ({ ...e, logStream: stream }));
    if (died) for (const e of folded.slice(-LAST_WORDS)) lastWords.set(e, unit);
    events.push(...folded.filter((e) => e.timestamp >= since));
  };
  for (const pod of chosen) {
    const init = (pod.initContainerStatuses ?? []).filter(ran);
    for (const container of [...init, ...pod.containers].filter(started)) {
      // The same unit names as the terminations (podTerminations), so last words find their unit.
      const unit = `${pod.name}/${container.name}${init.includes(container) ? ' (init)' : ''}`;
      // The window bounds the read (sinceSeconds); the provider caps the bytes. A line cap would cut the window's start.
      keep(await tryRead(() => k8s.podLogs(namespace, pod.name, { container: container.name, sinceSeconds }, signal)), unit, unit, container.state === 'terminated' && container.exitCode !== 0);
      if (container.restartCount > 0) {
        keep(await tryRead(() => k8s.podLogs(namespace, pod.name, { container: container.name, previous: true, tailLines: limits.maxLogEvents }, signal)), `${unit} (previous)`, unit, true);
      }
    }
  }
  if (read === 0 && firstFailure !== undefined) throw firstFailure;
  return { events: events.sort((a, b) => a.timestamp - b.timestamp), lastWords };
}

/** A container that has started at least once has logs to read; one still waiting for its first start has none. */
function started(container: K8sContainerStatus): boolean {
  return container.state !== 'waiting' || container.restartCount > 0;
}

/** An init container is worth reading when it failed or restarted: a finished one said nothing about the incident. */
function ran(container: K8sContainerStatus): boolean {
  return container.restartCount > 0 || (container.state === 'terminated' && container.exitCode !== 0);
}

const CLUSTER_SCOPED = new Set<string>(['PersistentVolume', 'StorageClass', 'IngressClass', 'Node']);

function restarts(pod: { containers: { restartCount: number }[] }): number {
  return pod.containers.reduce((sum, c) => sum + c.restartCount, 0);
}

function need<T>(provider: T | undefined, id: string, name: string): T {
  if (!provider) throw new ProviderError(id, 'not-configured', `${name} is not configured for this investigation`);
  return provider;
}

function splitTarget(target: string): [string, string] {
  const slash = target.indexOf('/');
  if (slash <= 0) throw new ProviderError('ecs', 'failed', `target "${target}" is not of the form parent/name`);
  return [target.slice(0, slash), target.slice(slash + 1)];
}

/** `deployment:NAME` in a selector's place: the pods of that Deployment, whatever its labels. */
const WORKLOAD_SELECTOR = /^deployment:([a-z0-9][a-z0-9.-]*)$/;

/**
 * The label selector a query's target means. A dependency named by a host name is a Deployment
 * of that name more often than it is labelled `app=NAME` (kompose, Helm charts label otherwise):
 * its own selector says which pods are its. No such Deployment: `app=NAME`, the common label.
 */
async function resolveSelector(k8s: KubernetesProvider, namespace: string, selector: string, signal?: AbortSignal): Promise<string> {
  const name = WORKLOAD_SELECTOR.exec(selector)?.[1];
  if (!name) return selector;
  try {
    return (await k8s.getDeployment(namespace, name, signal)).selector;
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'not-found') return `app=${name}`;
    throw error;
  }
}

function splitNamespaced(target: string): { namespace: string; selector: string } {
  const slash = target.indexOf('/');
  return slash < 0 ? { namespace: target, selector: '' } : { namespace: target.slice(0, slash), selector: target.slice(slash + 1) };
}

function parseTerms(value: unknown): string[] {
  if (typeof value !== 'string' || !value) return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

function parseJson<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string' || !value) return fallback;
  return JSON.parse(value) as T;
}

/** Alarms read per question (with their history): the ones firing or that just changed. */
const MAX_ALARMS = 10;
/** Series per GetMetricData call the engine makes: a few per hypothesis, never a dashboard. */
const MAX_METRIC_QUERIES = 20;

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
