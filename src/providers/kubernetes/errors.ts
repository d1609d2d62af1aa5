/**
 * Maps @kubernetes/client-node failures to ProviderError kinds, with messages that name the
 * call, the object, the context and (for connection problems) the server — never a token.
 *
 * The client throws `ApiException` (`.code` = HTTP status, `.body` = the raw `Status` JSON) for
 * HTTP errors and node-fetch's `FetchError` (`.code` = ECONNREFUSED, …) or `AbortError` below that.
 */
import { ProviderError, type ProviderErrorKind } from '../types';

export interface K8sCallContext {
  /** The client call, e.g. listNamespacedPod. */
  operation: string;
  /** What it was about: `namespace/name`, a namespace, `nodes`. */
  target: string;
  context: string;
  server: string;
  secrets?: readonly string[];
  /** The context's exec command / auth provider: failures before any HTTP answer are then credential failures. */
  authPlugin?: string;
  /** What RBAC must allow for this call (named in a 403's message, so one missing permission is clear). */
  permission?: { verb: string; resource: string; namespace?: string };
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN']);

/** Removes tokens from a message: the configured secrets and anything after "Bearer". */
export function redactTokens(message: string, secrets: readonly string[] = []): string {
  let out = message;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out.replace(/(Bearer\s+)[^\s"',]+/gi, '$1[redacted]').replace(/("?(?:token|password|client-key-data)"?\s*[:=]\s*"?)[^\s"',}]+/gi, '$1[redacted]');
}

/** The `message` of a Status body, else a short excerpt of whatever the server sent. */
function statusMessage(body: unknown): string {
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message;
    } catch {
      // not JSON: fall through to the raw text
    }
    return body.trim().slice(0, 300);
  }
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') return (body as { message: string }).message;
  return '';
}

function kindOfStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'access-denied';
  if (status === 404) return 'not-found';
  if (status === 429) return 'throttled';
  if (status === 408 || status === 504) return 'timeout';
  return 'failed';
}

/**
 * Wraps any failure of a client call. `signal` is the caller's (aborted → cancelled);
 * `timeout` is the provider's own per-request deadline (aborted → timeout).
 */
export function toKubernetesError(error: unknown, call: K8sCallContext, signal?: AbortSignal, timeout?: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  const what = `Kubernetes ${call.operation} on ${call.target} (context "${call.context}")`;
  const make = (kind: ProviderErrorKind, message: string) => new ProviderError('kubernetes', kind, redactTokens(message, call.secrets), { cause: error });
  if (signal?.aborted) return make('cancelled', `${what} was cancelled`);
  if (timeout?.aborted) return make('timeout', `${what} timed out (no answer from ${call.server})`);

  const err = (error ?? {}) as { name?: unknown; code?: unknown; body?: unknown; message?: unknown; type?: unknown };
  const rawMessage = typeof err.message === 'string' ? err.message : String(error);
  if (err.name === 'AbortError') return make('cancelled', `${what} was cancelled`);

  if (typeof err.code === 'number' && err.code >= 100 && err.code < 600) {
    const status = err.code;
    const detail = statusMessage(err.body);
    const kind = kindOfStatus(status);
    const why = detail ? `: ${detail}` : '';
    switch (kind) {
      case 'access-denied':
        return make(
          kind,
          status === 401
            ? `${what} was rejected as unauthenticated (HTTP 401)${why}. The credentials of context "${call.context}" are missing or expired; log in again (e.g. your cloud's get-credentials command).`
            : call.permission
              ? `${what} was forbidden (HTTP 403)${why}. The context's user may not ${call.permission.verb} ${call.permission.resource}${call.permission.namespace ? ` in namespace ${call.permission.namespace}` : ''}: check its RBAC permissions (docs/kubernetes-rbac.yaml).`
              : `${what} was forbidden (HTTP 403)${why}. Check the RBAC permissions of the context's user.`,
        );
      case 'not-found':
        return make(kind, `${what}: not found${why}`);
      case 'throttled':
        return make(kind, `${what} was throttled by the API server (HTTP 429)${why}. Retry later or narrow the query.`);
      case 'timeout':
        return make(kind, `${what} timed out (HTTP ${status})${why}`);
      default:
        return make(kind, `${what} failed (HTTP ${status})${why}`);
    }
  }

  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code && TIMEOUT_CODES.has(code)) return make('timeout', `${what} timed out connecting to ${call.server} (${code})`);
  if (code && UNREACHABLE_CODES.has(code)) {
    return make('failed', `${what} failed: could not reach the Kubernetes API server ${call.server} of context "${call.context}" (${code}). Is the cluster reachable (VPN, kubectl proxy, cluster running)?`);
  }
  if (/HTTP protocol is not allowed/.test(rawMessage)) {
    return make('not-configured', `${what}: ${call.server} uses plain HTTP, which the client only allows with insecure-skip-tls-verify: true`);
  }
  if (call.authPlugin) {
    // No HTTP answer and no network error: the credential plugin (aws eks get-token, gke-gcloud-auth-plugin, …) failed.
    const detail = rawMessage.trim().split('\n')[0] || (code ?? 'no output');
    return make('access-denied', `${what}: could not get credentials from "${call.authPlugin}" for context "${call.context}": ${detail}. Log in again or check that the command is installed.`);
  }
  return make('failed', `${what} failed: ${rawMessage.split('\n')[0]}`);
}
