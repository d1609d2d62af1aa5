/**
 * The hypothesis tree's shape, computed from the folded InvestigationState. Pure (no 'vscode'
 * import): treeView.ts turns these nodes into TreeItems.
 *
 * Nodes are cached by key so that every call returns the same object for the same node: VS Code
 * matches the elements passed to onDidChangeTreeData and reveal() by identity, so a granular
 * refresh only works with stable instances.
 */
import type { CodeLocation, CommitRef, Evidence, HypothesisNode, RemediationProposal } from '../core/model';
import { childHypotheses, type InvestigationState } from '../core/state';

export type TreeNode =
  | { kind: 'rootCause'; key: string; parentKey?: undefined }
  | { kind: 'hypothesis'; key: string; hypothesisId: string; parentKey?: string }
  | { kind: 'evidence'; key: string; evidenceId: string; parentKey: string }
  | { kind: 'codeLocation'; key: string; evidenceId: string; index: number; parentKey: string }
  | { kind: 'commit'; key: string; sha: string; parentKey: string }
  | { kind: 'remediation'; key: string; remediationId: string; parentKey: string }
  | { kind: 'query'; key: string; queryId: string; parentKey: string };

type NodeOf<K extends TreeNode['kind']> = Extract<TreeNode, { kind: K }>;

export const ROOT_CAUSE_KEY = 'rootCause';
export const hypothesisKey = (hypothesisId: string): string => `h:${hypothesisId}`;
export const queryKey = (queryId: string): string => `q:${queryId}`;
export const remediationKey = (remediationId: string): string => `r:${remediationId}`;
export const evidenceKey = (parentKey: string, evidenceId: string): string => `${parentKey}/e:${evidenceId}`;

/** How many code locations the root cause lists directly (the full list stays on the evidence). */
export const ROOT_CAUSE_CODE_LINKS = 3;

export class TreeNodeCache {
  private readonly nodes = new Map<string, TreeNode>();

  get<K extends TreeNode['kind']>(node: NodeOf<K>): NodeOf<K> {
    const existing = this.nodes.get(node.key);
    if (existing && existing.kind === node.kind) return existing as NodeOf<K>;
    this.nodes.set(node.key, node);
    return node;
  }

  lookup(key: string): TreeNode | undefined {
    return this.nodes.get(key);
  }

  has(key: string): boolean {
    return this.nodes.has(key);
  }

  clear(): void {
    this.nodes.clear();
  }
}

/** Root cause (once concluded) first, then the top-level hypotheses in creation order. */
export function rootNodes(state: InvestigationState, cache: TreeNodeCache): TreeNode[] {
  const roots: TreeNode[] = [];
  if (state.conclusion) roots.push(cache.get({ kind: 'rootCause', key: ROOT_CAUSE_KEY }));
  for (const hypothesis of childHypotheses(state, undefined)) roots.push(hypothesisNode(hypothesis, cache));
  return roots;
}

export function childNodes(state: InvestigationState, node: TreeNode, cache: TreeNodeCache): TreeNode[] {
  switch (node.kind) {
    case 'rootCause':
      return rootCauseChildren(state, node, cache);
    case 'hypothesis': {
      const hypothesis = state.hypotheses[node.hypothesisId];
      if (!hypothesis) return [];
      return [
        ...childHypotheses(state, hypothesis.id).map((child) => hypothesisNode(child, cache)),
        ...hypothesis.evidenceIds
          .filter((id) => state.evidence[id])
          .map((evidenceId) => cache.get({ kind: 'evidence', key: evidenceKey(node.key, evidenceId), evidenceId, parentKey: node.key })),
        ...hypothesis.queryIds
          .filter((id) => state.queries[id])
          .map((queryId) => cache.get({ kind: 'query', key: queryKey(queryId), queryId, parentKey: node.key })),
      ];
    }
    case 'evidence': {
      const evidence = state.evidence[node.evidenceId];
      if (!evidence) return [];
      return [
        ...(evidence.codeLocations ?? []).map((_, index) => codeLocationNode(node.key, evidence.id, index, cache)),
        ...(evidence.commits ?? []).map((commit) => commitNode(node.key, commit.sha, cache)),
      ];
    }
    default:
      return [];
  }
}

export function hasChildren(state: InvestigationState, node: TreeNode): boolean {
  switch (node.kind) {
    case 'rootCause':
      return true;
    case 'hypothesis': {
      const hypothesis = state.hypotheses[node.hypothesisId];
      if (!hypothesis) return false;
      return hypothesis.evidenceIds.length > 0 || hypothesis.queryIds.length > 0 || childHypotheses(state, hypothesis.id).length > 0;
    }
    case 'evidence': {
      const evidence = state.evidence[node.evidenceId];
      return (evidence?.codeLocations?.length ?? 0) + (evidence?.commits?.length ?? 0) > 0;
    }
    default:
      return false;
  }
}

/** The hypothesis node for an id, creating its ancestors' nodes as needed (for reveal()). */
export function nodeForHypothesis(state: InvestigationState, hypothesisId: string, cache: TreeNodeCache): TreeNode | undefined {
  const hypothesis = state.hypotheses[hypothesisId];
  if (!hypothesis) return undefined;
  // reveal() walks up with getParent(), so every ancestor must be in the cache too.
  if (hypothesis.parentId !== undefined) nodeForHypothesis(state, hypothesis.parentId, cache);
  return hypothesisNode(hypothesis, cache);
}

export function parentNode(node: TreeNode, cache: TreeNodeCache): TreeNode | undefined {
  return node.parentKey === undefined ? undefined : cache.lookup(node.parentKey);
}

function hypothesisNode(hypothesis: HypothesisNode, cache: TreeNodeCache): TreeNode {
  return cache.get({
    kind: 'hypothesis',
    key: hypothesisKey(hypothesis.id),
    hypothesisId: hypothesis.id,
    parentKey: hypothesis.parentId === undefined ? undefined : hypothesisKey(hypothesis.parentId),
  });
}

function codeLocationNode(parentKey: string, evidenceId: string, index: number, cache: TreeNodeCache): TreeNode {
  return cache.get({ kind: 'codeLocation', key: `${parentKey}/c:${evidenceId}#${index}`, evidenceId, index, parentKey });
}

function commitNode(parentKey: string, sha: string, cache: TreeNodeCache): TreeNode {
  return cache.get({ kind: 'commit', key: `${parentKey}/k:${sha}`, sha, parentKey });
}

function rootCauseChildren(state: InvestigationState, node: NodeOf<'rootCause'>, cache: TreeNodeCache): TreeNode[] {
  const conclusion = state.conclusion;
  if (!conclusion) return [];
  const evidenceNodes = rootCauseEvidence(state).map((evidence) =>
    cache.get({ kind: 'evidence', key: evidenceKey(node.key, evidence.id), evidenceId: evidence.id, parentKey: node.key }),
  );
  const codeNodes = rootCauseCodeLocations(state)
    .slice(0, ROOT_CAUSE_CODE_LINKS)
    .map(({ evidenceId, index }) => codeLocationNode(node.key, evidenceId, index, cache));
  const commitNodes = conclusion.commits.map((commit) => commitNode(node.key, commit.sha, cache));
  const remediationNodes = conclusion.remediations.map((proposal) =>
    cache.get({ kind: 'remediation', key: remediationKey(proposal.id), remediationId: proposal.id, parentKey: node.key }),
  );
  return [...evidenceNodes, ...codeNodes, ...commitNodes, ...remediationNodes];
}

// ---------------------------------------------------------------- lookups shared with the panel

/** The concluded hypothesis, its ancestors and its non-pruned descendants: the root cause's lineage. */
export function rootCauseLineage(state: InvestigationState): HypothesisNode[] {
  const concludedId = state.conclusion?.hypothesisId;
  const concluded = concludedId ? state.hypotheses[concludedId] : undefined;
  if (!concluded) return [];
  const lineage: HypothesisNode[] = [];
  for (let node: HypothesisNode | undefined = concluded; node; node = node.parentId ? state.hypotheses[node.parentId] : undefined) {
    lineage.push(node);
  }
  const descend = (parentId: string): void => {
    for (const child of childHypotheses(state, parentId)) {
      if (child.status === 'pruned') continue;
      lineage.push(child);
      descend(child.id);
    }
  };
  descend(concluded.id);
  return lineage;
}

/**
 * The evidence the conclusion rests on: supporting evidence of the concluded hypothesis and of
 * its ancestors (the symptoms that led there), from the top of the chain down — the same items
 * its confidence counts.
 */
export function rootCauseEvidence(state: InvestigationState): Evidence[] {
  const concludedId = state.conclusion?.hypothesisId;
  const chain: HypothesisNode[] = [];
  for (let node = concludedId ? state.hypotheses[concludedId] : undefined; node; node = node.parentId ? state.hypotheses[node.parentId] : undefined) {
    chain.unshift(node);
  }
  return chain.flatMap((hypothesis) =>
    hypothesis.evidenceIds
      .map((id) => state.evidence[id])
      .filter((evidence): evidence is Evidence => evidence !== undefined && evidence.supports && evidence.strength !== 'none' && evidence.kind !== 'unavailable'),
  );
}

export interface LocatedCode {
  evidenceId: string;
  index: number;
  location: CodeLocation;
}

/** Distinct code locations (by path and line) cited by supporting evidence of the lineage. */
export function rootCauseCodeLocations(state: InvestigationState): LocatedCode[] {
  const seen = new Set<string>();
  const located: LocatedCode[] = [];
  for (const hypothesis of rootCauseLineage(state)) {
    for (const evidenceId of hypothesis.evidenceIds) {
      const evidence = state.evidence[evidenceId];
      if (!evidence || !evidence.supports) continue;
      (evidence.codeLocations ?? []).forEach((location, index) => {
        const key = `${location.path}:${location.line}`;
        if (seen.has(key)) return;
        seen.add(key);
        located.push({ evidenceId, index, location });
      });
    }
  }
  return located;
}

/** A commit known to the investigation (conclusion first, then evidence), by full or short sha. */
export function findCommit(state: InvestigationState, sha: string): CommitRef | undefined {
  const matches = (commit: CommitRef): boolean => commit.sha === sha || commit.shortSha === sha || commit.sha.startsWith(sha);
  const fromConclusion = state.conclusion?.commits.find(matches);
  if (fromConclusion) return fromConclusion;
  for (const evidence of Object.values(state.evidence)) {
    const found = evidence.commits?.find(matches);
    if (found) return found;
  }
  return undefined;
}

export function findRemediation(state: InvestigationState, remediationId: string): RemediationProposal | undefined {
  return state.conclusion?.remediations.find((proposal) => proposal.id === remediationId);
}

export function findCodeLocation(state: InvestigationState, evidenceId: string, index: number): CodeLocation | undefined {
  return state.evidence[evidenceId]?.codeLocations?.[index];
}
