/**
 * Folds the event stream into a snapshot. Every front end uses this instead of reaching into
 * the engine, and a scratchpad replay rebuilds exactly the same state.
 */
import type { InvestigationEvent, InvestigationOutcome } from './events';
import type { Incident } from './incident';
import type { Conclusion, Evidence, HypothesisNode, InvestigationPhase, QuerySpec } from './model';

export interface QueryRecord {
  query: QuerySpec;
  state: 'planned' | 'refused' | 'completed' | 'failed';
  refusedReason?: string;
  resultCount?: number;
  durationMs?: number;
  error?: string;
  /** Answered from an identical earlier query (no provider call). */
  reusedFrom?: string;
  /** Provider API calls the query made. */
  apiCalls?: number;
}

export interface RemediationRecord {
  decision?: 'approved' | 'rejected';
  executed?: { ok: boolean; detail: string };
}

export interface InvestigationState {
  investigationId: string;
  incident?: Incident;
  reasoner?: string;
  phase: InvestigationPhase;
  startedAt?: string;
  finishedAt?: string;
  outcome?: InvestigationOutcome;
  error?: string;
  /** Insertion order = creation order; children follow their parents. */
  hypotheses: Record<string, HypothesisNode>;
  hypothesisOrder: string[];
  evidence: Record<string, Evidence>;
  queries: Record<string, QueryRecord>;
  queryOrder: string[];
  thoughts: { at: string; text: string; hypothesisId?: string }[];
  warnings: string[];
  conclusion?: Conclusion;
  remediations: Record<string, RemediationRecord>;
  /** The user's judgements by hypothesis (the latest wins). */
  judgements: Record<string, { judgement: 'prune' | 'root-cause' | 'retest'; by: string; at: string; note?: string }>;
  lastSeq: number;
}

export function emptyState(investigationId: string): InvestigationState {
  return {
    investigationId,
    phase: 'triage',
    hypotheses: {},
    hypothesisOrder: [],
    evidence: {},
    queries: {},
    queryOrder: [],
    thoughts: [],
    warnings: [],
    remediations: {},
    judgements: {},
    lastSeq: 0,
  };
}

/** Applies one event in place and returns the state (mutable for speed with 100+ nodes). */
export function applyEvent(state: InvestigationState, event: InvestigationEvent): InvestigationState {
  state.lastSeq = Math.max(state.lastSeq, event.seq);
  switch (event.type) {
    case 'investigation.started':
      state.incident = event.incident;
      state.reasoner = event.reasoner;
      state.startedAt = event.at;
      break;
    case 'phase.changed':
      state.phase = event.phase;
      break;
    case 'thought':
      state.thoughts.push({ at: event.at, text: event.text, hypothesisId: event.hypothesisId });
      break;
    case 'hypothesis.added':
      if (!state.hypotheses[event.hypothesis.id]) state.hypothesisOrder.push(event.hypothesis.id);
      state.hypotheses[event.hypothesis.id] = { ...event.hypothesis, evidenceIds: [...event.hypothesis.evidenceIds], queryIds: [...event.hypothesis.queryIds] };
      break;
    case 'hypothesis.updated': {
      const node = state.hypotheses[event.hypothesisId];
      if (node) {
        node.status = event.status;
        node.confidence = event.confidence;
        if (event.factors) node.factors = event.factors;
      }
      break;
    }
    case 'query.planned':
    case 'query.refused': {
      const refused = event.type === 'query.refused';
      if (!state.queries[event.query.id]) state.queryOrder.push(event.query.id);
      state.queries[event.query.id] = {
        query: event.query,
        state: refused ? 'refused' : 'planned',
        refusedReason: refused ? event.reason : undefined,
      };
      const node = state.hypotheses[event.query.hypothesisId];
      if (node && !node.queryIds.includes(event.query.id)) node.queryIds.push(event.query.id);
      break;
    }
    case 'query.completed': {
      const record = state.queries[event.queryId];
      if (record) {
        record.state = event.error ? 'failed' : 'completed';
        record.resultCount = event.resultCount;
        record.durationMs = event.durationMs;
        record.error = event.error;
        if (event.reusedFrom) record.reusedFrom = event.reusedFrom;
        if (event.apiCalls !== undefined) record.apiCalls = event.apiCalls;
      }
      break;
    }
    case 'evidence.added': {
      state.evidence[event.evidence.id] = event.evidence;
      const node = state.hypotheses[event.evidence.hypothesisId];
      if (node && !node.evidenceIds.includes(event.evidence.id)) node.evidenceIds.push(event.evidence.id);
      break;
    }
    case 'warning':
      state.warnings.push(event.message);
      break;
    case 'conclusion':
      state.conclusion = event.conclusion;
      break;
    case 'remediation.decided':
      (state.remediations[event.remediationId] ??= {}).decision = event.decision;
      break;
    case 'remediation.executed':
      (state.remediations[event.remediationId] ??= {}).executed = { ok: event.ok, detail: event.detail };
      break;
    case 'user.judgement': {
      state.judgements[event.hypothesisId] = { judgement: event.judgement, by: event.by, at: event.at, note: event.note };
      const node = state.hypotheses[event.hypothesisId];
      if (!node) break;
      if (event.judgement === 'prune') node.status = 'pruned';
      if (event.judgement === 'root-cause') {
        for (const other of Object.values(state.hypotheses)) if (other.status === 'confirmed' && other.id !== node.id) other.status = 'supported';
        node.status = 'confirmed';
        if (state.conclusion) {
          // The user's root cause brings its own chain's commits and culprit; the engine's
          // remediations belonged to another cause, so none stand until it re-evaluates.
          const chain = ancestryOf(state, node);
          const evidence = chain.flatMap((n) => n.evidenceIds.map((id) => state.evidence[id]!)).filter((e) => e && e.supports && e.strength !== 'none');
          const commits = evidence.flatMap((e) => e.commits ?? []).filter((c, i, all) => all.findIndex((o) => o.sha === c.sha) === i);
          const culprit = [...evidence].reverse().find((e) => e.culprit)?.culprit;
          state.conclusion = { ...state.conclusion, status: 'root-cause', hypothesisId: node.id, category: node.category, summary: node.title, confidence: node.confidence, factors: node.factors, commits, culprit, remediations: [] };
        }
      }
      if (event.judgement === 'retest') {
        // The node starts over; its earlier evidence stays in the record but is no longer cited.
        node.status = 'pending';
        node.evidenceIds = [];
        node.queryIds = [];
      }
      break;
    }
    case 'investigation.completed':
      state.outcome = event.outcome;
      state.error = event.error;
      state.finishedAt = event.at;
      state.phase = 'done';
      break;
  }
  return state;
}

export function reduceInvestigation(events: readonly InvestigationEvent[]): InvestigationState {
  const state = emptyState(events[0]?.investigationId ?? 'unknown');
  for (const event of events) applyEvent(state, event);
  return state;
}

/** Children of a hypothesis (or the roots when parentId is undefined), in creation order. */
export function childHypotheses(state: InvestigationState, parentId: string | undefined): HypothesisNode[] {
  return state.hypothesisOrder
    .map((id) => state.hypotheses[id])
    .filter((node): node is HypothesisNode => node !== undefined && node.parentId === parentId);
}

/** The node and its ancestors, root first. */
export function ancestryOf(state: InvestigationState, node: HypothesisNode): HypothesisNode[] {
  const chain: HypothesisNode[] = [];
  for (let current: HypothesisNode | undefined = node; current; current = current.parentId ? state.hypotheses[current.parentId] : undefined) chain.unshift(current);
  return chain;
}
