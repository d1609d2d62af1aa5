/**
 * Hypotheses straight from the vocabularies, for the failure modes no signature rule owns
 * (permissions, network, storage, configuration): when the workload's new log lines, its stop
 * reasons or its own events carry a strong vocabulary entry of such a mode — "is forbidden: User
 * … cannot get resource", "unable to retrieve secret … ResourceNotFoundException" — that mode is
 * a hypothesis. The culprit is the change that brought the failing version when one landed
 * shortly before (the units that fail run it), else the entity the entry captured.
 */
import { taskTermination } from '../../engine/triageEcs';
import { podTerminations } from '../../engine/triageKubernetes';
import { OVERVIEW_TERMS } from '../../engine/logQueries';
import type { Culprit, FailureCategory } from '../../model';
import { versionCulprit } from '../../engine/changes';
import { failureMatch, type FailureMatch } from '../../taxonomy';
import type { EvidenceDraft, Termination, TriageContext } from '../types';
import { clock, excerpt, isFresh, iso, logQuery, minutesBetween, patternsOf, suspectChange, terminationQuery, type FailureRule } from './common';

/** Modes without a signature rule of their own: the vocabularies are their only reader. */
export const VOCABULARY_MODES: readonly FailureCategory[] = ['permissions', 'network', 'storage', 'config-change'];

function strongMode(text: string): FailureMatch | undefined {
  // Servers' words often arrive JSON-escaped inside a client's log line (`is forbidden: User \"…\"`).
  return failureMatch(text.replace(/\\"/g, '"'), (m) => m.entry.strength === 'strong' && VOCABULARY_MODES.includes(m.entry.category as FailureCategory));
}

interface Seen {
  match: FailureMatch;
  text: string;
  version?: string;
  at: number;
  count: number;
  source: 'logs' | 'terminations';
}

function seenIn(context: TriageContext, terminations: readonly Termination[], patterns = context.logOverview): Seen[] {
  const out: Seen[] = [];
  for (const t of terminations) {
    const match = strongMode(t.reason);
    if (match) out.push({ match, text: t.reason, version: t.version, at: t.at, count: 1, source: 'terminations' });
  }
  for (const p of patterns.filter(isFresh)) {
    // The whole event: a client library's exception carries the server's words at the end of its trace.
    const match = strongMode(p.example.slice(0, 1_500)) ?? strongMode(p.example.slice(-1_500));
    if (match) out.push({ match, text: p.example, at: p.firstSeen, count: p.incidentCount, source: 'logs' });
  }
  return out;
}

function culpritOf(category: FailureCategory, seen: readonly Seen[], context: TriageContext): Culprit | undefined {
  const change = suspectChange(context);
  const failing = new Set(seen.map((s) => s.version).filter(Boolean));
  if (change && (failing.has(change.toVersion) || !failing.size)) return versionCulprit(change.platform, change.toVersion);
  const captured = seen.map((s) => s.match.entities).find((e) => e.configmap || e.secret || e.claim || e.host || e.service);
  if (captured?.configmap) return { kind: 'other', id: `configmap/${captured.configmap}` };
  if (captured?.claim) return { kind: 'other', id: `pvc/${captured.claim}` };
  if (captured?.secret && !captured.secret.startsWith('arn:')) return { kind: 'other', id: `secret/${captured.secret}` };
  if (captured?.host || captured?.service) return { kind: 'dependency', id: (captured.service ?? captured.host)! };
  void category;
  return undefined;
}

export const vocabularyRule: FailureRule = {
  id: 'vocabulary',
  category: 'unknown',
  propose(context) {
    const byMode = new Map<FailureCategory, Seen[]>();
    for (const s of seenIn(context, context.terminations)) byMode.set(s.match.entry.category, [...(byMode.get(s.match.entry.category) ?? []), s]);
    return [...byMode.entries()].map(([category, seen]) => {
      const total = seen.reduce((sum, s) => sum + s.count, 0);
      const lead = seen[0]!;
      const change = suspectChange(context);
      return {
        category,
        title: `${lead.match.entry.description.replace(/\.$/, '')} (${category})`,
        rationale: `Triage saw ${total} line(s) or stop reason(s) the vocabularies read as ${category} (${lead.match.entry.id}): "${excerpt([lead.text], 1, 200)}"${change ? `; ${change.summary} landed ${minutesBetween(change.at, context.onset)} min before symptoms` : ''}.`,
        prior: Math.round(Math.min(0.85, (total >= 3 ? 0.7 : 0.55) + (change ? 0.1 : 0)) * 100) / 100,
        focus: { rule: 'vocabulary', mode: category, ...(change ? { changeAt: String(change.at) } : {}) },
      };
    });
  },
  plan(hypothesis, context) {
    return [...terminationQuery(context, `Do stopping units report ${hypothesis.focus.mode} failures?`), ...logQuery(context, OVERVIEW_TERMS, `Which new log lines are ${hypothesis.focus.mode} failures?`)];
  },
  interpret(hypothesis, query, result, context): EvidenceDraft[] {
    const mode = hypothesis.focus.mode as FailureCategory;
    let seen: Seen[] = [];
    if (result.operation === 'ecs.stoppedTasks') seen = seenIn(context, result.tasks.map(taskTermination).filter((t): t is Termination => !!t && t.at >= (query.window?.start ?? 0)), []);
    else if (result.operation === 'k8s.pods') seen = seenIn(context, result.pods.flatMap((p) => podTerminations(p, context.now)), []);
    else if (result.operation === 'logs.compareWindows') seen = seenIn(context, [], patternsOf(result));
    else return [];
    seen = seen.filter((s) => s.match.entry.category === mode);
    const kind = result.operation === 'logs.compareWindows' ? 'log-pattern' : context.incident.target.platform === 'ecs' ? 'stopped-tasks' : 'pod-status';
    if (!seen.length) return [{ kind, strength: 'none', supports: false, summary: `No ${mode} failures in ${result.operation === 'logs.compareWindows' ? 'the new log lines' : 'how units stop'}.` }];
    const total = seen.reduce((sum, s) => sum + s.count, 0);
    const first = Math.min(...seen.map((s) => s.at));
    return [
      {
        kind,
        strength: total >= 2 ? 'strong' : 'weak',
        supports: true,
        summary: `${total} ${mode} failure(s) since ${clock(first)} (${[...new Set(seen.map((s) => s.match.entry.id))].join(', ')}): "${excerpt([seen[0]!.text], 1, 240)}".`,
        observedAt: iso(first),
        excerpt: excerpt(seen.map((s) => s.text), 4),
        culprit: culpritOf(mode, seen, context),
        ...(result.operation === 'logs.compareWindows' ? { patterns: [] } : {}),
      },
    ];
  },
};

