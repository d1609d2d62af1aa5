/**
 * Commit → the pull request that brought it in, for the root cause's "reviewed in #128" link.
 * A commit can be in several pull requests (a feature branch, then a release branch); the merged
 * one is the one that shipped it. Never throws: a missing GitHub connection or a failed lookup
 * leaves the link out and says why, because the investigation stands without it.
 */
import { ProviderError, type GitHubProvider, type PullRequestRef } from '../../providers/types';

export interface PullRequestLookup {
  /** The first merged pull request containing the commit, else the first one, else undefined. */
  pullRequest?: PullRequestRef;
  /** Why there is none (no connection, none found, or the error), for the UI and the log. */
  reason?: string;
}

export async function pullRequestFor(sha: string, github?: GitHubProvider, signal?: AbortSignal): Promise<PullRequestLookup> {
  const short = sha.slice(0, 7);
  if (!github) return { reason: 'not connected to GitHub: sign in to GitHub to link commits to pull requests' };
  let pulls: PullRequestRef[];
  try {
    pulls = await github.pullRequestsForCommit(sha, signal);
  } catch (error) {
    const message = error instanceof ProviderError ? error.message : error instanceof Error ? error.message : String(error);
    return { reason: `pull request lookup for ${short} failed: ${message}` };
  }
  const pullRequest = pulls.find((pull) => pull.state === 'merged') ?? pulls[0];
  return pullRequest ? { pullRequest } : { reason: `no pull request on GitHub contains ${short}` };
}
