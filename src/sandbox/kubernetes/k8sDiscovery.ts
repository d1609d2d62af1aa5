/**
 * The discovery documents clients read before anything else: kubectl maps `pods`, `deploy`,
 * `svc`, `hpa`… to REST paths with them (and finds the scale subresource's group through them).
 * Only what the emulator serves is advertised, with the verbs it implements; metrics.k8s.io only
 * when the scenario has metrics (otherwise the group is absent, as without metrics-server).
 */
import { RESOURCES, type ResourceDef, servedGroups } from './k8sResources';

const SUBRESOURCES: Readonly<Record<string, object[]>> = {
  pods: [{ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }],
  deployments: [
    { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
    { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get'] },
  ],
};

function resourceList(group: string, version: string) {
  return RESOURCES.filter((def) => def.group === group && def.version === version).flatMap((def: ResourceDef) => [
    {
      name: def.resource,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: def.verbs,
      ...(def.shortNames ? { shortNames: def.shortNames } : {}),
      ...(def.categories ? { categories: def.categories } : {}),
    },
    ...(def.group === '' || def.group === 'apps' ? (SUBRESOURCES[def.resource] ?? []) : []),
  ]);
}

const groupOf = (group: string, version: string) => {
  const groupVersion = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [groupVersion], preferredVersion: groupVersion };
};

export const KUBERNETES_VERSION = { major: '1', minor: '31', gitVersion: 'v1.31.4' };

/** The discovery document at `path`, or undefined when the path is not a discovery path. */
export function discoveryDocument(path: string, serverAddress: string, options: { metrics: boolean } = { metrics: false }): unknown {
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
      return { kind: 'APIResourceList', groupVersion: 'v1', resources: resourceList('', 'v1') };
    case '/apis':
      return { kind: 'APIGroupList', apiVersion: 'v1', groups: servedGroups(options.metrics).map(({ group, version }) => groupOf(group, version)) };
  }
  for (const { group, version } of servedGroups(options.metrics)) {
    if (path === `/apis/${group}`) return { kind: 'APIGroup', apiVersion: 'v1', ...groupOf(group, version) };
    if (path === `/apis/${group}/${version}`) return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources: resourceList(group, version) };
  }
  return undefined;
}
