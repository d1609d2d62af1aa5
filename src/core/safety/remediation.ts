/**
 * Executes a remediation the user decided on. Both decisions are audited; the provider is
 * called only for "approved", only within policy, and the outcome lands on the event stream.
 * Callers must obtain the decision from the user (a modal dialog), never from data.
 */
import type { EcsProvider, KubernetesProvider } from '../../providers/types';
import type { EventStream } from '../events';
import type { RemediationProposal } from '../model';
import { appendAudit } from './audit';
import { runMutation } from './mutations';
import { policyRefusal, type MutationHistory, type SafetyLimits } from './policy';

export interface ExecuteRemediationOptions {
  proposal: RemediationProposal;
  decision: 'approved' | 'rejected';
  /** Who decided (the OS user or "vscode-user"), for the audit trail. */
  by: string;
  ecs?: EcsProvider;
  kubernetes?: KubernetesProvider;
  stream: EventStream;
  auditFile: string;
  incidentId?: string;
  history?: MutationHistory;
  limits?: SafetyLimits;
  now?: () => Date;
  signal?: AbortSignal;
}

export interface RemediationResult {
  ok: boolean;
  detail: string;
}

export async function executeRemediation(options: ExecuteRemediationOptions): Promise<RemediationResult> {
  const { proposal, decision, stream } = options;
  const now = options.now ?? (() => new Date());
  const base = {
    investigationId: stream.investigationId,
    incidentId: options.incidentId,
    remediationId: proposal.id,
    action: proposal.action,
    apiCall: proposal.apiCall,
    risk: proposal.risk,
  };
  appendAudit(options.auditFile, { ...base, at: now().toISOString(), event: 'decision', decision, by: options.by });
  stream.emit({ type: 'remediation.decided', remediationId: proposal.id, decision, by: options.by });
  if (decision === 'rejected') return { ok: false, detail: 'Rejected by the user; nothing was changed.' };

  const history = options.history ?? { executed: [] };
  const refusal = policyRefusal(proposal.risk, history, now().getTime(), options.limits);
  if (refusal) return finish(options, base, now, false, refusal, 'refused');
  try {
    const detail = await runMutation(proposal.action, { ecs: options.ecs, kubernetes: options.kubernetes }, options.signal);
    history.executed.push({ at: now().getTime(), risk: proposal.risk });
    return finish(options, base, now, true, detail, 'result');
  } catch (error) {
    return finish(options, base, now, false, `The call failed: ${error instanceof Error ? error.message : String(error)}`, 'result');
  }
}

function finish(
  options: ExecuteRemediationOptions,
  base: Omit<Parameters<typeof appendAudit>[1], 'at' | 'event'>,
  now: () => Date,
  ok: boolean,
  detail: string,
  event: 'result' | 'refused',
): RemediationResult {
  appendAudit(options.auditFile, { ...base, at: now().toISOString(), event, ok, detail });
  options.stream.emit({ type: 'remediation.executed', remediationId: options.proposal.id, ok, detail });
  return { ok, detail };
}
