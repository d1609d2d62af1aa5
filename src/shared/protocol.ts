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
 * The webview imports this module with `import type` only, so zod is not bundled into it.
 */
// zod/mini: the same validation, tree-shakable — the classic API would add ~750 KB to activation.
import * as z from 'zod/mini';
import type { EvidenceKind, EvidenceStrength, HypothesisStatus, RiskLevel } from '../core/model';

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
  | { type: 'openCommit'; sha: string }
  | { type: 'applyRemediation'; remediationId: string };

/** What the webview persists with setState (and the serializer gets back after a reload). */
export interface EvidencePanelState {
  view?: EvidenceView;
  detachedReason?: string;
}

const id = z.string().check(z.minLength(1), z.maxLength(200));

/** The host's gate for everything the webview posts. */
export const WebviewToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('openCode'), evidenceId: id, index: z.int().check(z.minimum(0), z.maximum(1000)) }),
  z.strictObject({ type: z.literal('openCommit'), sha: z.string().check(z.regex(/^[0-9a-f]{4,64}$/i)) }),
  z.strictObject({ type: z.literal('applyRemediation'), remediationId: id }),
]);

export const NodeRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rootCause') }),
  z.object({ kind: z.literal('hypothesis'), hypothesisId: id }),
  z.object({ kind: z.literal('evidence'), evidenceId: id }),
]);

/**
 * The part of a restored panel's state the host relies on (which node of which investigation);
 * the rest of the persisted view is only re-rendered by the webview itself.
 */
export const RestoredPanelStateSchema = z.looseObject({
  view: z.optional(z.looseObject({ investigationId: id, ref: NodeRefSchema })),
});

export type ParsedWebviewMessage =
  | { ok: true; message: WebviewToHost }
  | { ok: false; error: string };

export function parseWebviewMessage(raw: unknown): ParsedWebviewMessage {
  const result = WebviewToHostSchema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issues = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  return { ok: false, error: issues.join('; ') };
}
