/** runbook.showEvidence: opens the evidence panel on a tree node (or, from the palette, the best default). */
import * as vscode from 'vscode';
import type { NodeRef } from '../../shared/protocol';
import { nodeRefFrom } from '../commandArgs';
import type { Services } from '../services';
import { childHypotheses, type InvestigationState } from '../../core/state';

export function showEvidence(services: Services, arg?: unknown): NodeRef | undefined {
  const session = services.sessions.current;
  if (!session) {
    void vscode.window.showInformationMessage('Runbook: no investigation yet. Open an incident first.');
    return undefined;
  }
  const fromArgument = nodeRefFrom(arg);
  const ref = fromArgument ?? nodeRefFrom(services.treeView.selection[0]) ?? defaultRef(session.state);
  if (!ref) {
    void vscode.window.showInformationMessage('Runbook: nothing to show yet; hypotheses appear as the investigation runs.');
    return undefined;
  }
  // From a tree click, keep the keyboard in the tree; from the palette, focus the panel.
  services.evidencePanel.show(ref, { preserveFocus: fromArgument !== undefined });
  return ref;
}

/** The root cause once concluded, else the hypothesis being tested, else the first one. */
function defaultRef(state: InvestigationState): NodeRef | undefined {
  if (state.conclusion) return { kind: 'rootCause' };
  const testing = state.hypothesisOrder.find((id) => state.hypotheses[id]?.status === 'testing');
  const first = testing ?? childHypotheses(state, undefined)[0]?.id;
  return first ? { kind: 'hypothesis', hypothesisId: first } : undefined;
}
