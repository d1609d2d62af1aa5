/**
 * Granular tree refresh: which nodes an event changes, and a queue that coalesces a burst of
 * events (the engine can emit dozens per second) into one refresh per changed subtree.
 * Pure (no 'vscode' import).
 */
import type { InvestigationEvent } from '../core/events';
import type { InvestigationState } from '../core/state';
import { hypothesisKey, queryKey, remediationKey, ROOT_CAUSE_KEY } from './treeNodes';

/** The whole tree. */
export const TREE_ROOT = Symbol('tree root');
export type RefreshTarget = string | typeof TREE_ROOT;

/** Nodes whose item or children change when `event` is applied to `state` (after applying it). */
export function refreshTargetsFor(event: InvestigationEvent, state: InvestigationState): RefreshTarget[] {
  const concludedId = state.conclusion?.hypothesisId;
  switch (event.type) {
    case 'investigation.started':
    case 'conclusion':
    case 'investigation.completed':
      return [TREE_ROOT];
    case 'hypothesis.added':
      return [event.hypothesis.parentId === undefined ? TREE_ROOT : hypothesisKey(event.hypothesis.parentId)];
    case 'hypothesis.updated':
      return event.hypothesisId === concludedId ? [hypothesisKey(event.hypothesisId), ROOT_CAUSE_KEY] : [hypothesisKey(event.hypothesisId)];
    case 'query.planned':
    case 'query.refused':
      // A new child of the hypothesis (or, for a re-planned query, the query's own row).
      return [hypothesisKey(event.query.hypothesisId), queryKey(event.query.id)];
    case 'query.completed':
      return [queryKey(event.queryId)];
    case 'evidence.added':
      return event.evidence.hypothesisId === concludedId
        ? [hypothesisKey(event.evidence.hypothesisId), ROOT_CAUSE_KEY]
        : [hypothesisKey(event.evidence.hypothesisId)];
    case 'remediation.decided':
    case 'remediation.executed':
      return [remediationKey(event.remediationId)];
    case 'user.judgement':
      // Marking a root cause demotes the previously confirmed node and replaces the conclusion:
      // rare and user-driven, so the whole tree; prune / re-test change one node (and the root cause's children).
      return event.judgement === 'root-cause' ? [TREE_ROOT] : [hypothesisKey(event.hypothesisId), ROOT_CAUSE_KEY];
    case 'phase.changed':
    case 'context.gathered':
    case 'thought':
    case 'warning':
      return [];
  }
}

/**
 * Collects refresh targets until flushed. `flush` drops targets VS Code has never rendered
 * (they will be built fresh when their parent expands) and targets whose ancestor is also
 * refreshed (refreshing a node refreshes its subtree).
 */
export class RefreshQueue {
  private readonly pending = new Set<RefreshTarget>();

  add(targets: Iterable<RefreshTarget>): void {
    for (const target of targets) this.pending.add(target);
  }

  get size(): number {
    return this.pending.size;
  }

  flush(isRendered: (key: string) => boolean, parentOf: (key: string) => string | undefined): RefreshTarget[] {
    const targets = [...this.pending];
    this.pending.clear();
    if (targets.includes(TREE_ROOT)) return [TREE_ROOT];
    const keys = new Set(targets.filter((target): target is string => typeof target === 'string' && isRendered(target)));
    return [...keys].filter((key) => {
      for (let parent = parentOf(key); parent !== undefined; parent = parentOf(parent)) {
        if (keys.has(parent)) return false;
      }
      return true;
    });
  }
}
