/**
 * The deterministic rule reasoner (no API key needed). Each failure mode is a FailureRule
 * (signature, queries, interpretation, refinement) modelled on k8sgpt's analyzers; add a mode
 * by writing a rule and listing it here — the engine does not change.
 */
import type { EvidenceDraft, HypothesisProposal, HypothesisView, QueryProposal, QueryResult, Reasoner, TriageContext } from '../types';
import type { QuerySpec } from '../../model';
import { capacityRule } from './capacity';
import { commitBlameRule } from './commitBlame';
import type { FailureRule } from './common';
import { dependencyRule } from './dependency';
import { deployRegressionRule } from './deployRegression';
import { memoryLimitRule, oomRule } from './oom';

export const FAILURE_RULES: readonly FailureRule[] = [oomRule, deployRegressionRule, dependencyRule, capacityRule, memoryLimitRule, commitBlameRule];

export class RuleReasoner implements Reasoner {
  readonly name = 'rules';
  private readonly byId: Map<string, FailureRule>;

  constructor(private readonly rules: readonly FailureRule[] = FAILURE_RULES) {
    this.byId = new Map(rules.map((rule) => [rule.id, rule]));
  }

  async hypothesize(context: TriageContext): Promise<HypothesisProposal[]> {
    return this.rules.flatMap((rule) => rule.propose?.(context) ?? []).sort((a, b) => b.prior - a.prior);
  }

  async planQueries(hypothesis: HypothesisView, context: TriageContext): Promise<QueryProposal[]> {
    return this.rule(hypothesis)?.plan(hypothesis, context) ?? [];
  }

  async interpret(hypothesis: HypothesisView, query: QuerySpec, result: QueryResult, context: TriageContext): Promise<EvidenceDraft[]> {
    return this.rule(hypothesis)?.interpret(hypothesis, query, result, context) ?? [];
  }

  async refine(hypothesis: HypothesisView, evidence: readonly EvidenceDraft[], context: TriageContext): Promise<HypothesisProposal[]> {
    return this.rule(hypothesis)?.refine?.(hypothesis, evidence, context) ?? [];
  }

  private rule(hypothesis: HypothesisView): FailureRule | undefined {
    return this.byId.get(hypothesis.focus.rule ?? '');
  }
}
