/**
 * The scenario sections for AWS signals beyond logs: `world.cloudwatch` (metrics and alarms),
 * `world.elb` (load balancers, target groups and target health) and `world.autoscaling`
 * (Application Auto Scaling of ECS services). Written in the AWS CLI's own vocabulary, lower
 * camel case; see docs/scenarios.md. scenario.ts wires them into the world and calls
 * checkAwsSignalReferences for what a field schema cannot check.
 */
import { z } from 'zod';
import { Count, IsoDate, Name } from '../scenario/scenarioPrimitives';

// ---------------------------------------------------------------- CloudWatch

/** CloudWatch statistics: the five simple ones or a percentile (`p99`, `p99.9`). */
export const SIMPLE_STATISTICS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'] as const;
export const PERCENTILE = /^p(100|\d{1,2}(\.\d{1,10})?)$/;

const Statistic = z.string().refine((value) => (SIMPLE_STATISTICS as readonly string[]).includes(value) || PERCENTILE.test(value), {
  message: `expected ${SIMPLE_STATISTICS.join(', ')} or a percentile like p99`,
});

/** CloudWatch periods: 1, 5, 10, 30 (high resolution) or a multiple of 60 seconds. */
export const Period = z
  .number()
  .int()
  .positive()
  .refine((value) => [1, 5, 10, 30].includes(value) || value % 60 === 0, { message: 'a period is 1, 5, 10, 30 or a multiple of 60 seconds' });

const Dimensions = z.record(z.string().min(1), z.string().min(1)).default({});

const SeriesSegmentSchema = z
  .object({
    from: IsoDate,
    to: IsoDate,
    /** steady: value ± noise; ramp: value → toValue; step: value, then toValue from `at`; noise: value ± noise only. */
    shape: z.enum(['steady', 'ramp', 'step', 'noise']),
    value: z.number(),
    toValue: z.number().optional(),
    at: IsoDate.optional(),
    /** Uniform deterministic noise in [-noise, +noise] added to every point. */
    noise: z.number().min(0).default(0),
  })
  .superRefine((segment, ctx) => {
    const from = Date.parse(segment.from);
    const to = Date.parse(segment.to);
    if (!(to > from)) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
    if ((segment.shape === 'ramp' || segment.shape === 'step') && segment.toValue === undefined) {
      ctx.addIssue({ code: 'custom', path: ['toValue'], message: `a ${segment.shape} needs toValue` });
    }
    if (segment.shape === 'step') {
      if (segment.at === undefined) ctx.addIssue({ code: 'custom', path: ['at'], message: 'a step needs `at`, when the value changes' });
      else if (Date.parse(segment.at) < from || Date.parse(segment.at) > to) ctx.addIssue({ code: 'custom', path: ['at'], message: '`at` must be between `from` and `to`' });
    }
    if (segment.shape === 'noise' && segment.noise === 0) ctx.addIssue({ code: 'custom', path: ['noise'], message: 'a noise segment needs noise > 0' });
  });

const MetricSchema = z
  .object({
    namespace: Name,
    metricName: Name,
    /** Name → value; a query must name exactly this set to find the metric, as in CloudWatch. */
    dimensions: Dimensions,
    /** CloudWatch unit (Percent, Count, Seconds, Bytes, …); a query asking another unit finds no data. */
    unit: z.string().optional(),
    /** Seconds between generated points (the metric's resolution). */
    periodSeconds: Period.default(60),
    /** Generated segments, one point every periodSeconds in [from, to). */
    series: z.array(SeriesSegmentSchema).default([]),
    /** Explicit points (they win over a generated one at the same time). */
    points: z.array(z.object({ at: IsoDate, value: z.number() })).default([]),
  })
  .superRefine((metric, ctx) => {
    if (Object.keys(metric.dimensions).length > 30) ctx.addIssue({ code: 'custom', path: ['dimensions'], message: 'at most 30 dimensions' });
    const total = metric.series.reduce((sum, segment) => sum + Math.max(0, Date.parse(segment.to) - Date.parse(segment.from)) / (metric.periodSeconds * 1000), 0);
    if (total > 1_000_000) ctx.addIssue({ code: 'custom', path: ['periodSeconds'], message: 'more than 1,000,000 points in one metric' });
  });

export const ALARM_STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
const AlarmState = z.enum(ALARM_STATES);

const AlarmHistorySchema = z.object({
  at: IsoDate,
  from: AlarmState,
  to: AlarmState,
  /** CloudWatch's own phrasing: `Threshold Crossed: 3 datapoints [212.0, 180.0, 95.0] were greater than the threshold (50.0).` */
  reason: Name,
});

const AlarmSchema = z.object({
  name: z.string().min(1).max(255),
  description: z.string().optional(),
  namespace: Name,
  metricName: Name,
  dimensions: Dimensions,
  /** Average, Sum, Minimum, Maximum, SampleCount or a percentile (`p99`, served as ExtendedStatistic). */
  statistic: Statistic,
  periodSeconds: Period,
  evaluationPeriods: z.number().int().positive(),
  datapointsToAlarm: z.number().int().positive().optional(),
  threshold: z.number(),
  comparisonOperator: z.enum(['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold']),
  treatMissingData: z.enum(['breaching', 'notBreaching', 'ignore', 'missing']).optional(),
  unit: z.string().optional(),
  state: AlarmState,
  /** Defaults to the newest history entry's reason. */
  stateReason: z.string().optional(),
  /** Defaults to the newest history entry's time. */
  stateUpdatedAt: IsoDate.optional(),
  actionsEnabled: z.boolean().default(true),
  alarmActions: z.array(Name).default([]),
  okActions: z.array(Name).default([]),
  /** State changes in any order (served newest first, as CloudWatch does). */
  history: z.array(AlarmHistorySchema).default([]),
});

export const CloudWatchWorldSchema = z.object({
  metrics: z.array(MetricSchema).default([]),
  alarms: z.array(AlarmSchema).default([]),
});

// ---------------------------------------------------------------- Elastic Load Balancing v2

/** The 16 hex digits ELB puts at the end of load balancer and target group ARNs. */
const ArnId = z.string().regex(/^[0-9a-f]{16}$/, '16 lowercase hex digits');
const ElbName = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, 'up to 32 letters, digits and "-", not starting or ending with "-"');

const ListenerSchema = z.object({
  port: z.number().int().min(1).max(65535),
  protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE']).default('HTTP'),
  /** Name of the target group it forwards to. */
  defaultTargetGroup: ElbName.optional(),
});

const LoadBalancerSchema = z.object({
  name: ElbName,
  /** The ARN's last part; derived from the scenario id and name when absent. */
  id: ArnId.optional(),
  type: z.enum(['application', 'network', 'gateway']).default('application'),
  scheme: z.enum(['internet-facing', 'internal']).default('internet-facing'),
  dnsName: z.string().optional(),
  state: z.enum(['active', 'provisioning', 'active_impaired', 'failed']).default('active'),
  vpcId: z.string().optional(),
  createdAt: IsoDate.optional(),
  /** Omitted: one listener, HTTP:80 (TCP:80 for a network load balancer), forwarding to its first target group. */
  listeners: z.array(ListenerSchema).optional(),
});

const TargetSchema = z.object({
  /** An IP (targetType ip), an instance id or a Lambda ARN. */
  id: Name,
  port: z.number().int().min(1).max(65535).optional(),
  availabilityZone: z.string().optional(),
  state: z.enum(['initial', 'healthy', 'unhealthy', 'unused', 'draining', 'unavailable', 'unhealthy.draining']),
  /** ELB reason code: Target.ResponseCodeMismatch, Target.Timeout, Target.FailedHealthChecks, Elb.InitialHealthChecking, … */
  reason: z.string().optional(),
  description: z.string().optional(),
});

const TargetGroupSchema = z.object({
  name: ElbName,
  /** The ARN's last part; when absent, taken from a service's targetGroupArn naming this group, else derived. */
  id: ArnId.optional(),
  /** Name of the load balancer (in world.elb.loadBalancers) that routes to it. */
  loadBalancer: ElbName.optional(),
  protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE']).default('HTTP'),
  port: z.number().int().min(1).max(65535).optional(),
  targetType: z.enum(['ip', 'instance', 'lambda', 'alb']).default('ip'),
  vpcId: z.string().optional(),
  healthCheck: z
    .object({
      protocol: z.enum(['HTTP', 'HTTPS', 'TCP']).optional(),
      path: z.string().optional(),
      port: z.string().default('traffic-port'),
      matcher: z.string().optional(),
      intervalSeconds: z.number().int().positive().default(30),
      timeoutSeconds: z.number().int().positive().default(5),
      healthyThresholdCount: z.number().int().positive().default(5),
      unhealthyThresholdCount: z.number().int().positive().default(2),
      enabled: z.boolean().default(true),
    })
    .optional(),
  targets: z.array(TargetSchema).default([]),
});

export const ElbWorldSchema = z.object({
  loadBalancers: z.array(LoadBalancerSchema).default([]),
  targetGroups: z.array(TargetGroupSchema).default([]),
});

// ---------------------------------------------------------------- Application Auto Scaling

const ScalingActivitySchema = z.object({
  at: IsoDate,
  endAt: IsoDate.optional(),
  statusCode: z.enum(['Pending', 'InProgress', 'Successful', 'Overridden', 'Unfulfilled', 'Failed']),
  description: Name,
  cause: Name,
  statusMessage: z.string().optional(),
  /** Generated from the position when absent. */
  id: z.string().optional(),
});

const ScalingPolicySchema = z.object({
  name: Name,
  type: z.enum(['TargetTrackingScaling', 'StepScaling']).default('TargetTrackingScaling'),
  /** Target tracking: the value to keep the metric at. */
  targetValue: z.number().optional(),
  /** e.g. ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget */
  predefinedMetricType: z.string().optional(),
  scaleInCooldown: Count.optional(),
  scaleOutCooldown: Count.optional(),
  /** Names of the CloudWatch alarms that trigger it. */
  alarms: z.array(Name).default([]),
});

const ScalableTargetSchema = z.object({
  /** `service/CLUSTER/SERVICE` for an ECS service. */
  resourceId: z.string().regex(/^[^\s]+\/[^\s]+$/, 'expected e.g. "service/prod/checkout"'),
  serviceNamespace: z.enum(['ecs', 'elasticmapreduce', 'ec2', 'appstream', 'dynamodb', 'rds', 'sagemaker', 'custom-resource', 'comprehend', 'lambda', 'cassandra', 'kafka', 'elasticache', 'neptune', 'workspaces']).default('ecs'),
  scalableDimension: z.string().default('ecs:service:DesiredCount'),
  minCapacity: Count,
  maxCapacity: Count,
  createdAt: IsoDate.optional(),
  suspended: z.object({ dynamicScalingIn: z.boolean().default(false), dynamicScalingOut: z.boolean().default(false), scheduledScaling: z.boolean().default(false) }).optional(),
  policies: z.array(ScalingPolicySchema).default([]),
  /** Any order; served newest first. */
  activities: z.array(ScalingActivitySchema).default([]),
}).superRefine((target, ctx) => {
  if (target.serviceNamespace === 'ecs' && !/^service\/[^/]+\/[^/]+$/.test(target.resourceId)) {
    ctx.addIssue({ code: 'custom', path: ['resourceId'], message: 'an ECS resourceId is "service/CLUSTER/SERVICE"' });
  }
});

export const AutoScalingWorldSchema = z.array(ScalableTargetSchema);

export type ScenarioCloudWatch = z.output<typeof CloudWatchWorldSchema>;
export type ScenarioMetric = ScenarioCloudWatch['metrics'][number];
export type ScenarioAlarm = ScenarioCloudWatch['alarms'][number];
export type ScenarioElb = z.output<typeof ElbWorldSchema>;
export type ScenarioLoadBalancer = ScenarioElb['loadBalancers'][number];
export type ScenarioTargetGroup = ScenarioElb['targetGroups'][number];
export type ScenarioScalableTarget = z.output<typeof AutoScalingWorldSchema>[number];

// ---------------------------------------------------------------- cross-references

type Path = (string | number)[];

/** `arn:…:targetgroup/NAME/ID` → { name, id }; a bare name → { name }. */
export function parseTargetGroupRef(ref: string): { name: string; id?: string } {
  const match = /targetgroup\/([^/]+)\/([^/]+)$/.exec(ref);
  return match ? { name: match[1], id: match[2] } : { name: ref };
}

interface SignalsWorld {
  cloudwatch?: ScenarioCloudWatch;
  elb?: ScenarioElb;
  autoscaling?: z.output<typeof AutoScalingWorldSchema>;
  ecs: { clusters: { name: string; services: { name: string; loadBalancers: { targetGroupArn: string }[] }[] }[] };
}

/** Unique names and resolvable references across the AWS signal sections (and ECS services' target groups). */
export function checkAwsSignalReferences(world: SignalsWorld, issue: (path: Path, message: string) => void): void {
  const alarms = new Set<string>();
  world.cloudwatch?.alarms.forEach((alarm, index) => {
    if (alarms.has(alarm.name)) issue(['world', 'cloudwatch', 'alarms', index, 'name'], `duplicate alarm "${alarm.name}"`);
    alarms.add(alarm.name);
  });
  const metrics = new Set<string>();
  world.cloudwatch?.metrics.forEach((metric, index) => {
    const key = JSON.stringify([metric.namespace, metric.metricName, Object.entries(metric.dimensions).sort()]);
    if (metrics.has(key)) issue(['world', 'cloudwatch', 'metrics', index], `duplicate metric ${metric.namespace} ${metric.metricName} with the same dimensions (merge their series)`);
    metrics.add(key);
  });

  const loadBalancers = new Set<string>();
  world.elb?.loadBalancers.forEach((lb, index) => {
    if (loadBalancers.has(lb.name)) issue(['world', 'elb', 'loadBalancers', index, 'name'], `duplicate load balancer "${lb.name}"`);
    loadBalancers.add(lb.name);
  });
  const targetGroups = new Map<string, string | undefined>();
  world.elb?.targetGroups.forEach((group, index) => {
    const path: Path = ['world', 'elb', 'targetGroups', index];
    if (targetGroups.has(group.name)) issue([...path, 'name'], `duplicate target group "${group.name}"`);
    targetGroups.set(group.name, group.id);
    if (group.loadBalancer !== undefined && !loadBalancers.has(group.loadBalancer)) {
      issue([...path, 'loadBalancer'], `load balancer "${group.loadBalancer}" is not in world.elb.loadBalancers`);
    }
  });
  const groupNames = new Set(targetGroups.keys());
  world.elb?.loadBalancers.forEach((lb, index) =>
    lb.listeners?.forEach((listener, l) => {
      if (listener.defaultTargetGroup !== undefined && !groupNames.has(listener.defaultTargetGroup)) {
        issue(['world', 'elb', 'loadBalancers', index, 'listeners', l, 'defaultTargetGroup'], `target group "${listener.defaultTargetGroup}" is not in world.elb.targetGroups`);
      }
    }),
  );

  world.ecs.clusters.forEach((cluster, c) =>
    cluster.services.forEach((service, s) =>
      service.loadBalancers.forEach((binding, b) => {
        const path: Path = ['world', 'ecs', 'clusters', c, 'services', s, 'loadBalancers', b, 'targetGroupArn'];
        const ref = parseTargetGroupRef(binding.targetGroupArn);
        if (!targetGroups.has(ref.name)) issue(path, `target group "${ref.name}" is not in world.elb.targetGroups`);
        else {
          const id = targetGroups.get(ref.name);
          if (id !== undefined && ref.id !== undefined && id !== ref.id) issue(path, `target group "${ref.name}" has id ${id}, not ${ref.id}`);
        }
      }),
    ),
  );

  const targets = new Set<string>();
  world.autoscaling?.forEach((target, index) => {
    const key = `${target.serviceNamespace}|${target.resourceId}|${target.scalableDimension}`;
    if (targets.has(key)) issue(['world', 'autoscaling', index, 'resourceId'], `duplicate scalable target ${target.resourceId}`);
    targets.add(key);
    if (target.minCapacity > target.maxCapacity) issue(['world', 'autoscaling', index, 'maxCapacity'], 'maxCapacity is below minCapacity');
  });
}
