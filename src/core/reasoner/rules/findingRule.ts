/**
 * Hypotheses from findings: each (failure category, culprit) that the object analyzers found
 * during triage becomes a hypothesis. Its test re-reads the object with the targeted query the
 * analyzer named (the analyzers run again on the fresh answer) and looks for the culprit's
 * name in the workload's new log lines, an independent source. The prior rises when the
 * object changed shortly before the symptoms and when the symptoms name the culprit.
 */
import { analyzeResult } from '../../findings/analyzers';
import { culpritName, findingKey, type Finding } from '../../findings/types';
import type { EvidenceDraft, HypothesisProposal, QueryProposal, TriageContext } from '../types';
import { clock, describeChange, excerpt, isFresh, iso, logQuery, minutesBetween, patternsOf, summarisePatterns, type FailureRule } from './common';

const RECENT = 2 * 3_600_000;
/** How far a metric's estimated start may precede the change that caused it (period rounding, smoothing). */
const WITHIN_PERIOD = 5 * 60_000;

/** Whether what triage saw (new log lines, stop reasons, events) names the culprit. */
function mentioned(finding: Finding, context: TriageContext): boolean {
  const name = culpritName(finding).toLowerCase();
  if (name.length < 3) return false;
  const texts = [
    ...context.logOverview.filter(isFresh).map((p) => p.example),
    ...context.terminations.map((t) => t.reason),
    ...(context.workload?.events ?? []).map((e) => `${e.object ?? ''} ${e.message}`),
  ];
  return texts.some((text) => text.toLowerCase().includes(name));
}

export function findingProposals(context: TriageContext): HypothesisProposal[] {
  const groups = new Map<string, Finding[]>();
  const superseded = new Set((context.findings ?? []).flatMap((f) => f.supersedes ?? []));
  for (const finding of context.findings ?? []) if (!superseded.has(findingKey(finding))) groups.set(findingKey(finding), [...(groups.get(findingKey(finding)) ?? []), finding]);
  return [...groups.values()].map((findings) => {
    const lead = findings.find((f) => f.strength === 'strong') ?? findings[0]!;
    // A failure that began before the alert (a metric's slow climb) dates its cause from its own start.
    const shiftOnset = Math.min(context.onset, ...findings.map((f) => f.failureOnset ?? context.onset));
    // A metric dates a start to its period: a change a few minutes "after" it landed with it.
    const withIt = findings.map((f) => f.at).filter((at): at is number => at !== undefined && at >= shiftOnset && at - shiftOnset <= WITHIN_PERIOD);
    const began = withIt.length ? Math.max(...withIt) : shiftOnset;
    const recent = findings.map((f) => f.at).filter((at): at is number => at !== undefined && at <= began + 5 * 60_000 && began - at <= RECENT);
    const reasons = [lead.summary];
    let prior = lead.strength === 'strong' ? 0.7 : 0.45;
    if (recent.length) {
      prior += 0.1;
      reasons.push(`it changed at ${clock(Math.max(...recent))}, ${minutesBetween(Math.max(...recent), began)} min before the failure began`);
    }
    if (mentioned(lead, context)) {
      prior += 0.1;
      reasons.push(`the workload's own errors name ${culpritName(lead)}`);
    }
    return {
      category: lead.category,
      title: lead.summary,
      rationale: `Triage read ${lead.object}: ${reasons.join('; ')}.`,
      prior: Math.round(Math.min(0.9, prior) * 100) / 100,
      focus: { ...findingFocus(lead, recent.length ? Math.max(...recent) : undefined), ...(began < context.onset ? { failureOnset: String(began) } : {}) },
    };
  });
}

/** What a hypothesis about a finding needs to test it: the targeted re-read, and the words its log search looks for. */
export function findingFocus(finding: Finding, changeAt?: number): Record<string, string> {
  return {
    rule: 'object-finding',
    key: findingKey(finding),
    analyzer: finding.analyzer,
    object: finding.object,
    ...(finding.recheck ? { recheck: JSON.stringify(finding.recheck) } : {}),
    ...(finding.terms?.length ? { terms: finding.terms.join('\n') } : {}),
    ...(changeAt !== undefined ? { changeAt: String(changeAt) } : {}),
  };
}

export const findingRule: FailureRule = {
  id: 'object-finding',
  category: 'unknown',
  propose: findingProposals,
  plan(hypothesis, context) {
    const queries: QueryProposal[] = [];
    if (hypothesis.focus.recheck) queries.push(JSON.parse(hypothesis.focus.recheck) as QueryProposal);
    const finding = (context.findings ?? []).find((f) => findingKey(f) === hypothesis.focus.key);
    const name = finding ? culpritName(finding) : '';
    const terms = [name, ...(hypothesis.focus.terms ?? '').split('\n')].filter((t) => t.length >= 3);
    // From the change on: a reloaded setting is logged when it is picked up, before the failure shows.
    const changeAt = hypothesis.focus.changeAt ? Number(hypothesis.focus.changeAt) : undefined;
    if (terms.length) queries.push(...logQuery(context, terms, `Do ${context.incident.service}'s own log lines name ${terms.length > 1 ? `${name} or its settings` : name}?`, changeAt));
    return queries;
  },
  interpret(hypothesis, query, result, context): EvidenceDraft[] {
    if (result.operation === 'logs.compareWindows') {
      const fresh = patternsOf(result).filter(isFresh);
      if (!fresh.length) return [{ kind: 'log-pattern', strength: 'none', supports: false, summary: 'The workload\'s new log lines do not name it.' }];
      return [
        {
          kind: 'log-pattern',
          strength: fresh.reduce((s, p) => s + p.incidentCount, 0) >= 3 ? 'strong' : 'weak',
          supports: true,
          summary: `The workload's new log lines name it: ${fresh.slice(0, 2).map(describeChange).join('; ')}.`,
          observedAt: iso(Math.min(...fresh.map((p) => p.firstSeen))),
          excerpt: excerpt(fresh.slice(0, 2).map((p) => p.example), 8),
          patterns: summarisePatterns(fresh),
        },
      ];
    }
    const again = analyzeResult(result, context).filter((f) => findingKey(f) === hypothesis.focus.key);
    if (!again.length) {
      return [{ kind: 'object-state', strength: 'weak', supports: false, summary: `Re-reading ${hypothesis.focus.object} (${query.operation}) no longer shows the problem.` }];
    }
    const lead = again.find((f) => f.strength === 'strong') ?? again[0]!;
    return [
      {
        kind: lead.series ? 'metric' : 'object-state',
        strength: lead.strength,
        supports: true,
        summary: lead.summary,
        observedAt: lead.at !== undefined ? iso(lead.at) : undefined,
        excerpt: lead.excerpt,
        culprit: lead.culprit,
        ...(lead.series ? { series: lead.series } : {}),
        data: { analyzer: lead.analyzer, object: lead.object },
      },
    ];
  },
};
