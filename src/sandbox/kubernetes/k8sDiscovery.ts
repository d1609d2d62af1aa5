/**
 * The discovery documents clients read before anything else: kubectl maps `pods`, `deploy`,
 * `rs`… to REST paths with them (and finds the scale subresource's group through them). Only
 * what the emulator serves is advertised, with the verbs it implements.
 */

const CORE_RESOURCES = [
  { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'], categories: ['all'] },
  { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
  { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ['get', 'list'], shortNames: ['ev'] },
  { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list'], shortNames: ['no'] },
  { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['get', 'list'], shortNames: ['ns'] },
];

const APPS_RESOURCES = [
  { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get', 'list', 'patch'], shortNames: ['deploy'], categories: ['all'] },
  { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
  { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get'] },
  { name: 'replicasets', singularName: 'replicaset', namespaced: true, kind: 'ReplicaSet', verbs: ['get', 'list'], shortNames: ['rs'], categories: ['all'] },
];

const APPS_VERSION = { groupVersion: 'apps/v1', version: 'v1' };
const APPS_GROUP = { name: 'apps', versions: [APPS_VERSION], preferredVersion: APPS_VERSION };

export const KUBERNETES_VERSION = { major: '1', minor: '31', gitVersion: 'v1.31.4' };

/** The discovery document at `path`, or undefined when the path is not a discovery path. */
export function discoveryDocument(path: string, serverAddress: string): unknown {
  switch (path) {
    case '/version':
      return {
        ...KUBERNETES_VERSION,
        gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
        gitTreeState: 'clean',
        buildDate: '2024-12-10T11:36:35Z',
        goVersion: 'go1.22.9',
        compiler: 'gc',
        platform: 'linux/amd64',
      };
    case '/api':
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
    case '/api/v1':
      return { kind: 'APIResourceList', groupVersion: 'v1', resources: CORE_RESOURCES };
    case '/apis':
      return { kind: 'APIGroupList', apiVersion: 'v1', groups: [APPS_GROUP] };
    case '/apis/apps':
      return { kind: 'APIGroup', apiVersion: 'v1', ...APPS_GROUP };
    case '/apis/apps/v1':
      return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: APPS_RESOURCES };
    default:
      return undefined;
  }
}
