/**
 * LoadBalancingProvider over the real Elastic Load Balancing v2 API (DescribeLoadBalancers,
 * DescribeTargetGroups, DescribeTargetHealth). Read-only and bounded (page counts).
 */
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EcsService, LoadBalancer, LoadBalancingProvider, TargetGroup, TargetHealth } from '../types';
import { type AwsCallContext, callAws } from './errors';

/** DescribeTargetGroups takes at most 20 ARNs or names per call. */
const NAMES_PER_CALL = 20;
const MAX_PAGES = 10;

export interface ElbProviderOptions {
  profile?: string;
  secrets?: readonly (string | undefined)[];
}

function mapTargetGroup(group: SdkTargetGroup): TargetGroup {
  const healthCheck: TargetGroup['healthCheck'] = {};
  if (group.HealthCheckEnabled !== undefined) healthCheck.enabled = group.HealthCheckEnabled;
  if (group.HealthCheckProtocol !== undefined) healthCheck.protocol = group.HealthCheckProtocol;
  if (group.HealthCheckPort !== undefined) healthCheck.port = group.HealthCheckPort;
  if (group.HealthCheckPath !== undefined) healthCheck.path = group.HealthCheckPath;
  const matcher = group.Matcher?.HttpCode ?? group.Matcher?.GrpcCode;
  if (matcher !== undefined) healthCheck.matcher = matcher;
  if (group.HealthCheckIntervalSeconds !== undefined) healthCheck.intervalSeconds = group.HealthCheckIntervalSeconds;
  if (group.HealthCheckTimeoutSeconds !== undefined) healthCheck.timeoutSeconds = group.HealthCheckTimeoutSeconds;
  if (group.HealthyThresholdCount !== undefined) healthCheck.healthyThreshold = group.HealthyThresholdCount;
  if (group.UnhealthyThresholdCount !== undefined) healthCheck.unhealthyThreshold = group.UnhealthyThresholdCount;
  return {
    arn: group.TargetGroupArn ?? '',
    name: group.TargetGroupName ?? '',
    ...(group.Protocol !== undefined ? { protocol: group.Protocol } : {}),
    ...(group.Port !== undefined ? { port: group.Port } : {}),
    ...(group.TargetType !== undefined ? { targetType: group.TargetType } : {}),
    loadBalancerArns: group.LoadBalancerArns ?? [],
    healthCheck,
  };
}

export class ElbApiProvider implements LoadBalancingProvider {
  readonly id = 'elb' as const;

  constructor(
    private readonly client: ElasticLoadBalancingV2Client,
    private readonly options: ElbProviderOptions = {},
  ) {}

  private context(operation: string, target: string): AwsCallContext {
    return { provider: 'elb', operation, target, profile: this.options.profile, secrets: this.options.secrets };
  }

  private call<T>(context: AwsCallContext, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    return callAws(context, signal, run);
  }

  async describeLoadBalancers(filter: { arns?: string[]; names?: string[] }, signal?: AbortSignal): Promise<LoadBalancer[]> {
    const out: LoadBalancer[] = [];
    let marker: string | undefined;
    let pages = 0;
    const target = filter.names?.join(', ') ?? filter.arns?.join(', ') ?? 'all load balancers';
    do {
      const page = await this.call(this.context('DescribeLoadBalancers', target), signal, () =>
        this.client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: filter.arns, Names: filter.names, Marker: marker }), { abortSignal: signal }),
      );
      for (const lb of page.LoadBalancers ?? []) {
        out.push({
          arn: lb.LoadBalancerArn ?? '',
          name: lb.LoadBalancerName ?? '',
          type: lb.Type ?? 'application',
          ...(lb.Scheme !== undefined ? { scheme: lb.Scheme } : {}),
          ...(lb.DNSName !== undefined ? { dnsName: lb.DNSName } : {}),
          ...(lb.State?.Code !== undefined ? { state: lb.State.Code } : {}),
        });
      }
      marker = page.NextMarker;
    } while (marker && ++pages < MAX_PAGES);
    return out;
  }

  async describeTargetGroups(filter: { loadBalancerArn?: string; names?: string[]; arns?: string[] }, signal?: AbortSignal): Promise<TargetGroup[]> {
    const out: TargetGroup[] = [];
    const target = filter.loadBalancerArn ?? filter.names?.join(', ') ?? filter.arns?.join(', ') ?? 'all target groups';
    const run = async (input: { LoadBalancerArn?: string; Names?: string[]; TargetGroupArns?: string[] }) => {
      let marker: string | undefined;
      let pages = 0;
      do {
        const page = await this.call(this.context('DescribeTargetGroups', target), signal, () =>
          this.client.send(new DescribeTargetGroupsCommand({ ...input, Marker: marker }), { abortSignal: signal }),
        );
        out.push(...(page.TargetGroups ?? []).map(mapTargetGroup));
        marker = page.NextMarker;
      } while (marker && ++pages < MAX_PAGES);
    };
    if (filter.names && filter.names.length > 0) {
      for (let i = 0; i < filter.names.length; i += NAMES_PER_CALL) await run({ Names: filter.names.slice(i, i + NAMES_PER_CALL) });
    } else if (filter.arns && filter.arns.length > 0) {
      for (let i = 0; i < filter.arns.length; i += NAMES_PER_CALL) await run({ TargetGroupArns: filter.arns.slice(i, i + NAMES_PER_CALL) });
    } else {
      await run({ LoadBalancerArn: filter.loadBalancerArn });
    }
    return out;
  }

  async targetGroupsOfService(service: Pick<EcsService, 'loadBalancers'>, signal?: AbortSignal): Promise<TargetGroup[]> {
    const arns = [...new Set((service.loadBalancers ?? []).map((binding) => binding.targetGroupArn).filter((arn): arn is string => !!arn))];
    return arns.length === 0 ? [] : this.describeTargetGroups({ arns }, signal);
  }

  async targetHealth(targetGroupArn: string, signal?: AbortSignal): Promise<TargetHealth[]> {
    const output = await this.call(this.context('DescribeTargetHealth', targetGroupArn), signal, () =>
      this.client.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }), { abortSignal: signal }),
    );
    return (output.TargetHealthDescriptions ?? []).map((description) => ({
      id: description.Target?.Id ?? '',
      ...(description.Target?.Port !== undefined ? { port: description.Target.Port } : {}),
      ...(description.Target?.AvailabilityZone !== undefined ? { availabilityZone: description.Target.AvailabilityZone } : {}),
      state: description.TargetHealth?.State ?? 'unknown',
      ...(description.TargetHealth?.Reason !== undefined ? { reason: description.TargetHealth.Reason } : {}),
      ...(description.TargetHealth?.Description !== undefined ? { description: description.TargetHealth.Description } : {}),
    }));
  }
}
