/**
 * Objects beyond workloads on the wire, with plain fetch: the scenario's `objects` served at the
 * real API paths in the real shapes, Endpoints/EndpointSlices and workload statuses derived like
 * the controllers do, Secret values never served, selectors, paging, Tables, metrics.k8s.io, pod
 * owners and init containers, Status errors, faults — and the schema's cross-reference errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvalidInputError } from '../../../src/core/incident';
import { type K8sEmulator, startK8sEmulator } from '../../../src/sandbox/kubernetes/k8sEmulator';
import { parseScenario, resolveScenario, type Scenario, type ScenarioInput } from '../../../src/sandbox/scenario/scenario';
import { CRASHING_POD, HEALTHY_POD, INIT_POD, JOB, JOB_POD, k8sObjectsScenario, RESTARTED_POD, SECRET_PLAIN, SECRET_VALUE, STATIC_POD } from './k8sObjectsScenario';

const TOKEN = 'test-token-0123456789';
const NOW = Date.parse('2026-01-15T12:00:00Z');
const SHAS = { one: '1'.repeat(40), two: '2'.repeat(40) };
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field

const resolved = (input: ScenarioInput): Scenario => resolveScenario(parseScenario(input), SHAS);

function client(emulator: K8sEmulator) {
  const get = async (path: string, accept?: string) => {
    const response = await fetch(`${emulator.server}${path}`, { headers: { authorization: `Bearer ${TOKEN}`, ...(accept ? { accept } : {}) } });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
    return { status: response.status, text, json: (isJson ? JSON.parse(text) : undefined) as Json };
  };
  return {
    get,
    items: async (path: string) => (await get(path)).json.items as Json[],
    names: async (path: string) => ((await get(path)).json.items as Json[]).map((item) => item.metadata.name as string),
    table: async (path: string) => {
      const table = (await get(path, TABLE)).json;
      assert.equal(table.kind, 'Table', path);
      return { columns: (table.columnDefinitions as Json[]).map((column) => column.name as string), rows: (table.rows as Json[]).map((row) => row.cells as unknown[]) };
    },
  };
}

describe('Kubernetes emulator: objects beyond workloads', () => {
  let emulator: K8sEmulator;
  let api: ReturnType<typeof client>;
  before(async () => {
    emulator = await startK8sEmulator({ scenario: resolved(k8sObjectsScenario()), token: TOKEN, clock: () => NOW });
    api = client(emulator);
  });
  after(() => emulator.close());

  it('serves each kind at its real path as a …List with the group version, and advertises it in discovery', async () => {
    const paths: [string, string, string][] = [
      ['/api/v1/namespaces/shop/services', 'ServiceList', 'v1'],
      ['/api/v1/namespaces/shop/endpoints', 'EndpointsList', 'v1'],
      ['/api/v1/namespaces/shop/configmaps', 'ConfigMapList', 'v1'],
      ['/api/v1/namespaces/shop/secrets', 'SecretList', 'v1'],
      ['/api/v1/namespaces/shop/resourcequotas', 'ResourceQuotaList', 'v1'],
      ['/api/v1/namespaces/shop/limitranges', 'LimitRangeList', 'v1'],
      ['/api/v1/namespaces/shop/persistentvolumeclaims', 'PersistentVolumeClaimList', 'v1'],
      ['/api/v1/persistentvolumes', 'PersistentVolumeList', 'v1'],
      ['/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices', 'EndpointSliceList', 'discovery.k8s.io/v1'],
      ['/apis/networking.k8s.io/v1/namespaces/shop/ingresses', 'IngressList', 'networking.k8s.io/v1'],
      ['/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies', 'NetworkPolicyList', 'networking.k8s.io/v1'],
      ['/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers', 'HorizontalPodAutoscalerList', 'autoscaling/v2'],
      ['/apis/policy/v1/namespaces/shop/poddisruptionbudgets', 'PodDisruptionBudgetList', 'policy/v1'],
      ['/apis/apps/v1/namespaces/shop/statefulsets', 'StatefulSetList', 'apps/v1'],
      ['/apis/apps/v1/namespaces/shop/daemonsets', 'DaemonSetList', 'apps/v1'],
      ['/apis/batch/v1/namespaces/shop/jobs', 'JobList', 'batch/v1'],
      ['/apis/batch/v1/namespaces/shop/cronjobs', 'CronJobList', 'batch/v1'],
      ['/apis/storage.k8s.io/v1/storageclasses', 'StorageClassList', 'storage.k8s.io/v1'],
      ['/apis/networking.k8s.io/v1/ingressclasses', 'IngressClassList', 'networking.k8s.io/v1'],
    ];
    for (const [path, kind, apiVersion] of paths) {
      const answer = await api.get(path);
      assert.equal(answer.status, 200, path);
      assert.deepEqual([answer.json.kind, answer.json.apiVersion], [kind, apiVersion], path);
      assert.ok(answer.json.items.length > 0, `${path} has items`);
      assert.equal(answer.json.items[0].kind, undefined, 'list items omit kind, as the server serialises them');
    }
    const single = (await api.get('/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/deny-all')).json;
    assert.deepEqual([single.kind, single.apiVersion, single.metadata.namespace, single.metadata.creationTimestamp], ['NetworkPolicy', 'networking.k8s.io/v1', 'shop', '2026-01-15T11:40:00Z']);
    assert.match(single.metadata.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    const groups = ((await api.get('/apis')).json.groups as Json[]).map((group) => group.name);
    assert.ok(groups.includes('metrics.k8s.io'), 'metrics.k8s.io is advertised when the scenario has metrics');
    const batch = (await api.get('/apis/batch/v1')).json;
    assert.deepEqual(batch.resources.find((resource: Json) => resource.name === 'cronjobs'), { name: 'cronjobs', singularName: 'cronjob', namespaced: true, kind: 'CronJob', verbs: ['get', 'list'], shortNames: ['cj'], categories: ['all'] });
    // Cluster-scoped under a namespace, and namespaced without one, are not paths of the API.
    assert.equal((await api.get('/api/v1/namespaces/shop/persistentvolumes')).status, 404);
    assert.equal((await api.get('/api/v1/services/checkout')).status, 404);
  });

  it('applies the server defaults: Service clusterIP and protocols, Job selector, NetworkPolicy policyTypes, kept resourceVersions', async () => {
    const checkout = (await api.get('/api/v1/namespaces/shop/services/checkout')).json;
    assert.match(checkout.spec.clusterIP, /^10\.96\.\d+\.\d+$/);
    assert.deepEqual(checkout.spec.ports, [{ protocol: 'TCP', name: 'http', port: 80, targetPort: 'http' }]);
    assert.deepEqual([checkout.spec.type, checkout.spec.sessionAffinity, checkout.status], ['ClusterIP', 'None', { loadBalancer: {} }]);
    const job = (await api.get(`/apis/batch/v1/namespaces/shop/jobs/${JOB}`)).json;
    assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid } });
    assert.equal(job.spec.template.metadata.labels['job-name'], JOB);
    const cronJob = (await api.get('/apis/batch/v1/namespaces/shop/cronjobs/report-export')).json;
    assert.deepEqual(job.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'report-export', uid: cronJob.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const allowWeb = (await api.get('/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/allow-web')).json;
    assert.deepEqual(allowWeb.spec.policyTypes, ['Ingress']);
    const configMap = (await api.get('/api/v1/namespaces/shop/configmaps/checkout-config')).json;
    assert.equal(configMap.metadata.resourceVersion, '48211', 'a resourceVersion the scenario gives is served as given');
    assert.equal(configMap.metadata.managedFields[0].time, '2026-01-15T10:58:00Z');
    const list = (await api.get('/api/v1/namespaces/shop/configmaps')).json;
    assert.ok(Number(list.metadata.resourceVersion) >= 48211, 'the list resourceVersion is not older than its items');
  });

  it('never serves Secret values: every key has an empty value, stringData and last-applied are gone', async () => {
    for (const path of ['/api/v1/namespaces/shop/secrets', '/api/v1/secrets', '/api/v1/namespaces/shop/secrets/checkout-db']) {
      const answer = await api.get(path);
      assert.ok(!answer.text.includes(SECRET_VALUE) && !answer.text.includes(SECRET_PLAIN), `${path} leaks a value`);
    }
    const table = await api.get('/api/v1/namespaces/shop/secrets?includeObject=Object', TABLE);
    assert.ok(!table.text.includes(SECRET_VALUE) && !table.text.includes(SECRET_PLAIN));
    const secret = (await api.get('/api/v1/namespaces/shop/secrets/checkout-db')).json;
    assert.deepEqual(secret.data, { password: '', username: '' });
    assert.equal(secret.stringData, undefined);
    assert.deepEqual(secret.metadata.annotations, { team: 'payments' });
    assert.equal(secret.type, 'Opaque');
  });

  it('derives Endpoints and EndpointSlices from the Service selector and ready pods, as the endpoints controller does', async () => {
    const pods = await api.items('/api/v1/namespaces/shop/pods');
    const ip = (name: string) => pods.find((pod) => pod.metadata.name === name)!.status.podIP as string;
    const checkout = (await api.get('/api/v1/namespaces/shop/endpoints/checkout')).json;
    assert.equal(checkout.subsets.length, 1);
    const [subset] = checkout.subsets;
    assert.deepEqual(subset.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }], 'the named targetPort resolves to the container port');
    assert.deepEqual(subset.addresses.map((address: Json) => [address.ip, address.targetRef.name, address.nodeName]), [[ip(HEALTHY_POD), HEALTHY_POD, 'node-b']]);
    assert.deepEqual(subset.notReadyAddresses.map((address: Json) => address.targetRef.name).sort(), [CRASHING_POD, RESTARTED_POD].sort());
    const payments = (await api.get('/api/v1/namespaces/shop/endpoints/payments')).json;
    assert.equal(payments.subsets, undefined, 'a selector that matches no pod leaves the Endpoints empty');
    const legacy = (await api.get('/api/v1/namespaces/shop/endpoints/legacy-db')).json;
    assert.deepEqual(legacy.subsets, [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 5432, protocol: 'TCP' }] }], 'hand-written Endpoints are served as given');

    const slices = await api.items('/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?labelSelector=kubernetes.io/service-name%3Dcheckout');
    assert.equal(slices.length, 1);
    const [slice] = slices;
    assert.equal(slice.addressType, 'IPv4');
    assert.equal(slice.metadata.labels['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
    assert.equal(slice.metadata.ownerReferences[0].kind, 'Service');
    assert.deepEqual(
      slice.endpoints.map((endpoint: Json) => [endpoint.targetRef.name, endpoint.conditions.ready]).sort(),
      [[CRASHING_POD, false], [HEALTHY_POD, true], [RESTARTED_POD, false]].sort(),
    );
    const legacySlice = (await api.items('/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?labelSelector=kubernetes.io/service-name%3Dlegacy-db'))[0];
    assert.deepEqual(legacySlice.endpoints, [{ addresses: ['10.1.2.3'], conditions: { ready: true, serving: true, terminating: false } }], 'mirrored from the given Endpoints');
  });

  it('derives StatefulSet, DaemonSet and PDB status from their pods; keeps a Job status that is given', async () => {
    const sts = (await api.get('/apis/apps/v1/namespaces/shop/statefulsets/orders-db')).json;
    assert.deepEqual([sts.status.replicas, sts.status.readyReplicas, sts.status.currentRevision === sts.status.updateRevision], [2, 1, true]);
    const ds = (await api.get('/apis/apps/v1/namespaces/shop/daemonsets/log-agent')).json;
    assert.deepEqual([ds.status.desiredNumberScheduled, ds.status.numberReady, ds.status.numberUnavailable], [2, 1, 1]);
    const pdb = (await api.get('/apis/policy/v1/namespaces/shop/poddisruptionbudgets/checkout')).json;
    assert.deepEqual([pdb.status.expectedPods, pdb.status.currentHealthy, pdb.status.desiredHealthy, pdb.status.disruptionsAllowed], [3, 1, 2, 0]);
    assert.equal(pdb.status.conditions[0].reason, 'InsufficientPods');
    const job = (await api.get(`/apis/batch/v1/namespaces/shop/jobs/${JOB}`)).json;
    assert.deepEqual([job.status.failed, job.status.conditions[0].reason], [3, 'BackoffLimitExceeded']);
  });

  it('serves pods of StatefulSets, Jobs and Nodes with their owner references, labels and template specs', async () => {
    const sts = (await api.get('/apis/apps/v1/namespaces/shop/statefulsets/orders-db')).json;
    const db0 = (await api.get('/api/v1/namespaces/shop/pods/orders-db-0')).json;
    assert.deepEqual(db0.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'orders-db', uid: sts.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.equal(db0.metadata.labels.app, 'orders-db');
    assert.equal(db0.metadata.labels['statefulset.kubernetes.io/pod-name'], 'orders-db-0');
    assert.deepEqual(db0.spec.containers[0].readinessProbe, { tcpSocket: { port: 5432 }, periodSeconds: 5 }, "the StatefulSet template's container spec");
    const jobPod = (await api.get(`/api/v1/namespaces/shop/pods/${JOB_POD}`)).json;
    assert.equal(jobPod.metadata.ownerReferences[0].kind, 'Job');
    assert.equal(jobPod.metadata.labels['job-name'], JOB);
    assert.equal(jobPod.spec.restartPolicy, 'Never');
    const staticPod = (await api.get(`/api/v1/namespaces/kube-system/pods/${STATIC_POD}`)).json;
    assert.deepEqual([staticPod.metadata.ownerReferences[0].kind, staticPod.metadata.ownerReferences[0].name], ['Node', 'node-a']);
    const checkout = (await api.get(`/api/v1/namespaces/shop/pods/${HEALTHY_POD}`)).json;
    const container = checkout.spec.containers[0];
    assert.deepEqual(container.ports, [{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
    assert.deepEqual(container.readinessProbe, { httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    assert.deepEqual(container.envFrom, [{ configMapRef: { name: 'checkout-config' } }]);
    assert.deepEqual(checkout.spec.volumes, [{ name: 'config', configMap: { name: 'checkout-config' } }], "the ReplicaSet template's volumes");
    assert.equal(checkout.spec.serviceAccountName, 'checkout');
  });

  it('serves init containers, pod spec extras, and init container logs; log errors are the API server 400s', async () => {
    const pod = (await api.get(`/api/v1/namespaces/shop/pods/${INIT_POD}`)).json;
    assert.deepEqual(pod.spec.initContainers.map((container: Json) => [container.name, container.command]), [['wait-for-db', ['sh', '-c', 'until nc -z orders-db 5432; do sleep 2; done']]]);
    assert.deepEqual(pod.status.initContainerStatuses.map((status: Json) => [status.name, Object.keys(status.state)[0]]), [['wait-for-db', 'running']]);
    assert.deepEqual(pod.status.conditions.find((condition: Json) => condition.type === 'Initialized'), {
      type: 'Initialized',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: '2026-01-15T11:50:00Z',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [wait-for-db]',
    });
    assert.deepEqual([pod.spec.serviceAccountName, pod.spec.nodeSelector, pod.spec.tolerations[0].key], ['migrator', { 'kubernetes.io/os': 'linux' }, 'dedicated']);
    assert.equal(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key, 'topology.kubernetes.io/zone');
    assert.deepEqual(pod.spec.containers[0].args, ['--up']);
    const table = await api.table('/api/v1/namespaces/shop/pods?fieldSelector=metadata.name%3D' + INIT_POD);
    assert.equal(table.rows[0][2], 'Init:0/1', 'kubectl shows the init phase');

    assert.equal((await api.get(`/api/v1/namespaces/shop/pods/${INIT_POD}/log?container=wait-for-db`)).text, 'waiting for orders-db:5432\n');
    const noContainer = await api.get(`/api/v1/namespaces/shop/pods/${INIT_POD}/log?container=ghost`);
    assert.equal(noContainer.status, 400);
    assert.deepEqual(noContainer.json, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `container ghost is not valid for pod ${INIT_POD}`, reason: 'BadRequest', code: 400 });
    const noPrevious = await api.get(`/api/v1/namespaces/shop/pods/${JOB_POD}/log?previous=true`);
    assert.equal(noPrevious.status, 400);
    assert.equal(noPrevious.json.message, `previous terminated container "exporter" in pod "${JOB_POD}" not found`);
    assert.equal((await api.get(`/api/v1/namespaces/shop/pods/${JOB_POD}/log`)).text, 'Error: connect ECONNREFUSED 10.1.2.3:5432\n');
  });

  it('filters new kinds by label and field selectors, lists across namespaces, and pages with continue', async () => {
    assert.deepEqual(await api.names('/api/v1/namespaces/shop/persistentvolumeclaims?labelSelector=app%3Dorders-db'), ['data-orders-db-0', 'data-orders-db-1']);
    assert.deepEqual(await api.names('/api/v1/namespaces/shop/services?fieldSelector=metadata.name%3Dpayments'), ['payments']);
    assert.deepEqual(await api.names('/api/v1/namespaces/shop/secrets?fieldSelector=type%3DOpaque'), ['checkout-db']);
    assert.deepEqual(await api.names('/apis/batch/v1/jobs?fieldSelector=status.successful%3D0'), [], 'no Job succeeded');
    assert.deepEqual(await api.names(`/api/v1/namespaces/shop/pods?fieldSelector=status.phase%3DFailed`), [JOB_POD]);
    const events = await api.items('/api/v1/namespaces/shop/events?fieldSelector=involvedObject.kind%3DPersistentVolumeClaim,involvedObject.name%3Ddata-orders-db-1');
    assert.deepEqual(events.map((event) => [event.reason, event.involvedObject.apiVersion, event.source.component]), [['ProvisioningFailed', 'v1', 'persistentvolume-controller']]);
    const pvcUid = (await api.get('/api/v1/namespaces/shop/persistentvolumeclaims/data-orders-db-1')).json.metadata.uid;
    assert.equal(events[0].involvedObject.uid, pvcUid, 'kubectl describe finds events by the object uid');
    const pvEvent = (await api.items('/api/v1/namespaces/shop/events?fieldSelector=involvedObject.kind%3DPersistentVolume'))[0];
    assert.equal(pvEvent.involvedObject.namespace, undefined, 'a cluster-scoped object has no namespace');
    const unsupported = await api.get('/api/v1/namespaces/shop/configmaps?fieldSelector=data.CACHE_SIZE%3D1');
    assert.equal(unsupported.status, 400);
    assert.match(unsupported.json.message, /field label not supported: data\.CACHE_SIZE/);

    assert.deepEqual(await api.names('/api/v1/configmaps'), ['checkout-config'], 'all namespaces');
    const all = await api.names('/api/v1/services');
    const pages: string[] = [];
    let token = '';
    let requests = 0;
    do {
      const page = (await api.get(`/api/v1/services?limit=3${token ? `&continue=${token}` : ''}`)).json;
      pages.push(...page.items.map((item: Json) => item.metadata.name as string));
      token = page.metadata.continue ?? '';
      if (token) assert.equal(page.metadata.remainingItemCount, all.length - pages.length);
      requests++;
    } while (token);
    assert.deepEqual(pages, all);
    assert.equal(requests, 2);
  });

  it('prints kubectl tables for every kind with the server columns', async () => {
    const expect = async (path: string, columns: string[], row: unknown[]) => {
      const table = await api.table(path);
      assert.deepEqual(table.columns, columns, path);
      assert.deepEqual(table.rows[0], row, path);
    };
    const checkoutIp = (await api.get('/api/v1/namespaces/shop/services/checkout')).json.spec.clusterIP;
    await expect('/api/v1/namespaces/shop/services', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector'], ['checkout', 'ClusterIP', checkoutIp, '<none>', '80/TCP', '5d3h', 'app=checkout']);
    await expect('/api/v1/namespaces/shop/services/storefront-lb', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector'], ['storefront-lb', 'LoadBalancer', (await api.get('/api/v1/namespaces/shop/services/storefront-lb')).json.spec.clusterIP, '<pending>', '443:30443/TCP', '5d3h', 'app=storefront']);
    await expect('/api/v1/namespaces/shop/endpoints/legacy-db', ['Name', 'Endpoints', 'Age'], ['legacy-db', '10.1.2.3:5432', '5d3h']);
    await expect('/api/v1/namespaces/shop/configmaps', ['Name', 'Data', 'Age'], ['checkout-config', 2, '5d3h']);
    await expect('/api/v1/namespaces/shop/secrets', ['Name', 'Type', 'Data', 'Age'], ['checkout-db', 'Opaque', 2, '5d3h']);
    await expect('/api/v1/namespaces/shop/resourcequotas', ['Name', 'Age', 'Request', 'Limit'], ['compute', '5d3h', 'pods: 10/10, requests.cpu: 1750m/2', 'limits.memory: 3Gi/4Gi']);
    await expect('/api/v1/namespaces/shop/limitranges', ['Name', 'Created At'], ['defaults', '2026-01-10T09:00:00Z']);
    await expect('/api/v1/namespaces/shop/persistentvolumeclaims/data-orders-db-1', ['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode'], ['data-orders-db-1', 'Pending', '', '', '', 'gp3-encrypted', '<unset>', '40m', 'Filesystem']);
    await expect('/api/v1/persistentvolumes', ['Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode'], ['pv-orders-0', '20Gi', 'RWO', 'Retain', 'Bound', 'shop/data-orders-db-0', 'gp3', '<unset>', '', '5d3h', 'Filesystem']);
    await expect('/apis/storage.k8s.io/v1/storageclasses', ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age'], ['gp3 (default)', 'ebs.csi.aws.com', 'Delete', 'WaitForFirstConsumer', 'true', '5d3h']);
    await expect('/apis/networking.k8s.io/v1/namespaces/shop/ingresses', ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age'], ['shop', 'nginx', 'shop.example.com', 'a1b2.elb.eu-west-1.amazonaws.com', '80, 443', '5d3h']);
    await expect('/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies', ['Name', 'Pod-Selector', 'Age'], ['deny-all', '<none>', '20m']);
    await expect('/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers', ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age'], ['checkout', 'Deployment/checkout', 'cpu: 95%/80%', 3, 3, 3, '5d3h']);
    await expect('/apis/policy/v1/namespaces/shop/poddisruptionbudgets', ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'], ['checkout', '2', 'N/A', 0, '5d3h']);
    await expect('/apis/apps/v1/namespaces/shop/statefulsets', ['Name', 'Ready', 'Age', 'Containers', 'Images'], ['orders-db', '1/2', '5d3h', 'postgres', 'postgres:16.4']);
    await expect('/apis/apps/v1/namespaces/shop/daemonsets', ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers', 'Images', 'Selector'], ['log-agent', 2, 2, 1, 2, 1, 'kubernetes.io/os=linux', '5d3h', 'fluent-bit', 'fluent/fluent-bit:3.1', 'app=log-agent']);
    const job = (await api.table('/apis/batch/v1/namespaces/shop/jobs')).rows[0];
    assert.deepEqual(job.slice(0, 5), [JOB, 'Failed', '0/1', '59m', '60m']);
    await expect('/apis/batch/v1/namespaces/shop/cronjobs', ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers', 'Images', 'Selector'], ['report-export', '0 * * * *', '<none>', 'False', 0, '60m', '5d3h', 'exporter', 'registry.example/exporter:2.0', '<none>']);
    const nodes = await api.get('/api/v1/nodes/node-b');
    assert.deepEqual(nodes.json.spec.taints, [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }]);
  });

  it('serves metrics.k8s.io like metrics-server: PodMetrics by namespace and label, NodeMetrics', async () => {
    const pods = (await api.get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods?labelSelector=app%3Dcheckout')).json;
    assert.deepEqual([pods.kind, pods.apiVersion], ['PodMetricsList', 'metrics.k8s.io/v1beta1']);
    assert.deepEqual(pods.items.map((item: Json) => [item.metadata.name, item.containers[0].usage.cpu, item.containers[0].usage.memory]), [
      [CRASHING_POD, '480m', '250Mi'],
      [HEALTHY_POD, '120m', '180Mi'],
    ]);
    assert.equal(pods.items[0].window, '15s');
    const one = (await api.get(`/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/${CRASHING_POD}`)).json;
    assert.equal(one.kind, 'PodMetrics');
    assert.equal((await api.get(`/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/${RESTARTED_POD}`)).status, 404, 'no sample for that pod');
    const nodes = (await api.get('/apis/metrics.k8s.io/v1beta1/nodes')).json;
    assert.deepEqual(nodes.items.map((item: Json) => [item.metadata.name, item.usage.cpu]), [['node-a', '3800m'], ['node-b', '900m']]);
    assert.equal(((await api.get('/apis/metrics.k8s.io/v1beta1')).json.resources as Json[]).length, 2);
  });

  it('answers 404 Status bodies for missing objects of each group', async () => {
    const missing = await api.get('/apis/batch/v1/namespaces/shop/cronjobs/ghost');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'cronjobs.batch "ghost" not found', reason: 'NotFound', details: { name: 'ghost', group: 'batch', kind: 'cronjobs' }, code: 404 });
    assert.equal((await api.get('/api/v1/namespaces/shop/configmaps/ghost')).json.message, 'configmaps "ghost" not found');
    assert.equal((await api.get('/apis/networking.k8s.io/v1/namespaces/shop/ingresses/ghost')).json.message, 'ingresses.networking.k8s.io "ghost" not found');
  });
});

describe('Kubernetes emulator: derived objects follow the world', () => {
  it('recomputes Endpoints after a scale to 0 removes the pods', async () => {
    const emulator = await startK8sEmulator({ scenario: resolved(k8sObjectsScenario()), token: TOKEN, clock: () => NOW });
    try {
      const api = client(emulator);
      const before = (await api.get('/api/v1/namespaces/shop/endpoints/checkout')).json;
      assert.equal(before.subsets[0].addresses.length, 1);
      const legacyBefore = (await api.get('/api/v1/namespaces/shop/endpointslices')).status;
      assert.equal(legacyBefore, 404, 'endpointslices live in discovery.k8s.io, not core');
      const patch = await fetch(`${emulator.server}/apis/apps/v1/namespaces/shop/deployments/checkout/scale`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ spec: { replicas: 0 } }),
      });
      assert.equal(patch.status, 200);
      const after = (await api.get('/api/v1/namespaces/shop/endpoints/checkout')).json;
      assert.equal(after.subsets, undefined);
      assert.notEqual(after.metadata.resourceVersion, before.metadata.resourceVersion);
      const unchanged = (await api.get('/api/v1/namespaces/shop/endpoints/payments')).json;
      assert.ok(Number(unchanged.metadata.resourceVersion) < Number(after.metadata.resourceVersion), 'an unchanged derived object keeps its resourceVersion');
      assert.equal((await api.get('/apis/policy/v1/namespaces/shop/poddisruptionbudgets/checkout')).json.status.expectedPods, 0);
    } finally {
      await emulator.close();
    }
  });

  it('injects faults on the new operations (listSecrets Forbidden) and leaves the others alone', async () => {
    const input = k8sObjectsScenario();
    input.world.faults = [{ service: 'kubernetes', operation: 'listSecrets', error: 'Forbidden', message: 'secrets is forbidden: User "oncall" cannot list resource "secrets" in API group "" in the namespace "shop"' }];
    const emulator = await startK8sEmulator({ scenario: resolved(input), token: TOKEN, clock: () => NOW });
    try {
      const api = client(emulator);
      const denied = await api.get('/api/v1/namespaces/shop/secrets');
      assert.deepEqual([denied.status, denied.json.reason], [403, 'Forbidden']);
      assert.equal((await api.get('/api/v1/namespaces/shop/configmaps')).status, 200);
      assert.deepEqual(
        emulator.requests().map((request) => [request.operation, request.status]),
        [
          ['listSecrets', 403],
          ['listConfigMaps', 200],
        ],
      );
    } finally {
      await emulator.close();
    }
  });
});

// ---------------------------------------------------------------- schema

function issuesOf(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (error) {
    assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
    return error.issues;
  }
  assert.fail('expected an InvalidInputError');
}

function assertIssue(issues: string[], path: string, fragment: string): void {
  assert.ok(
    issues.some((issue) => issue.startsWith(`${path}: `) && issue.includes(fragment)),
    `no issue at ${path} mentioning "${fragment}" in:\n${issues.join('\n')}`,
  );
}

const NS = 'world.kubernetes.namespaces.0';
type Loose = { world: { kubernetes: Json } };

describe('world.kubernetes objects, pod owners and metrics: schema', () => {
  it('accepts the fixture and keeps unknown fields of API objects', () => {
    const scenario = parseScenario(k8sObjectsScenario());
    const shop = scenario.world.kubernetes!.namespaces[0];
    const ingress = shop.objects.find((object) => object.kind === 'Ingress') as Json;
    assert.equal(ingress.spec.rules[0].http.paths[1].backend.service.port.name, 'http', 'loose objects keep every field');
    assert.equal(scenario.world.kubernetes!.metrics!.pods.length, 3);
    assert.deepEqual(scenario.world.kubernetes!.nodes[1].taints, [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }]);
  });

  it('names the field of each problem: kind, apiVersion, scope, duplicates, owners, metrics', () => {
    const input = k8sObjectsScenario() as unknown as Loose;
    const k8s = input.world.kubernetes;
    const objects = k8s.namespaces[0].objects as Json[];
    objects.push({ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' } });
    objects.push({ apiVersion: 'apps/v1', kind: 'Service', metadata: { name: 'wrong-group' } });
    objects.push({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-in-ns' } });
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checkout-config' } });
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'elsewhere', namespace: 'other' } });
    objects.push({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'orphan', ownerReferences: [{ kind: 'CronJob', name: 'ghost' }] } });
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } });
    objects.push({ apiVersion: 'v1', kind: 'Deployment', metadata: { name: 'dep' } });
    const base = objects.length - 8;
    (k8s.objects as Json[]).push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'cluster-svc' } });
    const pods = k8s.namespaces[0].pods as Json[];
    pods.find((pod) => pod.name === 'orders-db-0')!.owner = { kind: 'StatefulSet', name: 'ghost-db' };
    pods.find((pod) => pod.name === 'log-agent-x7k2p')!.replicaSet = 'cart-7d4f9c6b8';
    (k8s.namespaces[2].pods as Json[])[0].owner = { kind: 'Node', name: 'node-z' };
    const initPod = pods.find((pod) => pod.name === INIT_POD)!;
    (initPod.initContainerStatuses as Json[])[0].name = 'wait-for-cache';
    k8s.metrics.pods.push({ namespace: 'shop', name: 'ghost-pod', containers: [{ name: 'app', cpu: '1m', memory: '1Mi' }] });
    k8s.metrics.pods[0].containers[0].name = 'sidecar';
    k8s.metrics.nodes.push({ name: 'node-z', cpu: '1', memory: '1Gi' });
    const issues = issuesOf(input);
    const obj = (i: number) => `${NS}.objects.${base + i}`;
    assertIssue(issues, `${obj(0)}.kind`, 'unknown kind "Widget"');
    assertIssue(issues, `${obj(1)}.apiVersion`, 'Service is served as "v1", not "apps/v1"');
    assertIssue(issues, `${obj(2)}.kind`, 'PersistentVolume is cluster-scoped: put it in world.kubernetes.objects');
    assertIssue(issues, `${obj(3)}.metadata.name`, 'duplicate ConfigMap "checkout-config" in namespace "shop"');
    assertIssue(issues, `${obj(4)}.metadata.namespace`, '"other" differs from the namespace it is listed in ("shop")');
    assertIssue(issues, `${obj(5)}.metadata.ownerReferences.0.name`, 'CronJob "ghost" is not in these objects');
    assertIssue(issues, `${obj(6)}.metadata.name`, 'DNS-1123');
    assertIssue(issues, `${obj(7)}.kind`, "write deployments under the namespace's deployments");
    assertIssue(issues, `world.kubernetes.objects.${(k8s.objects as Json[]).length - 1}.kind`, 'Service is namespaced');
    assertIssue(issues, `${NS}.pods.${pods.findIndex((pod) => pod.name === 'orders-db-0')}.owner.name`, 'StatefulSet "ghost-db" is not in the objects of namespace "shop"');
    assertIssue(issues, `${NS}.pods.${pods.findIndex((pod) => pod.name === 'log-agent-x7k2p')}.owner`, 'either replicaSet or owner');
    assertIssue(issues, 'world.kubernetes.namespaces.2.pods.0.owner.name', 'node "node-z" is not in world.kubernetes.nodes');
    assertIssue(issues, `${NS}.pods.${pods.indexOf(initPod)}.initContainerStatuses.0.name`, 'no init container "wait-for-cache"');
    assertIssue(issues, 'world.kubernetes.metrics.pods.3.name', 'pod "ghost-pod" is not in namespace "shop"');
    assertIssue(issues, 'world.kubernetes.metrics.pods.0.containers.0.name', 'has no container "sidecar"');
    assertIssue(issues, 'world.kubernetes.metrics.nodes.2.name', 'node "node-z" is not in world.kubernetes.nodes');
  });

  it('checks pod containers against the owner template, and events about cluster objects', () => {
    const input = k8sObjectsScenario() as unknown as Loose;
    const k8s = input.world.kubernetes;
    const pods = k8s.namespaces[0].pods as Json[];
    const db = pods.find((pod) => pod.name === 'orders-db-0')!;
    (db.containers as Json[])[0].name = 'mysql';
    (k8s.namespaces[0].events as Json[]).push({ type: 'Warning', reason: 'X', message: 'x', involvedObject: { kind: 'PersistentVolume', name: 'pv-ghost' }, lastTimestamp: '2026-01-15T11:00:00Z' });
    (k8s.namespaces[0].events as Json[]).push({ type: 'Warning', reason: 'X', message: 'x', involvedObject: { kind: 'not a kind', name: 'x' }, lastTimestamp: '2026-01-15T11:00:00Z' });
    const issues = issuesOf(input);
    assertIssue(issues, `${NS}.pods.${pods.indexOf(db)}.containers.0.name`, 'StatefulSet "orders-db" has no container "mysql"');
    const events = k8s.namespaces[0].events as Json[];
    assertIssue(issues, `${NS}.events.${events.length - 2}.involvedObject.name`, 'PersistentVolume "pv-ghost" is not in world.kubernetes.objects');
    assertIssue(issues, `${NS}.events.${events.length - 1}.involvedObject.kind`, 'a Kubernetes kind');
  });
});
