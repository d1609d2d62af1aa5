/**
 * Builds the evidence panel's view of one tree node (root cause, hypothesis or evidence item)
 * from the folded InvestigationState. Pure (no 'vscode' import): the result is plain data that
 * crosses the webview boundary as-is (see src/shared/protocol.ts).
 */
import type { CommitRef, ConfidenceFactors, Evidence, HypothesisNode } from '../core/model';
import type { Termination, TriageContext } from '../core/reasoner/types';
import type { InvestigationState } from '../core/state';
import type {
  CodeLinkView,
  CommitLinkView,
  EvidenceItemView,
  EvidenceView,
  FactorView,
  NodeRef,
  QueryView,
  RemediationView,
  TerminationGroupView,
} from '../shared/protocol';
import { buildTimeline } from './timeline';
import { FACTOR_NAMES, codeLocationLabel, factorLabel, percent } from './treePresentation';
import { rootCauseCodeLocations, rootCauseEvidence } from './treeNodes';

/** Evidence kinds about stopped tasks and pods: their views list the terminations by reason. */
const TERMINATION_KINDS = new Set<Evidence['kind']>(['stopped-tasks', 'pod-status']);

export function buildEvidenceView(state: InvestigationState, ref: NodeRef, live: boolean, context?: TriageContext): EvidenceView | undefined {
  const view = buildNodeView(state, ref, live);
  if (!view) return undefined;
  const shown = view.evidence.map((item) => state.evidence[item.id]).filter((evidence): evidence is Evidence => evidence !== undefined);
  view.timeline = buildTimeline(state, context, { evidence: shown });
  if (shown.some((evidence) => TERMINATION_KINDS.has(evidence.kind))) view.terminations = terminationGroups(context?.terminations ?? []);
  return view;
}

const JUDGEMENT_TEXT = { prune: 'You pruned this hypothesis.', 'root-cause': 'You marked this hypothesis as the root cause.', retest: 'You asked for this hypothesis to be re-tested.' } as const;

function buildNodeView(state: InvestigationState, ref: NodeRef, live: boolean): EvidenceView | undefined {
  const incident = state.incident ? { id: state.incident.id, title: state.incident.title, service: state.incident.service } : undefined;
  const base = { investigationId: state.investigationId, ref, incident, live, terminations: [] as TerminationGroupView[] };
  switch (ref.kind) {
    case 'rootCause': {
      const conclusion = state.conclusion;
      if (!conclusion) return undefined;
      const concluded = conclusion.hypothesisId ? state.hypotheses[conclusion.hypothesisId] : undefined;
      const factors = conclusion.factors ?? concluded?.factors;
      return {
        ...base,
        kindLabel: conclusion.status === 'root-cause' ? 'Root cause' : 'Inconclusive',
        title: conclusion.summary,
        status: concluded?.status ?? (conclusion.status === 'root-cause' ? 'confirmed' : 'inconclusive'),
        confidence: percent(conclusion.confidence),
        factors: factorViews(factors),
        explanation: factors?.explanation ?? [],
        rationale: concluded?.rationale,
        evidence: rootCauseEvidence(state).map(evidenceItemView),
        codeLinks: rootCauseCodeLocations(state).map(({ evidenceId, index, location }) => codeLinkView(evidenceId, index, location)),
        commits: conclusion.commits.map(commitLinkView),
        remediations: conclusion.remediations.map((proposal) => ({
          id: proposal.id,
          title: proposal.title,
          rationale: proposal.rationale,
          apiCall: proposal.apiCall,
          risk: proposal.risk,
          undo: proposal.undo,
          decision: state.remediations[proposal.id]?.decision,
          executed: state.remediations[proposal.id]?.executed,
        })) satisfies RemediationView[],
        queries: [],
        unchecked: conclusion.unchecked,
      };
    }
    case 'hypothesis': {
      const hypothesis = state.hypotheses[ref.hypothesisId];
      if (!hypothesis) return undefined;
      const evidence = evidenceOf(state, hypothesis);
      return {
        ...base,
        kindLabel: hypothesis.depth > 0 ? `Hypothesis (depth ${hypothesis.depth})` : 'Hypothesis',
        title: hypothesis.title,
        status: hypothesis.status,
        confidence: percent(hypothesis.confidence),
        factors: factorViews(hypothesis.factors),
        explanation: hypothesis.factors?.explanation ?? [],
        rationale: hypothesis.rationale,
        evidence: evidence.map(evidenceItemView),
        codeLinks: evidence.flatMap((item) => (item.codeLocations ?? []).map((location, index) => codeLinkView(item.id, index, location))),
        commits: uniqueCommits(evidence.flatMap((item) => item.commits ?? [])).map(commitLinkView),
        remediations: [],
        queries: hypothesis.queryIds.map((queryId) => queryView(state, queryId)).filter((view): view is QueryView => view !== undefined),
        unchecked: [],
        judgement: state.judgements[hypothesis.id] ? JUDGEMENT_TEXT[state.judgements[hypothesis.id]!.judgement] : undefined,
      };
    }
    case 'evidence': {
      const evidence = state.evidence[ref.evidenceId];
      if (!evidence) return undefined;
      const item = evidenceItemView(evidence);
      const hypothesis = state.hypotheses[evidence.hypothesisId];
      return {
        ...base,
        kindLabel: 'Evidence',
        title: evidence.summary,
        factors: [],
        explanation: [],
        rationale: hypothesis ? `For hypothesis: ${hypothesis.title}` : undefined,
        evidence: [item],
        codeLinks: item.codeLinks,
        commits: item.commits,
        remediations: [],
        queries: evidence.queryId ? [queryView(state, evidence.queryId)].filter((view): view is QueryView => view !== undefined) : [],
        unchecked: [],
      };
    }
  }
}

function evidenceOf(state: InvestigationState, hypothesis: HypothesisNode): Evidence[] {
  return hypothesis.evidenceIds.map((id) => state.evidence[id]).filter((evidence): evidence is Evidence => evidence !== undefined);
}

function factorViews(factors: ConfidenceFactors | undefined): FactorView[] {
  if (!factors) return [];
  return FACTOR_NAMES.map((name) => ({ name, label: factorLabel(name), percent: percent(factors[name]) }));
}

function evidenceItemView(evidence: Evidence): EvidenceItemView {
  return {
    id: evidence.id,
    summary: evidence.summary,
    strength: evidence.strength,
    supports: evidence.supports,
    kind: evidence.kind,
    source: evidence.source,
    observedAt: evidence.observedAt,
    excerpt: evidence.excerpt,
    data: Object.entries(evidence.data ?? {}).map(([key, value]) => ({ key, value: String(value) })),
    codeLinks: (evidence.codeLocations ?? []).map((location, index) => codeLinkView(evidence.id, index, location)),
    commits: (evidence.commits ?? []).map(commitLinkView),
    patterns: (evidence.patterns ?? []).map((pattern) => ({ ...pattern })),
    queryId: evidence.queryId,
    ...(evidence.series?.points.length ? { series: { label: evidence.series.label, points: downsample(evidence.series.points, SPARKLINE_POINTS) } } : {}),
  };
}

/** Points a sparkline needs: enough to see a step or a climb, few enough for the message. */
const SPARKLINE_POINTS = 60;

/** Every n-th point (the maximum of each bucket, so a spike survives), oldest first. */
export function downsample(points: readonly [number, number][], max: number): [number, number][] {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  if (sorted.length <= max) return sorted;
  const size = Math.ceil(sorted.length / max);
  const out: [number, number][] = [];
  for (let i = 0; i < sorted.length; i += size) {
    const bucket = sorted.slice(i, i + size);
    out.push(bucket.reduce((peak, p) => (p[1] > peak[1] ? p : peak)));
  }
  return out;
}

/** Terminations grouped by reason, the most frequent first (a crash loop is one line, not fifty). */
export function terminationGroups(terminations: readonly Termination[]): TerminationGroupView[] {
  const groups = new Map<string, TerminationGroupView>();
  for (const termination of terminations) {
    const key = `${termination.platform}|${termination.waiting ? 'w' : 's'}|${termination.reason}`;
    let group = groups.get(key);
    if (!group) {
      group = { reason: termination.reason, platform: termination.platform, count: 0, exitCodes: [], versions: [], first: termination.at, last: termination.at, waiting: termination.waiting ?? false, units: [] };
      groups.set(key, group);
    }
    group.count += 1;
    group.first = Math.min(group.first, termination.at);
    group.last = Math.max(group.last, termination.at);
    if (termination.exitCode !== undefined && !group.exitCodes.includes(termination.exitCode)) group.exitCodes.push(termination.exitCode);
    if (termination.version && !group.versions.includes(termination.version)) group.versions.push(termination.version);
    if (group.units.length < 10) group.units.push(termination.unit);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.first - b.first);
}

function codeLinkView(evidenceId: string, index: number, location: { path: string; line: number; functionName?: string }): CodeLinkView {
  return {
    evidenceId,
    index,
    label: codeLocationLabel(location.path, location.line),
    detail: location.functionName ? `${location.functionName} (${location.path})` : location.path,
  };
}

function commitLinkView(commit: CommitRef): CommitLinkView {
  return { sha: commit.sha, shortSha: commit.shortSha, subject: commit.subject, author: commit.author, date: commit.date };
}

function uniqueCommits(commits: CommitRef[]): CommitRef[] {
  const bySha = new Map<string, CommitRef>();
  for (const commit of commits) if (!bySha.has(commit.sha)) bySha.set(commit.sha, commit);
  return [...bySha.values()];
}

function queryView(state: InvestigationState, queryId: string): QueryView | undefined {
  const record = state.queries[queryId];
  if (!record) return undefined;
  const { query } = record;
  const parts = [query.rationale];
  if (record.state === 'completed') parts.push(`${record.resultCount ?? 0} result(s) in ${record.durationMs ?? 0} ms`);
  if (record.refusedReason) parts.push(`Refused: ${record.refusedReason}`);
  if (record.error) parts.push(`Error: ${record.error}`);
  return { id: query.id, label: `${query.operation} ${query.target}`, state: record.state, detail: parts.join(' — ') };
}
