/**
 * The modal approval for a mutation. The decision comes only from the user's click here:
 * "Approve" approves; "Reject", Cancel, Escape or closing the dialog reject.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { RemediationProposal } from '../core/model';
import { APPROVE, approvalPrompt, decisionFromAnswer, REJECT } from './approvalPrompt';

export async function askApproval(proposal: RemediationProposal): Promise<'approved' | 'rejected'> {
  const { message, detail } = approvalPrompt(proposal);
  // Reject is the close affordance: Escape and closing the dialog answer "Reject", and the
  // dialog shows exactly two buttons (no extra Cancel).
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, { title: APPROVE }, { title: REJECT, isCloseAffordance: true });
  return decisionFromAnswer(answer?.title);
}

/** Who decided, for the audit trail: the OS user. */
export function approver(): string {
  try {
    return os.userInfo().username || 'vscode-user';
  } catch {
    return 'vscode-user';
  }
}
