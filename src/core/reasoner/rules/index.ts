/**
 * The deterministic rule reasoner (no API key needed). Each failure mode is a FailureRule
 * (signature, queries, interpretation, refinement) modelled on k8sgpt's analyzers; add a mode
 * by writing a rule (or a ModeSpec in modes.ts) and listing it here — the engine does not change.
 */
import type { QuerySpec } from '../../model';
import type { EvidenceDraft, HypothesisProposal, HypothesisView, QueryProposal, QueryResult, Reasoner, TriageContext } from '../types';
import { changeDiffRule } from './changeDiff';
import { commitBlameRule } from './commitBlame';
import type { FailureRule } from './common';
import { configChangeRule } from './configChange';
import { dependencyCauseRule, dependencyChangeRule } from './dependencyCause';
import { findingRule } from './findingRule';
import { vocabularyRule } from './vocabularyRule';
import { deployRegressionRule } from './deployRegression';
import { MODE_RULES } from './modes';
import { trafficRule } from './traffic';

export const FAILURE_RULES: readonly FailureRule[] = [...MODE_RULES, deployRegressionRule, configChangeRule, trafficRule, findingRule, vocabularyRule, changeDiffRule, commitBlameRule, dependencyCauseRule, dependencyChangeRule];

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
