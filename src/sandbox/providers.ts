/** Real providers (real SDKs over real HTTP, git CLI) pointed at a running sandbox. */
import { createAwsProviders } from '../providers/aws/client';
import { GitCliProvider } from '../providers/git/gitCli';
import { createGitHubProvider } from '../providers/github/client';
import { createKubernetesProvider } from '../providers/kubernetes/client';
import type { ProviderSet } from '../providers/types';
import type { SandboxHandle } from './sandbox';

export function sandboxProviders(handle: Pick<SandboxHandle, 'aws' | 'repoDir' | 'kubernetes' | 'github'>): ProviderSet {
  // maxAttempts 1: a throttling fault must surface at once instead of being retried with backoff.
  const aws = createAwsProviders({ region: handle.aws.region, endpoint: handle.aws.endpoint, endpoints: handle.aws.endpoints, credentials: handle.aws.credentials, maxAttempts: 1 });
  const providers: ProviderSet = {
    logs: aws.logs,
    ecs: aws.ecs,
    metrics: aws.metrics,
    loadBalancing: aws.loadBalancing,
    autoScaling: aws.autoScaling,
    git: new GitCliProvider(handle.repoDir),
  };
  const k8s = handle.kubernetes;
  // The same client a real cluster gets, loaded from options instead of ~/.kube/config.
  if (k8s) providers.kubernetes = createKubernetesProvider({ inline: { server: k8s.server, token: k8s.token, namespace: k8s.namespace, context: k8s.context } });
  // Octokit with the emulator as its API base, as a GitHub Enterprise server would be.
  const github = handle.github;
  if (github) providers.github = createGitHubProvider({ owner: github.owner, repo: github.repo, token: github.token, baseUrl: github.baseUrl });
  return providers;
}
