/**
 * Application Auto Scaling for the emulator (AWS JSON 1.1, target `AnyScaleFrontendService.<Op>`,
 * PascalCase members, epoch-SECONDS timestamps): DescribeScalableTargets,
 * DescribeScalingActivities (newest first) and DescribeScalingPolicies over `world.autoscaling`.
 */
import { EmulatorError } from '../emulatorError';
import { createRng, hashSeed } from '../scenario/logTemplate';
import type { Scenario, ScenarioScalableTarget } from '../scenario/scenario';
import { compact } from './awsCommon';
import { decodePageToken, encodePageToken } from './pageToken';

type Body = Record<string, unknown>;

const validation = (message: string) => new EmulatorError('ValidationException', message);
const seconds = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso) / 1000);

function stableUuid(seed: string): string {
  const rng = createRng(hashSeed(seed));
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export class AutoScalingWorldState {
  private readonly targets: ScenarioScalableTarget[];
  private readonly region: string;
  private readonly accountId: string;

  constructor(private readonly scenario: Scenario) {
    this.targets = scenario.world.autoscaling ?? [];
    this.region = scenario.world.aws.region;
    this.accountId = scenario.world.aws.accountId;
  }

  handle(operation: string, body: Body): unknown {
    switch (operation) {
      case 'DescribeScalableTargets':
        return this.describeScalableTargets(body);
      case 'DescribeScalingActivities':
        return this.describeScalingActivities(body);
      case 'DescribeScalingPolicies':
        return this.describeScalingPolicies(body);
      default:
        return undefined;
    }
  }

  /** Targets of the request's namespace, dimension and resource(s). */
  private select(body: Body, resourceIds?: string[]): ScenarioScalableTarget[] {
    const namespace = body.ServiceNamespace;
    if (typeof namespace !== 'string') throw validation("1 validation error detected: Value null at 'serviceNamespace' failed to satisfy constraint: Member must not be null");
    const dimension = typeof body.ScalableDimension === 'string' ? body.ScalableDimension : undefined;
    return this.targets.filter(
      (target) =>
        target.serviceNamespace === namespace &&
        (dimension === undefined || target.scalableDimension === dimension) &&
        (resourceIds === undefined || resourceIds.includes(target.resourceId)),
    );
  }

  private page<T>(items: T[], body: Body, key: string, defaultSize: number, max: number) {
    const size = body.MaxResults ?? defaultSize;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > max) throw validation(`MaxResults must be between 1 and ${max}`);
    const offset = body.NextToken === undefined ? 0 : decodePageToken(body.NextToken, key, 'InvalidNextTokenException', 'Invalid token');
    return { page: items.slice(offset, offset + size), NextToken: offset + size < items.length ? encodePageToken(key, offset + size) : undefined };
  }

  private targetArn(target: ScenarioScalableTarget): string {
    return `arn:aws:application-autoscaling:${this.region}:${this.accountId}:scalable-target/${stableUuid(`${this.scenario.id}/aas/${target.resourceId}`).replace(/-/g, '').slice(0, 28)}`;
  }

  private describeScalableTargets(body: Body) {
    const ids = Array.isArray(body.ResourceIds) ? body.ResourceIds.map(String) : undefined;
    const selected = this.select(body, ids);
    const { page, NextToken } = this.page(selected, body, JSON.stringify(['targets', body.ServiceNamespace, ids, body.ScalableDimension]), 50, 50);
    return compact({
      ScalableTargets: page.map((target) =>
        compact({
          ServiceNamespace: target.serviceNamespace,
          ResourceId: target.resourceId,
          ScalableDimension: target.scalableDimension,
          MinCapacity: target.minCapacity,
          MaxCapacity: target.maxCapacity,
          RoleARN: `arn:aws:iam::${this.accountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
          CreationTime: seconds(target.createdAt) ?? Date.parse(this.scenario.clock.now) / 1000 - 30 * 86_400,
          SuspendedState: {
            DynamicScalingInSuspended: target.suspended?.dynamicScalingIn ?? false,
            DynamicScalingOutSuspended: target.suspended?.dynamicScalingOut ?? false,
            ScheduledScalingSuspended: target.suspended?.scheduledScaling ?? false,
          },
          ScalableTargetARN: this.targetArn(target),
        }),
      ),
      NextToken,
    });
  }

  private describeScalingActivities(body: Body) {
    const resourceId = typeof body.ResourceId === 'string' ? body.ResourceId : undefined;
    if (body.ScalableDimension !== undefined && resourceId === undefined) throw validation('ResourceId is required when ScalableDimension is given');
    const selected = this.select(body, resourceId === undefined ? undefined : [resourceId]);
    const activities = selected
      .flatMap((target) => target.activities.map((activity, index) => ({ target, activity, index })))
      .sort((a, b) => Date.parse(b.activity.at) - Date.parse(a.activity.at) || b.index - a.index);
    const { page, NextToken } = this.page(activities, body, JSON.stringify(['activities', body.ServiceNamespace, resourceId, body.ScalableDimension]), 50, 50);
    return compact({
      ScalingActivities: page.map(({ target, activity, index }) =>
        compact({
          ActivityId: activity.id ?? stableUuid(`${this.scenario.id}/aas/${target.resourceId}/activity/${index}`),
          ServiceNamespace: target.serviceNamespace,
          ResourceId: target.resourceId,
          ScalableDimension: target.scalableDimension,
          Description: activity.description,
          Cause: activity.cause,
          StartTime: seconds(activity.at),
          EndTime: seconds(activity.endAt) ?? (['Successful', 'Failed', 'Overridden', 'Unfulfilled'].includes(activity.statusCode) ? seconds(activity.at)! + 30 : undefined),
          StatusCode: activity.statusCode,
          StatusMessage: activity.statusMessage ?? (activity.statusCode === 'Successful' ? `Successfully set desired count to ${/(\d+)/.exec(activity.description)?.[1] ?? '?'}. Change successfully fulfilled by ${target.serviceNamespace}.` : undefined),
        }),
      ),
      NextToken,
    });
  }

  private describeScalingPolicies(body: Body) {
    const resourceId = typeof body.ResourceId === 'string' ? body.ResourceId : undefined;
    const names = Array.isArray(body.PolicyNames) ? body.PolicyNames.map(String) : undefined;
    const selected = this.select(body, resourceId === undefined ? undefined : [resourceId]);
    const policies = selected.flatMap((target) => target.policies.filter((policy) => !names || names.includes(policy.name)).map((policy) => ({ target, policy })));
    const { page, NextToken } = this.page(policies, body, JSON.stringify(['policies', body.ServiceNamespace, resourceId, names, body.ScalableDimension]), 10, 10);
    return compact({
      ScalingPolicies: page.map(({ target, policy }) =>
        compact({
          PolicyARN: `arn:aws:autoscaling:${this.region}:${this.accountId}:scalingPolicy:${stableUuid(`${this.scenario.id}/aas/${target.resourceId}/policy/${policy.name}`)}:resource/${target.serviceNamespace}/${target.resourceId}:policyName/${policy.name}`,
          PolicyName: policy.name,
          ServiceNamespace: target.serviceNamespace,
          ResourceId: target.resourceId,
          ScalableDimension: target.scalableDimension,
          PolicyType: policy.type,
          TargetTrackingScalingPolicyConfiguration:
            policy.type === 'TargetTrackingScaling'
              ? compact({
                  TargetValue: policy.targetValue ?? 50,
                  PredefinedMetricSpecification: policy.predefinedMetricType ? { PredefinedMetricType: policy.predefinedMetricType } : undefined,
                  ScaleInCooldown: policy.scaleInCooldown,
                  ScaleOutCooldown: policy.scaleOutCooldown,
                })
              : undefined,
          StepScalingPolicyConfiguration: policy.type === 'StepScaling' ? { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] } : undefined,
          Alarms: policy.alarms.map((name) => ({ AlarmName: name, AlarmARN: `arn:aws:cloudwatch:${this.region}:${this.accountId}:alarm:${name}` })),
          CreationTime: seconds(target.createdAt) ?? Date.parse(this.scenario.clock.now) / 1000 - 30 * 86_400,
        }),
      ),
      NextToken,
    });
  }
}
