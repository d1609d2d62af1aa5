/**
 * Triage: read the current state before forming any hypothesis — the workload and its
 * recent changes, how its tasks or pods are dying, what is new in its error logs, recent
 * commits and its dependencies. Every read is a bounded query recorded on the stream under
 * the pseudo-hypothesis "context"; a failed read is listed as unavailable, never fatal.
 */
import type { Incident } from '../incident';
import { diffLogWindows } from '../logs/patternChange';
import type { ServiceMapEntry, TriageContext } from '../reasoner/types';
import { CONTEXT_ID, contextQuery } from './contextQuery';
import { logWindows, perMinuteSeries, renderLogQuery, OVERVIEW_TERMS } from './logQueries';
import type { QueryRunner } from './queryRunner';
import { readEcsDeployments, triageEcs } from './triageEcs';
import { readRecurrence } from './recurrence';
import { readAwsSignals } from './triageSignals';
import { shortTaskDefinition } from './changes';
import { readSurroundings, rolloutChanges, triageKubernetes, withLastWords, type KubernetesReads } from './triageKubernetes';

export interface TriageInput {
  incident: Incident;
  onset: number;
  now: number;
  serviceMap: Record<string, ServiceMapEntry>;
  /** Service → log group from the user's settings. */
  logGroups?: Record<string, string>;
}

/** A context with nothing read yet: what triage fills in. */
export function emptyTriageContext(input: Pick<TriageInput, 'incident' | 'onset' | 'now' | 'serviceMap'>): TriageContext {
  return {
    incident: input.incident,
    onset: input.onset,
    now: input.now,
    serviceMap: input.serviceMap,
    taskDefinitions: {},
    changes: [],
    terminations: [],
    nodes: [],
    recentCommits: [],
    logOverview: [],
    unavailable: [],
  };
}

export async function triage(runner: QueryRunner, input: TriageInput, lookbackMs: number): Promise<TriageContext> {
  const context = emptyTriageContext(input);
  const since = input.onset - lookbackMs;
  let kubernetes: KubernetesReads | undefined;
  const target = input.incident.target;
  const mapped = input.serviceMap[input.incident.service];

  if (target.platform === 'ecs') {
    await triageEcs(runner, context, target, since);
    const logGroup = target.logGroup ?? mapped?.logGroup ?? input.logGroups?.[input.incident.service] ?? (await logGroupOfTaskDefinition(runner, context, target));
    if (logGroup) context.logSource = { kind: 'cloudwatch', logGroup };
    else context.unavailable.push(`logs of ${input.incident.service}: no log group (set it in the alert, .runbook/services.yaml or the runbook.logGroups setting)`);
  } else {
    kubernetes = await triageKubernetes(runner, context, target, since);
    const selector = kubernetes.selector;
    const logGroup = mapped?.logGroup ?? input.logGroups?.[input.incident.service];
    context.logSource = logGroup ? { kind: 'cloudwatch', logGroup } : { kind: 'pods', namespace: target.namespace, labelSelector: target.labelSelector ?? selector ?? `app=${target.name}` };
  }

  if (context.logSource) {
    const windows = logWindows(context);
    const overview = await runner.run({ ...renderLogQuery(context.logSource, OVERVIEW_TERMS, windows, { wide: true }), hypothesisId: CONTEXT_ID, rationale: 'What is new in the error and warning logs since symptoms began?' });
    if (overview.ok && overview.result.operation === 'logs.compareWindows') {
      context.logOverview = diffLogWindows(overview.result.baseline, overview.result.incident, windows).filter((c) => c.change === 'new' || c.change === 'surged' || c.change === 'steady');
      if (overview.result.lastWords) {
        context.lastWords = overview.result.lastWords;
        context.terminations = withLastWords(context.terminations, context.lastWords);
      }
    } else if (!overview.ok) {
      context.unavailable.push(`logs of ${input.incident.service}: ${overview.error}`);
    }
  }

  if (context.logSource?.kind === 'cloudwatch') {
    // The symptom's shape, counted server-side: error-level lines per minute.
    const windows = logWindows(context);
    const series = await runner.run(
      contextQuery('cloudwatch-logs', 'logs.insights', context.logSource.logGroup, { queryString: ERROR_RATE_QUERY }, 'How many errors per minute, before and since onset? (Logs Insights)', { start: windows.baseline.start, end: windows.incident.end }),
    );
    if (series.ok && series.result.operation === 'logs.insights') context.errorSeries = perMinuteSeries(series.result.result.rows, 'errors');
  }

  // A failure on a schedule began when the pattern did: its cause is a change from then, days ago maybe.
  let changesSince = since;
  await readRecurrence(runner, context);
  if (context.recurrence && context.recurrence.since - RECURRENCE_CHANGE_MARGIN_MS < since) {
    changesSince = context.recurrence.since - RECURRENCE_CHANGE_MARGIN_MS;
    if (target.platform === 'ecs') await readEcsDeployments(runner, context, `${target.cluster}/${target.service}`, changesSince, since);
    else if (kubernetes?.replicaSets) context.changes = rolloutChanges(kubernetes.replicaSets, changesSince, input.now);
  }

  // The analyzers weigh objects by what the symptoms name, so they run once the logs are read.
  if (kubernetes && target.platform === 'kubernetes') await readSurroundings(runner, context, target, kubernetes);
  if (target.platform === 'ecs') await readAwsSignals(runner, context, target);

  const commits = await runner.run(contextQuery('git', 'git.commitsBetween', 'workspace', { since: new Date(changesSince).toISOString(), until: new Date(input.now).toISOString() }, 'Recent commits in the open repository.'));
  if (commits.ok && commits.result.operation === 'git.commitsBetween') context.recentCommits = commits.result.commits;
  else if (!commits.ok) context.unavailable.push(`git history: ${commits.error}`);
  return context;
}

/** The awslogs group the running task definition writes to, so neither the alert nor the settings need to name it. */
async function logGroupOfTaskDefinition(runner: QueryRunner, context: TriageContext, target: { cluster: string; service: string }): Promise<string | undefined> {
  const current = context.service?.taskDefinition;
  if (!current) return undefined;
  let definition = context.taskDefinitions[shortTaskDefinition(current)];
  if (!definition) {
    const read = await runner.run(contextQuery('ecs', 'ecs.taskDefinitionDiff', `${target.cluster}/${target.service}`, { to: current }, 'Where do the running tasks write their logs (the task definition\'s logConfiguration)?'));
    if (read.ok && read.result.operation === 'ecs.taskDefinitionDiff') definition = context.taskDefinitions[shortTaskDefinition(read.result.to.arn)] = read.result.to;
  }
  return definition?.containers.map((c) => c.logConfiguration?.logGroup).find(Boolean);
}

/** How long before a recurring failure's first episode its cause may have landed. */
const RECURRENCE_CHANGE_MARGIN_MS = 2 * 3_600_000;

const ERROR_RATE_QUERY = 'filter @message like /(?i)(error|exception|fatal|panic)/ | stats count(*) as errors by bin(1m)';
