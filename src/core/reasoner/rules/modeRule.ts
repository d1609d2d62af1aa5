/**
 * A failure-mode rule built from its signature: it is proposed when triage saw the signature,
 * plans the queries that can confirm it (terminations, logs, events), grades what comes back
 * and branches to the change or dependency that caused it. Modes differ in data (the
 * signature, a title, a culprit extractor), not in code.
 */
import { eventsAboutWorkload } from '../../engine/eventAttribution';
import { describeRecurrence } from '../../engine/recurrence';
import { replacedTasks } from '../../engine/replacements';
import { podTerminations, withLastWords } from '../../engine/triageKubernetes';
import { taskTermination } from '../../engine/triageEcs';
import type { PatternChange } from '../../logs/patternChange';
import type { Culprit, FailureCategory } from '../../model';
import type { EvidenceDraft, HypothesisProposal, HypothesisView, QueryProposal, Termination, TriageContext, WorkloadEvent } from '../types';
import { causeProposals, type CauseKind } from './causes';
import { failureMatch } from '../../taxonomy';
import { clock, describeChange, eventsQuery, excerpt, isFresh, iso, logQuery, patternsOf, summarisePatterns, terminationQuery, type FailureRule } from './common';
import { claimedByAnotherMode, SIGNATURES, terminationOfAnotherMode, type Signature } from './signatures';

export interface ModeSpec {
  id: string;
  category: FailureCategory;
  title(context: TriageContext): string;
  /** Baseline plausibility with no cue at all (undefined = only proposed on a cue). */
  basePrior?: number;
  /** Extra cues beyond the signature (symptoms, workload counts). */
  extraCue?(context: TriageContext): { prior: number; rationale: string } | undefined;
  /** Names the culprit from what matched, when the mode itself can. */
  culprit?(matches: { patterns: PatternChange[]; terminations: Termination[]; events: WorkloadEvent[] }, context: TriageContext): Culprit | undefined;
  /** Which causes to branch to on strong evidence. */
  causes: CauseKind[];
  /** How far back a causing change may be (ms); default 2 h. */
  changeHorizonMs?: number;
}

export interface Cues {
  terminations: Termination[];
  patterns: PatternChange[];
  steady: PatternChange[];
  events: WorkloadEvent[];
}

export function cuesFor(signature: Signature, context: TriageContext, category?: FailureCategory): Cues {
  const terminations = context.terminations.filter((t) => matchesTermination(signature, t, category));
  const patterns = context.logOverview.filter((p) => isFresh(p) && matchesLog(signature, p, category));
  const steady = context.logOverview.filter((p) => p.change === 'steady' && matchesLog(signature, p, category));
  const events = (context.workload?.events ?? []).filter((e) => e.at >= context.onset - 3_600_000 && matchesEvent(signature, e, category));
  return { terminations, patterns, steady, events };
}

function matchesLog(signature: Signature, pattern: PatternChange, category?: FailureCategory): boolean {
  const first = pattern.example.split('\n', 1)[0] ?? '';
  if (category && claimedByAnotherMode(first, category)) return false;
  // The signature's words, or any entry of the taxonomy that names this mode.
  return !!signature.log?.test(`${pattern.template}\n${pattern.example}`) || (!!category && failureMatch(pattern.example)?.entry.category === category);
}

function matchesEvent(signature: Signature, event: WorkloadEvent, category?: FailureCategory): boolean {
  const text = `${event.reason ?? ''} ${event.message}`;
  return !!signature.events?.test(text) && !(category && claimedByAnotherMode(`${event.reason ?? ''}: ${event.message}`, category));
}

export function matchesTermination(signature: Signature, termination: Termination, category?: FailureCategory): boolean {
  if (category && claimedByAnotherMode(termination.reason, category)) return false;
  // A plain "Error" or a back-off says why only through what the unit printed last (`No space
  // left on device`): last words of another mode make the death that mode's.
  const spoken = termination.lastWords ?? [];
  if (signature.log && spoken.some((line) => signature.log!.test(line) && !(category && claimedByAnotherMode(line, category)))) return true;
  if (category && spoken.some((line) => claimedByAnotherMode(line, category))) return false;
  if (signature.termination?.test(termination.reason)) return true;
  if (termination.exitCode === undefined || !(signature.exitCodes ?? []).includes(termination.exitCode)) return false;
  // An exit code alone (137 = SIGKILL) counts only when the reason names no other mode: evictions
  // and failed liveness probes are SIGKILLs too.
  return !category || !terminationOfAnotherMode(termination.reason, category);
}

export function modeRule(spec: ModeSpec): FailureRule {
  const signature = SIGNATURES[spec.category] ?? {};
  return {
    id: spec.id,
    category: spec.category,
    propose(context) {
      const cues = cuesFor(signature, context, spec.category);
      const reasons: string[] = [];
      let prior = spec.basePrior ?? 0;
      if (cues.terminations.length) {
        prior = Math.max(prior, cues.terminations.length >= 2 || context.recurrence ? 0.8 : 0.6);
        reasons.push(`${cues.terminations.length} task(s)/container(s) stopped with "${cues.terminations[0]!.reason}"${context.recurrence ? `, a death that recurs ${describeRecurrence(context.recurrence)}` : ''}`);
      }
      if (cues.patterns.length) {
        prior = Math.max(prior, 0.65);
        reasons.push(`new in the logs: ${describeChange(cues.patterns[0]!)}`);
      } else if (cues.steady.length) {
        prior = Math.max(prior, 0.3);
        reasons.push(`present in the logs before the incident too: ${describeChange(cues.steady[0]!)}`);
      }
      if (cues.events.length) {
        prior = Math.max(prior, cues.events.length >= 2 ? 0.75 : 0.55);
        reasons.push(`orchestrator events: "${cues.events[0]!.message}"`);
      }
      const extra = spec.extraCue?.(context);
      if (extra) {
        prior = Math.max(prior, extra.prior);
        reasons.push(extra.rationale);
      }
      if (prior <= 0) return undefined;
      return {
        category: spec.category,
        title: spec.title(context),
        rationale: reasons.length ? `Triage saw: ${reasons.join('; ')}.` : 'A common cause of this kind of alert; nothing in triage points at it yet.',
        prior: Math.round(prior * 100) / 100,
        focus: { rule: spec.id },
      };
    },
    plan(_hypothesis, context) {
      const queries: QueryProposal[] = [];
      // A mode known only by its words is a termination cause too when a dead unit's last lines say it.
      const spoken = !!signature.log && Object.keys(context.lastWords ?? {}).length > 0;
      if (signature.termination || signature.exitCodes || spoken) queries.push(...terminationQuery(context, `Did tasks or containers stop the way ${spec.category} makes them stop?`));
      if (signature.terms) queries.push(...logQuery(context, signature.terms, `Are ${spec.category} messages new or more frequent since symptoms began?`, undefined, { wide: true }));
      if (signature.events) queries.push(...eventsQuery(context, `Did the orchestrator report ${spec.category} events?`));
      return queries;
    },
    interpret(hypothesis, query, result, context) {
      switch (result.operation) {
        case 'ecs.stoppedTasks':
        case 'k8s.pods': {
          const all = result.operation === 'ecs.stoppedTasks' ? result.tasks.map(taskTermination).filter((t): t is Termination => !!t) : withLastWords(result.pods.flatMap((pod) => podTerminations(pod, context.now)), context.lastWords);
          const since = query.window?.start ?? context.onset - 3_600_000;
          return [terminationEvidence(spec, signature, all.filter((t) => t.at >= since), context)];
        }
        case 'logs.compareWindows':
          return [logEvidence(spec, patternsOf(result).filter((p) => matchesLog(signature, p, spec.category)), context)];
        case 'ecs.serviceEvents':
        case 'k8s.events': {
          const events: WorkloadEvent[] =
            result.operation === 'ecs.serviceEvents'
              ? result.service.events.map((e) => ({ at: e.createdAt, message: e.message }))
              : eventsAboutWorkload(result.events, context.scope).map((e) => ({ at: e.lastTimestamp, type: e.type, reason: e.reason, message: e.message, object: `${e.involvedObject.kind}/${e.involvedObject.name}`, count: e.count }));
          const matching = events.filter((e) => e.at >= context.onset - 3_600_000 && matchesEvent(signature, e, spec.category));
          return [eventEvidence(spec, matching, context)];
        }
        default:
          void hypothesis;
          return [];
      }
    },
    refine(hypothesis, evidence, context) {
      return causeProposals(spec.causes, hypothesis, evidence, context, spec.changeHorizonMs);
    },
  };
}

function terminationEvidence(spec: ModeSpec, signature: Signature, recent: Termination[], context: TriageContext): EvidenceDraft {
  const matching = recent.filter((t) => matchesTermination(signature, t, spec.category)).sort((a, b) => a.at - b.at);
  const kind = context.incident.target.platform === 'ecs' ? 'stopped-tasks' : 'pod-status';
  if (!matching.length) {
    return {
      kind,
      strength: recent.length ? 'weak' : 'none',
      supports: false,
      summary: recent.length ? `${recent.length} unit(s) stopped recently, none for ${spec.category}: "${recent[0]!.reason}".` : 'No task or container stopped in the incident window.',
      data: { stopped: recent.length, matching: 0 },
    };
  }
  const versions = [...new Set(matching.map((t) => t.version).filter(Boolean))];
  const restarts = Math.max(0, ...matching.map((t) => t.restartCount ?? 0));
  const first = matching[0]!;
  const said = matching.flatMap((t) => t.lastWords ?? []).find((line) => signature.log?.test(line));
  // One death is enough when it is the whole workload (a Job's only pod) and it said why.
  const whole = said !== undefined && (context.workload?.running ?? 1) === 0 && matching.length >= (context.workload?.desired ?? Infinity);
  // A death that recurs on a schedule is many deaths: the orchestrator only remembers the last.
  const recurring = context.recurrence;
  // ECS lists stopped tasks for an hour; its events remember the tasks started to replace them.
  const replaced = context.incident.target.platform === 'ecs' ? replacedTasks(context.service, context.now) : undefined;
  const remembered = replaced && replaced.count >= 2 && replaced.count > matching.length ? replaced : undefined;
  const strong = matching.length >= 2 || restarts >= 3 || whole || !!recurring || !!remembered;
  return {
    kind,
    strength: strong ? 'strong' : 'weak',
    supports: true,
    summary: `${matching.length} unit(s)${versions.length ? ` of ${versions.join(', ')}` : ''} stopped with "${first.reason}"${first.exitCode !== undefined ? ` (exit ${first.exitCode})` : ''}${restarts ? `, up to ${restarts} restarts` : ''}${matching.length > 1 ? ` between ${clock(first.at)} and ${clock(matching.at(-1)!.at)}` : ` at ${clock(first.at)}`}${said ? `, its last words: "${said.slice(0, 160)}"` : ''}${recurring ? `; the failure recurs ${describeRecurrence(recurring)}` : ''}${remembered ? `; the service started ${remembered.count} tasks to replace dead ones between ${clock(remembered.first)} and ${clock(remembered.last)} (ECS no longer lists the others)` : ''}.`,
    // A recurring failure began with its first episode, not with the death still on record.
    observedAt: iso(Math.min(...matching.map(loopBegan), recurring?.since ?? Infinity)),
    excerpt: excerpt([...matching.map((t) => `${t.unit}  ${t.version ?? ''}  ${t.reason}${t.node ? `  node=${t.node}` : ''}`), ...(said ? [said] : [])]),
    culprit: spec.culprit?.({ patterns: [], terminations: matching, events: [] }, context),
    data: { matching: matching.length, stopped: recent.length, versions: versions.join(', ') },
  };
}

/**
 * When a unit began failing: a restarted container has been in its loop at least as long as the
 * kubelet's back-off took to reach its restart count (10 s, doubling, capped at 5 min), while
 * only its last death is dated.
 */
export function loopBegan(termination: Termination): number {
  if (termination.platform !== 'kubernetes' || !termination.restartCount) return termination.at;
  let elapsed = 0;
  for (let restart = 0; restart < termination.restartCount; restart++) elapsed += Math.min(300_000, 10_000 * 2 ** restart);
  return termination.at - elapsed;
}

function logEvidence(spec: ModeSpec, matching: PatternChange[], context: TriageContext): EvidenceDraft {
  const fresh = matching.filter(isFresh);
  if (!fresh.length) {
    const steady = matching.filter((p) => p.change === 'steady');
    if (steady.length) {
      return {
        kind: 'log-pattern',
        strength: 'weak',
        supports: false,
        summary: `Not new: ${describeChange(steady[0]!)} — the same rate before the incident, a pre-existing condition.`,
        excerpt: excerpt([steady[0]!.example]),
        patterns: summarisePatterns(steady),
        data: { incidentCount: steady[0]!.incidentCount, baselineCount: steady[0]!.baselineCount },
      };
    }
    return { kind: 'log-pattern', strength: 'none', supports: false, summary: `No ${spec.category} messages in the incident window.` };
  }
  const total = fresh.reduce((sum, p) => sum + p.incidentCount, 0);
  return {
    kind: 'log-pattern',
    strength: total >= 3 ? 'strong' : 'weak',
    supports: true,
    summary: `${spec.category} messages: ${fresh.slice(0, 3).map(describeChange).join('; ')}.`,
    observedAt: iso(Math.min(...fresh.map((p) => p.firstSeen))),
    excerpt: excerpt(fresh.slice(0, 2).map((p) => p.example), 12),
    codeLocations: dedupeLocations(fresh.flatMap((p) => p.codeLocations)),
    patterns: summarisePatterns(fresh),
    culprit: spec.culprit?.({ patterns: fresh, terminations: [], events: [] }, context),
    data: { newPatterns: fresh.length, events: total },
  };
}

function eventEvidence(spec: ModeSpec, matching: WorkloadEvent[], context: TriageContext): EvidenceDraft {
  if (!matching.length) return { kind: 'service-events', strength: 'none', supports: false, summary: `No ${spec.category} events from the orchestrator since ${clock(context.onset - 3_600_000)}.` };
  const sorted = [...matching].sort((a, b) => a.at - b.at);
  // Nine copies of one event are one observation: distinct objects (or messages) make it strong,
  // and so does one the source itself saw again and again (its count).
  const distinct = new Set(sorted.map((e) => (e.object ? `${e.object}|${e.reason ?? ''}` : `${e.at}|${e.message}`))).size;
  const repeats = Math.max(...sorted.map((e) => e.count ?? 1));
  return {
    kind: 'service-events',
    strength: distinct >= 2 || repeats >= 3 ? 'strong' : 'weak',
    supports: true,
    summary: `${distinct} ${spec.category} event(s)${repeats > 1 ? ` (seen up to ${repeats}×)` : ''} since ${clock(sorted[0]!.at)}: "${sorted[0]!.message}".`,
    observedAt: iso(sorted[0]!.at),
    excerpt: excerpt(sorted.map((e) => `${clock(e.at)} ${e.reason ? `${e.reason}: ` : ''}${e.message}`)),
    culprit: spec.culprit?.({ patterns: [], terminations: [], events: sorted }, context),
    data: { events: matching.length },
  };
}

function dedupeLocations<T extends { path: string; line: number }>(locations: T[]): T[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = `${l.path}:${l.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { HypothesisProposal, HypothesisView };
