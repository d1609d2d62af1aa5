/**
 * Child rule: the dependency the errors point at is failing itself. Reads that service's own
 * logs (from the service map) for what is new there, and branches again when its errors
 * point at a further dependency — a symptom can sit several hops from its cause.
 */
import { logWindows, OVERVIEW_TERMS, renderLogQuery } from '../../engine/logQueries';
import type { LogSource } from '../types';
import { describeChange, excerpt, isFresh, iso, patternsOf, summarisePatterns, type FailureRule } from './common';
import { causeProposals } from './causes';
import { dependencyOf } from './dependencies';
import { explainedBySignature } from './signatures';

/** What a saturated database or service logs besides errors. */
const SATURATION_TERMS = ['duration', 'slow', 'lock', 'waiting', 'too many', 'connection', 'terminating', 'statement', 'checkpoint'];
const TROUBLE = /error|exception|fatal|fail|refused|timeout|timed out|denied|panic|duration|slow|lock|waiting|too many|terminat|statement|checkpoint|connection/i;

export const dependencyCauseRule: FailureRule = {
  id: 'dependency-cause',
  category: 'dependency',
  plan(hypothesis, context) {
    const entry = context.serviceMap[hypothesis.focus.dependency ?? ''];
    if (!entry) return [];
    const source: LogSource | undefined = entry.logGroup ? { kind: 'cloudwatch', logGroup: entry.logGroup } : entry.kubernetes ? { kind: 'pods', ...entry.kubernetes } : undefined;
    if (!source) return [];
    return [{ ...renderLogQuery(source, [...OVERVIEW_TERMS, ...SATURATION_TERMS], logWindows(context)), rationale: `What is new in ${entry.name}'s own logs (errors, slow statements, lock waits)?` }];
  },
  interpret(hypothesis, _query, result, context) {
    if (result.operation !== 'logs.compareWindows') return [];
    const name = hypothesis.focus.dependency!;
    const fresh = patternsOf(result).filter((p) => isFresh(p) && p.incidentCount >= 3 && TROUBLE.test(p.template));
    if (!fresh.length) {
      return [{ kind: 'log-pattern', strength: 'weak', supports: false, summary: `${name}'s own logs show no new errors; the problem is more likely between the services (network, DNS, TLS) than inside ${name}.` }];
    }
    const visited = new Set((hypothesis.focus.visited ?? '').split(',').concat(context.incident.service));
    const candidate = dependencyOf(fresh.map((p) => p.example), { ...context, incident: { ...context.incident, service: name } });
    // Never back up the chain: a database's logs name the service that calls it.
    const further = candidate && !visited.has(candidate.name) ? candidate : undefined;
    const mode = fresh.map((p) => explainedBySignature(p.example)).find(Boolean);
    return [
      {
        kind: 'log-pattern',
        strength: fresh.reduce((s, p) => s + p.incidentCount, 0) >= 3 ? 'strong' : 'weak',
        supports: true,
        summary: `${name} is failing too: ${fresh.slice(0, 3).map(describeChange).join('; ')}${further ? ` — its errors point at ${further.name}` : ''}${mode ? ` (${mode})` : ''}.`,
        observedAt: iso(Math.min(...fresh.map((p) => p.firstSeen))),
        excerpt: excerpt(fresh.slice(0, 2).map((p) => p.example), 10),
        patterns: summarisePatterns(fresh),
        culprit: { kind: 'dependency', id: further && context.serviceMap[further.name] ? further.name : name },
      },
    ];
  },
  refine(hypothesis, evidence, context) {
    // Follow the chain only through services the map knows (their logs can be read).
    return causeProposals(['dependency'], hypothesis, evidence, context).filter((p) => p.focus?.dependency !== hypothesis.focus.dependency);
  },
};
