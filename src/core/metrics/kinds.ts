/**
 * What a metric means for an investigation, as data: which resource it is about (the dimension
 * that names it), which way is bad, and what a shift in that direction says — a failure mode of
 * the workload itself (CPU, memory, lost tasks, traffic), load on a shared dependency (a
 * database's CPU or connections), or only the symptom (5xx, latency, a backlog). Add a metric
 * here; the analyzers read this table, never metric names.
 */
import type { FailureCategory } from '../model';

export type MetricRole =
  /** The workload's own resource use; its category is the failure mode. */
  | 'mode'
  /** Load on a dependency other workloads share (database, cache): look for who put it there. */
  | 'dependency-load'
  /** Traffic into the workload. */
  | 'traffic'
  /** What users see (errors, latency, backlog): the symptom, not a cause. */
  | 'symptom';

export interface MetricKind {
  namespace: string;
  metricName: string;
  role: MetricRole;
  /** The direction that is a problem. */
  bad: 'up' | 'down';
  /** The dimension that names the resource (`ServiceName`, `DBInstanceIdentifier`, …). */
  resource: string;
  /** What the resource is, in words (`database`, `ECS service`). */
  resourceKind: string;
  /** For `mode` and `traffic` metrics: the failure mode a bad shift points to. */
  category?: FailureCategory;
  /** The statistic worth reading. */
  stat: string;
  /** A ceiling: a level at or past it is saturation (Percent metrics). */
  limit?: number;
  /** Smallest absolute change worth reporting. */
  minAbsolute?: number;
}

const ecsService = { resource: 'ServiceName', resourceKind: 'ECS service' } as const;
const rds = (name: string) => [
  { namespace: 'AWS/RDS', metricName: name, resource: 'DBInstanceIdentifier', resourceKind: 'database' },
  { namespace: 'AWS/RDS', metricName: name, resource: 'DBClusterIdentifier', resourceKind: 'database cluster' },
];
const targetGroup = { namespace: 'AWS/ApplicationELB', resource: 'TargetGroup', resourceKind: 'target group' } as const;

export const METRIC_KINDS: readonly MetricKind[] = [
  { namespace: 'AWS/ECS', metricName: 'CPUUtilization', ...ecsService, role: 'mode', bad: 'up', category: 'cpu-saturation', stat: 'Average', limit: 90, minAbsolute: 15 },
  { namespace: 'AWS/ECS', metricName: 'MemoryUtilization', ...ecsService, role: 'mode', bad: 'up', category: 'oom', stat: 'Maximum', limit: 90, minAbsolute: 15 },
  { namespace: 'ECS/ContainerInsights', metricName: 'CpuUtilized', ...ecsService, role: 'mode', bad: 'up', category: 'cpu-saturation', stat: 'Average' },
  { namespace: 'ECS/ContainerInsights', metricName: 'MemoryUtilized', ...ecsService, role: 'mode', bad: 'up', category: 'oom', stat: 'Maximum' },
  { namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', ...ecsService, role: 'symptom', bad: 'down', stat: 'Minimum', minAbsolute: 1 },
  { ...targetGroup, metricName: 'RequestCount', role: 'traffic', bad: 'up', category: 'traffic-spike', stat: 'Sum' },
  { ...targetGroup, metricName: 'HTTPCode_Target_5XX_Count', role: 'symptom', bad: 'up', stat: 'Sum', minAbsolute: 10 },
  { ...targetGroup, metricName: 'HTTPCode_Target_4XX_Count', role: 'symptom', bad: 'up', stat: 'Sum', minAbsolute: 10 },
  { ...targetGroup, metricName: 'HTTPCode_ELB_5XX_Count', role: 'symptom', bad: 'up', stat: 'Sum', minAbsolute: 10 },
  { ...targetGroup, metricName: 'TargetResponseTime', role: 'symptom', bad: 'up', stat: 'p99' },
  { ...targetGroup, metricName: 'UnHealthyHostCount', role: 'symptom', bad: 'up', stat: 'Maximum', minAbsolute: 1 },
  ...rds('CPUUtilization').map((m) => ({ ...m, role: 'dependency-load' as const, bad: 'up' as const, stat: 'Average', limit: 90, minAbsolute: 15 })),
  ...rds('DatabaseConnections').map((m) => ({ ...m, role: 'dependency-load' as const, bad: 'up' as const, stat: 'Maximum', minAbsolute: 10 })),
  ...rds('ReadIOPS').map((m) => ({ ...m, role: 'dependency-load' as const, bad: 'up' as const, stat: 'Average' })),
  ...rds('WriteIOPS').map((m) => ({ ...m, role: 'dependency-load' as const, bad: 'up' as const, stat: 'Average' })),
  ...rds('FreeStorageSpace').map((m) => ({ ...m, role: 'symptom' as const, bad: 'down' as const, stat: 'Minimum' })),
  { namespace: 'AWS/ElastiCache', metricName: 'EngineCPUUtilization', resource: 'CacheClusterId', resourceKind: 'cache', role: 'dependency-load', bad: 'up', stat: 'Average', limit: 90, minAbsolute: 15 },
  { namespace: 'AWS/ElastiCache', metricName: 'CurrConnections', resource: 'CacheClusterId', resourceKind: 'cache', role: 'dependency-load', bad: 'up', stat: 'Maximum', minAbsolute: 10 },
  { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', resource: 'QueueName', resourceKind: 'queue', role: 'symptom', bad: 'up', stat: 'Maximum', minAbsolute: 10 },
  { namespace: 'AWS/SQS', metricName: 'ApproximateAgeOfOldestMessage', resource: 'QueueName', resourceKind: 'queue', role: 'symptom', bad: 'up', stat: 'Maximum', minAbsolute: 60 },
];

/** The kind of a metric, by namespace, name and the dimensions it carries. */
export function metricKind(namespace: string, metricName: string, dimensions: Record<string, string> = {}): MetricKind | undefined {
  return METRIC_KINDS.find((k) => k.namespace === namespace && k.metricName === metricName && k.resource in dimensions);
}

/** Namespaces whose resources are found by name (a dependency the symptoms name, the service's target groups). */
export const RESOURCE_NAMESPACES: readonly string[] = [...new Set(METRIC_KINDS.filter((k) => k.resource !== 'ServiceName').map((k) => k.namespace))];

/** The resource a metric is about: `targetgroup/orders-api/117d…` → `orders-api`, else the dimension's value. */
export function resourceName(kind: MetricKind, dimensions: Record<string, string>): string {
  const value = dimensions[kind.resource] ?? '';
  return kind.resource === 'TargetGroup' ? (value.split('/')[1] ?? value) : value;
}
