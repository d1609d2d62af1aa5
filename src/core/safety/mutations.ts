/**
 * Every mutation the product can make, in one place: how it reads in the approval dialog and
 * the audit log (the exact call), what it targets, and how it is executed through a provider.
 */
import { ProviderError, type EcsProvider, type KubernetesProvider } from '../../providers/types';
import type { MutationAction } from '../model';

export interface MutationProviders {
  ecs?: EcsProvider;
  kubernetes?: KubernetesProvider;
}

/** The call exactly as the SDK receives it, for the approval dialog and the audit log. */
export function formatApiCall(action: MutationAction): string {
  switch (action.kind) {
    case 'ecs.updateService': {
      const input: Record<string, unknown> = { cluster: action.cluster, service: action.service };
      if (action.taskDefinition !== undefined) input.taskDefinition = action.taskDefinition;
      if (action.desiredCount !== undefined) input.desiredCount = action.desiredCount;
      if (action.forceNewDeployment !== undefined) input.forceNewDeployment = action.forceNewDeployment;
      return `ecs.UpdateService(${JSON.stringify(input)})`;
    }
    case 'k8s.rolloutRestart':
      return `kubectl rollout restart deployment/${action.deployment} -n ${action.namespace}  (PATCH apps/v1 Deployment: spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"])`;
    case 'k8s.rolloutUndo':
      return `kubectl rollout undo deployment/${action.deployment} -n ${action.namespace} --to-revision=${action.toRevision}  (PATCH apps/v1 Deployment: pod template of revision ${action.toRevision})`;
    case 'k8s.scale':
      return `kubectl scale deployment/${action.deployment} -n ${action.namespace} --replicas=${action.replicas}  (PATCH apps/v1 Deployment/scale)`;
  }
}

/** What the mutation changes, for the dialog's headline. */
export function mutationTarget(action: MutationAction): string {
  return action.kind === 'ecs.updateService' ? `ECS service ${action.cluster}/${action.service}` : `deployment ${action.namespace}/${action.deployment}`;
}

/** Runs an approved mutation; returns a one-line description of the new state. */
export async function runMutation(action: MutationAction, providers: MutationProviders, signal?: AbortSignal): Promise<string> {
  switch (action.kind) {
    case 'ecs.updateService': {
      if (!providers.ecs) throw new ProviderError('ecs', 'not-configured', 'ECS is not configured; nothing was changed.');
      const service = await providers.ecs.updateService(
        { cluster: action.cluster, service: action.service, taskDefinition: action.taskDefinition, desiredCount: action.desiredCount, forceNewDeployment: action.forceNewDeployment },
        signal,
      );
      return `${service.serviceName} now runs ${service.taskDefinition.slice(service.taskDefinition.lastIndexOf('/') + 1)} (desired ${service.desiredCount}).`;
    }
    case 'k8s.rolloutRestart':
    case 'k8s.rolloutUndo':
    case 'k8s.scale': {
      const k8s = providers.kubernetes;
      if (!k8s) throw new ProviderError('kubernetes', 'not-configured', 'Kubernetes is not configured; nothing was changed.');
      const deployment =
        action.kind === 'k8s.rolloutRestart'
          ? await k8s.rolloutRestart(action.namespace, action.deployment, signal)
          : action.kind === 'k8s.rolloutUndo'
            ? await k8s.rolloutUndo(action.namespace, action.deployment, action.toRevision, signal)
            : await k8s.scale(action.namespace, action.deployment, action.replicas, signal);
      return `${deployment.namespace}/${deployment.name} at revision ${deployment.revision ?? '?'} (${deployment.replicas} replicas).`;
    }
  }
}
