/**
 * Where the Kubernetes provider connects: the user's kubeconfig (as kubectl finds it, or a
 * path from the settings) and a context — or, in the sandbox, an inline server + token.
 * Anything missing or unusable is a `not-configured` ProviderError that says what to fix;
 * nothing here talks to the cluster.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ProviderError } from '../types';
import type { K8s, KubernetesSdk } from './sdk';

export interface KubeconfigConnection {
  /** A kubeconfig file (setting); default: $KUBECONFIG, else ~/.kube/config, else in-cluster. */
  kubeconfigPath?: string;
  /** A context of that kubeconfig (setting); default: its current-context. */
  context?: string;
  /** Per-request limit in ms (default 30 s); exceeding it fails the call with kind `timeout`. */
  requestTimeoutMs?: number;
}

export interface InlineConnection {
  /** The sandbox (or a test) names the server and token directly. */
  inline: {
    server: string;
    token: string;
    namespace?: string;
    /** Default: true for http:// servers (the client refuses plain HTTP otherwise). */
    skipTLSVerify?: boolean;
    /** The context name to present; default "inline". */
    context?: string;
  };
  requestTimeoutMs?: number;
}

export type KubernetesConnection = KubeconfigConnection | InlineConnection;

export interface LoadedKubeConfig {
  kubeConfig: K8s.KubeConfig;
  context: string;
  server: string;
  /** The context's namespace, else "default". */
  namespace: string;
  /** Values that must never appear in an error message. */
  secrets: string[];
  /** The exec command or auth-provider that produces the user's credentials, if any. */
  authPlugin?: string;
}

const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

const notConfigured = (message: string, cause?: unknown) => new ProviderError('kubernetes', 'not-configured', message, cause === undefined ? undefined : { cause });

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

function loadFile(kubeConfig: K8s.KubeConfig, path: string): void {
  try {
    kubeConfig.loadFromFile(path);
  } catch (error) {
    throw notConfigured(`Cannot read the kubeconfig ${path}: ${(error as Error).message}`, error);
  }
}

/** kubectl's lookup, except that missing $KUBECONFIG entries are skipped (as kubectl does) instead of failing. */
function loadDefault(sdk: KubernetesSdk, kubeConfig: K8s.KubeConfig): void {
  const fromEnv = (process.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length > 0) {
    const existing = fromEnv.filter((path) => existsSync(path));
    if (existing.length === 0) throw notConfigured(`None of the kubeconfig files in $KUBECONFIG exist (${fromEnv.join(delimiter)}).`);
    loadFile(kubeConfig, existing[0]);
    for (const path of existing.slice(1)) {
      const other = new sdk.KubeConfig();
      loadFile(other, path);
      kubeConfig.mergeConfig(other);
    }
    return;
  }
  const home = join(homedir(), '.kube', 'config');
  if (existsSync(home)) return loadFile(kubeConfig, home);
  if (process.env.KUBERNETES_SERVICE_HOST && existsSync(IN_CLUSTER_TOKEN)) return kubeConfig.loadFromCluster();
  // The client would silently fall back to http://localhost:8080; say what is missing instead.
  throw notConfigured(`No kubeconfig found: $KUBECONFIG is not set and ${home} does not exist. Create a context (e.g. with your cloud's "get-credentials" command) or set the kubeconfig path in the settings.`);
}

export function loadKubeConfig(sdk: KubernetesSdk, connection: KubernetesConnection): LoadedKubeConfig {
  const kubeConfig = new sdk.KubeConfig();
  if ('inline' in connection) {
    const { server, token, namespace, context = 'inline' } = connection.inline;
    if (!/^https?:\/\//.test(server)) throw notConfigured(`Kubernetes server "${server}" must be an http(s):// URL.`);
    kubeConfig.loadFromOptions({
      clusters: [{ name: context, server, skipTLSVerify: connection.inline.skipTLSVerify ?? server.startsWith('http://') }],
      users: [{ name: context, token }],
      contexts: [{ name: context, cluster: context, user: context, ...(namespace ? { namespace } : {}) }],
      currentContext: context,
    });
    return { kubeConfig, context, server, namespace: namespace ?? 'default', secrets: [token] };
  }

  const where = connection.kubeconfigPath ? expandHome(connection.kubeconfigPath) : undefined;
  if (where !== undefined) {
    if (!existsSync(where)) throw notConfigured(`The kubeconfig ${where} (from the settings) does not exist.`);
    loadFile(kubeConfig, where);
  } else {
    loadDefault(sdk, kubeConfig);
  }
  const source = where ?? 'the default kubeconfig';
  const names = kubeConfig.getContexts().map((context) => context.name);
  if (connection.context) {
    if (!kubeConfig.getContextObject(connection.context)) {
      throw notConfigured(`Context "${connection.context}" is not in ${source} (contexts: ${names.join(', ') || 'none'}).`);
    }
    kubeConfig.setCurrentContext(connection.context);
  }
  const context = kubeConfig.getCurrentContext();
  const contextObject = context ? kubeConfig.getContextObject(context) : null;
  if (!contextObject) {
    throw notConfigured(`${source} has no current context; choose one of: ${names.join(', ') || '(none defined)'} in the settings or with kubectl config use-context.`);
  }
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw notConfigured(`Context "${context}" names cluster "${contextObject.cluster}", which is not in ${source}.`);
  if (!kubeConfig.getCurrentUser()) throw notConfigured(`Context "${context}" names user "${contextObject.user}", which is not in ${source}.`);
  if (cluster.server.startsWith('http://') && !cluster.skipTLSVerify) {
    // @kubernetes/client-node refuses plain HTTP unless the cluster entry says insecure-skip-tls-verify.
    throw notConfigured(`Cluster "${cluster.name}" of context "${context}" uses plain HTTP (${cluster.server}); the client only allows that with insecure-skip-tls-verify: true.`);
  }
  const user = kubeConfig.getCurrentUser();
  const secrets = [user?.token, user?.password, user?.keyData].filter((value): value is string => typeof value === 'string' && value.length > 0);
  const plugin = (user?.exec as { command?: unknown } | undefined)?.command ?? (user?.authProvider as { name?: unknown } | undefined)?.name;
  return {
    kubeConfig,
    context,
    server: cluster.server,
    namespace: contextObject.namespace ?? 'default',
    secrets,
    ...(typeof plugin === 'string' && plugin ? { authPlugin: plugin } : {}),
  };
}
