/**
 * Bad deploy (code regression): errors begin with a new version. The signature is new
 * exception/error templates after the change that no specific failure mode explains (an OOM
 * or a DNS failure after a deploy is that mode, found by its own rule); the 5xx access lines
 * the alert already reported are symptoms, not causes.
 */
import { OVERVIEW_TERMS } from '../../engine/logQueries';
import type { PatternChange } from '../../logs/patternChange';
import type { EvidenceDraft } from '../types';
import { clock, describeChange, excerpt, isFresh, iso, logQuery, minutesBetween, patternsOf, summarisePatterns, suspectChange, type FailureRule } from './common';
import { causeProposals } from './causes';
import { explainedBySignature } from './signatures';
import { dependencyOf } from './dependencies';
import { classifyLine } from '../../taxonomy';
import type { TriageContext } from '../types';
import { formatMeasure, MEASUREMENT_TERMS, valueShifts, type ValueShift } from '../../logs/loggedValues';
import { versionCulprit } from '../../engine/changes';
import { symptomText } from '../../incident';

const ERROR_LINE = /\b(?:ERROR|Error|error|FATAL|Exception|exception|panic|Traceback|uncaught)\b/;

/** An access-log line reporting a 5xx is the symptom the alert already told us about. */
export function isHttpSymptom(message: string): boolean {
  const first = message.split('\n', 1)[0] ?? '';
  // An access line that carries its exception is evidence of that exception, not just a symptom.
  if (/\b\w*(?:Exception|Error)\b(?!\s*[:=]?\s*5\d\d)|panic:|Traceback/.test(first.replace(/^\S*\s*(?:ERROR|Error|error)\b/, ''))) return false;
  return /\b(?:GET|POST|PUT|PATCH|DELETE|HEAD)\b[^\n]*\s5\d\d\b|\bstatus[=:]\s*5\d\d\b/.test(first);
}

/**
 * A line that reports another service's failure ("order-service returned 502 Bad Gateway",
 * "rpc error: code = Unavailable" from a named host) is a dependency's symptom: the deployed
 * code is reporting a failure, not causing it.
 */
export function isDependencySymptom(message: string, context: TriageContext): boolean {
  const first = message.split('\n', 1)[0] ?? '';
  const relayed = classifyLine(first).some((m) => m.entry.category === 'dependency' || (m.entry.vocabulary === 'http' && /^http\.5\d\d$/.test(m.entry.id)) || m.entry.id === 'grpc.UNAVAILABLE');
  return relayed && dependencyOf([first], context) !== undefined;
}

/** A regression shows when the new version takes traffic; errors that begin much later point elsewhere. */
const REGRESSION_LAG = 30 * 60_000;

/**
 * An error that starts with a known failure signature and occurs about as often (a worker
 * traceback for every WORKER TIMEOUT) is that failure's consequence, not a separate bug.
 */
function coOccursWith(change: PatternChange, explained: readonly PatternChange[]): boolean {
  return explained.some(
    (other) => other.templateId !== change.templateId && Math.abs(other.firstSeen - change.firstSeen) <= 2 * 60_000 && Math.abs(other.incidentCount - change.incidentCount) <= Math.max(2, 0.2 * other.incidentCount),
  );
}

/** Alerts about speed rather than errors. */
const SLOW_SYMPTOM = /latency|\bp\d{2,3}\b|slow|response ?time|duration|took|timeout|timed out/i;

/** A logged time that rose right after the deploy, on the new version's lines, is the regression itself. */
function timingEvidence(shifts: ValueShift[], changeAt: number, context: TriageContext): EvidenceDraft {
  const change = suspectChange(context);
  const after = shifts.filter((s) => s.unit === 'ms' && s.since >= changeAt - 2 * 60_000 && s.since - changeAt <= REGRESSION_LAG);
  const top = after[0];
  if (!top) {
    return { kind: 'log-pattern', strength: shifts.length ? 'weak' : 'none', supports: false, summary: shifts.length ? `Logged times rose, but not with the deploy: ${describeShift(shifts[0]!)}.` : 'The times the service logs did not rise after the deploy.' };
  }
  return {
    kind: 'log-pattern',
    strength: 'strong',
    supports: true,
    summary: `Logged times rose with the deploy: ${describeShift(top)}, from ${clock(top.since)} (${minutesBetween(changeAt, top.since)} min after it).`,
    observedAt: iso(top.since),
    excerpt: excerpt([top.example]),
    culprit: change?.toVersion ? versionCulprit(change.platform, change.toVersion) : undefined,
    data: { measure: top.name, baselineMedian: Math.round(top.baselineMedian), incidentMedian: Math.round(top.incidentMedian), points: top.incidentCount },
  };
}

function describeShift(shift: ValueShift): string {
  return `${shift.name} median ${formatMeasure(shift.baselineMedian, shift.unit)} → ${formatMeasure(shift.incidentMedian, shift.unit)} (×${shift.ratio.toFixed(1)}, ${shift.incidentCount} lines like "${shift.shape.slice(0, 90)}")`;
}

export const deployRegressionRule: FailureRule = {
  id: 'deploy-regression',
  category: 'bad-deploy',
  propose(context) {
    const change = suspectChange(context);
    if (!change || !change.differences.some((d) => d.kind === 'image')) return undefined;
    const unexplained = context.logOverview.filter((p) => isFresh(p) && ERROR_LINE.test(p.example) && !isHttpSymptom(p.example) && !isDependencySymptom(p.example, context) && !explainedBySignature(p.example));
    return {
      category: 'bad-deploy',
      title: `Code regression in the deploy of ${change.toVersion} (${clock(change.at)})`,
      rationale: `${change.summary} landed ${minutesBetween(change.at, context.onset)} min before symptoms began${unexplained.length ? `; new errors since: ${describeChange(unexplained[0]!)}` : ''}.`,
      prior: unexplained.length ? 0.7 : 0.45,
      focus: { rule: 'deploy-regression', changeAt: String(change.at) },
    };
  },
  plan(hypothesis, context) {
    const changeAt = Number(hypothesis.focus.changeAt);
    const errors = logQuery(context, OVERVIEW_TERMS.slice(0, 7), 'Which error messages are new since the deploy?', changeAt);
    // A slow new version logs no error: what it logs about its own speed is the evidence.
    if (!SLOW_SYMPTOM.test(symptomText(context.incident))) return errors;
    const timings = logQuery(context, MEASUREMENT_TERMS, 'Did the times the service logs (elapsed, duration, *_ms) rise with the deploy?', changeAt).map((q) => ({ ...q, params: { ...q.params, measure: 'true' } }));
    return [...errors, ...timings];
  },
  interpret(hypothesis, query, result, context): EvidenceDraft[] {
    if (result.operation !== 'logs.compareWindows') return [];
    if (query.params.measure === 'true') return [timingEvidence(valueShifts(result.baseline, result.incident), Number(hypothesis.focus.changeAt), context)];
    const fresh = patternsOf(result).filter((c) => isFresh(c) && ERROR_LINE.test(c.example));
    if (!fresh.length) return [{ kind: 'log-pattern', strength: 'none', supports: false, summary: 'No new or surging error messages since the deploy.' }];
    const explained = [...fresh, ...context.logOverview].filter((c) => isFresh(c) && explainedBySignature(c.example));
    const functional = fresh.filter((c) => !isHttpSymptom(c.example) && !isDependencySymptom(c.example, context) && !explainedBySignature(c.example) && !coOccursWith(c, explained));
    const first = Math.min(...fresh.map((c) => c.firstSeen));
    const changeAt = Number(hypothesis.focus.changeAt);
    const lag = Number.isFinite(changeAt) ? Math.min(...functional.map((c) => c.firstSeen)) - changeAt : 0;
    if (!functional.length) {
      const modes = [...new Set(fresh.map((c) => explainedBySignature(c.example)).filter(Boolean))];
      return [
        {
          kind: 'log-pattern',
          strength: 'weak',
          supports: true,
          summary: `New errors since the deploy are ${modes.length ? modes.join(', ') : '5xx symptoms'}, not a functional bug: ${fresh.slice(0, 3).map(describeChange).join('; ')}.`,
          observedAt: iso(first),
          excerpt: excerpt(fresh.slice(0, 2).map((c) => c.example), 8),
          patterns: summarisePatterns(fresh),
          data: { newPatterns: fresh.length },
        },
      ];
    }
    return [
      {
        kind: 'log-pattern',
        strength: functional.reduce((s, c) => s + c.incidentCount, 0) >= 3 && lag <= REGRESSION_LAG ? 'strong' : 'weak',
        supports: true,
        summary: `New errors since the deploy: ${functional.slice(0, 3).map(describeChange).join('; ')}${lag > REGRESSION_LAG ? ` — but they began ${minutesBetween(changeAt, changeAt + lag)} min after it: the new version ran cleanly until then` : ''}.`,
        observedAt: iso(first),
        excerpt: excerpt(functional.slice(0, 2).map((c) => c.example), 12),
        codeLocations: functional.flatMap((c) => c.codeLocations),
        patterns: summarisePatterns(functional),
        data: { newPatterns: functional.length },
      },
    ];
  },
  refine(hypothesis, evidence, context) {
    return causeProposals(['commit'], hypothesis, evidence, context);
  },
};
