/**
 * The providers for a real environment, from the user's settings: AWS through the SDK's
 * default credential chain (optionally a named profile), Kubernetes through the user's
 * kubeconfig and context, git through the CLI in the repository. Nothing is loaded or
 * connected until first use.
 */
import { createAwsProviders } from './aws/client';
import { GitCliProvider } from './git/gitCli';
import { createKubernetesProvider } from './kubernetes/client';
import type { ProviderSet } from './types';

export interface EnvironmentSettings {
  /** AWS region; without it the AWS providers are left out (their evidence is "unavailable"). */
  awsRegion?: string;
  awsProfile?: string;
  /** Use Kubernetes (the default kubeconfig unless a path is given). */
  kubernetes?: { kubeconfigPath?: string; context?: string };
  /** The repository to read commits from. */
  repoRoot?: string;
}

export function createEnvironmentProviders(settings: EnvironmentSettings): ProviderSet {
  const providers: ProviderSet = {};
  if (settings.awsRegion) {
    const aws = createAwsProviders({ region: settings.awsRegion, profile: settings.awsProfile });
    providers.logs = aws.logs;
    providers.ecs = aws.ecs;
    // Metrics, alarms, load balancers and auto scaling: read-only, same credential chain.
    providers.metrics = aws.metrics;
    providers.loadBalancing = aws.loadBalancing;
    providers.autoScaling = aws.autoScaling;
  }
  if (settings.kubernetes) providers.kubernetes = createKubernetesProvider({ kubeconfigPath: settings.kubernetes.kubeconfigPath, context: settings.kubernetes.context });
  if (settings.repoRoot) providers.git = new GitCliProvider(settings.repoRoot);
  return providers;
}
