/**
 * Maps AWS SDK v3 failures to ProviderError kinds, with messages an on-call engineer can act on.
 * Messages name the service, operation and target, never credentials: known secrets and
 * anything shaped like an access key are redacted, because these messages reach logs, the
 * scratchpad and the UI.
 */
import { ProviderError, type ProviderErrorKind } from '../types';

export type AwsProviderId = 'cloudwatch-logs' | 'ecs' | 'cloudwatch' | 'elb' | 'autoscaling';

export interface AwsCallContext {
  provider: AwsProviderId;
  operation: string;
  /** What the call was about: a log group, `cluster/service`, a task definition. */
  target: string;
  /** The configured profile, to say which one failed to produce credentials. */
  profile?: string;
  /** Values that must never appear in a message (the configured keys). */
  secrets?: readonly (string | undefined)[];
}

const SERVICE_NAMES: Record<AwsProviderId, string> = {
  'cloudwatch-logs': 'CloudWatch Logs',
  ecs: 'ECS',
  cloudwatch: 'CloudWatch',
  elb: 'Elastic Load Balancing',
  autoscaling: 'Application Auto Scaling',
};

/** The IAM service prefix of each provider's actions (`cloudwatch:GetMetricData`). */
export const IAM_SERVICE_PREFIX: Record<AwsProviderId, string> = {
  'cloudwatch-logs': 'logs',
  ecs: 'ecs',
  cloudwatch: 'cloudwatch',
  elb: 'elasticloadbalancing',
  autoscaling: 'application-autoscaling',
};

/** How long to wait after a throttle when the service does not say (a hint; the SDK's own retries already backed off). */
export const DEFAULT_RETRY_AFTER_MS = 2000;

const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
  'SlowDown',
]);
const ACCESS_DENIED = new Set([
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'UnauthorizedOperation',
  'CredentialsProviderError',
  'TokenProviderError',
]);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'ResourceNotFound',
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'NotFoundException',
  'TargetNotFoundException',
  'TargetGroupNotFoundException',
  'LoadBalancerNotFoundException',
  'ListenerNotFoundException',
  'ObjectNotFoundException',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Removes secrets from a message: the given values, access key ids, signatures and session tokens. */
export function redactSecrets(message: string, secrets: readonly (string | undefined)[] = []): string {
  let out = message;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '[redacted-key-id]')
    .replace(/(Signature|X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential)=[^&\s,]+/gi, '$1=[redacted]')
    .replace(/(aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1$2[redacted]');
}

function classify(name: string, code: string | undefined, message: string, status: number | undefined): ProviderErrorKind {
  if (name === 'AbortError' || code === 'ABORT_ERR') return 'cancelled';
  if (THROTTLED.has(name) || status === 429) return 'throttled';
  if (name.startsWith('AccessDenied') || ACCESS_DENIED.has(name) || status === 403) return 'access-denied';
  if (NOT_FOUND.has(name)) return 'not-found';
  // ECS answers a missing task definition with a generic ClientException.
  if ((name === 'ClientException' || name === 'InvalidParameterException') && /not found|unable to describe|does not exist/i.test(message)) {
    return 'not-found';
  }
  if (TIMEOUT_CODES.has(name) || (code !== undefined && TIMEOUT_CODES.has(code))) return 'timeout';
  return 'failed';
}

function describe(kind: ProviderErrorKind, context: AwsCallContext, name: string, detail: string, code: string | undefined): string {
  const call = `${SERVICE_NAMES[context.provider]} ${context.operation} on ${context.target}`;
  const why = detail ? `: ${detail}` : '';
  switch (kind) {
    case 'cancelled':
      return `${call} was cancelled`;
    case 'throttled':
      return `${call} was throttled by AWS (${name})${why}. Retry later or narrow the query.`;
    case 'access-denied':
      if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
        const profile = context.profile ? ` for profile "${context.profile}"` : '';
        return `No usable AWS credentials${profile} for ${call}${why}. Sign in (e.g. aws sso login) or check the profile.`;
      }
      return `Access denied for ${call} (${name})${why}. Check the AWS profile and its IAM permissions (this call needs ${IAM_SERVICE_PREFIX[context.provider]}:${context.operation}).`;
    case 'not-found':
      return `${call}: not found (${name})${why}`;
    case 'timeout':
      return `${call} timed out${why}`;
    default:
      if (code && UNREACHABLE_CODES.has(code)) return `${call} failed: could not reach the AWS endpoint (${code})`;
      return `${call} failed (${name})${why}`;
  }
}

/** Wraps any failure of an SDK call. A signal that was aborted always yields `cancelled`. */
export function toProviderError(error: unknown, context: AwsCallContext, signal?: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  const err = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
  const name = typeof err.name === 'string' && err.name ? err.name : 'Error';
  const code = typeof err.code === 'string' ? err.code : undefined;
  const rawMessage = typeof err.message === 'string' ? err.message : String(error);
  const kind = signal?.aborted ? 'cancelled' : classify(name, code, rawMessage, err.$metadata?.httpStatusCode);
  const detail = redactSecrets(rawMessage, context.secrets).trim();
  return new ProviderError(context.provider, kind, describe(kind, context, name, detail, code), { cause: error, ...(kind === 'throttled' ? { retryAfterMs: retryAfter(err.$response?.headers) } : {}) });
}

/** Retry-After (seconds or an HTTP date) when the answer had one, else DEFAULT_RETRY_AFTER_MS. */
function retryAfter(headers: Record<string, string> | undefined): number {
  const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (raw !== undefined) {
    const seconds = Number(raw);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 300_000);
    const date = Date.parse(raw);
    if (Number.isFinite(date)) return Math.min(Math.max(0, date - Date.now()), 300_000);
  }
  return DEFAULT_RETRY_AFTER_MS;
}

/** One AWS call with the providers' shared handling: cancellation first, every failure as a ProviderError. */
export async function callAws<T>(context: AwsCallContext, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  try {
    signal?.throwIfAborted();
    return await run();
  } catch (error) {
    throw toProviderError(error, context, signal);
  }
}
