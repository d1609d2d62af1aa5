/**
 * The evidence panel's message protocol, shared by the extension host (src/vscode/evidencePanel.ts)
 * and the webview (webview/main.ts).
 *
 * Host → webview messages carry a ready-to-render `EvidenceView` (plain data, no HTML): the webview
 * never sees the engine's state and renders strings with textContent only, because evidence
 * excerpts are raw log lines from production and must be treated as untrusted.
 *
 * Webview → host messages name things by id (evidence id + index, commit sha, remediation id),
 * never by path or API call, and the host validates them with `WebviewToHostSchema` before acting:
 * whatever the webview sends, the host only acts on items of the current investigation.
 *
 * Types and constants only: the zod schemas that check webview messages on the host live in
 * protocolSchemas.ts, bundled apart (dist/validation.js) and loaded when the panel first talks,
 * so neither the webview nor activation pays for zod.
 */
import type { EvidenceKind, EvidenceStrength, HypothesisStatus, PatternSummary, RiskLevel } from '../core/model';

export const EVIDENCE_PANEL_VIEW_TYPE = 'runbook.evidence';

/** Which tree node the panel shows. */
export type NodeRef =
  | { kind: 'rootCause' }
  | { kind: 'hypothesis'; hypothesisId: string }
  | { kind: 'evidence'; evidenceId: string };

export interface FactorView {
  name: 'strength' | 'temporal' | 'corroboration' | 'specificity';
  label: string;
  /** 0–100 */
  percent: number;
}

export interface CodeLinkView {
  evidenceId: string;
  /** Index into the evidence's `codeLocations`. */
  index: number;
  /** `thumbnailCache.js:42` */
  label: string;
  /** The path as the frame named it, plus the function if known. */
  detail: string;
}

export interface CommitLinkView {
  sha: string;
  shortSha: string;
  subject: string;
  author: string;
  date: string;
}

export interface RemediationView {
  id: string;
  title: string;
  rationale: string;
  apiCall: string;
  risk: RiskLevel;
  undo: string;
  decision?: 'approved' | 'rejected';
  executed?: { ok: boolean; detail: string };
}

/** One log template of a pattern diff (template and example are untrusted: rendered with textContent). */
export type PatternView = PatternSummary;

export interface EvidenceItemView {
  id: string;
  summary: string;
  strength: EvidenceStrength;
  supports: boolean;
  kind: EvidenceKind;
  source: string;
  observedAt?: string;
  /** Raw, untrusted text: rendered in a <pre> with textContent. */
  excerpt?: string;
  data: { key: string; value: string }[];
  codeLinks: CodeLinkView[];
  commits: CommitLinkView[];
  patterns: PatternView[];
  /** Set when the evidence came from a query: the panel offers "Copy as CLI". */
  queryId?: string;
  /** A metric behind the evidence, for its small chart (downsampled). */
  series?: { label: string; points: [number, number][] };
}

/** Stopped ECS tasks / terminated or waiting pods, grouped by reason. */
export interface TerminationGroupView {
  /** Untrusted (stoppedReason / termination message). */
  reason: string;
  platform: 'ecs' | 'kubernetes';
  count: number;
  exitCodes: number[];
  versions: string[];
  /** epoch ms */
  first: number;
  last: number;
  /** Still waiting (CrashLoopBackOff, ImagePullBackOff) rather than stopped. */
  waiting: boolean;
  units: string[];
}

export type TimelineMarkerKind = 'alarm' | 'deployment' | 'config' | 'commit' | 'pattern' | 'termination';

export interface TimelineMarker {
  /** epoch ms */
  at: number;
  kind: TimelineMarkerKind;
  /** Short label drawn next to the marker (untrusted: SVG text nodes only). */
  label: string;
  /** Longer text for the marker's tooltip (<title>). */
  detail: string;
  /** The marker the root cause is pinned on. */
  rootCause?: boolean;
  /** Related to the node the panel shows (its evidence cites it). */
  highlight?: boolean;
}

export interface TimelineSeries {
  label: string;
  /** [epoch ms, value] in time order. */
  points: [number, number][];
  /** True when derived from window counts rather than measured per interval. */
  estimated: boolean;
  /** An alarm's threshold on this series, drawn as a dashed line. */
  threshold?: number;
}

/** A commit of the suspect range, ranked by how much of the evidence it explains. */
export interface SuspectCommitView {
  sha: string;
  shortSha: string;
  subject: string;
  author: string;
  date: string;
  score: number;
  reasons: string[];
  blamedLines: number;
  touchedFiles: string[];
  /** The pull request that brought it in (the host opens its page; the URL never crosses). */
  pullRequest?: { number: number; title: string; state: 'open' | 'closed' | 'merged'; author: string };
  /** Why no pull request is shown (not signed in, none found, lookup failed). */
  pullRequestNote?: string;
}

export interface SuspectsView {
  status: 'pending' | 'ready' | 'unavailable';
  note?: string;
  /** The deployment that bounds the range: last good → first bad. */
  range?: { label: string; from?: string; to: string; at: number; workspace?: string };
  items: SuspectCommitView[];
  /** Offer "Sign in to GitHub" to link pull requests. */
  canSignIn: boolean;
}

/** The incident on one time axis: what changed, when symptoms began, and the error rate. */
export interface TimelineView {
  /** epoch ms */
  start: number;
  end: number;
  /** The alert's onset (epoch ms). */
  onset: number;
  markers: TimelineMarker[];
  series: TimelineSeries[];
  /** Markers before `start` (an old commit) are drawn at the left edge with this note. */
  earlierNote?: string;
}

export interface QueryView {
  id: string;
  label: string;
  state: 'planned' | 'refused' | 'completed' | 'failed';
  detail: string;
}

export interface EvidenceView {
  investigationId: string;
  ref: NodeRef;
  /** 'Root cause' | 'Inconclusive' | 'Hypothesis' | 'Evidence' */
  kindLabel: string;
  title: string;
  status?: HypothesisStatus;
  /** 0–100 */
  confidence?: number;
  factors: FactorView[];
  explanation: string[];
  rationale?: string;
  incident?: { id: string; title: string; service: string };
  evidence: EvidenceItemView[];
  codeLinks: CodeLinkView[];
  commits: CommitLinkView[];
  remediations: RemediationView[];
  queries: QueryView[];
  unchecked: string[];
  timeline?: TimelineView;
  terminations: TerminationGroupView[];
  /** Root cause only: the commits between the last good and the first bad deployment. */
  suspects?: SuspectsView;
  /** The user's own judgement on this node, if any (e.g. "pruned by you"). */
  judgement?: string;
  /** True while the investigation is still running (the view will change). */
  live: boolean;
}

export type HostToWebview =
  | { type: 'show'; view: EvidenceView }
  /** The panel outlived its investigation (reload, new incident): keep showing it, disable actions. */
  | { type: 'detached'; reason: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'openCode'; evidenceId: string; index: number }
  /** Find the source line(s) that print pattern `index` of the evidence. */
  | { type: 'findTemplate'; evidenceId: string; index: number }
  | { type: 'openCommit'; sha: string }
  | { type: 'copyQuery'; queryId: string }
  /** Open the pull request of a suspect commit (the host looks the URL up itself). */
  | { type: 'openPullRequest'; sha: string }
  | { type: 'signInGitHub' }
  | { type: 'applyRemediation'; remediationId: string };

/** What the webview persists with setState (and the serializer gets back after a reload). */
export interface EvidencePanelState {
  view?: EvidenceView;
  detachedReason?: string;
}
