/**
 * Which culprit a confirmed chain of hypotheses names, and whether that makes it a bad deploy.
 * The deepest node that names one wins (refinements are more specific than their parents);
 * within that node, the most specific kind: what changed over where it shows.
 */
import type { CommitRef, Culprit, Evidence, FailureCategory, HypothesisNode } from '../model';
import type { ChangeRecord } from '../reasoner/types';
import { versionCulprit } from './changes';

export interface CulpritChoice {
  culprit?: Culprit;
  /** Set when the chain's category gives way to another one (a dependency's own bad deploy). */
  category?: FailureCategory;
}

export interface CulpritInputs {
  /** Root first, the confirmed node last. */
  chain: readonly HypothesisNode[];
  /** The chain's supporting evidence. */
  evidence: readonly Evidence[];
  commits: readonly CommitRef[];
  /** The change the chain dated the failure to, if any. */
  change?: ChangeRecord;
  /** The rule that proposed the confirmed node. */
  rule?: string;
}

const RANK: Record<Culprit['kind'], number> = { commit: 5, config: 4, 'task-definition': 3, replicaset: 3, node: 2, pod: 2, other: 2, dependency: 1 };

/** How specific a culprit is: what changed (a commit, a setting, a version) over where it shows (an object, a dependency). */
export function culpritRank(culprit: Culprit): number {
  return RANK[culprit.kind];
}

export function chooseCulprit({ chain, evidence, commits, change, rule }: CulpritInputs): CulpritChoice {
  const deepest = [...chain]
    .reverse()
    .map((node) => evidence.filter((e) => e.culprit && node.evidenceIds.includes(e.id)))
    .find((list) => list.length);
  // Stable sort: among equally specific culprits the node's first evidence keeps its place.
  const namedBy = deepest?.slice().sort((a, b) => culpritRank(b.culprit!) - culpritRank(a.culprit!))[0];
  const culprit = namedBy?.culprit ?? (commits[0] ? { kind: 'commit' as const, id: commits[0].sha } : change ? versionCulprit(change.platform, change.toVersion) : undefined);
  // A dependency that broke because it deployed a new version is that version's bad deploy.
  const dependencyDeploy = rule === 'dependency-cause' && namedBy?.kind === 'deployment' && (culprit?.kind === 'task-definition' || culprit?.kind === 'replicaset');
  return { culprit, category: dependencyDeploy ? 'bad-deploy' : undefined };
}
