/**
 * The kinds listObjects / getObject serve: which client class and method stem reach each one
 * (`listNamespaced{Stem}`, `list{Stem}ForAllNamespaces`, `readNamespaced{Stem}`, or `list{Stem}` /
 * `read{Stem}` when cluster-scoped), the resource RBAC names, and the mapping to its view.
 */
import type { K8sObject, K8sObjectKind } from '../types';
import { mapDeployment, mapEvent, mapNode, mapPod, mapReplicaSet } from './mapping';
import {
  mapConfigMap,
  mapCronJob,
  mapDaemonSet,
  mapEndpoints,
  mapEndpointSlice,
  mapHpa,
  mapIngress,
  mapJob,
  mapLimitRange,
  mapMeta,
  mapNetworkPolicy,
  mapPdb,
  mapPv,
  mapPvc,
  mapResourceQuota,
  mapSecret,
  mapService,
  mapStatefulSet,
  mapStorageClass,
  mapIngressClass,
} from './objectMapping';
import type { K8s, KubernetesSdk } from './sdk';

export type ApiName = 'core' | 'apps' | 'discovery' | 'networking' | 'autoscaling' | 'policy' | 'batch' | 'storage';

type ApiClass = Parameters<K8s.KubeConfig['makeApiClient']>[0];

export const API_CLASSES: Readonly<Record<ApiName, (sdk: KubernetesSdk) => ApiClass>> = {
  core: (sdk) => sdk.CoreV1Api,
  apps: (sdk) => sdk.AppsV1Api,
  discovery: (sdk) => sdk.DiscoveryV1Api,
  networking: (sdk) => sdk.NetworkingV1Api,
  autoscaling: (sdk) => sdk.AutoscalingV2Api,
  policy: (sdk) => sdk.PolicyV1Api,
  batch: (sdk) => sdk.BatchV1Api,
  storage: (sdk) => sdk.StorageV1Api,
};

export interface ObjectKindSpec {
  api: ApiName;
  stem: string;
  /** The plural resource (RBAC, messages). */
  resource: string;
  group: string;
  namespaced: boolean;
  /** Listing it across namespaces needs a selector (Pods, Events: too many to list whole). */
  selectorAcrossNamespaces?: boolean;
  map: (raw: unknown) => K8sObject;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- each mapper gets the model its own client call returns */
const spec = (api: ApiName, stem: string, resource: string, group: string, namespaced: boolean, map: (raw: any) => K8sObject, selectorAcrossNamespaces = false): ObjectKindSpec => ({
  api,
  stem,
  resource,
  group,
  namespaced,
  map,
  ...(selectorAcrossNamespaces ? { selectorAcrossNamespaces } : {}),
});
/* eslint-enable @typescript-eslint/no-explicit-any */

export const OBJECT_KINDS: Readonly<Record<K8sObjectKind, ObjectKindSpec>> = {
  Service: spec('core', 'Service', 'services', '', true, mapService),
  Endpoints: spec('core', 'Endpoints', 'endpoints', '', true, mapEndpoints),
  EndpointSlice: spec('discovery', 'EndpointSlice', 'endpointslices', 'discovery.k8s.io', true, mapEndpointSlice),
  ConfigMap: spec('core', 'ConfigMap', 'configmaps', '', true, mapConfigMap),
  Secret: spec('core', 'Secret', 'secrets', '', true, mapSecret),
  Ingress: spec('networking', 'Ingress', 'ingresses', 'networking.k8s.io', true, mapIngress),
  NetworkPolicy: spec('networking', 'NetworkPolicy', 'networkpolicies', 'networking.k8s.io', true, mapNetworkPolicy),
  ResourceQuota: spec('core', 'ResourceQuota', 'resourcequotas', '', true, mapResourceQuota),
  LimitRange: spec('core', 'LimitRange', 'limitranges', '', true, mapLimitRange),
  PersistentVolumeClaim: spec('core', 'PersistentVolumeClaim', 'persistentvolumeclaims', '', true, mapPvc),
  PersistentVolume: spec('core', 'PersistentVolume', 'persistentvolumes', '', false, mapPv),
  StorageClass: spec('storage', 'StorageClass', 'storageclasses', 'storage.k8s.io', false, mapStorageClass),
  IngressClass: spec('networking', 'IngressClass', 'ingressclasses', 'networking.k8s.io', false, mapIngressClass),
  HorizontalPodAutoscaler: spec('autoscaling', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'autoscaling', true, mapHpa),
  PodDisruptionBudget: spec('policy', 'PodDisruptionBudget', 'poddisruptionbudgets', 'policy', true, mapPdb),
  StatefulSet: spec('apps', 'StatefulSet', 'statefulsets', 'apps', true, mapStatefulSet),
  DaemonSet: spec('apps', 'DaemonSet', 'daemonsets', 'apps', true, mapDaemonSet),
  Job: spec('batch', 'Job', 'jobs', 'batch', true, mapJob),
  CronJob: spec('batch', 'CronJob', 'cronjobs', 'batch', true, mapCronJob),
  Pod: spec('core', 'Pod', 'pods', '', true, (pod: K8s.V1Pod) => ({ kind: 'Pod', ...mapPod(pod) }), true),
  Node: spec('core', 'Node', 'nodes', '', false, (node: K8s.V1Node) => ({ kind: 'Node', ...mapMeta(node.metadata), ...mapNode(node), labels: { ...(node.metadata?.labels ?? {}) } })),
  Deployment: spec('apps', 'Deployment', 'deployments', 'apps', true, (deployment: K8s.V1Deployment) => ({ kind: 'Deployment', ...mapDeployment(deployment) })),
  ReplicaSet: spec('apps', 'ReplicaSet', 'replicasets', 'apps', true, (rs: K8s.V1ReplicaSet) => ({ kind: 'ReplicaSet', ...mapReplicaSet(rs) })),
  Event: spec('core', 'Event', 'events', '', true, (event: K8s.CoreV1Event) => ({ kind: 'Event', name: event.metadata?.name ?? '', namespace: event.metadata?.namespace ?? '', ...mapEvent(event) }), true),
};
