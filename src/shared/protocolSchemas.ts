/**
 * The host's zod gate for the evidence panel's messages (the types are in protocol.ts). Bundled
 * on its own as dist/validation.js and required on the first message, so zod's start-up cost is
 * not part of activation. zod/mini: the same validation, tree-shakable.
 */
import * as z from 'zod/mini';
import type { NodeRef, WebviewToHost } from './protocol';

const id = z.string().check(z.minLength(1), z.maxLength(200));

/** The host's gate for everything the webview posts. */
export const WebviewToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('openCode'), evidenceId: id, index: z.int().check(z.minimum(0), z.maximum(1000)) }),
  z.strictObject({ type: z.literal('findTemplate'), evidenceId: id, index: z.int().check(z.minimum(0), z.maximum(1000)) }),
  z.strictObject({ type: z.literal('openCommit'), sha: z.string().check(z.regex(/^[0-9a-f]{4,64}$/i)) }),
  z.strictObject({ type: z.literal('copyQuery'), queryId: id }),
  z.strictObject({ type: z.literal('openPullRequest'), sha: z.string().check(z.regex(/^[0-9a-f]{4,64}$/i)) }),
  z.strictObject({ type: z.literal('signInGitHub') }),
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

/** Which node of which investigation a restored panel showed, or undefined when its state is unusable. */
export function parseRestoredPanelState(state: unknown): { investigationId: string; ref: NodeRef } | undefined {
  const parsed = RestoredPanelStateSchema.safeParse(state);
  return parsed.success ? parsed.data.view : undefined;
}

/** What dist/validation.js exports (required lazily by the evidence panel). */
export interface ValidationModule {
  parseWebviewMessage(raw: unknown): ParsedWebviewMessage;
  parseRestoredPanelState(state: unknown): { investigationId: string; ref: NodeRef } | undefined;
}
