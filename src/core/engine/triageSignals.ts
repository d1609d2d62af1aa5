/**
 * AWS signals beyond logs, read the way an on-call engineer opens the console: the alarms
 * that fired (and whether they already recovered), the service's own CPU and memory and each
 * alarm's metric against their baselines, the metrics of the dependencies the symptoms name,
 * and — when a shared dependency shifted — what else started in the cluster just before.
 * Three to four bounded queries; each missing provider or metric degrades to "unavailable".
 */
import type { MetricQuery, MetricSeries } from '../../providers/types';
import type { EcsTargetSchema } from '../incident';
import { analyzeResult } from '../findings/analyzers';
import { activityWindow, dependencyShifts } from '../findings/analyzers/aws/clusterActivity';
import { namedBySymptoms } from '../findings/symptoms';
import { observeShifts } from '../metrics/observed';
import { extractEntities } from '../entities/extract';
import { shortTaskDefinition } from './changes';
import type { TriageContext } from '../reasoner/types';
import { contextQuery } from './contextQuery';
import type { QueryRunner } from './queryRunner';
import type { z } from 'zod';

type EcsTarget = z.infer<typeof EcsTargetSchema>;

/** How far back the metrics go: long enough for a slow leak's climb to show its start. */
export const SIGNAL_LOOKBACK_MS = 4 * 3_600_000;
/** Most names from the symptoms offered as dependency resources. */
const MAX_RESOURCE_NAMES = 30;

export async function readAwsSignals(runner: QueryRunner, context: TriageContext, target: EcsTarget): Promise<void> {
  const ref = `${target.cluster}/${target.service}`;
  const window = { start: context.onset - SIGNAL_LOOKBACK_MS, end: context.now };

  const alarms = await runner.run(contextQuery('cloudwatch', 'cw.alarms', ref, {}, 'Which alarms fired or changed state around the incident, and did they recover?', window));
  if (alarms.ok && alarms.result.operation === 'cw.alarms') context.alarms = alarms.result.alarms;
  else if (!alarms.ok) context.unavailable.push(`CloudWatch alarms: ${alarms.error}`);

  const own = { ClusterName: target.cluster, ServiceName: target.service };
  const queries: MetricQuery[] = [
    { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: own, stat: 'Average' },
    { namespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions: own, stat: 'Maximum' },
    // The alarms' own metrics: the symptom the page was about.
    ...(context.alarms ?? []).filter(({ alarm }) => alarm.namespace && alarm.metricName).map(({ alarm }) => ({ namespace: alarm.namespace!, metricName: alarm.metricName!, dimensions: alarm.dimensions, stat: alarm.statistic ?? 'Average' })),
  ];
  const names = [...new Set([target.service.toLowerCase(), ...targetGroupNames(context), ...(context.incident.affectedServices ?? []), ...namedBySymptoms(context), ...configuredDependencies(context)])].filter((n) => n.length >= 3).slice(0, MAX_RESOURCE_NAMES);
  const metrics = await runner.run(
    contextQuery('cloudwatch', 'cw.metrics', ref, { queries: JSON.stringify(queries), ...(names.length ? { resources: JSON.stringify(names) } : {}) }, 'What do the service\'s CPU and memory, the alarms\' metrics and the named dependencies\' metrics show against their baselines?', window),
  );
  if (!metrics.ok) {
    context.unavailable.push(`CloudWatch metrics: ${metrics.error}`);
    return;
  }
  if (metrics.result.operation !== 'cw.metrics') return;
  const empty = metrics.result.series.filter((s) => s.status === 'empty' && s.query.namespace === 'AWS/ECS');
  if (empty.length) context.unavailable.push(`CloudWatch metrics of ${target.service}: no data for ${empty.map((s) => s.query.metricName).join(', ')} (metrics not published for these dimensions)`);
  context.metricShifts = observeShifts(metrics.result.series);
  context.alarmSeries = alarmSeries(context, metrics.result.series);
  context.findings = [...(context.findings ?? []), ...analyzeResult(metrics.result, context)];

  if (!dependencyShifts(context).length) return;
  const activity = await runner.run(contextQuery('ecs', 'ecs.clusterActivity', target.cluster, {}, `A shared dependency changed: what started in ${target.cluster} just before (scheduled tasks, other services' deployments)?`, activityWindow(context)));
  if (activity.ok) context.findings = [...(context.findings ?? []), ...analyzeResult(activity.result, context)];
  else context.unavailable.push(`activity in cluster ${target.cluster}: ${activity.error}`);
}

/**
 * The dependencies the running task definition is configured with: the hosts in its
 * environment values (DB_HOST, REDIS_URL…), first label only. Values themselves never leave
 * this function: they may hold secrets.
 */
function configuredDependencies(context: TriageContext): string[] {
  const current = context.service?.taskDefinition;
  const definition = current ? context.taskDefinitions[shortTaskDefinition(current)] : undefined;
  const names: string[] = [];
  for (const container of definition?.containers ?? []) {
    for (const variable of container.environment) {
      for (const entity of extractEntities(variable.value ?? '')) {
        if (DEPENDENCY_ENTITIES.has(entity.kind)) names.push(entity.value.toLowerCase().split(/[.:/]/)[0]!);
      }
    }
  }
  return names;
}

const DEPENDENCY_ENTITIES = new Set(['host', 'url', 'db', 'k8s-dns']);

/** The alarm that paged (the one that went to ALARM nearest the onset) with its metric's series. */
function alarmSeries(context: TriageContext, series: readonly MetricSeries[]): TriageContext['alarmSeries'] {
  const fired = (context.alarms ?? [])
    .map(({ alarm, history }) => ({ alarm, at: history.filter((h) => h.to === 'ALARM').map((h) => h.timestamp).sort((a, b) => Math.abs(a - context.onset) - Math.abs(b - context.onset))[0] }))
    .filter((a) => a.at !== undefined || a.alarm.state === 'ALARM')
    .sort((a, b) => Math.abs((a.at ?? context.now) - context.onset) - Math.abs((b.at ?? context.now) - context.onset));
  for (const { alarm } of fired) {
    const own = series.find((s) => s.status !== 'empty' && s.query.namespace === alarm.namespace && s.query.metricName === alarm.metricName && sameDimensions(s.query.dimensions ?? {}, alarm.dimensions));
    if (own) return { alarm: alarm.name, label: `${alarm.metricName} (alarm ${alarm.name})`, points: own.points.map((p) => [p.timestamp, p.value]), threshold: alarm.threshold };
  }
  return undefined;
}

function sameDimensions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The service's own target groups by name (`…:targetgroup/api/3b55…` → `api`): their request count and errors. */
export function targetGroupNames(context: Pick<TriageContext, 'service'>): string[] {
  return (context.service?.loadBalancers ?? []).map((lb) => /targetgroup\/([^/]+)/.exec(lb.targetGroupArn ?? '')?.[1]?.toLowerCase()).filter((n): n is string => !!n);
}
