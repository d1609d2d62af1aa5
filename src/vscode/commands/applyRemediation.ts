/**
 * runbook.applyRemediation: shows the modal approval (exact API call, risk, undo), then hands the
 * user's decision to the safety layer, which audits both decisions and calls ECS or Kubernetes only
 * on approval.
 * No argument can pre-approve: the decision is always the answer of the dialog.
 */
import * as vscode from 'vscode';
import type { RemediationProposal } from '../../core/model';
import { approver, askApproval } from '../approvals';
import { remediationIdFrom } from '../commandArgs';
import type { Services } from '../services';
import type { InvestigationSession } from '../session';
import { findRemediation } from '../treeNodes';
import { requireTrust } from '../workspaceTrust';

export interface RemediationOutcome {
  remediationId: string;
  decision: 'approved' | 'rejected';
  ok: boolean;
  detail: string;
}

export async function applyRemediation(services: Services, arg?: unknown): Promise<RemediationOutcome | undefined> {
  if (!requireTrust('applying remediations', 'changes your infrastructure')) return undefined;
  const session = services.sessions.current;
  if (!session?.state.conclusion) {
    void vscode.window.showInformationMessage('Runbook: no remediation proposed yet. Open an incident and let the investigation conclude.');
    return undefined;
  }
  const requestedId = remediationIdFrom(arg);
  const proposal = requestedId ? findRemediation(session.state, requestedId) : await pickProposal(session);
  if (!proposal) {
    if (requestedId) void vscode.window.showWarningMessage(`Runbook: remediation ${requestedId} is not part of this investigation.`);
    return undefined;
  }
  const previous = session.state.remediations[proposal.id]?.decision;
  if (previous) {
    void vscode.window.showInformationMessage(`Runbook: "${proposal.title}" was already ${previous}.`);
    return undefined;
  }
  let environment;
  try {
    environment = await session.connect();
  } catch (error) {
    void vscode.window.showErrorMessage(`Runbook: cannot apply "${proposal.title}": ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }

  const decision = await askApproval(proposal);
  const result = await services.loadRuntime().executeRemediation({
    proposal,
    decision,
    by: approver(),
    providers: environment.providers,
    stream: session.stream,
    auditFile: session.files.auditFile,
    incidentId: session.incidentId,
    history: session.mutationHistory,
  });
  services.log.info(`[${session.id}] remediation ${proposal.id} ${decision}: ${result.detail}`);
  if (decision === 'rejected') void vscode.window.showInformationMessage(`Runbook: rejected "${proposal.title}"; nothing was changed. The decision is in the audit log.`);
  else if (result.ok) void vscode.window.showInformationMessage(`Runbook: applied "${proposal.title}": ${result.detail}`);
  else void vscode.window.showErrorMessage(`Runbook: "${proposal.title}" was not applied: ${result.detail}`);
  return { remediationId: proposal.id, decision, ok: result.ok, detail: result.detail };
}

async function pickProposal(session: InvestigationSession): Promise<RemediationProposal | undefined> {
  const pending = (session.state.conclusion?.remediations ?? []).filter((proposal) => !session.state.remediations[proposal.id]?.decision);
  if (pending.length === 0) {
    void vscode.window.showInformationMessage('Runbook: no remediation awaits a decision.');
    return undefined;
  }
  if (pending.length === 1) return pending[0];
  const picked = await vscode.window.showQuickPick(
    pending.map((proposal) => ({ label: proposal.title, description: `risk: ${proposal.risk}`, detail: proposal.apiCall, proposal })),
    { title: 'Runbook: Apply Remediation', placeHolder: 'Which remediation?' },
  );
  return picked?.proposal;
}
