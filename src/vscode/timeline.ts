/**
 * The evidence panel's timeline, from the folded state and what triage gathered: the alarm,
 * deployments and config changes, the culprit commits, log-pattern onsets, stopped tasks /
 * terminated pods, and an error-rate series — with the root cause's marker flagged. Pure (no
 * 'vscode' import): plain data for the webview, which draws it as SVG.
 *
 * The error rate is measured when evidence carries an error series; otherwise it is estimated
 * from the triage overview's window counts (baseline rate, then each pattern's incident rate
 * from its first occurrence) and labelled as an estimate. Other measured series (requests per
 * minute from the traffic rule) are drawn beside it.
 */
import type { Evidence, PatternSummary } from '../core/model';
import type { ChangeRecord, TriageContext } from '../core/reasoner/types';
import type { InvestigationState } from '../core/state';
import type { TimelineMarker, TimelineSeries, TimelineView } from '../shared/protocol';
import { rootCauseEvidence } from './treeNodes';

const MINUTE = 60_000;
/** Commits older than this before the onset do not stretch the axis; they sit at its left edge. */
const MAX_LOOKBACK = 6 * 60 * MINUTE;
const MAX_PATTERN_MARKERS = 6;
const MAX_TERMINATIONS = 200;
const MAX_BINS = 120;
const MAX_ALARM_CHANGES = 4;

const hhmm = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

export interface TimelineFocus {
  /** Evidence the panel shows: its patterns are highlighted. */
  evidence: readonly Evidence[];
}

export function buildTimeline(state: InvestigationState, context: TriageContext | undefined, focus: TimelineFocus = { evidence: [] }): TimelineView | undefined {
  const incident = state.incident;
  if (!incident) return undefined;
  const onset = context?.onset ?? Date.parse(incident.startedAt);
  if (!Number.isFinite(onset)) return undefined;
  const now = context?.now ?? (state.finishedAt ? Date.parse(state.finishedAt) : onset + 30 * MINUTE);

  const markers: TimelineMarker[] = [{ at: onset, kind: 'alarm', label: 'Alarm', detail: `${incident.id}: ${incident.title} (${hhmm(onset)})` }];
  const culprit = state.conclusion?.status === 'root-cause' ? culpritIds(state) : new Set<string>();
  const rootCauseChangeAt = concludedChangeAt(state);

  for (const change of context?.changes ?? []) {
    const configOnly = change.differences.length > 0 && change.differences.every((d) => d.kind !== 'image');
    const isRootCause = [change.toVersion, change.toCommit].some((id) => id !== undefined && culprit.has(id)) || (rootCauseChangeAt !== undefined && rootCauseChangeAt === change.at);
    markers.push({
      at: change.at,
      kind: configOnly ? 'config' : 'deployment',
      label: `${configOnly ? 'Config' : 'Deploy'} ${change.toVersion}`,
      detail: changeDetail(change),
      rootCause: isRootCause || undefined,
    });
  }

  for (const commit of state.conclusion?.commits ?? []) {
    const at = Date.parse(commit.date);
    if (!Number.isFinite(at)) continue;
    markers.push({ at, kind: 'commit', label: commit.shortSha, detail: `${commit.shortSha} ${commit.subject} — ${commit.author}`, rootCause: culprit.has(commit.sha) || undefined });
  }

  const highlighted = new Set(focus.evidence.flatMap((evidence) => (evidence.patterns ?? []).map((pattern) => pattern.template)));
  for (const pattern of patternOnsets(state, context)) {
    const at = Date.parse(pattern.firstSeen ?? '');
    if (!Number.isFinite(at)) continue;
    markers.push({
      at,
      kind: 'pattern',
      label: `${pattern.change === 'new' ? 'new' : pattern.change}: ${shorten(pattern.template, 40)}`,
      detail: `${pattern.template} — ×${pattern.incidentCount} (baseline ${pattern.baselineCount}), first at ${hhmm(at)}`,
      highlight: highlighted.has(pattern.template) || undefined,
    });
  }

  for (const termination of (context?.terminations ?? []).slice(0, MAX_TERMINATIONS)) {
    markers.push({
      at: termination.at,
      kind: 'termination',
      label: termination.waiting ? 'waiting' : 'stopped',
      detail: `${termination.unit}${termination.version ? ` (${termination.version})` : ''}: ${termination.reason}${termination.exitCode !== undefined ? ` (exit ${termination.exitCode})` : ''} at ${hhmm(termination.at)}`,
    });
  }

  // The error rate first (the symptom), then a measured series from the evidence (traffic…).
  const measured = measuredSeries(state);
  const insights = context?.errorSeries?.length ? { label: 'errors/min (Logs Insights)', points: context.errorSeries, estimated: false } : undefined;
  const errorRate = measured.find((s) => /error|5xx|fail/i.test(s.label)) ?? insights ?? estimatedErrorSeries(state, context);
  // The paging alarm's metric with its threshold, next to the error rate.
  const alarm = context?.alarmSeries ? { label: context.alarmSeries.label, points: context.alarmSeries.points, estimated: false, threshold: context.alarmSeries.threshold } : undefined;
  const series = [...(errorRate ? [errorRate] : []), ...(alarm ? [alarm] : []), ...measured.filter((s) => s !== errorRate)].slice(0, 2);

  // Alarm state changes (a recovery ALARM → OK above all), besides the page itself.
  for (const { alarm: watched, history } of context?.alarms ?? []) {
    for (const change of history.slice(0, MAX_ALARM_CHANGES)) {
      if (!change.to || Math.abs(change.timestamp - onset) < MINUTE) continue;
      markers.push({ at: change.timestamp, kind: 'alarm', label: change.to === 'OK' ? `${watched.name} OK` : `${watched.name} ${change.to}`, detail: `${watched.name}: ${change.from ?? '?'} → ${change.to} at ${hhmm(change.timestamp)}${change.reason ? ` (${change.reason})` : ''}` });
    }
  }

  const inRange = markers.filter((marker) => marker.kind !== 'commit' || marker.at >= onset - MAX_LOOKBACK).map((marker) => marker.at);
  const seriesTimes = series.flatMap((s) => s.points.map(([t]) => t));
  let start = Math.min(...inRange, ...seriesTimes, onset - 15 * MINUTE);
  let end = Math.max(...inRange, ...seriesTimes, now);
  if (end - start < 10 * MINUTE) end = start + 10 * MINUTE;
  const pad = (end - start) * 0.02;
  start -= pad;
  end += pad;
  const earlier = markers.filter((marker) => marker.at < start);
  return {
    start,
    end,
    onset,
    markers: markers.sort((a, b) => a.at - b.at),
    series,
    earlierNote: earlier.length ? `${earlier.map((marker) => marker.label).join(', ')} earlier (${earlier.map((marker) => new Date(marker.at).toISOString().slice(0, 16).replace('T', ' ')).join(', ')} UTC)` : undefined,
  };
}

/** Ids the root cause is pinned on: the conclusion's culprit and its evidence's culprits. */
function culpritIds(state: InvestigationState): Set<string> {
  const ids = new Set<string>();
  if (state.conclusion?.culprit) ids.add(state.conclusion.culprit.id);
  for (const evidence of rootCauseEvidence(state)) if (evidence.culprit) ids.add(evidence.culprit.id);
  for (const commit of state.conclusion?.commits ?? []) ids.add(commit.sha);
  return ids;
}

/** The change the concluded hypothesis (or an ancestor) suspects, from the reasoner's focus. */
function concludedChangeAt(state: InvestigationState): number | undefined {
  for (let node = state.conclusion?.hypothesisId ? state.hypotheses[state.conclusion.hypothesisId] : undefined; node; node = node.parentId ? state.hypotheses[node.parentId] : undefined) {
    const at = Number(node.focus?.changeAt);
    if (Number.isFinite(at) && at > 0) return at;
  }
  return undefined;
}

function changeDetail(change: ChangeRecord): string {
  const parts = [`${change.summary} at ${hhmm(change.at)}`];
  if (change.toCommit) parts.push(`commit ${change.toCommit.slice(0, 7)}`);
  if (change.differences.length) parts.push(change.differences.map((d) => d.text).join('; '));
  return parts.join(' — ');
}

/** Onsets worth a marker: new or surged patterns, evidence first, then the triage overview; the largest first. */
function patternOnsets(state: InvestigationState, context: TriageContext | undefined): PatternSummary[] {
  const byTemplate = new Map<string, PatternSummary>();
  const add = (pattern: PatternSummary): void => {
    if (pattern.change !== 'new' && pattern.change !== 'surged') return;
    if (!pattern.firstSeen || byTemplate.has(pattern.template)) return;
    byTemplate.set(pattern.template, pattern);
  };
  for (const evidence of Object.values(state.evidence)) for (const pattern of evidence.patterns ?? []) if (evidence.supports) add(pattern);
  for (const change of context?.logOverview ?? []) {
    add({ template: change.template, change: change.change, incidentCount: change.incidentCount, baselineCount: change.baselineCount, firstSeen: change.incidentCount ? new Date(change.firstSeen).toISOString() : undefined });
  }
  return [...byTemplate.values()].sort((a, b) => b.incidentCount - a.incidentCount).slice(0, MAX_PATTERN_MARKERS);
}

function measuredSeries(state: InvestigationState): TimelineSeries[] {
  const seen = new Set<string>();
  const series: TimelineSeries[] = [];
  for (const evidence of Object.values(state.evidence)) {
    if (!evidence.series?.points.length || seen.has(evidence.series.label)) continue;
    seen.add(evidence.series.label);
    series.push({ label: evidence.series.label, points: [...evidence.series.points].sort((a, b) => a[0] - b[0]), estimated: false });
  }
  return series.slice(0, 2);
}

const ERROR_LEVELS = new Set(['ERROR', 'FATAL', 'CRITICAL']);

/**
 * Error-level log lines per minute, estimated from the triage overview: each error pattern runs
 * at its baseline rate in the baseline window, and at its incident rate from its first
 * occurrence (new and surged patterns) or across the incident window (steady ones).
 */
export function estimatedErrorSeries(state: InvestigationState, context: TriageContext | undefined): TimelineSeries | undefined {
  if (!context?.logOverview.length) return undefined;
  const overview = state.queryOrder
    .map((id) => state.queries[id]?.query)
    .find((query) => query !== undefined && query.hypothesisId === 'context' && query.operation === 'logs.compareWindows' && query.window !== undefined);
  if (!overview?.window) return undefined;
  const baseline = { start: Number(overview.params.baselineStart), end: Number(overview.params.baselineEnd) };
  const incident = overview.window;
  if (!Number.isFinite(baseline.start) || !Number.isFinite(baseline.end) || baseline.end <= baseline.start || incident.end <= incident.start) return undefined;
  const errors = context.logOverview.filter((p) => (p.level !== undefined && ERROR_LEVELS.has(p.level.toUpperCase())) || p.isException);
  if (!errors.length) return undefined;
  const minutes = (from: number, to: number): number => Math.max(1, (to - from) / MINUTE);
  const rateAt = (t: number): number =>
    errors.reduce((sum, p) => {
      if (t >= baseline.start && t <= baseline.end) return sum + p.baselineCount / minutes(baseline.start, baseline.end);
      if (t < incident.start || t > incident.end) return sum;
      if (p.change === 'steady' || p.change === 'dropped') return sum + p.incidentCount / minutes(incident.start, incident.end);
      const before = p.baselineCount / minutes(baseline.start, baseline.end);
      return sum + (t >= p.firstSeen ? p.incidentCount / minutes(Math.max(p.firstSeen, incident.start), incident.end) : before);
    }, 0);
  const span = incident.end - baseline.start;
  const bin = Math.max(MINUTE, Math.ceil(span / MAX_BINS / MINUTE) * MINUTE);
  const points: [number, number][] = [];
  for (let t = baseline.start; t <= incident.end; t += bin) points.push([t, Math.round(rateAt(t) * 100) / 100]);
  return { label: 'errors/min (estimated from log pattern counts)', points, estimated: true };
}

function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
