/**
 * Builds the AWS providers from a connection description. Outside the sandbox only `region`
 * (and optionally `profile`) are set and the SDK's default credential chain runs with the
 * user's own credentials; the sandbox adds a loopback `endpoint` and fixed fake `credentials`.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { EcsProvider, LogsProvider } from '../types';
import { CloudWatchLogsProvider } from './cloudwatchLogs';
import { EcsApiProvider } from './ecs';

export interface AwsConnection {
  region: string;
  /** A named profile from ~/.aws/config; omitted = the default chain (env, SSO, instance role…). */
  profile?: string;
  /** Only for emulators (the sandbox); real AWS endpoints come from the region. */
  endpoint?: string;
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
}

export function createAwsProviders(connection: AwsConnection): AwsProviders {
  const config = {
    region: connection.region,
    ...(connection.profile ? { profile: connection.profile } : {}),
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...(connection.credentials ? { credentials: connection.credentials } : {}),
    ...(connection.maxAttempts !== undefined ? { maxAttempts: connection.maxAttempts } : {}),
    ...(connection.requestTimeoutMs !== undefined
      ? { requestHandler: { requestTimeout: connection.requestTimeoutMs, throwOnRequestTimeout: true } }
      : {}),
  };
  const options = {
    profile: connection.profile,
    secrets: [connection.credentials?.secretAccessKey, connection.credentials?.sessionToken, connection.credentials?.accessKeyId],
  };
  return {
    logs: new CloudWatchLogsProvider(new CloudWatchLogsClient(config), {
      ...options,
      ...(connection.insightsTimeoutMs !== undefined ? { insights: { timeoutMs: connection.insightsTimeoutMs } } : {}),
    }),
    ecs: new EcsApiProvider(new ECSClient(config), options),
  };
}
