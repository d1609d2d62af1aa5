/** What the Kubernetes analyzers share: label matching, the workload's pods, what its symptoms name. */
import type { K8sObjectKind, K8sObjectOf, K8sPod } from '../../../../providers/types';
import type { QueryProposal, QueryResult, TriageContext } from '../../../reasoner/types';
import type { Finding } from '../../types';

/** `app=web,tier=api` or a matchLabels record → a record. */
export function labelsOf(selector: string | Record<string, string>): Record<string, string> {
  if (typeof selector !== 'string') return selector;
  return Object.fromEntries(
    selector
      .split(',')
      .map((part) => part.trim().split('='))
      .filter((kv) => kv.length === 2 && kv[0])
      .map(([k, v]) => [k!, v!]),
  );
}

/** A label record as a label selector (`app=web,tier=api`), the form the API and kubectl take. */
export function selectorOf(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Equality selectors only (what matchLabels and most Service selectors are); an empty selector selects nothing here. */
export function selects(selector: string | Record<string, string>, labels: Record<string, string>): boolean {
  const wanted = Object.entries(labelsOf(selector));
  return wanted.length > 0 && wanted.every(([k, v]) => labels[k] === v);
}

export function objectsOf<K extends K8sObjectKind>(result: QueryResult, kind: K): K8sObjectOf<K>[] {
  return result.operation === 'k8s.objects' ? (result.objects.filter((o) => o.kind === kind) as K8sObjectOf<K>[]) : [];
}

export function targetPods(context: TriageContext): K8sPod[] {
  return context.pods ?? [];
}

export { mentions, namedBySymptoms, symptomTexts } from '../../symptoms';

/** The kinds read around a workload in one namespace (one bounded list call each). */
export const SURROUNDING_KINDS = ['Service', 'Endpoints', 'Ingress', 'IngressClass', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'StorageClass', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'CronJob', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'];

/** The objects around a workload, as one question: what triage asks, and what a finding that needs its neighbours re-reads. */
export function surroundingsQuery(namespace: string, rationale = 'What do the objects around the workload say (Services and endpoints, config, claims, policies, quotas, jobs)?'): QueryProposal {
  return { provider: 'kubernetes', operation: 'k8s.objects', target: namespace, params: { kinds: SURROUNDING_KINDS.join(','), limit: 200 }, rationale };
}

/** The targeted re-read of one object. */
export function recheckOf(object: { kind: K8sObjectKind; name: string; namespace?: string }, context: TriageContext, rationale: string, companions: K8sObjectKind[] = []): QueryProposal {
  const namespace = object.namespace ?? (context.incident.target.platform === 'kubernetes' ? context.incident.target.namespace : '');
  return { provider: 'kubernetes', operation: 'k8s.objects', target: `${namespace}/${[object.kind, ...companions].join(',')}/${object.name}`, params: {}, rationale };
}

/** Changed (created or updated) shortly before the symptoms: a candidate change. */
export function changedNear(at: number | undefined, context: TriageContext, horizonMs = 2 * 3_600_000): boolean {
  return at !== undefined && at <= context.onset + 5 * 60_000 && context.onset - at <= horizonMs;
}

export type { Finding };
