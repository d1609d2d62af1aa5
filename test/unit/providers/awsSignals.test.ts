process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * The AWS signal providers (CloudWatch metrics and alarms, ELBv2 target health, Application
 * Auto Scaling, ECS depth) through the real @aws-sdk clients, over real HTTP, against the
 * sandbox's emulators. Nothing here replaces `send`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { createAwsProviders } from '../../../src/providers/aws/client';
import { CloudWatchMetricsProvider, periodForWindow } from '../../../src/providers/aws/cloudwatch';
import type { ProviderSet } from '../../../src/providers/types';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/sandbox';
import { parseScenario } from '../../../src/sandbox/scenario/scenario';
import { ALB_DIMENSIONS, CPU_DIMENSIONS, signalsScenario, TG_ARN } from '../sandbox/awsSignals.fixture';
import type { MiniOptions } from '../sandbox/miniScenario';
import { expectProviderError } from './expectProviderError';

const iso = (value: string) => Date.parse(value);
const MINUTE = 60_000;

async function start(options: MiniOptions = {}): Promise<{ handle: SandboxHandle; providers: Required<ProviderSet> }> {
  const handle = await startSandbox({ scenario: parseScenario(signalsScenario(options)) });
  return { handle, providers: sandboxProviders(handle) as Required<ProviderSet> };
}

describe('CloudWatch metrics provider (GetMetricData)', () => {
  let handle: SandboxHandle;
  let metrics: Required<ProviderSet>['metrics'];
  before(async () => {
    ({ handle, providers: { metrics } } = await start());
  });
  after(() => handle.close());

  const latency = { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', dimensions: ALB_DIMENSIONS };
  const last10 = [iso('2026-01-15T11:50:00Z'), iso('2026-01-15T12:00:00Z')] as const;

  it('aggregates server-side: every statistic over one 10-minute period', async () => {
    const stats = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p90', 'p99'];
    const series = await metrics.getMetricData(
      stats.map((stat, i) => ({ id: `s${i}`, ...latency, stat, periodSeconds: 600 })),
      ...last10,
    );
    assert.deepEqual(
      series.map((s) => [s.id, s.points.map((p) => p.value)]),
      [
        ['s0', [0.55]],
        ['s1', [5.5]],
        ['s2', [0.1]],
        ['s3', [1]],
        ['s4', [10]],
        ['s5', [0.5]],
        ['s6', [0.9]],
        ['s7', [1]],
      ],
    );
    assert.ok(series.every((s) => s.status === 'complete' && s.points[0].timestamp === last10[0] && s.label === 'TargetResponseTime'));
  });

  it('buckets by the requested period, aligned to it, oldest first; Sum of a step shows the jump', async () => {
    const [fiveXx] = await metrics.getMetricData(
      [{ id: 'errors', namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', dimensions: ALB_DIMENSIONS, stat: 'Sum', periodSeconds: 300, label: '5xx' }],
      iso('2026-01-15T11:20:00Z'),
      iso('2026-01-15T12:00:00Z'),
    );
    assert.equal(fiveXx.label, '5xx');
    assert.deepEqual(
      fiveXx.points.map((p) => [new Date(p.timestamp).toISOString().slice(11, 16), p.value]),
      [
        ['11:20', 0],
        ['11:25', 0],
        ['11:30', 25],
        ['11:35', 25],
        ['11:40', 500],
        ['11:45', 500],
        ['11:50', 500],
        ['11:55', 500],
      ],
    );
  });

  it('sizes the period to the window (at most ~100 points) when the query sets none', async () => {
    assert.equal(periodForWindow(0, 60 * MINUTE), 60);
    assert.equal(periodForWindow(0, 2 * 60 * MINUTE), 120);
    assert.equal(periodForWindow(0, 24 * 60 * MINUTE), 900);
    assert.equal(periodForWindow(0, 30 * 24 * 60 * MINUTE), 43200);
    const [cpu] = await metrics.getMetricData([{ namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: CPU_DIMENSIONS, stat: 'Maximum' }], iso('2026-01-15T10:00:00Z'), iso('2026-01-15T12:00:00Z'));
    assert.equal(cpu.query.periodSeconds, 120);
    assert.equal(cpu.id, 'm0');
    assert.equal(cpu.points.length, 60);
    const first = cpu.points.slice(0, 30).map((p) => p.value);
    assert.ok(first.every((v) => v >= 25 && v <= 35), 'steady 30 ± 5 for the first hour');
    assert.equal(cpu.points.at(-1)!.value, 89, 'the ramp reaches 89 at its last point');
    const again = await metrics.getMetricData([{ namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: CPU_DIMENSIONS, stat: 'Maximum' }], iso('2026-01-15T10:00:00Z'), iso('2026-01-15T12:00:00Z'));
    assert.deepEqual(again[0].points, cpu.points, 'the noise is deterministic');
  });

  it('reports a metric without datapoints (Container Insights off, other dimensions, other unit) as empty, not zero', async () => {
    const series = await metrics.getMetricData(
      [
        { namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', dimensions: CPU_DIMENSIONS, stat: 'Average' },
        { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: { ClusterName: 'c1' }, stat: 'Average' },
        { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: CPU_DIMENSIONS, stat: 'Average', unit: 'Count' },
      ],
      iso('2026-01-15T11:00:00Z'),
      iso('2026-01-15T12:00:00Z'),
    );
    assert.deepEqual(
      series.map((s) => [s.status, s.points.length]),
      [
        ['empty', 0],
        ['empty', 0],
        ['empty', 0],
      ],
    );
  });

  it('pages with NextToken within its datapoint budget and marks a cut series partial', async () => {
    const before = handle.requests().filter((r) => r.operation === 'GetMetricData').length;
    const query = { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: CPU_DIMENSIONS, stat: 'Average', periodSeconds: 60 };
    const [full] = await metrics.getMetricData([query], iso('2026-01-15T10:00:00Z'), iso('2026-01-15T12:00:00Z'));
    assert.equal(full.points.length, 120);
    const small = new CloudWatchMetricsProvider(new CloudWatchClient({ region: handle.aws.region, endpoint: handle.aws.endpoints.cloudwatch, credentials: handle.aws.credentials, maxAttempts: 1 }), { maxDatapoints: 50 });
    const [cut] = await small.getMetricData([query], iso('2026-01-15T10:00:00Z'), iso('2026-01-15T12:00:00Z'));
    assert.equal(cut.status, 'partial');
    assert.deepEqual(cut.points, full.points.slice(0, 50));
    assert.equal(handle.requests().filter((r) => r.operation === 'GetMetricData').length - before, 2);
  });
});

describe('CloudWatch alarms provider', () => {
  let handle: SandboxHandle;
  let metrics: Required<ProviderSet>['metrics'];
  before(async () => {
    ({ handle, providers: { metrics } } = await start());
  });
  after(() => handle.close());

  it('describes alarms by name, prefix and state', async () => {
    const all = await metrics.describeAlarms({});
    assert.deepEqual(all.map((a) => [a.name, a.state]), [
      ['web-5xx', 'ALARM'],
      ['web-cpu-high', 'OK'],
      ['web-latency-p99', 'INSUFFICIENT_DATA'],
    ]);
    const [fiveXx] = await metrics.describeAlarms({ names: ['web-5xx'] });
    assert.deepEqual(
      { ...fiveXx, arn: undefined },
      {
        name: 'web-5xx',
        arn: undefined,
        description: '5xx from the web target group',
        state: 'ALARM',
        stateReason: 'Threshold Crossed: 3 datapoints [100.0, 100.0, 5.0] were greater than the threshold (50.0).',
        stateUpdatedAt: iso('2026-01-15T11:42:00Z'),
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions: ALB_DIMENSIONS,
        statistic: 'Sum',
        periodSeconds: 60,
        evaluationPeriods: 3,
        threshold: 50,
        comparisonOperator: 'GreaterThanThreshold',
        actionsEnabled: true,
        alarmActions: ['arn:aws:sns:eu-west-1:111122223333:oncall'],
      },
    );
    assert.equal(fiveXx.arn, 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:web-5xx');
    assert.deepEqual((await metrics.describeAlarms({ prefix: 'web-c' })).map((a) => a.name), ['web-cpu-high']);
    assert.deepEqual((await metrics.describeAlarms({ state: 'ALARM' })).map((a) => a.name), ['web-5xx']);
    assert.deepEqual(await metrics.describeAlarms({ names: ['nope'] }), []);
    const [p99] = await metrics.describeAlarms({ names: ['web-latency-p99'] });
    assert.equal(p99.statistic, 'p99', 'an ExtendedStatistic reads as the statistic');
  });

  it('reads the history of a recovery: ALARM → OK after OK → ALARM, newest first, with the datapoints', async () => {
    const history = await metrics.alarmHistory('web-cpu-high');
    assert.deepEqual(
      history.map((h) => [h.timestamp, h.from, h.to, h.summary, h.recentDatapoints]),
      [
        [iso('2026-01-15T11:35:00Z'), 'ALARM', 'OK', 'Alarm updated from ALARM to OK', [62.1, 60.3]],
        [iso('2026-01-15T11:20:00Z'), 'OK', 'ALARM', 'Alarm updated from OK to ALARM', [85.2, 81]],
      ],
    );
    assert.match(history[0].reason!, /were not greater than or equal to the threshold/);
    assert.deepEqual((await metrics.alarmHistory('web-cpu-high', { endTime: iso('2026-01-15T11:30:00Z') })).map((h) => h.to), ['ALARM']);
    assert.deepEqual((await metrics.alarmHistory('web-cpu-high', { limit: 1 })).map((h) => h.to), ['OK']);
  });

  it('finds the alarms on a metric and lists metrics by namespace and dimension', async () => {
    assert.deepEqual((await metrics.alarmsForMetric({ namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: CPU_DIMENSIONS })).map((a) => a.name), ['web-cpu-high']);
    const alb = await metrics.listMetrics({ namespace: 'AWS/ApplicationELB' });
    assert.deepEqual(alb.map((m) => m.metricName), ['HTTPCode_Target_5XX_Count', 'TargetResponseTime']);
    assert.deepEqual(alb[0].dimensions, ALB_DIMENSIONS);
    assert.deepEqual((await metrics.listMetrics({ dimensions: { ServiceName: undefined } })).map((m) => m.metricName), ['CPUUtilization']);
    assert.deepEqual((await metrics.listMetrics({ dimensions: { ServiceName: 'other' } })).length, 0);
    assert.deepEqual((await metrics.listMetrics({ namespace: 'Custom/Web' })).length, 0, 'no data in the last two weeks: not listed');
    assert.deepEqual((await metrics.listMetrics({ recentlyActive: true })).length, 3);
  });
});

describe('Load balancing provider (ELBv2)', () => {
  let handle: SandboxHandle;
  let providers: Required<ProviderSet>;
  before(async () => {
    ({ handle, providers } = await start());
  });
  after(() => handle.close());

  it("finds an ECS service's target groups and reads target health with reasons", async () => {
    const service = await providers.ecs.describeService('c1', 'web');
    assert.deepEqual(service.loadBalancers, [{ targetGroupArn: TG_ARN, containerName: 'web', containerPort: 8080 }]);
    assert.deepEqual(service.deploymentCircuitBreaker, { enable: true, rollback: true });
    const [group] = await providers.loadBalancing.targetGroupsOfService(service);
    assert.equal(group.arn, TG_ARN);
    assert.deepEqual(group.loadBalancerArns, ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web-alb/50dc6c495c0c9188']);
    assert.deepEqual(group.healthCheck, { enabled: true, protocol: 'HTTP', port: 'traffic-port', path: '/health', matcher: '200', intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 5, unhealthyThreshold: 2 });
    const health = await providers.loadBalancing.targetHealth(group.arn);
    assert.deepEqual(health, [
      { id: '10.0.1.17', port: 8080, state: 'unhealthy', reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [404]' },
      { id: '10.0.1.18', port: 8080, state: 'healthy' },
      { id: '10.0.2.9', port: 8080, state: 'draining', reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' },
    ]);
  });

  it('describes load balancers and target groups by load balancer, name and ARN; unknown ones are not-found', async () => {
    const [lb] = await providers.loadBalancing.describeLoadBalancers({ names: ['web-alb'] });
    assert.deepEqual([lb.name, lb.type, lb.state, lb.dnsName], ['web-alb', 'application', 'active', 'web-alb-1234.eu-west-1.elb.amazonaws.com']);
    assert.deepEqual((await providers.loadBalancing.describeTargetGroups({ loadBalancerArn: lb.arn })).map((g) => g.name), ['web-tg']);
    assert.deepEqual((await providers.loadBalancing.describeTargetGroups({})).map((g) => g.name), ['web-tg', 'batch-tg']);
    const [batch] = await providers.loadBalancing.describeTargetGroups({ names: ['batch-tg'] });
    assert.match(batch.arn, /^arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup\/batch-tg\/[0-9a-f]{16}$/);
    assert.deepEqual([batch.protocol, batch.healthCheck.protocol, batch.healthCheck.path, batch.loadBalancerArns], ['TCP', 'TCP', undefined, []]);
    await expectProviderError(providers.loadBalancing.describeTargetGroups({ names: ['ghost'] }), 'not-found', 'TargetGroupNotFound', 'elb');
    await expectProviderError(providers.loadBalancing.targetHealth(TG_ARN.replace('web-tg', 'gone-tg')), 'not-found', 'Elastic Load Balancing DescribeTargetHealth');
    await expectProviderError(providers.loadBalancing.describeLoadBalancers({ names: ['ghost'] }), 'not-found', 'LoadBalancerNotFound');
  });
});

describe('Auto scaling provider (Application Auto Scaling)', () => {
  let handle: SandboxHandle;
  let autoScaling: Required<ProviderSet>['autoScaling'];
  before(async () => {
    ({ handle, providers: { autoScaling } } = await start());
  });
  after(() => handle.close());

  it("reads an ECS service's scalable target, policies and activities since a time, newest first", async () => {
    const target = await autoScaling.scalableTarget('service/c1/web');
    assert.deepEqual(target, {
      serviceNamespace: 'ecs',
      resourceId: 'service/c1/web',
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: 2,
      maxCapacity: 6,
      suspended: { dynamicScalingIn: false, dynamicScalingOut: false, scheduledScaling: false },
      createdAt: iso('2026-01-01T00:00:00Z'),
    });
    assert.equal(await autoScaling.scalableTarget('service/c1/other'), undefined, 'no auto scaling');
    const activities = await autoScaling.scalingActivities('service/c1/web', iso('2026-01-15T11:00:00Z'));
    assert.deepEqual(
      activities.map((a) => [a.startTime, a.statusCode, a.description]),
      [
        [iso('2026-01-15T11:45:00Z'), 'Failed', 'Setting desired count to 8.'],
        [iso('2026-01-15T11:21:00Z'), 'Successful', 'Setting desired count to 6.'],
      ],
    );
    assert.equal(activities[0].statusMessage, 'Failed to set desired count to 8: reached maxCapacity 6');
    assert.match(activities[1].cause, /triggered policy cpu-target/);
    assert.equal((await autoScaling.scalingActivities('service/c1/web')).length, 3);
    const [policy] = await autoScaling.scalingPolicies('service/c1/web');
    assert.deepEqual(
      { ...policy, arn: undefined },
      { name: 'cpu-target', arn: undefined, type: 'TargetTrackingScaling', targetValue: 60, predefinedMetricType: 'ECSServiceAverageCPUUtilization', scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60, alarmNames: ['TargetTracking-service/c1/web-AlarmHigh'] },
    );
  });
});

describe('ECS depth: container definitions and standalone tasks', () => {
  let handle: SandboxHandle;
  let ecs: Required<ProviderSet>['ecs'];
  before(async () => {
    ({ handle, providers: { ecs } } = await start());
  });
  after(() => handle.close());

  it('maps secrets (names and ARNs only), health check, ports, command, entry point and the awslogs group', async () => {
    const { containers } = await ecs.describeTaskDefinition('web:2');
    const [web] = containers;
    assert.deepEqual(web.secrets, [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:web/db-AbCdEf' }]);
    assert.deepEqual(web.healthCheck, { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 });
    assert.deepEqual(web.portMappings, [{ containerPort: 8080, protocol: 'tcp' }]);
    assert.deepEqual([web.command, web.entryPoint], [['node', 'server.js'], ['/usr/bin/tini', '--']]);
    assert.deepEqual(web.logConfiguration, {
      logDriver: 'awslogs',
      options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web', 'awslogs-region': 'eu-west-1' },
      logGroup: '/ecs/web',
      streamPrefix: 'web',
      region: 'eu-west-1',
    });
    const [old] = (await ecs.describeTaskDefinition('web:1')).containers;
    assert.equal(old.secrets, undefined);
    assert.equal(old.logConfiguration, undefined);
  });

  it('lists standalone tasks by family or startedBy, newest first, within a window; stopped ones only for an hour', async () => {
    const byFamily = await ecs.listClusterTasks!('c1', { family: 'exporter' });
    assert.deepEqual(
      byFamily.map((t) => [t.taskArn.split('/').pop(), t.group, t.startedBy, t.lastStatus, t.launchType]),
      [
        ['adhocrun0001', 'family:exporter', 'ops-console', 'RUNNING', 'EC2'],
        ['exportnew001', 'family:nightly-export', 'events-rule/nightly-export', 'STOPPED', 'FARGATE'],
      ],
      'exportold001 stopped 90 minutes before now: ECS no longer returns it',
    );
    const scheduled = await ecs.listClusterTasks!('c1', { startedBy: 'events-rule/nightly-export', desiredStatus: 'STOPPED' });
    assert.deepEqual(scheduled.map((t) => [t.taskArn.split('/').pop(), t.stoppedAt, t.createdAt, t.containers[0].exitCode]), [['exportnew001', iso('2026-01-15T11:40:00Z'), iso('2026-01-15T11:30:00Z'), 1]]);
    assert.deepEqual((await ecs.listClusterTasks!('c1', { family: 'exporter', since: iso('2026-01-15T11:50:00Z') })).map((t) => t.taskArn.split('/').pop()), ['adhocrun0001']);
    assert.deepEqual((await ecs.listClusterTasks!('c1', { family: 'exporter', until: iso('2026-01-15T11:50:00Z') })).map((t) => t.taskArn.split('/').pop()), ['exportnew001']);
    assert.equal((await ecs.listClusterTasks!('c1', { family: 'exporter', limit: 1 })).length, 1);
    const withService = await ecs.listClusterTasks!('c1', { family: 'web', standaloneOnly: false, desiredStatus: 'RUNNING' });
    assert.deepEqual(withService.map((t) => t.group).sort(), ['service:other', 'service:web']);
    assert.deepEqual(await ecs.listClusterTasks!('c1', { family: 'web' }), [], 'service tasks are not standalone');
  });

  it('lists the cluster\'s services with their deployments (ListServices + DescribeServices)', async () => {
    const services = await ecs.listServices!('c1');
    assert.deepEqual(services.map((s) => s.serviceName).sort(), ['other', 'web']);
    const web = services.find((s) => s.serviceName === 'web')!;
    assert.ok(web.deployments.length >= 1, 'deployments come with each service');
    assert.equal(web.cluster, 'c1');
    await expectProviderError(ecs.listServices!('nope'), 'not-found', 'ListServices');
  });

  it('keeps stopped service tasks about an hour too', async () => {
    const stopped = await ecs.listTasks('c1', 'web', 'STOPPED');
    assert.equal(stopped.length, 3, 'the three from 11:10, not the one stopped at 10:00');
    assert.ok(stopped.every((t) => t.group === 'service:web' && t.startedBy === undefined));
  });
});

describe('AWS signal faults map to ProviderError kinds', () => {
  it('throttling (with a retry hint) and access denied naming the IAM action, per service; `times` limits a fault', async () => {
    const { handle, providers } = await start({
      faults: [
        { service: 'cloudwatch', operation: 'GetMetricData', error: 'ThrottlingException', times: 1 },
        { service: 'cloudwatch', operation: 'DescribeAlarms', error: 'AccessDeniedException' },
        { service: 'cloudwatch', operation: 'DescribeAlarmHistory', error: 'Throttling' },
        { service: 'elb', operation: 'DescribeTargetHealth', error: 'AccessDenied' },
        { service: 'elb', operation: 'DescribeTargetGroups', error: 'ThrottlingException' },
        { service: 'autoscaling', operation: 'DescribeScalingActivities', error: 'ThrottlingException' },
        { service: 'autoscaling', operation: 'DescribeScalableTargets', error: 'AccessDeniedException' },
        { service: 'autoscaling', operation: 'DescribeScalingPolicies', error: 'ResourceNotFoundException' },
        { service: 'cloudwatch', operation: 'ListMetrics', error: 'InternalFailure' },
      ],
    });
    try {
      const query = [{ namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: CPU_DIMENSIONS, stat: 'Average' }];
      const window = [iso('2026-01-15T11:00:00Z'), iso('2026-01-15T12:00:00Z')] as const;
      const throttled = await expectProviderError(providers.metrics.getMetricData(query, ...window), 'throttled', /CloudWatch GetMetricData on AWS\/ECS CPUUtilization was throttled by AWS \(Throttling\)/, 'cloudwatch');
      assert.equal(throttled.retryAfterMs, 2000);
      assert.equal((await providers.metrics.getMetricData(query, ...window))[0].points.length, 60, 'the one-shot fault is used up');
      await expectProviderError(providers.metrics.describeAlarms({}), 'access-denied', 'cloudwatch:DescribeAlarms');
      await expectProviderError(providers.metrics.alarmHistory('web-5xx'), 'throttled', 'DescribeAlarmHistory');
      await expectProviderError(providers.metrics.listMetrics({}), 'failed', 'InternalFailure');
      const denied = await expectProviderError(providers.loadBalancing.targetHealth(TG_ARN), 'access-denied', 'elasticloadbalancing:DescribeTargetHealth', 'elb');
      assert.match(denied.message, /AccessDenied/);
      await expectProviderError(providers.loadBalancing.describeTargetGroups({ names: ['web-tg'] }), 'throttled', 'Throttling');
      await expectProviderError(providers.autoScaling.scalingActivities('service/c1/web'), 'throttled', 'ThrottlingException', 'autoscaling');
      await expectProviderError(providers.autoScaling.scalableTarget('service/c1/web'), 'access-denied', 'application-autoscaling:DescribeScalableTargets');
      await expectProviderError(providers.autoScaling.scalingPolicies('service/c1/web'), 'not-found', 'ObjectNotFoundException');
      const requests = handle.requests().filter((r) => r.service === 'cloudwatch' && r.operation === 'GetMetricData');
      assert.deepEqual(requests.map((r) => [r.status, r.errorType]), [
        [400, 'Throttling'],
        [200, undefined],
      ]);
    } finally {
      await handle.close();
    }
  });

  it('maps an AbortSignal to cancelled and wrong keys to access-denied', async () => {
    const { handle, providers } = await start({ faults: [{ service: 'elb', operation: 'DescribeTargetHealth', delayMs: 5000 }] });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await expectProviderError(providers.loadBalancing.targetHealth(TG_ARN, controller.signal), 'cancelled');
      assert.ok(Date.now() - started < 2000);
      const wrong = createAwsProviders({ region: 'eu-west-1', endpoints: handle.aws.endpoints, credentials: { accessKeyId: 'AKIAWRONGKEY00000000', secretAccessKey: 'wrong-secret-value' }, maxAttempts: 1 });
      for (const call of [wrong.metrics.describeAlarms({}), wrong.loadBalancing.describeLoadBalancers({}), wrong.autoScaling.scalableTarget('service/c1/web')]) {
        const error = await expectProviderError(call, 'access-denied');
        assert.equal(error.message.includes('AKIAWRONGKEY00000000'), false);
      }
    } finally {
      await handle.close();
    }
  });
});
