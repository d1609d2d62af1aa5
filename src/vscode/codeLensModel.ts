/**
 * What the CodeLens above an implicated source line says, and which lines get one. Pure (no
 * 'vscode' import). Two kinds of lines are implicated by an open investigation:
 *   - frame: a stack frame of a log pattern cited as evidence (`thumbnailCache.js:30`),
 *   - template: the line that prints a log template (found by templateSources, `server.js:42`).
 * The lens reads "Runbook: 4,210 errors since 10:21 · H2 OOM after deploy" and opens the evidence.
 */
import type { CodeLocation, Evidence, PatternSummary } from '../core/model';
import type { TriageContext } from '../core/reasoner/types';
import type { InvestigationState } from '../core/state';
import { bestSuffixMatches, pathSegments, sharedSuffixLength } from './pathSuffix';
import type { SourceMatch } from '../core/code/templateSources';
import { truncate } from './treePresentation';

export interface LensSource {
  kind: 'frame' | 'template';
  /** frame: the path as the stack frame names it; template: repository-relative. */
  path: string;
  /** 1-based */
  line: number;
  title: string;
  /** What a click opens; undefined for patterns only the triage overview saw. */
  evidenceId?: string;
}

/** A log template the investigation cares about, with whom to credit it. */
export interface TemplateOfInterest {
  template: string;
  pattern: PatternSummary;
  evidenceId?: string;
  hypothesisId?: string;
}

/** `ERROR …`/`FATAL …` → errors, `WARN …` → warnings, else log lines. */
export function noun(template: string): string {
  const level = /\b(FATAL|CRITICAL|ERROR|WARN(?:ING)?)\b/i.exec(template)?.[1]?.toUpperCase();
  if (level === 'WARN' || level === 'WARNING') return 'warnings';
  if (level) return 'errors';
  return /exception|error|panic|traceback/i.test(template) ? 'errors' : 'log lines';
}

/** "Runbook: 4,210 errors since 10:21 · H2 OOM after deploy" */
export function lensTitle(pattern: PatternSummary, hypothesis: { id: string; title: string } | undefined): string {
  const since = pattern.firstSeen && Number.isFinite(Date.parse(pattern.firstSeen)) ? ` since ${new Date(pattern.firstSeen).toISOString().slice(11, 16)}` : '';
  const what = pattern.change === 'steady' ? ` (steady, baseline ${pattern.baselineCount.toLocaleString('en-US')})` : '';
  return `Runbook: ${pattern.incidentCount.toLocaleString('en-US')} ${noun(pattern.template)}${since}${what}${hypothesis ? ` · ${hypothesis.id} ${truncate(hypothesis.title, 48)}` : ''}`;
}

/** Evidence whose lines deserve a lens: it supports a hypothesis that is still in play. */
function citedEvidence(state: InvestigationState): Evidence[] {
  return Object.values(state.evidence).filter((evidence) => {
    const hypothesis = state.hypotheses[evidence.hypothesisId];
    return evidence.supports && evidence.strength !== 'none' && hypothesis !== undefined && hypothesis.status !== 'pruned';
  });
}

/** Templates to resolve to source lines: cited patterns first, then new or surged ones from triage. */
export function templatesOfInterest(state: InvestigationState, context: TriageContext | undefined): TemplateOfInterest[] {
  const byTemplate = new Map<string, TemplateOfInterest>();
  for (const evidence of citedEvidence(state)) {
    for (const pattern of evidence.patterns ?? []) {
      if (!byTemplate.has(pattern.template)) byTemplate.set(pattern.template, { template: pattern.template, pattern, evidenceId: evidence.id, hypothesisId: evidence.hypothesisId });
    }
  }
  for (const change of context?.logOverview ?? []) {
    if ((change.change !== 'new' && change.change !== 'surged') || byTemplate.has(change.template)) continue;
    byTemplate.set(change.template, {
      template: change.template,
      pattern: { template: change.template, change: change.change, incidentCount: change.incidentCount, baselineCount: change.baselineCount, firstSeen: change.incidentCount ? new Date(change.firstSeen).toISOString() : undefined },
    });
  }
  return [...byTemplate.values()];
}

/** Every implicated line: stack frames of cited evidence and the resolved template sources. */
export function lensSources(state: InvestigationState, templates: readonly TemplateOfInterest[], resolved: ReadonlyMap<string, readonly SourceMatch[]>): LensSource[] {
  const sources: LensSource[] = [];
  const seen = new Set<string>();
  const push = (source: LensSource): void => {
    const key = `${source.path}:${source.line}:${source.title}`;
    if (seen.has(key)) return;
    seen.add(key);
    sources.push(source);
  };
  for (const evidence of citedEvidence(state)) {
    const hypothesis = state.hypotheses[evidence.hypothesisId];
    for (const location of evidence.codeLocations ?? []) {
      const pattern = patternForFrame(evidence, location);
      const title = pattern
        ? lensTitle(pattern, hypothesis)
        : `Runbook: in the stack trace of "${truncate(evidence.summary, 60)}"${hypothesis ? ` · ${hypothesis.id} ${truncate(hypothesis.title, 48)}` : ''}`;
      push({ kind: 'frame', path: location.path, line: location.line, title, evidenceId: evidence.id });
    }
  }
  for (const interest of templates) {
    const hypothesis = interest.hypothesisId ? state.hypotheses[interest.hypothesisId] : undefined;
    for (const match of resolved.get(interest.template) ?? []) {
      push({ kind: 'template', path: match.path, line: match.line, title: lensTitle(interest.pattern, hypothesis), evidenceId: interest.evidenceId });
    }
  }
  return sources;
}

/** The cited pattern whose example contains the frame (its counts describe the frame's errors). */
function patternForFrame(evidence: Evidence, location: CodeLocation): PatternSummary | undefined {
  const patterns = evidence.patterns ?? [];
  return patterns.find((pattern) => pattern.example?.includes(location.raw)) ?? patterns.find((pattern) => pattern.incidentCount > 0);
}

/**
 * Whether a lens source belongs to a workspace file. `relativePath` is the file's path inside its
 * workspace folder. Template sources are repository-relative: the whole path must be the file's
 * suffix. Frames name container paths: the file must be the best suffix match among `candidates`
 * (the other open workspace files of the same name are not considered here; a shared file name
 * with a shorter common suffix still matches when it is the only one).
 */
export function sourceMatchesFile(source: LensSource, relativePath: string): boolean {
  const file = pathSegments(relativePath);
  const wanted = pathSegments(source.path);
  if (!file.length || !wanted.length) return false;
  if (source.kind === 'template') return sharedSuffixLength(file, wanted) === Math.min(file.length, wanted.length);
  return bestSuffixMatches(source.path, [relativePath], (p) => p).length === 1 && sharedSuffixLength(file, wanted) >= Math.min(2, file.length, wanted.length);
}
