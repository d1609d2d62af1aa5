/**
 * Maps @octokit/rest failures to ProviderError kinds, with messages that name the call and the
 * repository — never the token.
 *
 * Octokit throws `RequestError` (`.status` = HTTP status, `.response.headers`) for HTTP errors;
 * a network failure is a RequestError with status 500 and no `response`; a cancelled fetch
 * rethrows the `AbortError`.
 */
import { ProviderError, type ProviderErrorKind } from '../types';

export interface GitHubCallContext {
  /** The REST call, e.g. listPullRequestsAssociatedWithCommit. */
  operation: string;
  /** What it was about: `owner/repo@sha`. */
  target: string;
  /** The API base the call went to (for "could not reach"). */
  baseUrl: string;
  /** Values that must never appear in a message (the token). */
  secrets?: readonly string[];
}

function redact(message: string, secrets: readonly string[] = []): string {
  let out = message;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}

/** GitHub signals rate limiting as 403 or 429 with these headers (primary and secondary limits). */
function isRateLimited(status: number, headers: Record<string, unknown>, message: string): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(message);
}

function resetHint(headers: Record<string, unknown>): string {
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return ` Retry in ${retryAfter} s.`;
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return ` The limit resets at ${new Date(reset * 1000).toISOString()}.`;
  return '';
}

/** GitHub's `message` without the ` - https://docs.github.com/…` suffix Octokit appends. */
function gitHubMessage(error: { message?: unknown; response?: { data?: unknown } }): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  if (data && typeof data.message === 'string') return data.message;
  return typeof error.message === 'string' ? error.message.replace(/ - https?:\/\/\S+$/, '') : '';
}

/**
 * Wraps any failure of a call. `signal` is the caller's (aborted → cancelled); `deadline` is the
 * provider's own timeout (aborted → timeout).
 */
export function toGitHubError(error: unknown, call: GitHubCallContext, signal?: AbortSignal, deadline?: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  const what = `GitHub ${call.operation} on ${call.target}`;
  const make = (kind: ProviderErrorKind, message: string) => new ProviderError('github', kind, redact(message, call.secrets), { cause: error });
  if (signal?.aborted) return make('cancelled', `${what} was cancelled`);
  if (deadline?.aborted) return make('timeout', `${what} timed out (no answer from ${call.baseUrl})`);
  const err = (error ?? {}) as { name?: unknown; status?: unknown; message?: unknown; response?: { headers?: Record<string, unknown>; data?: unknown } };
  if (err.name === 'AbortError') return make('cancelled', `${what} was cancelled`);
  const status = typeof err.status === 'number' ? err.status : undefined;
  if (status === undefined || !err.response) {
    const detail = typeof err.message === 'string' ? err.message.split('\n')[0] : String(error);
    return make('failed', `${what} failed: could not reach the GitHub API at ${call.baseUrl} (${detail})`);
  }
  const headers = err.response.headers ?? {};
  const message = gitHubMessage(err);
  const why = message ? `: ${message}` : '';
  if (isRateLimited(status, headers, message)) return make('throttled', `${what} was rate-limited by GitHub (HTTP ${status})${why}.${resetHint(headers)}`);
  if (status === 401) return make('access-denied', `${what} was rejected (HTTP 401${why}): the GitHub token is missing, expired or revoked. Sign in to GitHub again.`);
  if (status === 403) return make('access-denied', `${what} was forbidden (HTTP 403${why}). The token lacks access to the repository (scopes, SSO authorization or organization policy).`);
  if (status === 404) return make('not-found', `${what}: not found (HTTP 404). The repository does not exist or the token cannot see it.`);
  // An unknown sha answers 422 "No commit found for SHA".
  if (status === 422 && /no commit found/i.test(message)) return make('not-found', `${what}: GitHub does not have this commit (is it pushed?)${why}`);
  if (status === 408 || status === 504) return make('timeout', `${what} timed out (HTTP ${status})${why}`);
  return make('failed', `${what} failed (HTTP ${status})${why}`);
}
