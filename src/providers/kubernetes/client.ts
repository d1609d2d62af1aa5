/**
 * Builds the Kubernetes provider from a connection description. Outside the sandbox that is the
 * user's kubeconfig (kubectl's lookup, or the path from the settings) and the context from the
 * settings, with the user's own credentials (tokens, client certificates, exec plugins such as
 * `aws eks get-token`); the sandbox passes its loopback server and token inline.
 */
import type { KubernetesConnection } from './config';
import { KubernetesApiProvider } from './provider';

export type { InlineConnection, KubeconfigConnection, KubernetesConnection } from './config';
export { KubernetesApiProvider, type KubernetesConnectionInfo } from './provider';

/** Synchronous and cheap: the client library and the kubeconfig load on the first call (or `connect()`). */
export function createKubernetesProvider(options: KubernetesConnection): KubernetesApiProvider {
  return new KubernetesApiProvider(options);
}
