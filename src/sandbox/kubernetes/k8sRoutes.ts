/**
 * Maps a request path to what it addresses, following the API server's URL layout:
 *
 *   /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]        (core group)
 *   /apis/apps/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]  (apps group)
 *
 * The operation name (listPods, podLogs, patchDeployment, …) is what faults and the request
 * log refer to; it follows the client library's method names.
 */
import type { K8sResource } from './k8sWorld';

export interface K8sRoute {
  operation: string;
  resource?: K8sResource;
  namespace?: string;
  name?: string;
  subresource?: 'log' | 'scale';
  /** A discovery document (`/api`, `/apis/apps/v1`, `/version`, …). */
  discovery?: boolean;
}

const GROUP_RESOURCES: Readonly<Record<string, readonly K8sResource[]>> = {
  core: ['pods', 'events', 'nodes', 'namespaces'],
  apps: ['deployments', 'replicasets'],
};
const CLUSTER_SCOPED: ReadonlySet<K8sResource> = new Set(['nodes', 'namespaces']);

/** Singular names for operation ids (listPods / getPod). */
const KIND: Readonly<Record<K8sResource, [string, string]>> = {
  pods: ['Pod', 'Pods'],
  events: ['Event', 'Events'],
  nodes: ['Node', 'Nodes'],
  namespaces: ['Namespace', 'Namespaces'],
  deployments: ['Deployment', 'Deployments'],
  replicasets: ['ReplicaSet', 'ReplicaSets'],
};

const DISCOVERY_PATHS = new Set(['/version', '/api', '/api/v1', '/apis', '/apis/apps', '/apis/apps/v1']);

/** What `method pathname` addresses, or undefined for a path the emulator does not serve. */
export function routeRequest(method: string, pathname: string): K8sRoute | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (DISCOVERY_PATHS.has(path)) return method === 'GET' ? { operation: 'discovery', discovery: true } : undefined;
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: 'core' | 'apps';
  let rest: string[];
  if (segments[0] === 'api' && segments[1] === 'v1') {
    group = 'core';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments[1] === 'apps' && segments[2] === 'v1') {
    group = 'apps';
    rest = segments.slice(3);
  } else {
    return undefined;
  }

  let namespace: string | undefined;
  // `/namespaces/{ns}/{resource}…` is namespaced; `/namespaces[/{ns}]` alone is the Namespace resource.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resourceName, name, subresource, ...extra] = rest;
  const resource = resourceName as K8sResource;
  if (extra.length > 0 || !GROUP_RESOURCES[group].includes(resource)) return undefined;
  if (namespace !== undefined && CLUSTER_SCOPED.has(resource)) return undefined;

  const [singular, plural] = KIND[resource];
  if (subresource !== undefined) {
    if (resource === 'pods' && subresource === 'log' && method === 'GET') return { operation: 'podLogs', resource, namespace, name, subresource };
    if (resource === 'deployments' && subresource === 'scale' && namespace !== undefined) {
      const operation = { GET: 'getScale', PATCH: 'patchScale', PUT: 'replaceScale' }[method];
      return operation ? { operation, resource, namespace, name, subresource } : undefined;
    }
    return undefined;
  }
  if (name === undefined) return method === 'GET' ? { operation: `list${plural}`, resource, namespace } : undefined;
  if (!CLUSTER_SCOPED.has(resource) && namespace === undefined) return undefined;
  if (method === 'GET') return { operation: `get${singular}`, resource, namespace, name };
  if (method === 'PATCH' && resource === 'deployments') return { operation: 'patchDeployment', resource, namespace, name };
  return undefined;
}
