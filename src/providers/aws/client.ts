/**
 * Builds the AWS providers from a connection description. Outside the sandbox only `region`
 * (and optionally `profile`) are set and the SDK's default credential chain runs with the
 * user's own credentials; the sandbox adds a loopback `endpoint` and fixed fake `credentials`.
 */
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AutoScalingProvider, EcsProvider, LoadBalancingProvider, LogsProvider, MetricsProvider } from '../types';
import { ApplicationAutoScalingProvider } from './autoscaling';
import { CloudWatchMetricsProvider } from './cloudwatch';
import { CloudWatchLogsProvider } from './cloudwatchLogs';
import { EcsApiProvider } from './ecs';
import { ElbApiProvider } from './elb';

export interface AwsConnection {
  region: string;
  /** A named profile from ~/.aws/config; omitted = the default chain (env, SSO, instance role…). */
  profile?: string;
  /** Only for emulators (the sandbox); real AWS endpoints come from the region. */
  endpoint?: string;
  /** Per-service endpoints (emulators): each wins over `endpoint` for its service. */
  endpoints?: Partial<Record<'logs' | 'ecs' | 'cloudwatch' | 'elb' | 'autoscaling', string>>;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** SDK attempts including retries (the SDK default is 3); 1 in tests so faults surface at once. */
  maxAttempts?: number;
  /** Per-request limit in ms; exceeding it fails the call with kind `timeout`. */
  requestTimeoutMs?: number;
  /** How long a Logs Insights query may run (polling included) before it is stopped; default 60 s. */
  insightsTimeoutMs?: number;
}

export interface AwsProviders {
  logs: LogsProvider;
  ecs: EcsProvider;
  metrics: MetricsProvider;
  loadBalancing: LoadBalancingProvider;
  autoScaling: AutoScalingProvider;
}

/** SDK attempts when the connection does not say: the SDK's standard retry mode (bounded exponential backoff with jitter). */
export const DEFAULT_MAX_ATTEMPTS = 3;

export function createAwsProviders(connection: AwsConnection): AwsProviders {
  const configFor = (service: keyof NonNullable<AwsConnection['endpoints']>) => {
    const endpoint = connection.endpoints?.[service] ?? connection.endpoint;
    return {
      region: connection.region,
      ...(connection.profile ? { profile: connection.profile } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(connection.credentials ? { credentials: connection.credentials } : {}),
      ...(connection.maxAttempts !== undefined ? { maxAttempts: connection.maxAttempts } : {}),
      ...(connection.requestTimeoutMs !== undefined
        ? { requestHandler: { requestTimeout: connection.requestTimeoutMs, throwOnRequestTimeout: true } }
        : {}),
    };
  };
  const signalConfig = (service: 'cloudwatch' | 'elb' | 'autoscaling') => ({ retryMode: 'standard', maxAttempts: DEFAULT_MAX_ATTEMPTS, ...configFor(service) });
  const options = {
    profile: connection.profile,
    secrets: [connection.credentials?.secretAccessKey, connection.credentials?.sessionToken, connection.credentials?.accessKeyId],
  };
  return {
    logs: new CloudWatchLogsProvider(new CloudWatchLogsClient(configFor('logs')), {
      ...options,
      ...(connection.insightsTimeoutMs !== undefined ? { insights: { timeoutMs: connection.insightsTimeoutMs } } : {}),
    }),
    ecs: new EcsApiProvider(new ECSClient(configFor('ecs')), options),
    metrics: new CloudWatchMetricsProvider(new CloudWatchClient(signalConfig('cloudwatch')), options),
    loadBalancing: new ElbApiProvider(new ElasticLoadBalancingV2Client(signalConfig('elb')), options),
    autoScaling: new ApplicationAutoScalingProvider(new ApplicationAutoScalingClient(signalConfig('autoscaling')), options),
  };
}
