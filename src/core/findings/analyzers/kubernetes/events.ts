/**
 * Events, read through the failure vocabularies (core/taxonomy): each event about the
 * workload's own objects that a vocabulary entry recognises becomes a finding, blamed on the
 * entity the entry captures — the ConfigMap a mount cannot find, the quota a ReplicaSet
 * exceeds, the claim that will not bind, the node that went NotReady. The knowledge is the
 * taxonomy's data; this only maps its captures to culprits.
 */
import type { K8sEvent } from '../../../../providers/types';
import type { Culprit } from '../../../model';
import { failureMatch, type TaxonomyMatch } from '../../../taxonomy';
import { eventsAboutWorkload } from '../../../engine/eventAttribution';
import type { QueryResult, TriageContext } from '../../../reasoner/types';
import type { Finding } from './common';
import { targetPods } from './common';

/** A taxonomy capture → the culprit it names (first that applies). */
const CAPTURE_CULPRITS: readonly [capture: string, culprit: (value: string) => Culprit][] = [
  ['configmap', (v) => ({ kind: 'other', id: `configmap/${v}` })],
  ['quota', (v) => ({ kind: 'other', id: `resourcequota/${v}` })],
  ['claim', (v) => ({ kind: 'other', id: `pvc/${v}` })],
  ['node', (v) => ({ kind: 'node', id: v })],
];

export function eventCulprit(match: TaxonomyMatch, event: K8sEvent, context: TriageContext): Culprit | undefined {
  for (const [capture, culprit] of CAPTURE_CULPRITS) {
    const value = match.entities[capture as keyof TaxonomyMatch['entities']];
    if (value) return culprit(value);
  }
  // A Kubernetes Secret that a container cannot find (not an AWS ARN: that is ECS's story).
  if (match.entities.secret && !match.entities.secret.startsWith('arn:')) return { kind: 'other', id: `secret/${match.entities.secret}` };
  const { kind, name } = event.involvedObject;
  if (kind === 'PersistentVolumeClaim') return { kind: 'other', id: `pvc/${name}` };
  if (kind === 'Node') return { kind: 'node', id: name };
  if (match.entry.category === 'storage') {
    const claims = [...new Set(targetPods(context).flatMap((p) => (p.volumes ?? []).filter((v) => v.type === 'persistentVolumeClaim' && v.source).map((v) => v.source!)))];
    if (claims.length === 1) return { kind: 'other', id: `pvc/${claims[0]}` };
  }
  if (match.entry.category === 'config-change') {
    // A pod that cannot be placed or configured: the version it belongs to.
    const pod = kind === 'Pod' ? targetPods(context).find((p) => p.name === name) : undefined;
    if (pod?.replicaSet) return { kind: 'replicaset', id: pod.replicaSet };
    if (kind === 'ReplicaSet') return { kind: 'replicaset', id: name };
  }
  return undefined;
}

export function eventFindings(result: QueryResult, context: TriageContext): Finding[] {
  if (result.operation !== 'k8s.events') return [];
  const namespace = context.incident.target.platform === 'kubernetes' ? context.incident.target.namespace : '';
  const out: Finding[] = [];
  for (const event of eventsAboutWorkload(result.events, context.scope)) {
    if (event.type !== 'Warning' || event.lastTimestamp < context.onset - 3 * 3_600_000) continue;
    const match = failureMatch(`${event.reason}: ${event.message}`);
    if (!match) continue;
    const culprit = eventCulprit(match, event, context);
    if (!culprit) continue;
    out.push({
      analyzer: 'events',
      category: match.entry.category,
      culprit,
      strength: match.entry.strength === 'strong' || event.count >= 3 ? 'strong' : 'weak',
      object: `${event.involvedObject.kind}/${event.involvedObject.name}`,
      summary: `${event.reason} on ${event.involvedObject.kind}/${event.involvedObject.name}${event.count > 1 ? ` (×${event.count})` : ''}: ${event.message.length > 220 ? `${event.message.slice(0, 220)}…` : event.message}`,
      at: event.firstTimestamp ?? event.lastTimestamp,
      recheck: { provider: 'kubernetes', operation: 'k8s.events', target: namespace, params: { object: event.involvedObject.name }, rationale: `Is Kubernetes still reporting ${event.reason} for ${event.involvedObject.kind}/${event.involvedObject.name}?` },
      excerpt: `${event.reason}: ${event.message}`,
    });
  }
  return out;
}
