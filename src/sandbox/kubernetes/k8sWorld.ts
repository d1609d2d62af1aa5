/**
 * The Kubernetes emulator's mutable world: the API objects built from the scenario, reads with
 * resourceVersions, and the few writes the product performs (patch a deployment, scale it).
 *
 * A write runs a tiny, instant deployment controller so the served world really changes: a new
 * pod template gets a new ReplicaSet (or, on rollback, the old ReplicaSet with that template
 * gets the next revision, as the real controller does), the active ReplicaSet is scaled to the
 * desired count and the others to 0, pods are replaced, ScalingReplicaSet events are added.
 * Every applied write is recorded (like the AWS emulator's `mutations()`).
 */
import type { ScenarioK8sMetrics, ScenarioK8sPod, ScenarioKubernetes } from './k8sScenario';
import { controllerOfPod, derivedEndpoints, derivedStatus, nodeMetricsJson, podMetricsJson, scenarioObjectJson } from './k8sApiObjects';
import { type K8sResource, RESOURCE_OF_KIND, RESOURCES, resourceDef, resourceKey, SCENARIO_KINDS } from './k8sResources';
import { K8sLogStore, type LogQuery } from './k8sLogs';
import { deploymentJson, deploymentStatus, podTemplateJson, replicaSetJson, scenarioConditionsJson } from './k8sObjects';
import { eventJson, namespaceJson, nodeJson, type PodController, podJson } from './k8sPodObjects';
import {
  type ApiObject,
  canonicalJson,
  CHANGE_CAUSE_ANNOTATION,
  comparableTemplate,
  type DeploymentJson,
  IdSource,
  labelSelectorString,
  type NodeJson,
  type PodJson,
  type ReplicaSetJson,
  REVISION_ANNOTATION,
  rfc3339,
  templateHash,
} from './k8sShapes';
import { applyPatch, type PatchType } from './k8sPatch';
import { K8sStatusError } from './k8sStatus';

export type { K8sResource } from './k8sResources';

export interface DeploymentSnapshot {
  /** `deployment.kubernetes.io/revision` */
  revision: string;
  replicas: number;
  /** container name → image of the pod template */
  images: Record<string, string>;
  /** The ReplicaSet serving that revision. */
  activeReplicaSet: string;
  /** The template's `kubectl.kubernetes.io/restartedAt` annotation, if any. */
  restartedAt?: string;
}

export interface K8sRecordedMutation {
  /** 1, 2, … in the order the emulator applied them */
  seq: number;
  /** ISO time on the scenario clock */
  at: string;
  service: 'kubernetes';
  operation: 'patchDeployment' | 'patchScale' | 'replaceScale';
  /** `namespace/deployment` */
  target: string;
  /** The PATCH content type (json-patch, merge-patch, strategic-merge-patch); absent for PUT. */
  contentType?: string;
  /** The request body as received. */
  request: unknown;
  before: DeploymentSnapshot;
  after: DeploymentSnapshot;
}

const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class K8sWorld {
  readonly logs: K8sLogStore;
  private readonly ids: IdSource;
  private readonly store: Record<K8sResource, ApiObject[]> = Object.fromEntries(RESOURCES.filter((def) => !def.metrics).map((def) => [resourceKey(def), []]));
  /** Objects the controllers derive (Endpoints, EndpointSlices) and objects whose status they derive. */
  private readonly derived = new Set<ApiObject>();
  private readonly derivedStatus = new Set<ApiObject>();
  private readonly metrics?: ScenarioK8sMetrics;
  private readonly recorded: K8sRecordedMutation[] = [];
  private revisionCounter = 0;
  private createdPods = 0;

  constructor(
    scenarioId: string,
    world: ScenarioKubernetes,
    private readonly clock: () => number,
  ) {
    this.ids = new IdSource(scenarioId);
    this.logs = new K8sLogStore(scenarioId, world);
    this.metrics = world.metrics;
    this.build(world);
  }

  // ---------------------------------------------------------------- building

  private add(resource: K8sResource, object: ApiObject): void {
    // A resourceVersion the scenario gives is kept (the counter moves past it: lists stay newest).
    const given = Number(object.metadata.resourceVersion);
    if (Number.isInteger(given) && given > this.revisionCounter) this.revisionCounter = given;
    else object.metadata.resourceVersion = String(++this.revisionCounter);
    this.store[resource].push(object);
  }

  /** Whether metrics.k8s.io is served (the scenario has `kubernetes.metrics`). */
  get hasMetrics(): boolean {
    return this.metrics !== undefined;
  }

  private build(world: ScenarioKubernetes): void {
    const now = this.clock();
    const nodeIps = new Map<string, string>();
    world.nodes.forEach((node, index) => {
      const json = nodeJson(node, index, this.ids, now);
      nodeIps.set(node.name, json.status.addresses[0].address);
      this.add('nodes', json);
    });
    const clusterCreated = now - 30 * 86_400_000;
    const clusterObjects = world.objects.map((object) => scenarioObjectJson(object, { ids: this.ids, defaultCreatedMs: clusterCreated }));
    this.addObjects(clusterObjects, world.objects.map((object) => object.status !== undefined));
    for (const namespace of world.namespaces) {
      const times = [
        ...namespace.deployments.map((d) => Date.parse(d.createdAt)),
        ...namespace.pods.map((p) => Date.parse(p.createdAt)),
        ...namespace.objects.flatMap((o) => (o.metadata.creationTimestamp ? [Date.parse(o.metadata.creationTimestamp)] : [])),
      ];
      const namespaceCreated = Math.min(now - 30 * 86_400_000, ...times);
      this.add('namespaces', namespaceJson(namespace.name, this.ids, namespaceCreated));
      const objects = namespace.objects.map((object) => scenarioObjectJson(object, { namespace: namespace.name, ids: this.ids, defaultCreatedMs: namespaceCreated }));
      this.addObjects(objects, namespace.objects.map((object) => object.status !== undefined));
      const replicaSets = new Map<string, ReplicaSetJson>();
      for (const deployment of namespace.deployments) {
        const active = deployment.replicaSets.find((rs) => rs.revision === deployment.revision)!;
        const json = deploymentJson(namespace.name, deployment, this.ids.uid(`deployment/${namespace.name}/${deployment.name}`), active);
        const owned = deployment.replicaSets.map((rs) => {
          const rsJson = replicaSetJson({
            namespace: namespace.name,
            deployment: json,
            name: rs.name,
            revision: rs.revision,
            template: podTemplateJson(json.spec.selector.matchLabels, rs.containers, rs),
            replicas: rs.replicas,
            readyReplicas: rs.readyReplicas ?? rs.replicas,
            createdAt: rfc3339(Date.parse(rs.createdAt)),
            changeCause: rs.changeCause,
            uid: this.ids.uid(`replicaset/${namespace.name}/${rs.name}`),
          });
          replicaSets.set(rs.name, rsJson);
          return rsJson;
        });
        const activeJson = owned.find((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION] === String(deployment.revision));
        json.status = deploymentStatus(json, owned, activeJson, deployment.conditions && scenarioConditionsJson(deployment.conditions, json.metadata.creationTimestamp));
        this.add('deployments', json);
        for (const rs of owned.sort((a, b) => revisionOf(a) - revisionOf(b))) this.add('replicasets', rs);
      }
      for (const pod of namespace.pods) {
        const owner = pod.replicaSet === undefined ? undefined : replicaSets.get(pod.replicaSet);
        const nodeIp = pod.node === undefined ? undefined : nodeIps.get(pod.node);
        const controller = this.podController(namespace.name, pod);
        this.add('pods', podJson({ namespace: namespace.name, pod, uid: this.ids.uid(`pod/${namespace.name}/${pod.name}`), ids: this.ids, owner, controller, nodeIp }));
      }
      namespace.events.forEach((event, index) => {
        const kind = event.involvedObject.kind;
        const def = RESOURCE_OF_KIND.get(kind);
        const resource = def ? resourceKey(def) : undefined;
        const involved = resource
          ? this.store[resource].find((object) => object.metadata.name === event.involvedObject.name && (!def!.namespaced || object.metadata.namespace === namespace.name))
          : undefined;
        const involvedUid = involved?.metadata.uid ?? this.ids.uid(`gone/${namespace.name}/${kind}/${event.involvedObject.name}`);
        this.add('events', eventJson({ namespace: namespace.name, event, index, ids: this.ids, involvedUid }));
      });
    }
    this.refreshDerived(now);
  }

  /** Adds scenario objects to their resources, resolving owner references by kind and name. */
  private addObjects(objects: (ApiObject & Record<string, unknown>)[], hasStatus: boolean[]): void {
    objects.forEach((object) => {
      object.metadata.ownerReferences = object.metadata.ownerReferences?.map((reference) => {
        const ownerDef = RESOURCE_OF_KIND.get(reference.kind);
        const owner = objects.find((candidate) => candidate.kind === reference.kind && candidate.metadata.name === reference.name);
        return {
          apiVersion: reference.apiVersion ?? (ownerDef ? (ownerDef.group ? `${ownerDef.group}/${ownerDef.version}` : ownerDef.version) : 'v1'),
          kind: reference.kind,
          name: reference.name,
          uid: reference.uid ?? owner?.metadata.uid ?? '',
          controller: reference.controller ?? true,
          blockOwnerDeletion: reference.blockOwnerDeletion ?? true,
        };
      });
    });
    objects.forEach((object, index) => {
      const def = SCENARIO_KINDS.get(object.kind)!;
      if (!hasStatus[index] && ['StatefulSet', 'DaemonSet', 'Job', 'PodDisruptionBudget'].includes(object.kind)) this.derivedStatus.add(object);
      this.add(resourceKey(def), object);
    });
  }

  /** The owner of a pod that is not a ReplicaSet's (StatefulSet, DaemonSet, Job in the namespace's objects, or a Node). */
  private podController(namespace: string, pod: ScenarioK8sPod): PodController | undefined {
    if (!pod.owner) return undefined;
    const { kind, name } = pod.owner;
    if (kind === 'Node') {
      const node = this.store.nodes.find((candidate) => candidate.metadata.name === name);
      return { ref: { apiVersion: 'v1', kind: 'Node', name, uid: node?.metadata.uid ?? '', controller: true, blockOwnerDeletion: false } };
    }
    const def = SCENARIO_KINDS.get(kind)!;
    const owner = this.store[resourceKey(def)].find((candidate) => candidate.metadata.namespace === namespace && candidate.metadata.name === name) as (ApiObject & Record<string, unknown>) | undefined;
    if (!owner) return undefined;
    const { template, labels, generateName, volumes } = controllerOfPod(owner, pod.name);
    return { ref: { apiVersion: owner.apiVersion, kind, name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }, template, labels, generateName, volumes };
  }

  /**
   * Re-runs the controllers that derive objects from pods: Endpoints/EndpointSlices of Services
   * (unless the scenario gave them) and the status of workloads the scenario gave without one.
   * An object that did not change keeps its resourceVersion.
   */
  private refreshDerived(now: number): void {
    const pods = this.store.pods as PodJson[];
    const given = (resource: K8sResource) => this.store[resource].filter((object) => !this.derived.has(object)) as (ApiObject & Record<string, unknown>)[];
    const next = derivedEndpoints(this.store.services as (ApiObject & Record<string, unknown>)[], { endpoints: given('endpoints'), slices: given('endpointslices') }, pods, this.ids, rfc3339(now));
    for (const [resource, objects] of [['endpoints', next.endpoints], ['endpointslices', next.slices]] as const) {
      const previous = new Map(this.store[resource].filter((object) => this.derived.has(object)).map((object) => [`${object.metadata.namespace}/${object.metadata.name}`, object]));
      this.store[resource] = this.store[resource].filter((object) => !this.derived.has(object));
      for (const object of objects) {
        const old = previous.get(`${object.metadata.namespace}/${object.metadata.name}`);
        this.derived.add(object);
        if (old && canonicalJson({ ...old, metadata: { ...old.metadata, resourceVersion: '', annotations: {} } }) === canonicalJson({ ...object, metadata: { ...object.metadata, resourceVersion: '', annotations: {} } })) {
          this.derived.delete(old);
          this.store[resource].push(old);
          this.derived.add(old);
          continue;
        }
        this.add(resource, object);
      }
    }
    for (const object of this.derivedStatus) {
      const status = derivedStatus(object as ApiObject & Record<string, unknown>, pods);
      const target = object as ApiObject & { status?: unknown };
      if (status && canonicalJson(status) !== canonicalJson(target.status)) {
        const first = target.status === undefined;
        target.status = status;
        if (!first) object.metadata.resourceVersion = String(++this.revisionCounter);
      }
    }
  }

  /** metrics.k8s.io objects of a resource (`pods`, `nodes`), for pods and nodes that still exist. */
  metricsObjects(resource: 'pods' | 'nodes', namespace?: string): ApiObject[] {
    if (!this.metrics) return [];
    const now = this.clock();
    if (resource === 'nodes') {
      return this.metrics.nodes.flatMap((metric) => {
        const node = this.store.nodes.find((candidate) => candidate.metadata.name === metric.name);
        return node ? [nodeMetricsJson(metric, node, now) as unknown as ApiObject] : [];
      });
    }
    return this.metrics.pods.flatMap((metric) => {
      if (namespace !== undefined && metric.namespace !== namespace) return [];
      const pod = (this.store.pods as PodJson[]).find((candidate) => candidate.metadata.namespace === metric.namespace && candidate.metadata.name === metric.name);
      return pod ? [podMetricsJson(metric, pod, now) as unknown as ApiObject] : [];
    });
  }

  // ---------------------------------------------------------------- reads

  /** The latest resourceVersion (what a list reports). */
  resourceVersion(): string {
    return String(this.revisionCounter);
  }

  /** Copies of a resource's objects, optionally of one namespace, in creation order. */
  list(resource: K8sResource, namespace?: string): ApiObject[] {
    const def = resourceDef(resource);
    const objects = def.metrics ? this.metricsObjects(def.resource as 'pods' | 'nodes', namespace) : this.store[resource];
    return objects.filter((object) => namespace === undefined || object.metadata.namespace === namespace).map((object) => structuredClone(object));
  }

  get(resource: K8sResource, namespace: string | undefined, name: string): ApiObject {
    const def = resourceDef(resource);
    if (def.metrics) {
      const found = this.metricsObjects(def.resource as 'pods' | 'nodes', namespace).find((object) => object.metadata.name === name);
      if (!found) throw K8sStatusError.notFound(def.resource, name, def.group);
      return found;
    }
    return structuredClone(this.find(resource, namespace, name));
  }

  private find<T extends ApiObject = ApiObject>(resource: K8sResource, namespace: string | undefined, name: string): T {
    const found = this.store[resource].find((object) => object.metadata.name === name && (namespace === undefined || object.metadata.namespace === namespace));
    if (!found) throw K8sStatusError.notFound(resource, name, resourceDef(resource).group);
    return found as T;
  }

  mutations(): K8sRecordedMutation[] {
    return structuredClone(this.recorded);
  }

  /** The body of `GET …/pods/{name}/log`, with the kubelet's errors for a bad container or a missing previous instance. */
  podLog(namespace: string, podName: string, container: string | undefined, query: LogQuery): string {
    const pod = this.find<PodJson>('pods', namespace, podName);
    const names = pod.spec.containers.map((spec) => spec.name);
    const initNames = ((pod.spec.initContainers ?? []) as { name: string }[]).map((spec) => spec.name);
    let name = container;
    if (name === undefined || name === '') {
      if (names.length !== 1) {
        throw K8sStatusError.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]${initNames.length > 0 ? ` or one of the init containers: [${initNames.join(' ')}]` : ''}`);
      }
      name = names[0];
    }
    if (!names.includes(name) && !initNames.includes(name)) throw K8sStatusError.badRequest(`container ${name} is not valid for pod ${podName}`);
    type Status = { name: string; restartCount: number; state: { waiting?: { reason?: string } }; lastState: { terminated?: unknown } };
    const statuses = [...((pod.status.containerStatuses ?? []) as Status[]), ...((pod.status.initContainerStatuses ?? []) as Status[])];
    const status = statuses.find((candidate) => candidate.name === name);
    if (query.previous && !status?.lastState.terminated) throw K8sStatusError.badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    if (!query.previous && status?.state.waiting && status.restartCount === 0) {
      throw K8sStatusError.badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${status.state.waiting.reason ?? 'ContainerCreating'}`);
    }
    return K8sLogStore.render(this.logs.lines(namespace, podName, name, query.previous), query);
  }

  // ---------------------------------------------------------------- writes

  scale(namespace: string, name: string) {
    const deployment = this.find<DeploymentJson>('deployments', namespace, name);
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name,
        namespace,
        uid: deployment.metadata.uid,
        resourceVersion: deployment.metadata.resourceVersion,
        creationTimestamp: deployment.metadata.creationTimestamp,
      },
      spec: { replicas: deployment.spec.replicas },
      status: { replicas: Number(deployment.status.replicas ?? 0), selector: labelSelectorString(deployment.spec.selector.matchLabels) },
    };
  }

  /** PATCH …/deployments/{name}: applies the patch, validates like the API server, then rolls out. */
  patchDeployment(namespace: string, name: string, type: PatchType, body: unknown, dryRun: boolean): ApiObject {
    const current = this.find<DeploymentJson>('deployments', namespace, name);
    const patched = applyPatch(type, current, body);
    const next = this.validateDeployment(current, patched);
    if (dryRun) return next;
    return this.commit('patchDeployment', current, next, body, type);
  }

  /** PATCH …/deployments/{name}/scale */
  patchScale(namespace: string, name: string, type: PatchType, body: unknown, dryRun: boolean) {
    const patched = applyPatch(type, this.scale(namespace, name), body);
    return this.applyScale('patchScale', namespace, name, patched, body, dryRun, type);
  }

  /** PUT …/deployments/{name}/scale (honours a resourceVersion precondition, like the server). */
  replaceScale(namespace: string, name: string, body: unknown, dryRun: boolean) {
    return this.applyScale('replaceScale', namespace, name, body, body, dryRun);
  }

  private applyScale(operation: 'patchScale' | 'replaceScale', namespace: string, name: string, scale: unknown, body: unknown, dryRun: boolean, type?: PatchType) {
    const current = this.find<DeploymentJson>('deployments', namespace, name);
    const spec = isObject(scale) && isObject(scale.spec) ? scale.spec : {};
    const replicas = spec.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw K8sStatusError.invalid('Scale.autoscaling', name, [`spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`]);
    }
    const version = isObject(scale) && isObject(scale.metadata) ? scale.metadata.resourceVersion : undefined;
    if (operation === 'replaceScale' && version !== undefined && version !== '' && version !== current.metadata.resourceVersion) throw conflict(name);
    const next = structuredClone(current);
    next.spec.replicas = replicas;
    if (!dryRun) this.commit(operation, current, next, body, type);
    return this.scale(namespace, name);
  }

  private validateDeployment(current: DeploymentJson, patched: unknown): DeploymentJson {
    const name = current.metadata.name;
    if (!isObject(patched) || !isObject(patched.metadata) || !isObject(patched.spec)) throw K8sStatusError.badRequest('the patched object is not a Deployment');
    const meta = patched.metadata;
    if (meta.name !== name || (meta.namespace !== undefined && meta.namespace !== current.metadata.namespace)) {
      throw K8sStatusError.badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
    }
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== current.metadata.resourceVersion) throw conflict(name);
    const spec = patched.spec as Partial<DeploymentJson['spec']>;
    const causes: string[] = [];
    if (canonicalJson(spec.selector) !== canonicalJson(current.spec.selector)) causes.push(`spec.selector: Invalid value: ${JSON.stringify(spec.selector)}: field is immutable`);
    if (typeof spec.replicas !== 'number' || !Number.isInteger(spec.replicas) || spec.replicas < 0) {
      causes.push(`spec.replicas: Invalid value: ${JSON.stringify(spec.replicas ?? null)}: must be greater than or equal to 0`);
    }
    const template = spec.template;
    const containers = isObject(template) && isObject(template.spec) ? template.spec.containers : undefined;
    if (!Array.isArray(containers) || containers.length === 0) causes.push('spec.template.spec.containers: Required value');
    else {
      containers.forEach((container: unknown, index) => {
        if (!isObject(container) || typeof container.name !== 'string' || container.name === '') causes.push(`spec.template.spec.containers[${index}].name: Required value`);
        if (!isObject(container) || typeof container.image !== 'string' || container.image === '') causes.push(`spec.template.spec.containers[${index}].image: Required value`);
      });
    }
    const labels = isObject(template) && isObject(template.metadata) && isObject(template.metadata.labels) ? template.metadata.labels : {};
    if (Object.entries(current.spec.selector.matchLabels).some(([key, value]) => labels[key] !== value)) {
      causes.push('spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`');
    }
    if (causes.length > 0) throw K8sStatusError.invalid('Deployment.apps', name, causes);
    // Status is a subresource: a patch of the main resource cannot change it.
    return { ...(patched as unknown as DeploymentJson), metadata: { ...(patched.metadata as unknown as DeploymentJson['metadata']) }, status: current.status };
  }

  /** Stores the new deployment, runs the controller, records the mutation; returns the stored object. */
  private commit(operation: K8sRecordedMutation['operation'], current: DeploymentJson, next: DeploymentJson, request: unknown, type?: PatchType): DeploymentJson {
    const before = this.snapshot(current);
    const now = this.clock();
    const templateChanged = comparableTemplate(current.spec.template) !== comparableTemplate(next.spec.template);
    const specChanged = templateChanged || current.spec.replicas !== next.spec.replicas || canonicalJson(current.spec) !== canonicalJson(next.spec);
    // Identity is not patchable: the server keeps name, namespace, uid and creation time.
    next.metadata.name = current.metadata.name;
    next.metadata.namespace = current.metadata.namespace;
    next.metadata.uid = current.metadata.uid;
    next.metadata.creationTimestamp = current.metadata.creationTimestamp;
    next.metadata.generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    const index = this.store.deployments.indexOf(current);
    this.store.deployments[index] = next;
    this.rollOut(next, now);
    this.refreshDerived(now);
    next.metadata.resourceVersion = String(++this.revisionCounter);
    this.recorded.push({
      seq: this.recorded.length + 1,
      at: new Date(now).toISOString(),
      service: 'kubernetes',
      operation,
      target: `${next.metadata.namespace}/${next.metadata.name}`,
      ...(type ? { contentType: type } : {}),
      request: structuredClone(request),
      before,
      after: this.snapshot(next),
    });
    return structuredClone(next);
  }

  private owned(deployment: DeploymentJson): ReplicaSetJson[] {
    return (this.store.replicasets as ReplicaSetJson[]).filter(
      (rs) => rs.metadata.namespace === deployment.metadata.namespace && rs.metadata.ownerReferences?.some((ref) => ref.uid === deployment.metadata.uid),
    );
  }

  private snapshot(deployment: DeploymentJson): DeploymentSnapshot {
    const revision = deployment.metadata.annotations?.[REVISION_ANNOTATION] ?? '';
    const active = this.owned(deployment).find((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION] === revision);
    const restartedAt = deployment.spec.template.metadata.annotations?.[RESTARTED_AT];
    return {
      revision,
      replicas: deployment.spec.replicas,
      images: Object.fromEntries(deployment.spec.template.spec.containers.map((container) => [container.name, container.image])),
      activeReplicaSet: active?.metadata.name ?? '',
      ...(restartedAt !== undefined ? { restartedAt } : {}),
    };
  }

  /** The instant deployment controller (see the file comment). */
  private rollOut(deployment: DeploymentJson, now: number): void {
    const namespace = deployment.metadata.namespace as string;
    const owned = this.owned(deployment);
    const wanted = comparableTemplate(deployment.spec.template);
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    let active = owned.find((rs) => comparableTemplate(rs.spec.template) === wanted);
    if (!active) {
      const hash = templateHash(deployment.spec.template);
      const changeCause = deployment.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
      active = replicaSetJson({
        namespace,
        deployment,
        name: `${deployment.metadata.name}-${hash}`,
        revision: maxRevision + 1,
        template: deployment.spec.template,
        replicas: 0,
        readyReplicas: 0,
        createdAt: rfc3339(now),
        changeCause,
        uid: this.ids.uid(`replicaset/${namespace}/${deployment.metadata.name}-${hash}/${now}`),
      });
      this.add('replicasets', active);
      owned.push(active);
    } else if (revisionOf(active) !== maxRevision) {
      // Rolling back re-activates the old ReplicaSet under the next revision number.
      const annotations = (active.metadata.annotations ??= {});
      const history = [annotations['deployment.kubernetes.io/revision-history'], annotations[REVISION_ANNOTATION]].filter(Boolean).join(',');
      annotations['deployment.kubernetes.io/revision-history'] = history;
      annotations[REVISION_ANNOTATION] = String(maxRevision + 1);
      const cause = deployment.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
      if (cause !== undefined) annotations[CHANGE_CAUSE_ANNOTATION] = cause;
    }
    (deployment.metadata.annotations ??= {})[REVISION_ANNOTATION] = String(revisionOf(active));

    const desired = deployment.spec.replicas;
    for (const rs of owned) {
      const target = rs === active ? desired : 0;
      const from = rs.spec.replicas;
      const changed = from !== target || rs.status.replicas !== target || rs.status.readyReplicas !== target;
      if (!changed) continue;
      rs.spec.replicas = target;
      rs.status = { replicas: target, fullyLabeledReplicas: target, readyReplicas: target, availableReplicas: target, observedGeneration: (rs.status.observedGeneration ?? 1) + 1 };
      (rs.metadata.annotations ??= {})['deployment.kubernetes.io/desired-replicas'] = String(desired);
      rs.metadata.resourceVersion = String(++this.revisionCounter);
      this.syncPods(rs, now);
      if (from !== target) {
        const verb = target > from ? 'up' : 'down';
        this.recordEvent(deployment, 'ScalingReplicaSet', `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${target}`, now);
      }
    }
    deployment.status = deploymentStatus(deployment, owned, active, undefined, rfc3339(now));
  }

  /** Makes the ReplicaSet's pods match its replica count: extra pods go (newest first), missing ones start Running. */
  private syncPods(rs: ReplicaSetJson, now: number): void {
    const namespace = rs.metadata.namespace as string;
    const mine = (this.store.pods as PodJson[]).filter((pod) => pod.metadata.namespace === namespace && pod.metadata.ownerReferences?.some((ref) => ref.uid === rs.metadata.uid));
    const extra = mine.length - rs.spec.replicas;
    if (extra > 0) {
      const doomed = new Set(mine.sort((a, b) => Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp)).slice(0, extra));
      this.store.pods = this.store.pods.filter((pod) => !doomed.has(pod as PodJson));
      return;
    }
    const nodes = (this.store.nodes as NodeJson[]).filter((node) => !node.spec.unschedulable);
    for (let i = 0; i < -extra; i++) {
      const seq = ++this.createdPods;
      const name = `${rs.metadata.name}-${this.ids.suffix(`pod/${rs.metadata.name}/${seq}`, 5)}`;
      const at = new Date(now).toISOString();
      const node = nodes.length > 0 ? nodes[seq % nodes.length] : undefined;
      const pod: ScenarioK8sPod = {
        name,
        phase: 'Running',
        createdAt: at,
        ...(node ? { node: node.metadata.name } : {}),
        containers: rs.spec.template.spec.containers.map((container) => ({
          name: container.name,
          image: container.image,
          ready: true,
          restartCount: 0,
          state: 'running' as const,
          startedAt: at,
          logs: [],
          previousLogs: [],
          logGenerators: [],
          previousLogGenerators: [],
        })),
        initContainerStatuses: [],
      };
      const nodeIp = node?.status.addresses[0]?.address;
      this.add('pods', podJson({ namespace, pod, uid: this.ids.uid(`pod/${namespace}/${name}/${now}`), ids: this.ids, owner: rs, nodeIp }));
    }
  }

  private recordEvent(deployment: DeploymentJson, reason: string, message: string, now: number): void {
    const namespace = deployment.metadata.namespace as string;
    const index = this.store.events.length;
    const event = eventJson({
      namespace,
      event: { type: 'Normal', reason, message, involvedObject: { kind: 'Deployment', name: deployment.metadata.name }, count: 1, lastTimestamp: new Date(now).toISOString(), source: 'deployment-controller' },
      index: 1_000_000 + index,
      ids: this.ids,
      involvedUid: deployment.metadata.uid,
    });
    this.add('events', event);
  }
}

function revisionOf(rs: ReplicaSetJson): number {
  return Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
}

function conflict(name: string): K8sStatusError {
  return new K8sStatusError(409, 'Conflict', `Operation cannot be fulfilled on deployments.apps "${name}": the object has been modified; please apply your changes to the latest version and try again`, {
    name,
    group: 'apps',
    kind: 'deployments',
  });
}
