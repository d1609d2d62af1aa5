/**
 * The mini scenario (miniScenario.ts) plus AWS signals beyond logs: CloudWatch metrics and
 * alarms, a load balancer with target health, ECS service auto scaling, container depth and
 * standalone tasks. Every value the AWS signal tests assert on is visible here. Fresh JSON
 * each call (tests mutate it).
 */
import type { ScenarioInput } from '../../../src/sandbox/scenario/scenario';
import { miniScenario, type MiniOptions } from './miniScenario';

export const TG_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web-tg/6d0ecf831eec9f09';
export const LB_DIMENSION = 'app/web-alb/50dc6c495c0c9188';
export const TG_DIMENSION = 'targetgroup/web-tg/6d0ecf831eec9f09';
export const CPU_DIMENSIONS = { ClusterName: 'c1', ServiceName: 'web' };
export const ALB_DIMENSIONS = { LoadBalancer: LB_DIMENSION, TargetGroup: TG_DIMENSION };

type World = ScenarioInput['world'];
type Service = NonNullable<NonNullable<NonNullable<World['ecs']>['clusters']>[number]['services']>[number];

export function signalsScenario(options: MiniOptions = {}): ScenarioInput {
  const scenario = miniScenario(options);
  const ecs = scenario.world.ecs!;
  const web2 = ecs.taskDefinitions!.find((definition) => definition.family === 'web' && definition.revision === 2)!;
  Object.assign(web2.containers[0], {
    secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:web/db-AbCdEf' }],
    healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], interval: 30, retries: 3, timeout: 5, startPeriod: 10 },
    portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
    command: ['node', 'server.js'],
    entryPoint: ['/usr/bin/tini', '--'],
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web', 'awslogs-region': 'eu-west-1' } },
  });
  ecs.taskDefinitions!.push({ family: 'exporter', revision: 3, registeredAt: '2026-01-10T00:00:00Z', containers: [{ name: 'export', image: 'registry.example/exporter:3' }] });

  const cluster = ecs.clusters![0];
  const web = cluster.services!.find((service) => service.name === 'web') as Service;
  web.loadBalancers = [{ targetGroupArn: TG_ARN, containerName: 'web', containerPort: 8080 }];
  web.deploymentConfiguration = { minimumHealthyPercent: 50, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } };

  const standalone = { taskDefinition: 'exporter:3', group: 'family:nightly-export', startedBy: 'events-rule/nightly-export' };
  cluster.tasks!.push(
    // Stopped 90 minutes before clock.now: ECS has forgotten it.
    { id: 'exportold001', ...standalone, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', createdAt: '2026-01-15T10:00:00Z', startedAt: '2026-01-15T10:00:30Z', stoppedAt: '2026-01-15T10:30:00Z', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'export', exitCode: 0 }] },
    { id: 'exportnew001', ...standalone, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', createdAt: '2026-01-15T11:30:00Z', startedAt: '2026-01-15T11:30:20Z', stoppedAt: '2026-01-15T11:40:00Z', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'export', exitCode: 1, reason: 'Error' }] },
    { id: 'adhocrun0001', taskDefinition: 'exporter:3', startedBy: 'ops-console', lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'EC2', createdAt: '2026-01-15T11:55:00Z', startedAt: '2026-01-15T11:55:20Z', containers: [{ name: 'export' }] },
    // A service task stopped two hours ago: gone too.
    { id: 'webold000001', service: 'web', taskDefinition: 'web:1', lastStatus: 'STOPPED', desiredStatus: 'STOPPED', startedAt: '2026-01-14T09:02:00Z', stoppedAt: '2026-01-15T10:00:00Z', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/2)', containers: [{ name: 'web', exitCode: 0 }] },
  );

  scenario.world.cloudwatch = {
    metrics: [
      {
        namespace: 'AWS/ECS',
        metricName: 'CPUUtilization',
        unit: 'Percent',
        dimensions: CPU_DIMENSIONS,
        periodSeconds: 60,
        series: [
          { from: '2026-01-15T10:00:00Z', to: '2026-01-15T11:00:00Z', shape: 'steady', value: 30, noise: 5 },
          { from: '2026-01-15T11:00:00Z', to: '2026-01-15T12:00:00Z', shape: 'ramp', value: 30, toValue: 89 },
        ],
      },
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        unit: 'Count',
        dimensions: ALB_DIMENSIONS,
        series: [
          { from: '2026-01-15T10:00:00Z', to: '2026-01-15T11:30:00Z', shape: 'steady', value: 0 },
          { from: '2026-01-15T11:30:00Z', to: '2026-01-15T12:00:00Z', shape: 'step', value: 5, toValue: 100, at: '2026-01-15T11:40:00Z' },
        ],
      },
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        unit: 'Seconds',
        dimensions: ALB_DIMENSIONS,
        points: Array.from({ length: 10 }, (_, i) => ({ at: `2026-01-15T11:5${i}:00Z`, value: (i + 1) / 10 })),
      },
      { namespace: 'Custom/Web', metricName: 'QueueDepth', dimensions: {}, series: [{ from: '2026-01-01T00:00:00Z', to: '2026-01-01T01:00:00Z', shape: 'noise', value: 10, noise: 3 }] },
    ],
    alarms: [
      {
        name: 'web-5xx',
        description: '5xx from the web target group',
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions: ALB_DIMENSIONS,
        statistic: 'Sum',
        periodSeconds: 60,
        evaluationPeriods: 3,
        threshold: 50,
        comparisonOperator: 'GreaterThanThreshold',
        state: 'ALARM',
        alarmActions: ['arn:aws:sns:eu-west-1:111122223333:oncall'],
        history: [{ at: '2026-01-15T11:42:00Z', from: 'OK', to: 'ALARM', reason: 'Threshold Crossed: 3 datapoints [100.0, 100.0, 5.0] were greater than the threshold (50.0).' }],
      },
      {
        name: 'web-cpu-high',
        namespace: 'AWS/ECS',
        metricName: 'CPUUtilization',
        dimensions: CPU_DIMENSIONS,
        statistic: 'Average',
        periodSeconds: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        threshold: 80,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        state: 'OK',
        history: [
          { at: '2026-01-15T11:35:00Z', from: 'ALARM', to: 'OK', reason: 'Threshold Crossed: 2 datapoints [62.1, 60.3] were not greater than or equal to the threshold (80.0).' },
          { at: '2026-01-15T11:20:00Z', from: 'OK', to: 'ALARM', reason: 'Threshold Crossed: 2 datapoints [85.2, 81.0] were greater than or equal to the threshold (80.0).' },
        ],
      },
      {
        name: 'web-latency-p99',
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: ALB_DIMENSIONS,
        statistic: 'p99',
        periodSeconds: 300,
        evaluationPeriods: 1,
        threshold: 2,
        comparisonOperator: 'GreaterThanThreshold',
        state: 'INSUFFICIENT_DATA',
      },
    ],
  };

  scenario.world.elb = {
    loadBalancers: [{ name: 'web-alb', id: '50dc6c495c0c9188', type: 'application', dnsName: 'web-alb-1234.eu-west-1.elb.amazonaws.com' }],
    targetGroups: [
      {
        name: 'web-tg',
        loadBalancer: 'web-alb',
        protocol: 'HTTP',
        port: 8080,
        targetType: 'ip',
        healthCheck: { path: '/health', port: 'traffic-port', matcher: '200', intervalSeconds: 30, timeoutSeconds: 5, healthyThresholdCount: 5, unhealthyThresholdCount: 2 },
        targets: [
          { id: '10.0.1.17', port: 8080, state: 'unhealthy', reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [404]' },
          { id: '10.0.1.18', port: 8080, state: 'healthy' },
          { id: '10.0.2.9', port: 8080, state: 'draining', reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' },
        ],
      },
      { name: 'batch-tg', protocol: 'TCP', port: 9000, targets: [] },
    ],
  };

  scenario.world.autoscaling = [
    {
      resourceId: 'service/c1/web',
      minCapacity: 2,
      maxCapacity: 6,
      createdAt: '2026-01-01T00:00:00Z',
      policies: [{ name: 'cpu-target', targetValue: 60, predefinedMetricType: 'ECSServiceAverageCPUUtilization', scaleInCooldown: 300, scaleOutCooldown: 60, alarms: ['TargetTracking-service/c1/web-AlarmHigh'] }],
      activities: [
        { at: '2026-01-15T09:00:00Z', statusCode: 'Successful', description: 'Setting desired count to 2.', cause: 'monitor alarm TargetTracking-service/c1/web-AlarmLow in state ALARM triggered policy cpu-target' },
        { at: '2026-01-15T11:45:00Z', statusCode: 'Failed', description: 'Setting desired count to 8.', cause: 'monitor alarm TargetTracking-service/c1/web-AlarmHigh in state ALARM triggered policy cpu-target', statusMessage: 'Failed to set desired count to 8: reached maxCapacity 6' },
        { at: '2026-01-15T11:21:00Z', statusCode: 'Successful', description: 'Setting desired count to 6.', cause: 'monitor alarm TargetTracking-service/c1/web-AlarmHigh in state ALARM triggered policy cpu-target' },
      ],
    },
  ];
  return scenario;
}
