/**
 * The engine's view of "what is new in the logs": one entry per message template, comparing
 * an incident window with a baseline window. Rules depend on this shape only, so the
 * template miner behind `diffLogWindows` can improve without touching them.
 */
import type { LogEvent } from '../../providers/types';
import type { CodeLocation } from '../model';
import { patternDiff } from './patternDiff';

export type PatternChangeKind = 'new' | 'surged' | 'steady' | 'dropped' | 'gone';

export interface PatternChange {
  templateId: string;
  template: string;
  change: PatternChangeKind;
  incidentCount: number;
  baselineCount: number;
  /** incident rate / baseline rate (per minute); Infinity when new. */
  ratio: number;
  /** epoch ms of the first occurrence in the incident window (baseline window when gone). */
  firstSeen: number;
  level?: string;
  isException: boolean;
  /** One raw example (untrusted). */
  example: string;
  codeLocations: CodeLocation[];
}

export interface LogWindows {
  baseline: { start: number; end: number };
  incident: { start: number; end: number };
}

/**
 * The template diff of two windows, by the online miner (stack traces folded into their
 * events, frames extracted, rates compared with a significance test).
 */
export function diffLogWindows(baseline: readonly LogEvent[], incident: readonly LogEvent[], windows: LogWindows): PatternChange[] {
  return patternDiff(baseline, incident, { baselineWindow: windows.baseline, incidentWindow: windows.incident }).map((entry) => ({
    templateId: entry.templateId,
    template: entry.template,
    change: entry.change,
    incidentCount: entry.incidentCount,
    baselineCount: entry.baselineCount,
    ratio: entry.ratio,
    firstSeen: entry.firstSeen,
    level: entry.level,
    isException: entry.isException,
    example: entry.example,
    codeLocations: entry.codeLocations,
  }));
}
