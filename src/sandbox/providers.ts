/** Real providers (real SDKs over real HTTP, git CLI) pointed at a running sandbox. */
import { createAwsProviders } from '../providers/aws/client';
import { GitCliProvider } from '../providers/git/gitCli';
import type { ProviderSet } from '../providers/types';
import type { SandboxHandle } from './sandbox';

export function sandboxProviders(handle: Pick<SandboxHandle, 'aws' | 'repoDir'>): ProviderSet {
  // maxAttempts 1: a throttling fault must surface at once instead of being retried with backoff.
  const aws = createAwsProviders({ region: handle.aws.region, endpoint: handle.aws.endpoint, credentials: handle.aws.credentials, maxAttempts: 1 });
  return { logs: aws.logs, ecs: aws.ecs, git: new GitCliProvider(handle.repoDir) };
}
