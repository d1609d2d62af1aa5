process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * The AWS signal emulators on the wire, through the raw SDK clients (no provider): CloudWatch
 * (AWS JSON 1.0, query-compatible errors), ELBv2 (AWS Query, XML) and Application Auto Scaling
 * (AWS JSON 1.1), plus the ECS filters and stopped-task retention.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingActivitiesCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { DescribeListenersCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/sandbox';
import { parseScenario } from '../../../src/sandbox/scenario/scenario';
import { CPU_DIMENSIONS, signalsScenario, TG_ARN } from './awsSignals.fixture';

const dims = (record: Record<string, string>) => Object.entries(record).map(([Name, Value]) => ({ Name, Value }));

describe('AWS signal emulators on the wire', () => {
  let handle: SandboxHandle;
  let cloudwatch: CloudWatchClient;
  let elb: ElasticLoadBalancingV2Client;
  let autoscaling: ApplicationAutoScalingClient;
  let ecs: ECSClient;

  before(async () => {
    handle = await startSandbox({ scenario: parseScenario(signalsScenario()) });
    const base = { region: handle.aws.region, credentials: handle.aws.credentials, maxAttempts: 1 };
    cloudwatch = new CloudWatchClient({ ...base, endpoint: handle.aws.endpoints.cloudwatch });
    elb = new ElasticLoadBalancingV2Client({ ...base, endpoint: handle.aws.endpoints.elb });
    autoscaling = new ApplicationAutoScalingClient({ ...base, endpoint: handle.aws.endpoints.autoscaling });
    ecs = new ECSClient({ ...base, endpoint: handle.aws.endpoints.ecs });
  });
  after(async () => {
    for (const client of [cloudwatch, elb, autoscaling, ecs]) client.destroy();
    await handle.close();
  });

  const cpuQuery = (period: number) => ({ Id: 'cpu', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: dims(CPU_DIMENSIONS) }, Period: period, Stat: 'Average' } });

  it('GetMetricData: Timestamps newest first by default (ScanBy), Label defaults to the metric name, MaxDatapoints pages with NextToken', async () => {
    const window = { StartTime: new Date('2026-01-15T11:00:00Z'), EndTime: new Date('2026-01-15T12:00:00Z') };
    const all = await cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: [cpuQuery(600)], ...window }));
    const [result] = all.MetricDataResults!;
    assert.equal(result.Label, 'CPUUtilization');
    assert.equal(result.StatusCode, 'Complete');
    assert.deepEqual(result.Timestamps!.map((t) => t.toISOString().slice(11, 16)), ['11:50', '11:40', '11:30', '11:20', '11:10', '11:00']);
    assert.equal(all.NextToken, undefined);

    const first = await cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: [cpuQuery(600)], ...window, MaxDatapoints: 4, ScanBy: 'TimestampAscending' }));
    assert.equal(first.MetricDataResults![0].StatusCode, 'PartialData');
    assert.equal(first.MetricDataResults![0].Values!.length, 4);
    assert.equal(typeof first.NextToken, 'string');
    const second = await cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: [cpuQuery(600)], ...window, MaxDatapoints: 4, ScanBy: 'TimestampAscending', NextToken: first.NextToken }));
    assert.deepEqual([...first.MetricDataResults![0].Values!, ...second.MetricDataResults![0].Values!], [...result.Values!].reverse());
    assert.equal(second.MetricDataResults![0].StatusCode, 'Complete');
    assert.equal(second.NextToken, undefined);

    await assert.rejects(
      cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: [cpuQuery(600)], ...window, NextToken: 'bogus' })),
      (error: Error) => error.name === 'InvalidNextToken',
    );
    await assert.rejects(cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: [{ ...cpuQuery(90) }], ...window })), (error: Error) => error.name === 'InvalidParameterValueException' && /Period/.test(error.message));
    await assert.rejects(cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: [{ ...cpuQuery(60), Id: 'Upper' }], ...window })), (error: Error) => error.name === 'InvalidParameterValueException');
    await assert.rejects(cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: [{ Id: 'e1', Expression: 'SUM(METRICS())' }], ...window })), /metric math/);
    const request = handle.requests().find((r) => r.service === 'cloudwatch' && r.operation === 'GetMetricData')!;
    assert.equal(typeof request.body.StartTime, 'number', 'JSON 1.0 timestamps travel as epoch seconds');
  });

  it('DescribeAlarms pages; DescribeAlarmHistory writes HistoryData as CloudWatch does', async () => {
    const page = await cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 2 }));
    assert.deepEqual(page.MetricAlarms!.map((a) => a.AlarmName), ['web-5xx', 'web-cpu-high']);
    const rest = await cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 2, NextToken: page.NextToken }));
    assert.deepEqual(rest.MetricAlarms!.map((a) => [a.AlarmName, a.ExtendedStatistic, a.Statistic]), [['web-latency-p99', 'p99', undefined]]);
    assert.ok(page.MetricAlarms![0].StateUpdatedTimestamp instanceof Date);
    assert.deepEqual(JSON.parse(page.MetricAlarms![0].StateReasonData!).recentDatapoints, [100, 100, 5]);

    const history = await cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: 'web-cpu-high', ScanBy: 'TimestampAscending' }));
    const [first, second] = history.AlarmHistoryItems!;
    assert.deepEqual([first.HistoryItemType, first.AlarmType, first.HistorySummary, first.Timestamp!.toISOString()], ['StateUpdate', 'MetricAlarm', 'Alarm updated from OK to ALARM', '2026-01-15T11:20:00.000Z']);
    const data = JSON.parse(second.HistoryData!);
    assert.equal(data.version, '1.0');
    assert.equal(data.oldState.stateValue, 'ALARM');
    assert.equal(data.oldState.stateReason, first.HistoryData && JSON.parse(first.HistoryData).newState.stateReason);
    assert.deepEqual(
      { ...data.newState.stateReasonData, queryDate: undefined, startDate: undefined },
      { version: '1.0', queryDate: undefined, startDate: undefined, statistic: 'Average', period: 60, recentDatapoints: [62.1, 60.3], threshold: 80 },
    );
    assert.equal(data.newState.stateReasonData.queryDate, '2026-01-15T11:35:00.000+0000');
    const none = await cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: 'web-cpu-high', HistoryItemType: 'Action' }));
    assert.deepEqual(none.AlarmHistoryItems, []);
  });

  it('ELBv2 over AWS Query: health of named targets (an unregistered one is unused), a derived listener, XML errors', async () => {
    const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: TG_ARN, Targets: [{ Id: '10.0.1.18', Port: 8080 }, { Id: '10.9.9.9', Port: 8080 }] }));
    assert.deepEqual(
      health.TargetHealthDescriptions!.map((d) => [d.Target?.Id, d.HealthCheckPort, d.TargetHealth?.State, d.TargetHealth?.Reason]),
      [
        ['10.0.1.18', '8080', 'healthy', undefined],
        ['10.9.9.9', '8080', 'unused', 'Target.NotRegistered'],
      ],
    );
    const form = handle.requests().find((r) => r.service === 'elb' && r.operation === 'DescribeTargetHealth')!.body;
    assert.equal(form['Targets.member.2.Id'], '10.9.9.9', 'the Query protocol flattens lists into member.N fields');
    const { Listeners } = await elb.send(new DescribeListenersCommand({ LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web-alb/50dc6c495c0c9188' }));
    assert.deepEqual(Listeners!.map((l) => [l.Port, l.Protocol, l.DefaultActions?.[0].Type, l.DefaultActions?.[0].TargetGroupArn]), [[80, 'HTTP', 'forward', TG_ARN]]);
    await assert.rejects(elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: `${TG_ARN}0` })), (error: Error & { $metadata: { httpStatusCode?: number } }) => error.name === 'TargetGroupNotFoundException' && error.$metadata.httpStatusCode === 400);
  });

  it('Application Auto Scaling over JSON 1.1: epoch-second times, ValidationException without a namespace, activity paging', async () => {
    const { ScalableTargets } = await autoscaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }));
    assert.deepEqual(ScalableTargets!.map((t) => [t.ResourceId, t.CreationTime?.toISOString()]), [['service/c1/web', '2026-01-01T00:00:00.000Z']]);
    await assert.rejects(autoscaling.send(new DescribeScalableTargetsCommand({} as never)), (error: Error) => error.name === 'ValidationException');
    const first = await autoscaling.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs', ResourceId: 'service/c1/web', MaxResults: 2 }));
    assert.deepEqual(first.ScalingActivities!.map((a) => a.StatusCode), ['Failed', 'Successful']);
    const next = await autoscaling.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs', ResourceId: 'service/c1/web', MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual(next.ScalingActivities!.map((a) => a.StartTime?.toISOString()), ['2026-01-15T09:00:00.000Z']);
    assert.equal(next.NextToken, undefined);
  });

  it('ECS: ListTasks by startedBy (alone), and DescribeTasks forgets tasks stopped over an hour ago', async () => {
    const { taskArns } = await ecs.send(new ListTasksCommand({ cluster: 'c1', startedBy: 'events-rule/nightly-export', desiredStatus: 'STOPPED' }));
    assert.deepEqual(taskArns, ['arn:aws:ecs:eu-west-1:111122223333:task/c1/exportnew001']);
    await assert.rejects(ecs.send(new ListTasksCommand({ cluster: 'c1', startedBy: 'x', family: 'exporter' })), (error: Error) => error.name === 'InvalidParameterException');
    const described = await ecs.send(new DescribeTasksCommand({ cluster: 'c1', tasks: ['exportnew001', 'exportold001', 'webold000001'] }));
    assert.deepEqual(described.tasks!.map((t) => [t.group, t.startedBy]), [['family:nightly-export', 'events-rule/nightly-export']]);
    assert.deepEqual(described.failures!.map((f) => [f.arn?.split('/').pop(), f.reason]), [
      ['exportold001', 'MISSING'],
      ['webold000001', 'MISSING'],
    ]);
  });
});
