/**
 * Shapes and conventions shared by the Kubernetes emulator's modules: the API object types it
 * stores, stable ids, RFC 3339 times, quantities, and how pod templates are compared and hashed
 * (what decides whether a rollout creates a ReplicaSet or re-uses one).
 */
import type { ScenarioK8sCondition } from './k8sScenario';
import { createRng, hashSeed } from '../scenario/logTemplate';

// ---------------------------------------------------------------- shapes

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface ApiObject {
  kind: string;
  apiVersion: string;
  metadata: ObjectMeta;
}

export interface ContainerJson {
  name: string;
  image: string;
  [field: string]: unknown;
}

export interface PodTemplateJson {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; [field: string]: unknown };
  spec: { containers: ContainerJson[]; [field: string]: unknown };
}

export interface DeploymentJson extends ApiObject {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: PodTemplateJson;
    [field: string]: unknown;
  };
  status: Record<string, unknown>;
}

export interface ReplicaSetJson extends ApiObject {
  spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: PodTemplateJson };
  status: { replicas: number; fullyLabeledReplicas: number; readyReplicas: number; availableReplicas: number; observedGeneration: number };
}

export interface PodJson extends ApiObject {
  spec: { containers: ContainerJson[]; nodeName?: string; [field: string]: unknown };
  status: { phase: string; [field: string]: unknown };
}

export interface NodeJson extends ApiObject {
  spec: { unschedulable?: boolean; [field: string]: unknown };
  status: { addresses: { type: string; address: string }[]; [field: string]: unknown };
}

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const TEMPLATE_HASH_LABEL = 'pod-template-hash';

// ---------------------------------------------------------------- ids, hashes, times

/** RFC 3339 in seconds, as metav1.Time serialises. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const toMs = (iso: string) => Date.parse(iso);

/** Random-looking but stable ids: one PRNG per (scenario, key). */
export class IdSource {
  constructor(private readonly seed: string) {}

  private rng(key: string) {
    return createRng(hashSeed(`${this.seed}/${key}`));
  }

  hex(key: string, length: number): string {
    const rng = this.rng(key);
    return Array.from({ length }, () => Math.floor(rng() * 16).toString(16)).join('');
  }

  uid(key: string): string {
    const hex = this.hex(`uid/${key}`, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  /** Like k8s' rand.String: the consonant/digit alphabet used in generated pod and RS names. */
  suffix(key: string, length: number): string {
    const rng = this.rng(`suffix/${key}`);
    return Array.from({ length }, () => SAFE_ALPHABET[Math.floor(rng() * SAFE_ALPHABET.length)]).join('');
  }
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Key-sorted JSON: equal templates compare equal whatever order a patch left their keys in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const QUANTITY_SUFFIX: Readonly<Record<string, number>> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The numeric value of a quantity ("250m" → 0.25, "1Gi" → 1073741824); NaN if malformed. */
export function quantityValue(quantity: string): number {
  const match = /^([+-]?\d*\.?\d+(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(quantity.trim());
  const factor = match ? QUANTITY_SUFFIX[match[2]] : undefined;
  return match && factor !== undefined ? Number(match[1]) * factor : Number.NaN;
}

/**
 * The API server stores quantities canonically, so "0.25" comes back as "250m". Only that common
 * case is rewritten here; comparisons use `comparableTemplate`, which does not depend on it.
 */
export function canonicalQuantity(quantity: string): string {
  if (/^\d*\.\d+$/.test(quantity)) {
    const millis = Math.round(Number(quantity) * 1000);
    if (Math.abs(millis - Number(quantity) * 1000) < 1e-9) return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
  }
  return quantity;
}

/** Drops null members: Go decodes `"creationTimestamp": null` and an absent field to the same zero value. */
function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, withoutNulls(item)])) as T;
  }
  return value;
}

/**
 * A template as the controller compares it: without the hash label, null members and with
 * resource quantities as numbers, so "0.25" equals "250m" the way two decoded Quantity values are
 * equal (kubectl rollout undo sends the template back after a round trip through Go types).
 */
export function comparableTemplate(template: PodTemplateJson): string {
  const copy = withoutNulls(withoutHashLabel(template));
  for (const container of [...copy.spec.containers, ...((copy.spec.initContainers as ContainerJson[] | undefined) ?? [])]) {
    const resources = container.resources as { limits?: Record<string, unknown>; requests?: Record<string, unknown> } | undefined;
    for (const list of [resources?.limits, resources?.requests]) {
      if (!list) continue;
      for (const [name, value] of Object.entries(list)) list[name] = quantityValue(String(value));
    }
  }
  return canonicalJson(copy);
}

/** The pod-template-hash the deployment controller would compute (here: FNV-1a, safe-encoded). */
export function templateHash(template: PodTemplateJson): string {
  let hash = hashSeed(canonicalJson(withoutHashLabel(template)));
  let out = '';
  for (let i = 0; i < 10; i++) {
    out += SAFE_ALPHABET[hash % SAFE_ALPHABET.length];
    hash = Math.floor(hash / SAFE_ALPHABET.length) ^ Math.imul(hash, 31);
    hash >>>= 0;
  }
  return out;
}

export function withoutHashLabel(template: PodTemplateJson): PodTemplateJson {
  const copy = structuredClone(template);
  if (copy.metadata.labels) delete copy.metadata.labels[TEMPLATE_HASH_LABEL];
  return copy;
}

export function labelSelectorString(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

// ---------------------------------------------------------------- conditions

/** A pod condition (with lastProbeTime) or, given a heartbeat time, a node condition. */
export function conditionJson(condition: ScenarioK8sCondition, defaultTime: string, heartbeat?: string) {
  const time = condition.lastTransitionTime ? rfc3339(toMs(condition.lastTransitionTime)) : defaultTime;
  return {
    type: condition.type,
    status: condition.status,
    ...(heartbeat ? { lastHeartbeatTime: heartbeat } : { lastProbeTime: null }),
    lastTransitionTime: time,
    ...(condition.reason !== undefined ? { reason: condition.reason } : {}),
    ...(condition.message !== undefined ? { message: condition.message } : {}),
  };
}
