/**
 * KubernetesProvider over @kubernetes/client-node (CoreV1Api, AppsV1Api): pods with container
 * statuses, events, deployments and their ReplicaSets (the rollout history), pod logs, nodes,
 * and the three mutations (rollout restart, rollout undo, scale) done the way kubectl does them.
 *
 * The SDK and the kubeconfig load on the first call (see sdk.ts), so constructing a provider is
 * cheap and synchronous; `connect()` does that loading early, e.g. to show the context name or
 * report a configuration problem before an investigation starts.
 *
 * Every call is bounded: lists page with `limit`/`continue` up to MAX_LIST_ITEMS, logs default to
 * the last DEFAULT_TAIL_LINES lines and at most MAX_LOG_BYTES, and each request has a deadline.
 * The caller's AbortSignal is handed to the HTTP request (via a client middleware) and raced,
 * so cancellation returns at once even if the client is still busy (e.g. in an auth plugin).
 */
import type {
  K8sDeployment,
  K8sEvent,
  K8sListOptions,
  K8sNode,
  K8sNodeMetrics,
  K8sObjectKind,
  K8sObjectOf,
  K8sPod,
  K8sPodMetrics,
  K8sReplicaSet,
  KubernetesProvider,
  LogEvent,
} from '../types';
import { ProviderError } from '../types';
import { type KubernetesConnection, loadKubeConfig, type LoadedKubeConfig } from './config';
import { toKubernetesError } from './errors';
import { byRevisionDescending, mapDeployment, mapEvent, mapNode, mapPod, mapReplicaSet, REVISION_ANNOTATION, selectorString } from './mapping';
import { API_CLASSES, type ApiName, OBJECT_KINDS } from './objectKinds';
import { parsePodLog } from './podLogs';
import { type K8s, type KubernetesSdk, loadKubernetesSdk } from './sdk';

/** Items per list request, and the most any one list call returns. */
export const LIST_PAGE_SIZE = 500;
export const MAX_LIST_ITEMS = 5000;
/** Log bounds when the caller gives neither tailLines nor sinceSeconds, and always. */
export const DEFAULT_TAIL_LINES = 2000;
export const MAX_LOG_BYTES = 8 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
const TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** Deployment annotations `kubectl rollout undo` keeps from the deployment rather than copying from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

interface Session {
  sdk: KubernetesSdk;
  config: LoadedKubeConfig;
  core: K8s.CoreV1Api;
  apps: K8s.AppsV1Api;
  /** The other API groups' clients, made on first use. */
  api(name: ApiName): unknown;
  custom(): K8s.CustomObjectsApi;
}

type ListPage = { items: unknown[]; metadata?: { _continue?: string; continue?: string } };
type ApiMethod = (params: Record<string, unknown>, options: K8s.ConfigurationOptions) => Promise<unknown>;

export interface KubernetesConnectionInfo {
  context: string;
  server: string;
  /** The context's default namespace. */
  namespace: string;
}

/** Rejects as soon as `signal` aborts, whatever `promise` does (its late outcome is ignored). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Per-call client options that put `signal` on the HTTP request (node-fetch aborts the socket). */
function withSignal(sdk: KubernetesSdk, signal: AbortSignal): K8s.ConfigurationOptions {
  const middleware: K8s.ObservableMiddleware = {
    pre: (context) => {
      context.setSignal(signal);
      return new sdk.Observable(Promise.resolve(context));
    },
    post: (context) => new sdk.Observable(Promise.resolve(context)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/** RFC 3339 without fractions, as kubectl writes restartedAt. */
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A model object as its wire JSON (Dates become RFC 3339 strings, undefined fields vanish). */
const wireJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class KubernetesApiProvider implements KubernetesProvider {
  readonly id = 'kubernetes' as const;
  private session?: Promise<Session>;
  private info?: KubernetesConnectionInfo;
  private readonly timeoutMs: number;

  constructor(
    private readonly connection: KubernetesConnection,
    private readonly now: () => number = Date.now,
  ) {
    this.timeoutMs = connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /**
   * The context in use. Before the first call (or `connect()`) a kubeconfig without an explicit
   * context reports "" — its current-context is only known once the file is read.
   */
  get context(): string {
    if (this.info) return this.info.context;
    return 'inline' in this.connection ? (this.connection.inline.context ?? 'inline') : (this.connection.context ?? '');
  }

  /** Loads the client and the kubeconfig (no request to the cluster); not-configured errors surface here. */
  async connect(): Promise<KubernetesConnectionInfo> {
    await this.open();
    return { ...(this.info as KubernetesConnectionInfo) };
  }

  private open(): Promise<Session> {
    this.session ??= (async () => {
      let sdk: KubernetesSdk;
      try {
        sdk = await loadKubernetesSdk();
      } catch (error) {
        throw new ProviderError('kubernetes', 'failed', `Cannot load @kubernetes/client-node: ${(error as Error).message}`, { cause: error });
      }
      let config: LoadedKubeConfig;
      try {
        config = loadKubeConfig(sdk, this.connection);
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw new ProviderError('kubernetes', 'not-configured', `Cannot use the Kubernetes configuration: ${(error as Error).message}`, { cause: error });
      }
      this.info = { context: config.context, server: config.server, namespace: config.namespace };
      const core = config.kubeConfig.makeApiClient(sdk.CoreV1Api);
      const apps = config.kubeConfig.makeApiClient(sdk.AppsV1Api);
      const clients = new Map<ApiName, unknown>([
        ['core', core],
        ['apps', apps],
      ]);
      let custom: K8s.CustomObjectsApi | undefined;
      return {
        sdk,
        config,
        core,
        apps,
        api: (name: ApiName) => {
          if (!clients.has(name)) clients.set(name, config.kubeConfig.makeApiClient(API_CLASSES[name](sdk)));
          return clients.get(name);
        },
        custom: () => (custom ??= config.kubeConfig.makeApiClient(sdk.CustomObjectsApi)),
      };
    })().catch((error: unknown) => {
      // A fixed kubeconfig should work on the next call without recreating the provider.
      this.session = undefined;
      throw error;
    });
    return this.session;
  }

  private async call<T>(
    operation: string,
    target: string,
    signal: AbortSignal | undefined,
    run: (session: Session, options: K8s.ConfigurationOptions) => Promise<T>,
    permission?: { verb: string; resource: string; namespace?: string },
  ): Promise<T> {
    if (signal?.aborted) throw new ProviderError('kubernetes', 'cancelled', `Kubernetes ${operation} on ${target} was cancelled`);
    const session = await untilAborted(this.open(), signal ?? new AbortController().signal).catch((error: unknown) => {
      if (signal?.aborted) throw new ProviderError('kubernetes', 'cancelled', `Kubernetes ${operation} on ${target} was cancelled`, { cause: error });
      throw error instanceof ProviderError ? error : new ProviderError('kubernetes', 'failed', `Kubernetes ${operation} on ${target} failed: ${String(error)}`, { cause: error });
    });
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const { config } = session;
    try {
      return await untilAborted(run(session, withSignal(session.sdk, combined)), combined);
    } catch (error) {
      throw toKubernetesError(error, { operation, target, context: config.context, server: config.server, secrets: config.secrets, authPlugin: config.authPlugin, permission }, signal, timeout);
    }
  }

  /** Pages through a list call; stops at `max` items (MAX_LIST_ITEMS at most). */
  private async listAll<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[]; metadata?: { _continue?: string; continue?: string } }>, max = MAX_LIST_ITEMS): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    const seen = new Set<string>();
    do {
      const page = await fetchPage(token);
      items.push(...page.items);
      // Typed clients name it `_continue`; custom objects come back as raw JSON (`continue`).
      token = page.metadata?._continue || page.metadata?.continue || undefined;
      // Guard against a server that repeats a token: stop rather than loop.
      if (token !== undefined && seen.has(token)) break;
      if (token !== undefined) seen.add(token);
    } while (token !== undefined && items.length < max);
    return items.slice(0, max);
  }

  // ---------------------------------------------------------------- reads

  listPods(namespace: string, labelSelector?: string, signal?: AbortSignal): Promise<K8sPod[]> {
    return this.call('listNamespacedPod', labelSelector ? `${namespace} (${labelSelector})` : namespace, signal, async ({ core }, options) => {
      const pods = await this.listAll((token) => core.listNamespacedPod({ namespace, labelSelector: labelSelector || undefined, limit: LIST_PAGE_SIZE, _continue: token }, options));
      return pods.map(mapPod);
    });
  }

  /** Newest first (by lastTimestamp). */
  listEvents(namespace: string, involvedObjectName?: string, signal?: AbortSignal): Promise<K8sEvent[]> {
    const fieldSelector = involvedObjectName ? `involvedObject.name=${involvedObjectName}` : undefined;
    return this.call('listNamespacedEvent', involvedObjectName ? `${namespace}/${involvedObjectName}` : namespace, signal, async ({ core }, options) => {
      const events = await this.listAll((token) => core.listNamespacedEvent({ namespace, fieldSelector, limit: LIST_PAGE_SIZE, _continue: token }, options));
      return events.map(mapEvent).sort((a, b) => b.lastTimestamp - a.lastTimestamp);
    });
  }

  getDeployment(namespace: string, name: string, signal?: AbortSignal): Promise<K8sDeployment> {
    return this.call('readNamespacedDeployment', `${namespace}/${name}`, signal, async ({ apps }, options) => mapDeployment(await apps.readNamespacedDeployment({ namespace, name }, options)));
  }

  listReplicaSets(namespace: string, labelSelector: string, signal?: AbortSignal): Promise<K8sReplicaSet[]> {
    return this.call('listNamespacedReplicaSet', `${namespace} (${labelSelector})`, signal, async ({ apps }, options) => {
      const sets = await this.listAll((token) => apps.listNamespacedReplicaSet({ namespace, labelSelector, limit: LIST_PAGE_SIZE, _continue: token }, options));
      return sets.map(mapReplicaSet).sort(byRevisionDescending);
    });
  }

  podLogs(namespace: string, pod: string, logOptions: { container?: string; previous?: boolean; tailLines?: number; sinceSeconds?: number }, signal?: AbortSignal): Promise<LogEvent[]> {
    const { container, previous = false, sinceSeconds } = logOptions;
    const tailLines = logOptions.tailLines ?? (sinceSeconds === undefined ? DEFAULT_TAIL_LINES : undefined);
    const stream = `${pod}${container ? `/${container}` : ''}${previous ? ' (previous)' : ''}`;
    return this.call('readNamespacedPodLog', `${namespace}/${stream}`, signal, async ({ core }, options) => {
      const text = await core.readNamespacedPodLog({ namespace, name: pod, container, previous, tailLines, sinceSeconds, timestamps: true, limitBytes: MAX_LOG_BYTES }, options);
      return parsePodLog(typeof text === 'string' ? text : String(text ?? ''), stream);
    });
  }

  listNodes(signal?: AbortSignal): Promise<K8sNode[]> {
    return this.call('listNode', 'nodes', signal, async ({ core }, options) => {
      const nodes = await this.listAll((token) => core.listNode({ limit: LIST_PAGE_SIZE, _continue: token }, options));
      return nodes.map(mapNode);
    });
  }

  // ---------------------------------------------------------------- objects beyond workloads

  /**
   * Objects of one kind, mapped. Bounded: one namespace (or all, for a namespaced kind — Pods and
   * Events then need a selector), selectors passed to the server, pages of LIST_PAGE_SIZE
   * followed through `continue` up to `limit` (at most MAX_LIST_ITEMS).
   */
  listObjects<K extends K8sObjectKind>(kind: K, namespace: string | undefined, listOptions: K8sListOptions = {}, signal?: AbortSignal): Promise<K8sObjectOf<K>[]> {
    const spec = OBJECT_KINDS[kind];
    if (!spec) return Promise.reject(new ProviderError('kubernetes', 'failed', `Kubernetes listObjects: unknown kind ${String(kind)}`));
    const { labelSelector, fieldSelector } = listOptions;
    const scope = spec.namespaced ? (namespace ?? 'all namespaces') : 'cluster';
    if (spec.namespaced && namespace === undefined && spec.selectorAcrossNamespaces && !labelSelector && !fieldSelector) {
      return Promise.reject(new ProviderError('kubernetes', 'failed', `Kubernetes listObjects: refusing to list every ${kind} of the cluster; give a namespace or a label/field selector`));
    }
    const max = Math.max(1, Math.min(listOptions.limit ?? MAX_LIST_ITEMS, MAX_LIST_ITEMS));
    const method = !spec.namespaced ? `list${spec.stem}` : namespace !== undefined ? `listNamespaced${spec.stem}` : `list${spec.stem}ForAllNamespaces`;
    const selectors = [labelSelector, fieldSelector].filter(Boolean).join('; ');
    const target = selectors ? `${spec.resource} in ${scope} (${selectors})` : `${spec.resource} in ${scope}`;
    return this.call(
      method,
      target,
      signal,
      async (session, options) => {
        const api = session.api(spec.api) as Record<string, ApiMethod>;
        const items = await this.listAll(
          (token) =>
            api[method].call(
              api,
              { ...(spec.namespaced && namespace !== undefined ? { namespace } : {}), labelSelector: labelSelector || undefined, fieldSelector: fieldSelector || undefined, limit: Math.min(LIST_PAGE_SIZE, max), _continue: token },
              options,
            ) as Promise<ListPage>,
          max,
        );
        return items.map((item) => spec.map(item) as K8sObjectOf<K>);
      },
      { verb: 'list', resource: spec.group ? `${spec.resource}.${spec.group}` : spec.resource, ...(spec.namespaced && namespace !== undefined ? { namespace } : {}) },
    );
  }

  /** One object, mapped; `namespace` is ignored for cluster-scoped kinds. */
  getObject<K extends K8sObjectKind>(kind: K, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<K8sObjectOf<K>> {
    const spec = OBJECT_KINDS[kind];
    if (!spec) return Promise.reject(new ProviderError('kubernetes', 'failed', `Kubernetes getObject: unknown kind ${String(kind)}`));
    if (spec.namespaced && !namespace) return Promise.reject(new ProviderError('kubernetes', 'failed', `Kubernetes getObject: ${kind} is namespaced; give a namespace`));
    const method = spec.namespaced ? `readNamespaced${spec.stem}` : `read${spec.stem}`;
    return this.call(
      method,
      spec.namespaced ? `${spec.resource} ${namespace}/${name}` : `${spec.resource} ${name}`,
      signal,
      async (session, options) => {
        const api = session.api(spec.api) as Record<string, ApiMethod>;
        return spec.map(await api[method].call(api, { name, ...(spec.namespaced ? { namespace } : {}) }, options)) as K8sObjectOf<K>;
      },
      { verb: 'get', resource: spec.group ? `${spec.resource}.${spec.group}` : spec.resource, ...(spec.namespaced ? { namespace } : {}) },
    );
  }

  /** metrics.k8s.io PodMetrics of a namespace (optionally by label); undefined when metrics.k8s.io is not served. */
  podMetrics(namespace: string, labelSelector?: string, signal?: AbortSignal): Promise<K8sPodMetrics[] | undefined> {
    const target = labelSelector ? `pods.metrics.k8s.io in ${namespace} (${labelSelector})` : `pods.metrics.k8s.io in ${namespace}`;
    return this.metricsCall('listNamespacedCustomObject', target, signal, { verb: 'list', resource: 'pods.metrics.k8s.io', namespace }, async (custom, options) => {
      const items = await this.listAll(
        (token) =>
          custom.listNamespacedCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', namespace, plural: 'pods', labelSelector: labelSelector || undefined, limit: LIST_PAGE_SIZE, _continue: token }, options) as Promise<ListPage>,
      );
      return items.map(mapPodMetrics);
    });
  }

  /** metrics.k8s.io NodeMetrics; undefined when metrics.k8s.io is not served. */
  nodeMetrics(signal?: AbortSignal): Promise<K8sNodeMetrics[] | undefined> {
    return this.metricsCall('listClusterCustomObject', 'nodes.metrics.k8s.io', signal, { verb: 'list', resource: 'nodes.metrics.k8s.io' }, async (custom, options) => {
      const items = await this.listAll(
        (token) => custom.listClusterCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', plural: 'nodes', limit: LIST_PAGE_SIZE, _continue: token }, options) as Promise<ListPage>,
      );
      return items.map(mapNodeMetrics);
    });
  }

  /** A metrics.k8s.io call: a 404 (no metrics-server registered) answers undefined instead of failing. */
  private async metricsCall<T>(
    operation: string,
    target: string,
    signal: AbortSignal | undefined,
    permission: { verb: string; resource: string; namespace?: string },
    run: (custom: K8s.CustomObjectsApi, options: K8s.ConfigurationOptions) => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await this.call(operation, target, signal, (session, options) => run(session.custom(), options), permission);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  // ---------------------------------------------------------------- mutations

  /** `kubectl rollout restart`: a strategic merge patch of the template's restartedAt annotation. */
  rolloutRestart(namespace: string, deployment: string, signal?: AbortSignal): Promise<K8sDeployment> {
    const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: rfc3339(this.now()) } } } } };
    return this.call('patchNamespacedDeployment', `${namespace}/${deployment}`, signal, async ({ apps, sdk }, options) =>
      mapDeployment(await apps.patchNamespacedDeployment({ namespace, name: deployment, body }, sdk.setHeaderOptions('Content-Type', sdk.PatchStrategy.StrategicMergePatch, options))),
    );
  }

  /**
   * `kubectl rollout undo --to-revision`: copies the pod template of the ReplicaSet with that
   * revision into the deployment (a JSON patch of /spec/template and /metadata/annotations, as
   * kubectl sends it); the controller then re-activates that ReplicaSet. `toRevision` "" or "0"
   * means the previous revision. When the template already matches, nothing is sent (kubectl's
   * "skipped rollback") and the deployment is returned unchanged.
   */
  rolloutUndo(namespace: string, deployment: string, toRevision: string, signal?: AbortSignal): Promise<K8sDeployment> {
    const target = `${namespace}/${deployment}`;
    return this.call('patchNamespacedDeployment', target, signal, async ({ apps, sdk }, options) => {
      const current = await apps.readNamespacedDeployment({ namespace, name: deployment }, options);
      const uid = current.metadata?.uid;
      const sets = (
        await this.listAll((token) => apps.listNamespacedReplicaSet({ namespace, labelSelector: selectorString(current.spec?.selector), limit: LIST_PAGE_SIZE, _continue: token }, options))
      ).filter((rs) => rs.metadata?.ownerReferences?.some((ref) => ref.uid === uid && ref.controller !== false));
      const revisionOf = (rs: K8s.V1ReplicaSet) => Number(rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0);
      const currentRevision = Number(current.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0);
      const wanted =
        toRevision === '' || toRevision === '0' ? Math.max(0, ...sets.map(revisionOf).filter((revision) => revision < currentRevision)) : Number(toRevision);
      const source = sets.find((rs) => revisionOf(rs) === wanted && wanted > 0);
      if (!source?.spec?.template) {
        const known = sets.map(revisionOf).sort((a, b) => a - b).join(', ') || 'none';
        throw new ProviderError('kubernetes', 'not-found', `Kubernetes rollout undo of ${target}: no revision ${toRevision || '(previous)'} (revisions: ${known})`);
      }
      const template = wireJson(source.spec.template);
      if (template.metadata?.labels) delete template.metadata.labels[TEMPLATE_HASH_LABEL];
      if (JSON.stringify(sortedKeys(template)) === JSON.stringify(sortedKeys(wireJson(current.spec?.template)))) return mapDeployment(current);

      const annotations: Record<string, string> = {};
      for (const [key, value] of Object.entries(current.metadata?.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
      // Like kubectl: the ReplicaSet's own annotations (its change-cause) replace the deployment's.
      for (const [key, value] of Object.entries(source.metadata?.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
      const body = [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ];
      return mapDeployment(await apps.patchNamespacedDeployment({ namespace, name: deployment, body }, sdk.setHeaderOptions('Content-Type', sdk.PatchStrategy.JsonPatch, options)));
    });
  }

  /** `kubectl scale`: a merge patch of the scale subresource, then the deployment as it now reads. */
  scale(namespace: string, deployment: string, replicas: number, signal?: AbortSignal): Promise<K8sDeployment> {
    if (!Number.isInteger(replicas) || replicas < 0) {
      return Promise.reject(new ProviderError('kubernetes', 'failed', `Kubernetes scale of ${namespace}/${deployment}: replicas must be a non-negative integer, got ${replicas}`));
    }
    return this.call('patchNamespacedDeploymentScale', `${namespace}/${deployment}`, signal, async ({ apps, sdk }, options) => {
      await apps.patchNamespacedDeploymentScale({ namespace, name: deployment, body: { spec: { replicas } } }, sdk.setHeaderOptions('Content-Type', sdk.PatchStrategy.MergePatch, options));
      return mapDeployment(await apps.readNamespacedDeployment({ namespace, name: deployment }, options));
    });
  }
}

/** Key-sorted copy, so two templates compare equal whatever order their keys arrived in. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

type RawMetrics = { metadata?: { name?: string; namespace?: string }; timestamp?: string; window?: string };

function mapPodMetrics(item: unknown): K8sPodMetrics {
  const raw = item as RawMetrics & { containers?: { name: string; usage?: { cpu?: string; memory?: string } }[] };
  return {
    name: raw.metadata?.name ?? '',
    namespace: raw.metadata?.namespace ?? '',
    timestamp: Date.parse(raw.timestamp ?? '') || 0,
    window: raw.window ?? '',
    containers: (raw.containers ?? []).map((container) => ({ name: container.name, cpu: container.usage?.cpu ?? '0', memory: container.usage?.memory ?? '0' })),
  };
}

function mapNodeMetrics(item: unknown): K8sNodeMetrics {
  const raw = item as RawMetrics & { usage?: { cpu?: string; memory?: string } };
  return { name: raw.metadata?.name ?? '', timestamp: Date.parse(raw.timestamp ?? '') || 0, window: raw.window ?? '', cpu: raw.usage?.cpu ?? '0', memory: raw.usage?.memory ?? '0' };
}
