/**
 * Dependency failure: a database or downstream service is slow or refusing. Signature:
 * timeout / connection errors that are new or surging. Messages at the same rate as before
 * the incident are a pre-existing condition — the classic red herring — and refute it.
 */
import type { EvidenceDraft } from '../types';
import { describeChange, excerpt, iso, logComparison, templateChanges, type FailureRule } from './common';

const DEPENDENCY_PATTERN = '?timeout ?"timed out" ?ECONNREFUSED ?ECONNRESET ?"Slow response" ?"connection pool" ?"Connection refused"';

export const dependencyRule: FailureRule = {
  id: 'dependency',
  category: 'dependency',
  propose(context) {
    return {
      category: 'dependency',
      title: `A dependency of ${context.incident.service} is failing or slow`,
      rationale: 'Downstream timeouts and connection errors surface as 5xx in the caller.',
      prior: 0.25,
      focus: { rule: 'dependency' },
    };
  },
  plan(_hypothesis, context) {
    return logComparison(context, DEPENDENCY_PATTERN, 'Are timeouts or connection errors to dependencies new or more frequent?');
  },
  interpret(_hypothesis, _query, result): EvidenceDraft[] {
    if (result.operation !== 'logs.compareWindows') return [];
    const changes = templateChanges(result).filter((c) => c.count > 0);
    if (!changes.length) return [{ kind: 'log-pattern', strength: 'none', supports: false, summary: 'No dependency timeouts or connection errors in the incident window.' }];
    const fresh = changes.filter((c) => c.change === 'new' || c.change === 'surged');
    if (!fresh.length) {
      const steady = changes[0]!;
      return [
        {
          kind: 'log-pattern',
          strength: 'weak',
          supports: false,
          summary: `Dependency warnings are not new: ${describeChange(steady)} — the same rate before the incident, a pre-existing condition.`,
          excerpt: excerpt([steady.example]),
          data: { incidentCount: steady.count, baselineCount: steady.baselineCount },
        },
      ];
    }
    return [
      {
        kind: 'log-pattern',
        strength: fresh.reduce((s, c) => s + c.count, 0) >= 5 ? 'strong' : 'weak',
        supports: true,
        summary: `Dependency errors: ${fresh.slice(0, 3).map(describeChange).join('; ')}.`,
        observedAt: iso(Math.min(...fresh.map((c) => c.firstSeen))),
        excerpt: excerpt(fresh.slice(0, 3).map((c) => c.example)),
      },
    ];
  },
};
