/**
 * The investigation state machine: triage → hypothesize → investigate (branch / prune) →
 * evaluate → conclude → remediate. Everything it does is an event on the stream; the returned
 * state is the stream folded with applyEvent, exactly what every front end sees.
 */
import { randomUUID } from 'node:crypto';
import type { ProviderSet } from '../../providers/types';
import { EventStream, type InvestigationEvent } from '../events';
import type { Incident } from '../incident';
import type { CommitRef, Conclusion, Evidence, HypothesisNode, InvestigationPhase, QuerySpec } from '../model';
import { RuleReasoner } from '../reasoner/rules';
import type { EvidenceDraft, HypothesisProposal, HypothesisView, Reasoner, ServiceMapEntry, TriageContext } from '../reasoner/types';
import { proposeRemediations } from '../safety/remediationPlanner';
import { ancestryOf, applyEvent, childHypotheses, emptyState, type InvestigationState } from '../state';
import { computeConfidence } from './confidence';
import { DEFAULT_LIMITS, type InvestigationLimits } from './limits';
import { QueryRunner, throwIfAborted } from './queryRunner';
import { triage } from './triage';
import { suspectChange } from './changes';
import { chooseCulprit } from './conclusionCulprit';
import { checkVerdict } from './verdictChecks';

export interface RunInvestigationOptions {
  incident: Incident;
  providers: ProviderSet;
  /** Supply one to subscribe front ends before the run starts. */
  stream?: EventStream;
  reasoner?: Reasoner;
  /** The investigation clock (the sandbox sets it to the scenario's "now"). */
  now?: () => Date;
  signal?: AbortSignal;
  limits?: Partial<InvestigationLimits>;
  /** `.runbook/services.yaml` of the workspace, parsed (see core/serviceMap). */
  serviceMap?: Record<string, ServiceMapEntry>;
  /** Service → log group, from the user's settings. */
  logGroups?: Record<string, string>;
}

interface NodeMemory {
  focus: Record<string, string>;
  changeAt?: number;
  drafts: EvidenceDraft[];
  unavailableSources: Set<string>;
}

export async function runInvestigation(options: RunInvestigationOptions): Promise<InvestigationState> {
  const now = options.now ?? (() => new Date());
  const stream = options.stream ?? new EventStream(randomUUID(), now);
  const investigation = new Investigation(options, stream, now);
  return investigation.run();
}

export interface ResumeInvestigationOptions extends Omit<RunInvestigationOptions, 'incident' | 'stream'> {
  /** The recorded events (readScratchpad), in order. */
  events: readonly InvestigationEvent[];
  /** A stream to continue on; by default a new one with the recorded investigation's id. */
  stream?: EventStream;
}

/** Continues an interrupted investigation from its recorded events (see Investigation.resume). */
export async function resumeInvestigation(options: ResumeInvestigationOptions): Promise<InvestigationState> {
  const started = options.events.find((e) => e.type === 'investigation.started');
  if (!started || started.type !== 'investigation.started') throw new Error('The scratchpad does not start an investigation; nothing to resume.');
  const now = options.now ?? (() => new Date());
  const stream = options.stream ?? new EventStream(started.investigationId, now);
  for (const event of options.events) stream.push(event);
  const investigation = new Investigation({ ...options, incident: started.incident }, stream, now);
  return investigation.resume();
}

class Investigation {
  private readonly state: InvestigationState;
  private readonly limits: InvestigationLimits;
  private readonly reasoner: Reasoner;
  private readonly runner: QueryRunner;
  private readonly memory = new Map<string, NodeMemory>();
  private context!: TriageContext;

  constructor(
    private readonly options: RunInvestigationOptions,
    private readonly stream: EventStream,
    private readonly now: () => Date,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.reasoner = options.reasoner ?? new RuleReasoner();
    this.state = emptyState(stream.investigationId);
    stream.subscribe((event) => applyEvent(this.state, event), { replay: true });
    this.runner = new QueryRunner(stream, options.providers, this.limits, (options.now ?? (() => new Date()))().getTime(), options.signal);
  }

  async run(): Promise<InvestigationState> {
    const { incident } = this.options;
    this.stream.emit({ type: 'investigation.started', incident, reasoner: this.reasoner.name });
    return this.guarded(async () => {
      this.phase('triage');
      const nowMs = this.now().getTime();
      this.context = await triage(
        this.runner,
        { incident, onset: Date.parse(incident.startedAt), now: nowMs, serviceMap: this.options.serviceMap ?? {}, logGroups: this.options.logGroups },
        this.limits.changeLookbackMs,
      );
      this.stream.emit({ type: 'context.gathered', context: this.context });
      for (const missing of this.context.unavailable) this.stream.emit({ type: 'warning', message: `Unavailable during triage: ${missing}` });
      for (const change of this.context.changes) {
        this.thought(`Change found: ${change.summary} at ${new Date(change.at).toISOString()}${change.differences.length ? ` — ${change.differences.map((d) => d.text).join('; ')}` : ''}.`);
      }

      this.phase('hypothesize');
      const proposals = (await this.reasoner.hypothesize(this.context)).sort((a, b) => b.prior - a.prior).slice(0, this.limits.maxInitialHypotheses);
      if (proposals.length < this.limits.minInitialHypotheses) {
        this.stream.emit({ type: 'warning', message: `The reasoner proposed only ${proposals.length} hypotheses (method asks for ${this.limits.minInitialHypotheses}–${this.limits.maxInitialHypotheses}).` });
      }
      proposals.forEach((proposal, index) => this.addHypothesis(proposal, `H${index + 1}`, undefined, 0));
      await this.investigateAndConclude();
    });
  }

  /**
   * Continues an investigation recorded on the stream (its events already pushed): rebuilds
   * each hypothesis's memory from the recorded nodes and evidence, tests what was never
   * finished, refines what was supported but not yet refined, then evaluates again.
   */
  async resume(): Promise<InvestigationState> {
    const recorded = this.stream.events.find((e) => e.type === 'context.gathered');
    if (!recorded || recorded.type !== 'context.gathered' || !this.state.incident) {
      this.stream.emit({ type: 'warning', message: 'The scratchpad has no triage context; starting the investigation over.' });
      return this.run();
    }
    this.context = recorded.context;
    this.runner.continueNumbering(this.state.queryOrder.length + 1);
    for (const id of this.state.hypothesisOrder) {
      const node = this.state.hypotheses[id]!;
      const focus = node.focus ?? {};
      const evidence = node.evidenceIds.map((e) => this.state.evidence[e]!).filter(Boolean);
      this.memory.set(id, {
        focus,
        changeAt: focus.changeAt ? Number(focus.changeAt) : undefined,
        drafts: evidence,
        unavailableSources: new Set(evidence.filter((e) => e.kind === 'unavailable').map((e) => e.source)),
      });
    }
    this.thought(`Resumed from the scratchpad after event ${this.state.lastSeq} (${this.state.hypothesisOrder.length} hypotheses, ${this.state.queryOrder.length} queries recorded).`);
    return this.guarded(() => this.investigateAndConclude());
  }

  private async investigateAndConclude(): Promise<void> {
    this.phase('investigate');
    for (const root of childHypotheses(this.state, undefined)) await this.continueNode(root);

    this.phase('evaluate');
    const conclusion = this.evaluate();

    this.phase('conclude');
    this.stream.emit({ type: 'conclusion', conclusion });
    if (conclusion.remediations.length) this.phase('remediate');
    this.stream.emit({ type: 'investigation.completed', outcome: conclusion.status === 'root-cause' ? 'concluded' : 'inconclusive' });
  }

  /** Tests a node unless a previous run already settled it; then its children. */
  private async continueNode(node: HypothesisNode): Promise<void> {
    if (node.status === 'pending' || node.status === 'testing') {
      await this.test(node);
      return;
    }
    const children = childHypotheses(this.state, node.id);
    if (!children.length && node.status === 'supported') {
      await this.branch(node);
      return;
    }
    for (const child of children) await this.continueNode(child);
  }

  private async guarded(work: () => Promise<void>): Promise<InvestigationState> {
    try {
      await work();
    } catch (error) {
      const cancelled = error instanceof Error && error.name === 'AbortError';
      this.stream.emit({
        type: 'investigation.completed',
        outcome: cancelled ? 'cancelled' : 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
      if (!cancelled) throw error;
    }
    return this.state;
  }

  private addHypothesis(proposal: HypothesisProposal, id: string, parentId: string | undefined, depth: number): HypothesisNode {
    const node: HypothesisNode = {
      id,
      parentId,
      depth,
      category: proposal.category,
      title: proposal.title,
      rationale: proposal.rationale,
      prior: proposal.prior,
      status: 'pending',
      confidence: Math.round(proposal.prior * 100) / 100,
      evidenceIds: [],
      queryIds: [],
      focus: proposal.focus,
    };
    const changeAt = proposal.focus?.changeAt ? Number(proposal.focus.changeAt) : undefined;
    this.memory.set(id, { focus: proposal.focus ?? {}, changeAt, drafts: [], unavailableSources: new Set() });
    this.stream.emit({ type: 'hypothesis.added', hypothesis: node });
    return this.state.hypotheses[id]!;
  }

  /** Tests one hypothesis with its planned queries, grades it and recurses on strong evidence. */
  private async test(node: HypothesisNode): Promise<void> {
    throwIfAborted(this.options.signal);
    const memory = this.memory.get(node.id)!;
    const view: HypothesisView = { node, focus: memory.focus };
    this.update(node, 'testing', node.confidence, undefined, 'testing');

    for (const proposal of await this.reasoner.planQueries(view, this.context)) {
      if (this.alreadyAnswered(node, proposal)) continue;
      const outcome = await this.runner.run({ ...proposal, hypothesisId: node.id });
      if (!outcome.ok) {
        if (!outcome.refused) {
          memory.unavailableSources.add(outcome.query.provider);
          this.addEvidence(node, outcome.query.id, outcome.query.provider, {
            kind: 'unavailable',
            strength: 'none',
            supports: false,
            summary: `${outcome.query.provider} unavailable for "${outcome.query.rationale}" (${outcome.error}).`,
          });
        }
        continue;
      }
      for (const draft of await this.reasoner.interpret(view, outcome.query, outcome.result, this.context)) {
        memory.drafts.push(draft);
        this.addEvidence(node, outcome.query.id, outcome.query.provider, draft);
      }
    }

    const evidence = node.evidenceIds.map((id) => this.state.evidence[id]!).filter(Boolean);
    // A refinement stands on its parents' findings: their supporting evidence corroborates it.
    const inherited = this.ancestry(node)
      .slice(0, -1)
      .flatMap((ancestor) => ancestor.evidenceIds.map((id) => this.state.evidence[id]!))
      .filter((e) => this.isSupporting(e));
    const { confidence, factors } = computeConfidence({
      node,
      evidence,
      inherited,
      // A failure dated before the alert (a metric's climb, a recurring death's first episode) is timed from its own start.
      onset: memory.focus.failureOnset ? Number(memory.focus.failureOnset) : (this.context.recurrence?.since ?? this.context.onset),
      changeAt: memory.changeAt,
      unavailableSources: memory.unavailableSources.size,
    });
    const supporting = evidence.filter((e) => e.supports && e.strength !== 'none');
    const strong = supporting.some((e) => e.strength === 'strong');
    const onlyUnavailable = evidence.length > 0 && evidence.every((e) => e.kind === 'unavailable');

    if (onlyUnavailable) {
      this.update(node, 'unavailable', confidence, factors, 'every query for it failed; it could not be tested');
      return;
    }
    if (!supporting.length) {
      this.update(node, 'pruned', confidence, factors, 'no supporting evidence');
      return;
    }
    this.update(node, 'supported', confidence, factors, strong ? 'strong evidence: branching' : 'only weak evidence');
    if (strong) await this.branch(node);
  }

  /** A resumed node keeps the answers it already got (same operation, target and parameters). */
  private alreadyAnswered(node: HypothesisNode, proposal: Omit<QuerySpec, 'id' | 'hypothesisId'>): boolean {
    const key = JSON.stringify([proposal.operation, proposal.target, proposal.params]);
    return node.queryIds.some((id) => {
      const record = this.state.queries[id];
      return record?.state === 'completed' && JSON.stringify([record.query.operation, record.query.target, record.query.params]) === key;
    });
  }

  /** Refines a hypothesis with strong evidence into the causes worth testing next. */
  private async branch(node: HypothesisNode): Promise<void> {
    const memory = this.memory.get(node.id)!;
    const strong = memory.drafts.some((d) => d.supports && d.strength === 'strong');
    if (!strong || node.depth >= this.limits.maxDepth) return;
    const children = await this.reasoner.refine({ node, focus: memory.focus }, memory.drafts, this.context);
    let index = childHypotheses(this.state, node.id).length + 1;
    for (const child of children) {
      if (this.state.hypothesisOrder.length >= this.limits.maxHypotheses) {
        this.stream.emit({ type: 'warning', message: `Hypothesis cap (${this.limits.maxHypotheses}) reached; not testing "${child.title}".` });
        break;
      }
      const childNode = this.addHypothesis(child, `${node.id}.${index++}`, node.id, node.depth + 1);
      await this.test(childNode);
    }
  }

  /** Picks the root cause: the most confident supported hypothesis, preferring depth on ties. */
  private evaluate(): Conclusion {
    const nodes = this.state.hypothesisOrder.map((id) => this.state.hypotheses[id]!);
    const supported = nodes
      .filter((n) => (n.status === 'supported' || n.status === 'confirmed') && this.state.judgements[n.id]?.judgement !== 'prune')
      .filter((n) => n.evidenceIds.some((id) => this.isSupporting(this.state.evidence[id])));
    for (const node of supported) this.challenge(node, nodes);
    const candidates = supported
      .map((node) => ({ node, rank: rankOf(node, nodes, this.state) }))
      .sort((a, b) => b.rank - a.rank || b.node.depth - a.node.depth)
      .map(({ node }) => node);
    const unchecked = [
      ...this.context.unavailable,
      ...nodes.filter((n) => n.status === 'unavailable').map((n) => `${n.id} "${n.title}" could not be tested`),
      ...Object.values(this.state.queries)
        .filter((q) => q.state === 'refused' || q.state === 'failed')
        .map((q) => `${q.query.operation} on ${q.query.target}: ${q.refusedReason ?? q.error}`),
    ];
    // The user's judgement outranks the engine's ranking.
    const chosen = Object.entries(this.state.judgements).find(([, j]) => j.judgement === 'root-cause')?.[0];
    const best = (chosen ? this.state.hypotheses[chosen] : undefined) ?? candidates[0];
    if (!best || (best.id !== chosen && best.confidence < this.limits.confirmThreshold)) {
      for (const node of candidates) this.update(node, 'inconclusive', node.confidence, node.factors, 'below the confirmation bar');
      return {
        status: 'inconclusive',
        confidence: best?.confidence ?? 0,
        summary: best
          ? `Inconclusive: the best hypothesis, "${best.title}", reached ${Math.round(best.confidence * 100)}% (bar ${Math.round(this.limits.confirmThreshold * 100)}%).`
          : 'Inconclusive: no hypothesis has supporting evidence.',
        commits: [],
        remediations: [],
        unchecked,
      };
    }

    this.update(best, 'confirmed', best.confidence, best.factors, best.id === chosen ? 'marked as the root cause by the user' : 'highest confidence above the bar');
    const chain = this.ancestry(best);
    const chainEvidence = chain.flatMap((n) => n.evidenceIds.map((id) => this.state.evidence[id]!)).filter((e) => this.isSupporting(e));
    const commits = uniqueCommits(chainEvidence.flatMap((e) => e.commits ?? []));
    const changeAt = chain.map((n) => this.memory.get(n.id)?.changeAt).filter((at): at is number => at !== undefined).at(-1);
    const chainChange = changeAt !== undefined ? this.context.changes.find((c) => c.at === changeAt) : undefined;
    const choice = chooseCulprit({ chain, evidence: chainEvidence, commits, change: chainChange, rule: this.memory.get(best.id)?.focus.rule });
    const culprit = choice.culprit;
    const conclusion: Conclusion = {
      status: 'root-cause',
      hypothesisId: best.id,
      category: choice.category ?? best.category,
      confidence: best.confidence,
      factors: best.factors,
      summary: best.title,
      commits,
      culprit,
      remediations: [],
      unchecked,
    };
    const blamesVersion = culprit && ['commit', 'task-definition', 'replicaset', 'config'].includes(culprit.kind);
    const earlier = this.stream.events.reduce((n, e) => n + (e.type === 'conclusion' ? e.conclusion.remediations.length : 0), 0);
    conclusion.remediations = proposeRemediations(conclusion, this.context, chainChange ?? (blamesVersion ? suspectChange(this.context) : undefined), earlier + 1);
    return conclusion;
  }

  /** Lowers a candidate's confidence when it fails a check of the whole picture (verdictChecks.ts). */
  private challenge(node: HypothesisNode, nodes: readonly HypothesisNode[]): void {
    const chain = this.ancestry(node);
    const chainEvidence = chain.flatMap((n) => n.evidenceIds.map((id) => this.state.evidence[id]!)).filter((e) => this.isSupporting(e));
    const descendants = nodes.filter((n) => n.id.startsWith(`${chain[0]!.id}.`));
    const refuted = (n: HypothesisNode) => n.evidenceIds.some((id) => { const e = this.state.evidence[id]; return !!e && !e.supports && e.strength !== 'none'; });
    const outcome = checkVerdict({ node, chain, chainEvidence, descendants, context: this.context, bar: this.limits.confirmThreshold, refuted });
    if (!outcome.reasons.length) return;
    const factors = node.factors ? { ...node.factors, explanation: [...node.factors.explanation, ...outcome.reasons] } : undefined;
    this.update(node, node.status, outcome.confidence, factors, outcome.reasons.join(' '));
  }

  private ancestry(node: HypothesisNode): HypothesisNode[] {
    return ancestryOf(this.state, node);
  }

  private isSupporting(evidence: Evidence | undefined): boolean {
    return !!evidence && evidence.supports && evidence.strength !== 'none' && evidence.kind !== 'unavailable';
  }

  private addEvidence(node: HypothesisNode, queryId: string, source: Evidence['source'], draft: EvidenceDraft): void {
    const evidence: Evidence = { ...draft, id: `E${Object.keys(this.state.evidence).length + 1}`, hypothesisId: node.id, queryId, source };
    this.stream.emit({ type: 'evidence.added', evidence });
  }

  private update(node: HypothesisNode, status: HypothesisNode['status'], confidence: number, factors: HypothesisNode['factors'], reason: string): void {
    this.stream.emit({ type: 'hypothesis.updated', hypothesisId: node.id, status, confidence, factors, reason });
  }

  private phase(phase: InvestigationPhase): void {
    this.stream.emit({ type: 'phase.changed', phase });
  }

  private thought(text: string, hypothesisId?: string): void {
    this.stream.emit({ type: 'thought', text, hypothesisId });
  }
}

function uniqueCommits(commits: CommitRef[]): CommitRef[] {
  const seen = new Set<string>();
  return commits.filter((c) => (seen.has(c.sha) ? false : (seen.add(c.sha), true)));
}

/**
 * Failure modes that are usually the face of another one, and how much they yield to it:
 * tasks fail health checks because they are saturated or crashing; "a dependency is failing"
 * is the generic form of a DNS, TLS or rate-limit failure; a crash loop is how a bad config,
 * a missing permission or a broken image shows.
 */
const YIELDS_TO_OTHERS: Record<string, number> = { 'health-check': 0.1, dependency: 0.02, 'crash-loop': 0.05 };

/** Confidence, less that margin when a different mode also has strong evidence of its own. */
function rankOf(node: HypothesisNode, nodes: readonly HypothesisNode[], state: InvestigationState): number {
  const margin = YIELDS_TO_OTHERS[node.category];
  if (!margin) return node.confidence;
  const strongElsewhere = nodes.some(
    (other) => other.category !== node.category && other.status === 'supported' && other.evidenceIds.some((id) => state.evidence[id]?.supports && state.evidence[id]?.strength === 'strong'),
  );
  return strongElsewhere ? node.confidence - margin : node.confidence;
}
