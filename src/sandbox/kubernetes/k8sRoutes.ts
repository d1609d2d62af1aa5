/**
 * Maps a request path to what it addresses, following the API server's URL layout:
 *
 *   /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]                 (core group)
 *   /apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]  (named groups)
 *
 * The operation name (listPods, podLogs, patchDeployment, listServices, …) is what faults and the
 * request log refer to; it follows the client library's method names. The served resources are
 * the table in k8sResources.ts; metrics.k8s.io only when the scenario has metrics.
 */
import { type K8sResource, RESOURCES, resourceKey, servedGroups } from './k8sResources';

export interface K8sRoute {
  operation: string;
  resource?: K8sResource;
  namespace?: string;
  name?: string;
  subresource?: 'log' | 'scale';
  /** A discovery document (`/api`, `/apis/apps/v1`, `/version`, …). */
  discovery?: boolean;
}

export interface RouteOptions {
  /** Serve metrics.k8s.io (the scenario has `kubernetes.metrics`). */
  metrics: boolean;
}

function discoveryPaths(options: RouteOptions): Set<string> {
  const paths = new Set(['/version', '/api', '/api/v1', '/apis']);
  for (const { group, version } of servedGroups(options.metrics)) {
    paths.add(`/apis/${group}`);
    paths.add(`/apis/${group}/${version}`);
  }
  return paths;
}

/** What `method pathname` addresses, or undefined for a path the emulator does not serve. */
export function routeRequest(method: string, pathname: string, options: RouteOptions = { metrics: false }): K8sRoute | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (discoveryPaths(options).has(path)) return method === 'GET' ? { operation: 'discovery', discovery: true } : undefined;
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments[1] === 'v1') {
    [group, version, rest] = ['', 'v1', segments.slice(2)];
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
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
  const def = RESOURCES.find((candidate) => candidate.group === group && candidate.version === version && candidate.resource === resourceName && (!candidate.metrics || options.metrics));
  if (!def || extra.length > 0) return undefined;
  if (namespace !== undefined && !def.namespaced) return undefined;
  const resource = resourceKey(def);

  const [singular, plural] = def.op;
  if (subresource !== undefined) {
    if (resource === 'pods' && subresource === 'log' && method === 'GET') return { operation: 'podLogs', resource, namespace, name, subresource };
    if (resource === 'deployments' && subresource === 'scale' && namespace !== undefined) {
      const operation = { GET: 'getScale', PATCH: 'patchScale', PUT: 'replaceScale' }[method];
      return operation ? { operation, resource, namespace, name, subresource } : undefined;
    }
    return undefined;
  }
  if (name === undefined) return method === 'GET' ? { operation: `list${plural}`, resource, namespace } : undefined;
  if (def.namespaced && namespace === undefined) return undefined;
  if (method === 'GET') return { operation: `get${singular}`, resource, namespace, name };
  if (method === 'PATCH' && resource === 'deployments') return { operation: 'patchDeployment', resource, namespace, name };
  return undefined;
}

/** Every operation name a route can have (faults may target any of them). */
export function allOperations(): string[] {
  const names = new Set(['discovery', 'podLogs', 'getScale', 'patchScale', 'replaceScale', 'patchDeployment']);
  for (const def of RESOURCES) {
    names.add(`list${def.op[1]}`);
    names.add(`get${def.op[0]}`);
  }
  return [...names];
}
