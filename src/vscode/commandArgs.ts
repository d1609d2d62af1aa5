/**
 * Commands are invoked from tree items (the TreeNode is the argument), from the evidence panel
 * (plain ids), from the command palette (no argument) and from tests. These helpers read what a
 * command needs from whichever it got. Pure (no 'vscode' import).
 */
import type { NodeRef } from '../shared/protocol';

function field(arg: unknown, name: string): unknown {
  return typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>)[name] : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A panel target: root cause, hypothesis or evidence (a code-location node shows its evidence). */
export function nodeRefFrom(arg: unknown): NodeRef | undefined {
  const kind = field(arg, 'kind');
  if (kind === 'rootCause') return { kind: 'rootCause' };
  const hypothesisId = nonEmptyString(field(arg, 'hypothesisId'));
  if (kind === 'hypothesis' && hypothesisId) return { kind: 'hypothesis', hypothesisId };
  const evidenceId = nonEmptyString(field(arg, 'evidenceId'));
  if ((kind === 'evidence' || kind === 'codeLocation') && evidenceId) return { kind: 'evidence', evidenceId };
  return undefined;
}

export function codeTargetFrom(arg: unknown): { evidenceId: string; index: number } | undefined {
  const evidenceId = nonEmptyString(field(arg, 'evidenceId'));
  const index = field(arg, 'index');
  if (!evidenceId || typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
  return { evidenceId, index };
}

export function shaFrom(arg: unknown): string | undefined {
  const sha = typeof arg === 'string' ? arg : field(arg, 'sha');
  return typeof sha === 'string' && /^[0-9a-f]{4,64}$/i.test(sha) ? sha : undefined;
}

export function remediationIdFrom(arg: unknown): string | undefined {
  return nonEmptyString(typeof arg === 'string' ? arg : field(arg, 'remediationId'));
}
