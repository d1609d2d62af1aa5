/**
 * AutoScalingProvider over the real Application Auto Scaling API (DescribeScalableTargets,
 * DescribeScalingActivities, DescribeScalingPolicies) for ECS services
 * (`service/CLUSTER/SERVICE`, dimension `ecs:service:DesiredCount`). Read-only and bounded.
 */
import {
  type ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import type { AutoScalingProvider, ScalableTarget, ScalingActivity, ScalingPolicy } from '../types';
import { type AwsCallContext, callAws } from './errors';

/** Most scaling activities one call returns (newest first). */
export const MAX_ACTIVITIES = 200;
const MAX_PAGES = 10;

export interface AutoScalingProviderOptions {
  profile?: string;
  secrets?: readonly (string | undefined)[];
}

const ECS = { ServiceNamespace: 'ecs' as const, ScalableDimension: 'ecs:service:DesiredCount' as const };

export class ApplicationAutoScalingProvider implements AutoScalingProvider {
  readonly id = 'autoscaling' as const;

  constructor(
    private readonly client: ApplicationAutoScalingClient,
    private readonly options: AutoScalingProviderOptions = {},
  ) {}

  private context(operation: string, target: string): AwsCallContext {
    return { provider: 'autoscaling', operation, target, profile: this.options.profile, secrets: this.options.secrets };
  }

  private call<T>(context: AwsCallContext, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    return callAws(context, signal, run);
  }

  async scalableTarget(resourceId: string, signal?: AbortSignal): Promise<ScalableTarget | undefined> {
    const output = await this.call(this.context('DescribeScalableTargets', resourceId), signal, () =>
      this.client.send(new DescribeScalableTargetsCommand({ ...ECS, ResourceIds: [resourceId] }), { abortSignal: signal }),
    );
    const target = output.ScalableTargets?.[0];
    if (!target) return undefined;
    return {
      serviceNamespace: target.ServiceNamespace ?? ECS.ServiceNamespace,
      resourceId: target.ResourceId ?? resourceId,
      scalableDimension: target.ScalableDimension ?? ECS.ScalableDimension,
      minCapacity: target.MinCapacity ?? 0,
      maxCapacity: target.MaxCapacity ?? 0,
      suspended: {
        dynamicScalingIn: target.SuspendedState?.DynamicScalingInSuspended ?? false,
        dynamicScalingOut: target.SuspendedState?.DynamicScalingOutSuspended ?? false,
        scheduledScaling: target.SuspendedState?.ScheduledScalingSuspended ?? false,
      },
      ...(target.CreationTime ? { createdAt: target.CreationTime.getTime() } : {}),
    };
  }

  async scalingActivities(resourceId: string, since?: number, signal?: AbortSignal): Promise<ScalingActivity[]> {
    const out: ScalingActivity[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await this.call(this.context('DescribeScalingActivities', resourceId), signal, () =>
        this.client.send(new DescribeScalingActivitiesCommand({ ...ECS, ResourceId: resourceId, MaxResults: 50, NextToken: nextToken }), { abortSignal: signal }),
      );
      const activities = page.ScalingActivities ?? [];
      for (const activity of activities) {
        const startTime = activity.StartTime?.getTime() ?? 0;
        if (since !== undefined && startTime < since) continue;
        out.push({
          id: activity.ActivityId ?? '',
          resourceId: activity.ResourceId ?? resourceId,
          description: activity.Description ?? '',
          cause: activity.Cause ?? '',
          statusCode: activity.StatusCode ?? 'Unknown',
          ...(activity.StatusMessage !== undefined ? { statusMessage: activity.StatusMessage } : {}),
          startTime,
          ...(activity.EndTime ? { endTime: activity.EndTime.getTime() } : {}),
        });
      }
      // Newest first: once a page reaches before `since`, older pages cannot match.
      const oldest = activities.at(-1)?.StartTime?.getTime();
      if (since !== undefined && oldest !== undefined && oldest < since) break;
      nextToken = page.NextToken;
    } while (nextToken && out.length < MAX_ACTIVITIES && ++pages < MAX_PAGES);
    return out.sort((a, b) => b.startTime - a.startTime).slice(0, MAX_ACTIVITIES);
  }

  async scalingPolicies(resourceId: string, signal?: AbortSignal): Promise<ScalingPolicy[]> {
    const out: ScalingPolicy[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await this.call(this.context('DescribeScalingPolicies', resourceId), signal, () =>
        this.client.send(new DescribeScalingPoliciesCommand({ ...ECS, ResourceId: resourceId, NextToken: nextToken }), { abortSignal: signal }),
      );
      for (const policy of page.ScalingPolicies ?? []) {
        const tracking = policy.TargetTrackingScalingPolicyConfiguration;
        out.push({
          name: policy.PolicyName ?? '',
          arn: policy.PolicyARN ?? '',
          type: policy.PolicyType ?? '',
          ...(tracking?.TargetValue !== undefined ? { targetValue: tracking.TargetValue } : {}),
          ...(tracking?.PredefinedMetricSpecification?.PredefinedMetricType !== undefined ? { predefinedMetricType: tracking.PredefinedMetricSpecification.PredefinedMetricType } : {}),
          ...(tracking?.ScaleInCooldown !== undefined ? { scaleInCooldownSeconds: tracking.ScaleInCooldown } : {}),
          ...(tracking?.ScaleOutCooldown !== undefined ? { scaleOutCooldownSeconds: tracking.ScaleOutCooldown } : {}),
          alarmNames: (policy.Alarms ?? []).map((alarm) => alarm.AlarmName ?? '').filter(Boolean),
        });
      }
      nextToken = page.NextToken;
    } while (nextToken && ++pages < MAX_PAGES);
    return out;
  }
}
