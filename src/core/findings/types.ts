/**
 * A finding: what an analyzer read in one object — a Service that selects no pod, a claim that
 * will not bind, a target group whose targets fail their health checks, an alarm that already
 * recovered. Analyzers (one per object kind, as k8sgpt keeps them) turn raw objects into
 * findings; the finding rule turns findings into hypotheses and re-reads the object to test
 * them. Failure knowledge stays in the analyzers' data, not in the engine.
 */
import type { Culprit, FailureCategory } from '../model';
import type { QueryProposal } from '../reasoner/types';

export interface Finding {
  /** Which analyzer produced it (`service-selector`, `pvc-pending`, …): also how it is re-tested. */
  analyzer: string;
  category: FailureCategory;
  /** What the finding blames. */
  culprit: Culprit;
  /** strong: specific to one failure (no endpoints, claim Pending); weak: suggestive. */
  strength: 'strong' | 'weak';
  /** The object it is about, `Kind/name`. */
  object: string;
  summary: string;
  /** epoch ms: when the object changed or the failure began, if the object says. */
  at?: number;
  /** epoch ms: when the failure it shows began, when that is earlier than the alert (a metric's slow climb). */
  failureOnset?: number;
  /** The targeted query that re-reads the object (the hypothesis's test). */
  recheck?: QueryProposal;
  excerpt?: string;
  /** Words the workload would log about the culprit besides its name (the settings a changed ConfigMap holds). */
  terms?: string[];
  /** Keys (`findingKey`) of findings this one explains: the refusal an event blamed on a ReplicaSet comes from this object; those give way to it. */
  supersedes?: string[];
  /** A measured series behind it (a metric), for the panel's chart. */
  series?: { label: string; points: [number, number][] };
}

/** The part of a culprit id the workload's own lines would print (`configmap/app-config` → `app-config`). */
export function culpritName(finding: Pick<Finding, 'culprit'>): string {
  const id = finding.culprit.id;
  return id.slice(id.lastIndexOf('/') + 1);
}

/** One finding per (category, culprit): the key a hypothesis is about. */
export function findingKey(finding: Pick<Finding, 'category' | 'culprit'>): string {
  return `${finding.category}|${finding.culprit.kind}|${finding.culprit.id}`;
}
