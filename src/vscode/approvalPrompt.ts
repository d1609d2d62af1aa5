/**
 * The text of the remediation approval dialog. Pure (no 'vscode' import) so the exact wording —
 * which names the action, the exact API call, its risk and its undo — is unit-tested.
 */
import type { RemediationProposal } from '../core/model';
import { mutationTarget } from '../core/safety/mutations';

export const APPROVE = 'Approve';
export const REJECT = 'Reject';

export interface ApprovalPrompt {
  /** The dialog's headline: names the action and the service it mutates. */
  message: string;
  /** The dialog's body: the exact API call, risk, undo and why. */
  detail: string;
}

export function approvalPrompt(proposal: RemediationProposal): ApprovalPrompt {
  const { action } = proposal;
  return {
    message: `Apply remediation "${proposal.title}" to ${mutationTarget(action)}?`,
    detail: [
      proposal.apiCall,
      '',
      `Risk: ${proposal.risk}`,
      `Undo: ${proposal.undo}`,
      '',
      proposal.rationale,
      '',
      'Your decision is recorded in the audit log (.runbook/audit/approvals.jsonl).',
    ].join('\n'),
  };
}

/** Only an explicit click on Approve approves; Reject, Cancel, Escape or closing the dialog reject. */
export function decisionFromAnswer(answer: string | undefined): 'approved' | 'rejected' {
  return answer === APPROVE ? 'approved' : 'rejected';
}
