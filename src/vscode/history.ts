/**
 * Past investigations of the workspace, read back from their JSONL scratchpads. Pure (no
 * 'vscode', no file I/O) and zod-free, so the list can be built without loading the runtime.
 * A scratchpad is untrusted input (it sits in the workspace): a line that is not an event is
 * skipped, never fatal, and nothing here interprets its text.
 */
import type { InvestigationEvent, InvestigationOutcome } from '../core/events';
import { reduceInvestigation } from '../core/state';

export interface PastInvestigation {
  investigationId: string;
  file: string;
  incidentId: string;
  incidentTitle: string;
  service: string;
  /** 'demo' for the bundled scenario, else the alert's source. */
  source: string;
  startedAt?: string;
  finishedAt?: string;
  outcome?: InvestigationOutcome;
  rootCause?: string;
  /** 0–100 */
  confidence?: number;
  judgements: number;
  events: number;
}

/** The events of a scratchpad's text; malformed lines (a torn last write, edits) are skipped. */
export function parseScratchpadText(text: string): InvestigationEvent[] {
  const events: InvestigationEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null) continue;
    const candidate = parsed as Partial<InvestigationEvent>;
    if (typeof candidate.type === 'string' && typeof candidate.seq === 'number' && typeof candidate.investigationId === 'string') events.push(candidate as InvestigationEvent);
  }
  return events;
}

/** One list entry per scratchpad that starts an investigation; undefined otherwise. */
export function summariseScratchpad(text: string, file: string): PastInvestigation | undefined {
  const events = parseScratchpadText(text);
  const started = events.find((event) => event.type === 'investigation.started');
  if (!started || started.type !== 'investigation.started' || typeof started.incident !== 'object' || started.incident === null) return undefined;
  const state = reduceInvestigation(events);
  const incident = started.incident;
  const conclusion = state.conclusion;
  return {
    investigationId: started.investigationId,
    file,
    incidentId: String(incident.id ?? 'incident'),
    incidentTitle: String(incident.title ?? ''),
    service: String(incident.service ?? ''),
    source: String(incident.source ?? ''),
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    outcome: state.outcome,
    rootCause: conclusion?.summary,
    confidence: conclusion ? Math.round(Math.max(0, Math.min(1, conclusion.confidence)) * 100) : undefined,
    judgements: events.filter((event) => event.type === 'user.judgement').length,
    events: events.length,
  };
}

/** Newest first (by start time, then id), without duplicates of the same investigation. */
export function sortPastInvestigations(entries: readonly PastInvestigation[]): PastInvestigation[] {
  const byId = new Map<string, PastInvestigation>();
  for (const entry of entries) {
    const existing = byId.get(entry.investigationId);
    // The same id in two places (workspace and storage): keep the longer record.
    if (!existing || entry.events > existing.events) byId.set(entry.investigationId, entry);
  }
  return [...byId.values()].sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '') || b.investigationId.localeCompare(a.investigationId));
}

/** `concluded · 95% · 2026-11-20 10:45 UTC` */
export function pastDescription(entry: PastInvestigation): string {
  const parts: string[] = [entry.outcome ?? 'interrupted'];
  if (entry.confidence !== undefined) parts.push(`${entry.confidence}%`);
  if (entry.startedAt) parts.push(entry.startedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC'));
  return parts.join(' · ');
}

export const OUTCOME_ICONS: Record<InvestigationOutcome | 'interrupted', { id: string; color?: string }> = {
  concluded: { id: 'target', color: 'testing.iconPassed' },
  inconclusive: { id: 'question', color: 'list.warningForeground' },
  cancelled: { id: 'circle-slash', color: 'disabledForeground' },
  failed: { id: 'error', color: 'errorForeground' },
  interrupted: { id: 'debug-pause', color: 'descriptionForeground' },
};
