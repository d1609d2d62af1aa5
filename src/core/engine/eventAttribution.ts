/**
 * Which orchestrator events are about the incident's workload. A namespace's events belong
 * to every workload in it: another deployment's crash loop is not evidence about the target,
 * unless it is something the target depends on (that is a dependency's story, told when the
 * investigation follows the dependency). An event counts for the target when its object is
 * the workload, one of its ReplicaSets or pods, a node its pods run on, or an object named
 * after it (its PVCs `data-NAME-0`, its HPA, its Service).
 */
import type { K8sEvent } from '../../providers/types';
import type { WorkloadScope } from '../reasoner/types';

export function scopeOf(kind: string, name: string, pods: readonly { name: string; nodeName?: string; replicaSet?: string }[]): WorkloadScope {
  return {
    kind,
    name,
    pods: [...new Set(pods.map((p) => p.name))],
    replicaSets: [...new Set(pods.map((p) => p.replicaSet).filter((r): r is string => !!r))],
    nodes: [...new Set(pods.map((p) => p.nodeName).filter((n): n is string => !!n))],
  };
}

export function isAboutWorkload(object: { kind: string; name: string }, scope: WorkloadScope): boolean {
  const { kind, name } = object;
  if (kind === 'Node') return scope.nodes.includes(name);
  if (kind === 'Pod') return scope.pods.includes(name) || ownedName(name, scope.name);
  if (kind === 'ReplicaSet') return scope.replicaSets.includes(name) || ownedName(name, scope.name);
  if (name === scope.name) return true;
  // Objects named after the workload: PVCs of a StatefulSet (data-orders-db-0), jobs of a CronJob (report-28713450).
  return containsName(name, scope.name);
}

export function eventsAboutWorkload(events: readonly K8sEvent[], scope: WorkloadScope | undefined): K8sEvent[] {
  if (!scope) return [...events];
  return events.filter((e) => isAboutWorkload(e.involvedObject, scope));
}

/** `checkout-7d9f8b6c5d-x2k4q` is owned by `checkout` (a controller's generated name), `checkout-db-0` is not. */
function ownedName(name: string, owner: string): boolean {
  if (!name.startsWith(`${owner}-`)) return false;
  const rest = name.slice(owner.length + 1);
  // ReplicaSet hash (+ pod suffix), StatefulSet ordinal, Job/DaemonSet random suffix.
  return /^(?:[a-z0-9]{5,10}(?:-[a-z0-9]{5})?|\d+|[a-z0-9]{5})$/.test(rest);
}

function containsName(name: string, owner: string): boolean {
  const tokens = name.split('-');
  const ownerTokens = owner.split('-');
  for (let i = 0; i + ownerTokens.length <= tokens.length; i++) {
    if (ownerTokens.every((token, j) => tokens[i + j] === token)) {
      // The owner's name followed by another word is another workload (checkout → checkout-db).
      const next = tokens[i + ownerTokens.length];
      return next === undefined || /^\d+$/.test(next) || /^[a-z0-9]{5,10}$/.test(next) && /\d/.test(next);
    }
  }
  return false;
}
