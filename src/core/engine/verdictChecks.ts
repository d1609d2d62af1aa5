/**
 * Checks a candidate root cause must survive before it is confirmed. Confidence is computed
 * per hypothesis from its own evidence (confidence.ts); these look at the whole picture, the
 * way a reviewer challenges a conclusion:
 *  - several weak items are not one strong item: a chain with no strong evidence stays below
 *    the bar, however many weak items agree;
 *  - a dependency is not the culprit when its own check came back clean (the child that read
 *    it was pruned);
 *  - a symptom that already recovered, with a handful of errors and no change before it, is a
 *    transient: "inconclusive", not a confident story;
 *  - a version whose deployment was rolled back, with the page over, is no active failure;
 *  - a traffic spike is not the cause while the units the service asked for cannot be placed.
 * Each check that applies lowers the confidence and says why.
 */
import type { Evidence, HypothesisNode } from '../model';
import type { TriageContext } from '../reasoner/types';
import { shortTaskDefinition, suspectChange, suspectChangeBefore } from './changes';
import { failingTogether, TOGETHER_MS } from '../reasoner/rules/dependencies';
import { clock } from '../reasoner/rules/common';
import { culpritName } from '../findings/types';
import { failureMatch } from '../taxonomy';

export interface CheckInput {
  node: HypothesisNode;
  /** The node and its ancestors (root first). */
  chain: readonly HypothesisNode[];
  /** Supporting evidence of the chain. */
  chainEvidence: readonly Evidence[];
  /** Every node's children, to find the checks of a blamed dependency. */
  descendants: readonly HypothesisNode[];
  context: TriageContext;
  bar: number;
  /** Whether a node has evidence that really refutes it (weak or strong), not just "nothing found". */
  refuted(node: HypothesisNode): boolean;
}

export interface CheckOutcome {
  confidence: number;
  reasons: string[];
}

/** Just below the bar: a hypothesis that fails a check can be reported, never confirmed. */
const BELOW_BAR = 0.05;
/** Most errors a self-healed blip may log and still count as transient. */
const TRANSIENT_ERRORS = 40;
/** How far back a caller's change may be and still explain dependencies failing together. */
const CALLER_HORIZON_MS = 2 * 3_600_000;
const TOGETHER_MINUTES = TOGETHER_MS / 60_000;

export function checkVerdict(input: CheckInput): CheckOutcome {
  let confidence = input.node.confidence;
  const reasons: string[] = [];
  const cap = (value: number, reason: string) => {
    if (confidence > value) {
      confidence = Math.round(value * 100) / 100;
      reasons.push(reason);
    }
  };

  if (!input.chainEvidence.some((e) => e.strength === 'strong')) {
    cap(input.bar - BELOW_BAR, `Check: only weak evidence along the chain (${input.chainEvidence.length} item(s)); weak items together are not one strong item.`);
  }

  const blamed = [...input.chainEvidence].reverse().find((e) => e.culprit)?.culprit;
  if (blamed?.kind === 'dependency') {
    // Clean means read and found healthy: a dependency that could not be read (outside the cluster, no logs) proves nothing.
    const clean = input.descendants.find((d) => d.status === 'pruned' && d.focus?.rule === 'dependency-cause' && d.focus.dependency === blamed.id && input.refuted(d));
    if (clean) cap(input.node.confidence * 0.85, `Check: ${blamed.id}'s own check (${clean.id}) found nothing wrong with it; the failure may lie between the services.`);
    // The object that routes to the dependency (its Service, an Ingress, a policy) is broken: that object is the deeper cause.
    const own = (input.context.findings ?? []).find((f) => f.strength === 'strong' && ROUTING_OBJECTS.has(f.object.split('/')[0]!) && f.culprit.kind !== 'dependency' && culpritName(f).toLowerCase() === blamed.id.toLowerCase());
    if (own) cap(input.bar - BELOW_BAR, `Check: ${own.object} explains why ${blamed.id} fails (${own.summary}); blame the object, not the dependency.`);
    const caller = callerChangeBehind(blamed.id, input.context);
    if (caller) cap(input.bar - BELOW_BAR, `Check: ${caller}`);
  }

  // A mode without its cause ("out of memory", but nobody knows why) is a lead, not a root cause.
  const named = input.chainEvidence.some((e) => e.culprit || (e.commits?.length ?? 0) > 0);
  if (!named) cap(input.bar - BELOW_BAR, 'Check: nothing along the chain names a culprit (a commit, a version, a setting, a dependency or an object); the failure mode is clear, its cause is not.');

  const transient = transientSymptom(input.context);
  if (transient) cap(input.bar - BELOW_BAR, `Check: ${transient}`);
  const undone = rolledBack(input.context);
  if (undone) cap(input.bar - BELOW_BAR, `Check: ${undone}`);
  const blocked = input.node.category === 'traffic-spike' ? blockedScaleOut(input.context) : undefined;
  if (blocked) cap(input.bar - BELOW_BAR, `Check: ${blocked}`);
  return { confidence, reasons };
}

/** The symptom came and went by itself: recovered to baseline, few errors, no change before it. */
export function transientSymptom(context: TriageContext): string | undefined {
  // A failure that keeps coming back is not a blip, however well it recovered this time.
  if (context.recurrence) return undefined;
  if (suspectChange(context, 2 * 3_600_000)) return undefined;
  if (context.terminations.some((t) => t.at >= context.onset - 30 * 60_000)) return undefined;
  return recoveredErrors(context) ?? recoveredAlarm(context);
}

/** The error series rose and fell back to its baseline with a handful of errors. */
function recoveredErrors(context: TriageContext): string | undefined {
  const series = context.errorSeries;
  if (!series || series.length < 10) return undefined;
  const before = series.filter(([t]) => t < context.onset - 5 * 60_000).map(([, v]) => v);
  const during = series.filter(([t]) => t >= context.onset - 5 * 60_000);
  if (!during.length) return undefined;
  const baseline = before.length ? before.reduce((a, b) => a + b, 0) / before.length : 0;
  const total = during.reduce((sum, [, v]) => sum + Math.max(0, v - baseline), 0);
  const lastMinutes = during.filter(([t]) => t >= context.now - 10 * 60_000);
  // Bins with no events are absent from a Logs Insights series: a quiet tail counts as recovered.
  const recovered = lastMinutes.every(([, v]) => v <= Math.max(1, baseline * 1.5));
  // It must have come (a visible rise) and gone (a quiet tail); a flat series says nothing either way.
  const peak = Math.max(...during.map(([, v]) => v));
  const rose = total >= 3 && peak > Math.max(2, baseline * 2);
  if (!rose || !recovered || total > TRANSIENT_ERRORS) return undefined;
  return `the symptom recovered by itself (${Math.round(total)} errors above baseline, none in the last 10 min) and nothing changed before it: a transient, not a confirmed cause.`;
}

/**
 * The alarm that paged is back to OK by itself and the service runs everything it should:
 * whatever happened (a slow placement during a scale-out) is over, and the service's own logs
 * never reported it.
 */
function recoveredAlarm(context: TriageContext): string | undefined {
  const page = pageCleared(context);
  if (!page) return undefined;
  const { entry, fired, cleared } = page;
  const workload = context.workload;
  if (!workload || workload.desired === 0 || workload.running < workload.desired || workload.pending > 0) return undefined;
  // The service itself must not have reported the failure: errors in its own lines name a cause (an outage of a dependency) worth stating.
  const errors = (context.errorSeries ?? []).filter(([t]) => t >= context.onset - 15 * 60_000).reduce((sum, [, v]) => sum + v, 0);
  const newErrors = context.logOverview.filter((p) => (p.change === 'new' || p.change === 'surged') && (p.isException || /error|fatal|crit/i.test(p.level ?? '')));
  if (errors > 3 || newErrors.length) return undefined;
  const minutes = Math.max(1, Math.round((cleared.timestamp - fired.timestamp) / 60_000));
  return `the alarm ${entry.alarm.name} cleared by itself after ${minutes} min, ${workload.name} runs ${workload.running}/${workload.desired} now and nothing changed before it: a transient, not a confirmed cause.`;
}

/** The alarm that paged, when it went back to OK after its last ALARM and is OK now. */
function pageCleared(context: TriageContext) {
  const paging = context.alarmSeries?.alarm;
  const entry = (context.alarms ?? []).find(({ alarm }) => alarm.name === paging);
  if (!entry || entry.alarm.state !== 'OK') return undefined;
  const fired = entry.history.filter((h) => h.to === 'ALARM' && h.timestamp <= context.now).sort((a, b) => b.timestamp - a.timestamp)[0];
  const cleared = fired && entry.history.find((h) => h.to === 'OK' && h.timestamp > fired.timestamp);
  return fired && cleared ? { entry, fired, cleared } : undefined;
}

/**
 * The version that broke no longer runs: its deployment failed and was rolled back (the
 * circuit breaker, or someone), the previous version runs whole and the alarm that paged is OK
 * again. There is no active failure; the bad version's defect is a ticket, not a page.
 */
export function rolledBack(context: TriageContext): string | undefined {
  const service = context.service;
  const change = suspectChange(context);
  if (!service || change?.platform !== 'ecs') return undefined;
  const bad = shortTaskDefinition(change.toVersion);
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary || shortTaskDefinition(primary.taskDefinition) === bad) return undefined;
  if (primary.runningCount < primary.desiredCount || service.pendingCount > 0 || (primary.rolloutState && primary.rolloutState !== 'COMPLETED')) return undefined;
  // ECS drops replaced deployments from the service after a while; its events keep the rollback.
  const failed =
    service.deployments.some((d) => shortTaskDefinition(d.taskDefinition) === bad && d.rolloutState === 'FAILED') ||
    service.events.some((e) => e.createdAt >= change.at && /rolling back to deployment|deployment failed/i.test(e.message));
  const page = pageCleared(context);
  if (!failed || !page || page.cleared.timestamp < change.at) return undefined;
  return `${bad} no longer runs: its deployment failed and was rolled back, ${shortTaskDefinition(primary.taskDefinition)} runs ${primary.runningCount}/${primary.desiredCount} since ${clock(primary.updatedAt)} and the alarm ${page.entry.alarm.name} is OK since ${clock(page.cleared.timestamp)}. No active failure: ${bad}'s defect is worth a ticket, not a page.`;
}

/**
 * More demand is what scaling out is for. When the service asked for more units and they could
 * not be placed (no instance with the CPU or memory, pods the scheduler cannot fit), the spike
 * only revealed the fault: the failed placement is the cause to fix, and scaling out further
 * would add more units that cannot be placed.
 */
export function blockedScaleOut(context: TriageContext): string | undefined {
  const workload = context.workload;
  if (!workload || workload.running >= workload.desired) return undefined;
  const unplaced = workload.events.filter((e) => e.at <= context.now && failureMatch(e.message, (m) => m.entry.category === 'capacity'));
  if (!unplaced.length) return undefined;
  return `${workload.name} asked for ${workload.desired} and runs ${workload.running}: ${unplaced.length} placement failure(s) since ${clock(Math.min(...unplaced.map((e) => e.at)))}. The demand needed units that cannot be placed; the placement is the fault, not the traffic.`;
}

/**
 * The blamed dependency began failing in the same minutes as others, right after the caller's
 * own change (a deploy, a ConfigMap or Secret it reads): the common factor is the caller.
 */
function callerChangeBehind(dependency: string, context: TriageContext): string | undefined {
  const together = failingTogether(context);
  if (!together?.names.includes(dependency.toLowerCase())) return undefined;
  const deploy = suspectChangeBefore(context, together.since, CALLER_HORIZON_MS);
  const setting = (context.findings ?? []).filter((f) => f.category === 'config-change' && f.at !== undefined && f.at <= together.since && together.since - f.at <= CALLER_HORIZON_MS).sort((a, b) => b.at! - a.at!)[0];
  const change = setting && (!deploy || setting.at! > deploy.at) ? `${setting.object} changed at ${clock(setting.at!)}` : deploy ? `${deploy.toVersion} rolled out at ${clock(deploy.at)}` : undefined;
  if (!change) return undefined;
  return `${together.names.join(', ')} began failing within ${TOGETHER_MINUTES} min of each other, after ${context.incident.service}'s own change (${change}): the common factor is the caller, not ${dependency}.`;
}

/** Objects on the path to a dependency: when one of them is broken, the dependency is its victim. */
const ROUTING_OBJECTS = new Set(['Service', 'Endpoints', 'Ingress', 'NetworkPolicy', 'TargetGroup']);
