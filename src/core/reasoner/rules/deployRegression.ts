/**
 * Bad deploy (code regression): errors begin with a new task definition. New error
 * templates after the deploy are the signature; when every new error is resource exhaustion,
 * the regression is better explained by that failure mode, so support stays weak.
 */
import { shortTaskDefinition } from '../../engine/triage';
import type { EvidenceDraft } from '../types';
import { clock, codeLocationsOf, describeChange, excerpt, iso, logComparison, RESOURCE_EXHAUSTION, suspectChange, templateChanges, type FailureRule } from './common';

const ERROR_PATTERN = '?ERROR ?Error ?Exception ?FATAL ?panic';

/** An access-log line reporting a 5xx is the symptom the alert already told us about, not a cause. */
function isHttpSymptom(message: string): boolean {
  return /\b(?:GET|POST|PUT|PATCH|DELETE|HEAD)\b[^\n]*\s5\d\d\b|\bstatus[=:]\s*5\d\d\b/.test(message);
}

export const deployRegressionRule: FailureRule = {
  id: 'deploy-regression',
  category: 'bad-deploy',
  propose(context) {
    const change = suspectChange(context);
    if (!change) return undefined;
    const minutes = Math.round((context.onset - change.at) / 60_000);
    return {
      category: 'bad-deploy',
      title: `Code regression in the deploy of ${shortTaskDefinition(change.toTaskDefinition)} (${clock(change.at)})`,
      rationale: `A deployment landed ${minutes} min before symptoms began${change.differences.length ? `: ${change.differences.join('; ')}` : ''}.`,
      prior: 0.5,
      focus: { rule: 'deploy-regression', changeAt: String(change.at) },
    };
  },
  plan(hypothesis, context) {
    return logComparison(context, ERROR_PATTERN, 'Which error messages are new since the deploy?', Number(hypothesis.focus.changeAt));
  },
  interpret(_hypothesis, _query, result): EvidenceDraft[] {
    if (result.operation !== 'logs.compareWindows') return [];
    const fresh = templateChanges(result).filter((c) => c.change === 'new' || c.change === 'surged');
    if (!fresh.length) return [{ kind: 'log-pattern', strength: 'none', supports: false, summary: 'No new or surging error messages since the deploy.' }];
    const functional = fresh.filter((c) => !RESOURCE_EXHAUSTION.test(c.template + c.example));
    const first = Math.min(...fresh.map((c) => c.firstSeen));
    if (!functional.length || functional.every((c) => isHttpSymptom(c.example))) {
      return [
        {
          kind: 'log-pattern',
          strength: 'weak',
          supports: true,
          summary: `New errors since the deploy are resource exhaustion or their 5xx consequences, not a functional bug: ${fresh.slice(0, 3).map(describeChange).join('; ')}.`,
          observedAt: iso(first),
          excerpt: excerpt(fresh.slice(0, 2).map((c) => c.example), 8),
          data: { newPatterns: fresh.length },
        },
      ];
    }
    return [
      {
        kind: 'log-pattern',
        strength: 'strong',
        supports: true,
        summary: `New errors since the deploy: ${functional.slice(0, 3).map(describeChange).join('; ')}.`,
        observedAt: iso(first),
        excerpt: excerpt(functional.slice(0, 2).map((c) => c.example), 12),
        codeLocations: codeLocationsOf(functional.map((c) => c.example)),
        data: { newPatterns: functional.length },
      },
    ];
  },
  refine(hypothesis, evidence, context) {
    const change = suspectChange(context);
    if (!change?.toCommit) return [];
    const files = [...new Set(evidence.flatMap((e) => e.codeLocations ?? []).map((l) => l.path))];
    return [
      {
        category: 'bad-deploy',
        title: `A commit shipped in ${shortTaskDefinition(change.toTaskDefinition)} broke ${context.incident.service}`,
        rationale: hypothesis.node.title,
        prior: 0.6,
        focus: {
          rule: 'commit-blame',
          blameKind: 'error',
          changeAt: String(change.at),
          toTaskDefinition: shortTaskDefinition(change.toTaskDefinition),
          fromTaskDefinition: change.fromTaskDefinition ? shortTaskDefinition(change.fromTaskDefinition) : '',
          toCommit: change.toCommit,
          fromCommit: change.fromCommit ?? '',
          files: files.join('\n'),
        },
      },
    ];
  },
};
