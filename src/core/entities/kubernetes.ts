/**
 * Kubernetes names in messages: object references (`configmap "x" not found`,
 * `deployment.apps/x`, `ConfigMap ns/x`, `system:serviceaccount:ns:sa`), pod names by their
 * generated shape, node names by their cloud shape, and container image references.
 */
import type { Scan } from './scan';
import type { Entity } from './types';

/** Spellings (plural, short, kubectl) → the kind. */
const KINDS: Record<string, string> = {};
for (const [kind, ...aliases] of [
  ['configmap', 'configmaps', 'cm'], ['secret', 'secrets'], ['persistentvolumeclaim', 'persistentvolumeclaims', 'pvc'],
  ['persistentvolume', 'persistentvolumes', 'pv'], ['serviceaccount', 'serviceaccounts', 'sa'], ['service', 'services', 'svc'],
  ['deployment', 'deployments', 'deploy'], ['pod', 'pods', 'po'], ['namespace', 'namespaces', 'ns'], ['node', 'nodes'],
  ['storageclass', 'storageclasses', 'sc'], ['ingress', 'ingresses', 'ing'], ['replicaset', 'replicasets', 'rs'],
  ['statefulset', 'statefulsets', 'sts'], ['daemonset', 'daemonsets', 'ds'], ['job', 'jobs'], ['cronjob', 'cronjobs', 'cj'],
  ['role', 'roles'], ['clusterrole', 'clusterroles'], ['rolebinding', 'rolebindings'], ['clusterrolebinding', 'clusterrolebindings'],
  ['endpoints', 'endpoint', 'ep'], ['endpointslice', 'endpointslices'], ['horizontalpodautoscaler', 'horizontalpodautoscalers', 'hpa'],
  ['networkpolicy', 'networkpolicies', 'netpol'], ['resourcequota', 'resourcequotas', 'quota'], ['limitrange', 'limitranges', 'limits'],
  ['priorityclass', 'priorityclasses', 'pc'], ['poddisruptionbudget', 'poddisruptionbudgets', 'pdb'], ['lease', 'leases'],
] as string[][]) {
  KINDS[kind!] = kind!;
  for (const a of aliases) KINDS[a] = kind!;
}
/** Short aliases are only trusted in the kubectl `kind/name` form. */
const SHORT = new Set(['cm', 'pvc', 'pv', 'sa', 'svc', 'deploy', 'po', 'ns', 'sc', 'ing', 'rs', 'sts', 'ds', 'cj', 'ep', 'hpa', 'netpol', 'quota', 'limits', 'pc', 'pdb']);
const LONG = Object.keys(KINDS).filter((k) => !SHORT.has(k)).sort((a, b) => b.length - a.length).join('|');
const ALL = Object.keys(KINDS).sort((a, b) => b.length - a.length).join('|');
const NAME = String.raw`[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?`;
const CAMEL = 'ConfigMap|Secret|PersistentVolumeClaim|PersistentVolume|ServiceAccount|Service|Deployment|Pod|Namespace|Node|StorageClass|Ingress|ReplicaSet|StatefulSet|DaemonSet|Job|CronJob|Role|ClusterRole|RoleBinding|ClusterRoleBinding|Endpoints|HorizontalPodAutoscaler|NetworkPolicy|ResourceQuota|LimitRange|PriorityClass|PodDisruptionBudget|Lease';

const OBJECT_REFS: RegExp[] = [
  // API errors: `configmaps "x" not found`, `deployments.apps "x" is forbidden`, `secret "x"`.
  new RegExp(String.raw`(?<![\w/.-])(?<kind>${LONG})(?:\.[a-z0-9.-]+)?\s+["\u201c](?<name>${NAME})["\u201d]`, 'gi'),
  // kubectl: `deployment.apps/api`, `pod/api-7d9f`, `svc/orders`.
  new RegExp(String.raw`(?<![\w/.-])(?<kind>${ALL})(?:\.[a-z0-9-]+(?:\.[a-z0-9-]+)*)?\/(?<name>${NAME})(?![\w/-])`, 'g'),
  // Kubelet messages: `in ConfigMap default/app-config`, `Pod default/api-xyz`.
  new RegExp(String.raw`\b(?<kind>${CAMEL})\s+(?<namespace>[a-z0-9-]+)\/(?<name>${NAME})`, 'g'),
  // RBAC subjects: `system:serviceaccount:payments:api`.
  /\bsystem:(?<kind>serviceaccount):(?<namespace>[a-z0-9-]+):(?<name>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)/g,
];
const NAMESPACE_CONTEXT = /\b(?:in (?:the )?namespace|namespace[=:]|-n)\s*["\u201c]?(?<ns>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)["\u201d]?/;

export function objectEntity(kind: string, name: string, namespace?: string): Entity {
  const ns = namespace ? { namespace } : {};
  if (kind === 'pod') return { kind: 'pod', value: name, objectKind: 'pod', ...ns };
  if (kind === 'node') return { kind: 'node', value: name, objectKind: 'node' };
  if (kind === 'service') return { kind: 'service', value: name, objectKind: 'service', ...ns };
  return { kind: 'k8s-object', value: name, objectKind: kind, ...ns };
}

export function extractObjectRefs(scan: Scan): void {
  const lineNamespace = NAMESPACE_CONTEXT.exec(scan.original)?.groups?.ns;
  for (const regex of OBJECT_REFS) {
    for (const m of scan.matches(regex)) {
      const kind = KINDS[m.groups!.kind!.toLowerCase()];
      if (!kind) continue;
      const name = m.groups!.name!;
      const namespace = m.groups!.namespace ?? (kind === 'namespace' || kind === 'node' ? undefined : lineNamespace);
      scan.add(objectEntity(kind, name, namespace));
      scan.claim(m.index, m.index + m[0].length);
    }
  }
}

/**
 * Pod names a Deployment generates: `<name>-<replicaset hash>-<5 chars>`; the hash and suffix
 * use Kubernetes' vowel-free alphabet, which is why English words and UUIDs do not fit.
 */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const POD = new RegExp(String.raw`(?<![\w./-])(?:(?<namespace>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\/)?(?<name>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-${SAFE}{6,10}-${SAFE}{5})(?![\w.-])`, 'g');
const POD_CONTEXT = /\b(?:pod|Pod)[:=]?\s+["\u201c]?(?<name>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)["\u201d]?(?=[\s,.;:)]|$)/g;

export function extractPods(scan: Scan): void {
  for (const m of scan.matches(POD)) {
    scan.add({ kind: 'pod', value: m.groups!.name!, objectKind: 'pod', ...(m.groups!.namespace ? { namespace: m.groups!.namespace } : {}) });
    scan.claim(m.index, m.index + m[0].length);
  }
  for (const m of scan.matches(POD_CONTEXT)) {
    const name = m.groups!.name!;
    if (!/[-\d]/.test(name)) continue; // `pod is`, `pod failed` are words; pod names carry a dash or digit
    scan.add({ kind: 'pod', value: name, objectKind: 'pod' });
    scan.claim(m.index, m.index + m[0].length);
  }
}

/** Cloud node names (EKS, GKE, AKS), EC2 instance ids, and `on node x` / `Node x status`. */
const NODES: RegExp[] = [
  /(?<![\w.-])(?<name>ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?:\.[a-z0-9-]+)*?(?:\.ec2\.internal|\.compute\.internal)?)(?![\w-]|\.\w)/g,
  /(?<![\w.-])(?<name>gke-[a-z0-9-]+-[a-z0-9]{4,8}-[a-z0-9]{4})(?![\w-])/g,
  /(?<![\w.-])(?<name>aks-[a-z0-9]+-\d{6,10}-vmss[0-9a-z]{6})(?![\w-])/g,
  /(?<![\w.-])(?<name>i-[0-9a-f]{8}(?:[0-9a-f]{9})?)(?![\w-])/g,
  /\b(?:on|to) node ["\u201c]?(?<name>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)["\u201d]?/g,
  /\bNode (?<name>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?) (?:status is now|has been rebooted|is not ready)/g,
];

export function extractNodes(scan: Scan): void {
  for (const regex of NODES) {
    for (const m of scan.matches(regex)) {
      scan.add({ kind: 'node', value: m.groups!.name!, objectKind: 'node' });
      scan.claim(m.index, m.index + m[0].length);
    }
  }
}

/** `registry/repo:tag@sha256:…`; the part after the last `/` may carry a tag and a digest. */
const REF = String.raw`[a-z0-9][a-z0-9._-]*(?::\d{1,5})?(?:\/[a-z0-9][a-z0-9._-]*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?`;
const REGISTRY = String.raw`(?:\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?|public\.ecr\.aws|(?:[a-z]{2,4}\.)?gcr\.io|[a-z0-9-]+-docker\.pkg\.dev|ghcr\.io|quay\.io|docker\.io|index\.docker\.io|registry\.k8s\.io|k8s\.gcr\.io|mcr\.microsoft\.com|[a-z0-9-]+\.azurecr\.io|registry\.gitlab\.com)`;
const IMAGES: RegExp[] = [
  // Named by context: `image "x"`, `Failed to pull image "x"`, `pull access denied for x`, `failed to resolve ref x`.
  new RegExp(String.raw`\b(?:image|Image|pulling image|pull access denied for|failed to resolve ref(?:erence)?|manifest for)\s+["\u201c]?(?<ref>${REF})["\u201d]?`, 'g'),
  // A reference on a known registry host, anywhere.
  new RegExp(String.raw`(?<![\w./-])(?<ref>${REGISTRY}\/${REF})`, 'g'),
];

export function extractImages(scan: Scan): void {
  for (const regex of IMAGES) {
    for (const m of scan.matches(regex)) {
      const ref = m.groups!.ref!.replace(/[.:]+$/, '');
      const quoted = /["\u201c]/.test(m[0]);
      if (!quoted && !ref.includes('/') && !ref.includes(':') && !ref.includes('@')) continue; // `image pull` is a word, not a ref
      scan.add({ kind: 'image', value: ref });
      scan.claim(m.index, m.index + m[0].length);
    }
  }
}
