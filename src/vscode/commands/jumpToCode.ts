/** runbook.jumpToCode: opens the source line a stack frame or log line names. */
import * as vscode from 'vscode';
import { openCodeLocation, showAtLine } from '../codeLocation';
import { codeTargetFrom } from '../commandArgs';
import type { Services } from '../services';
import { findCodeLocation, rootCauseCodeLocations } from '../treeNodes';

export async function jumpToCode(services: Services, arg?: unknown): Promise<{ path: string } | undefined> {
  const session = services.sessions.current;
  if (!session) {
    void vscode.window.showInformationMessage('Runbook: no investigation yet. Open an incident first.');
    return undefined;
  }
  const target = codeTargetFrom(arg) ?? rootCauseCodeLocations(session.state)[0];
  const location = target ? findCodeLocation(session.state, target.evidenceId, target.index) : undefined;
  if (!location) {
    void vscode.window.showInformationMessage('Runbook: this investigation has no code location to jump to (yet).');
    return undefined;
  }
  const opened = await openCodeLocation(location, session.repoDir ? [session.repoDir] : []);
  if (opened) services.log.info(`jump to code ${location.path}:${location.line} → ${opened.fsPath}`);
  return opened ? { path: opened.fsPath } : undefined;
}

/**
 * runbook.findTemplateInCode: the source line(s) that print a log pattern of an evidence item
 * (from the panel's "Find in Code"); several candidates are offered best first.
 */
export async function findTemplateInCode(services: Services, arg?: unknown): Promise<{ path: string; line: number } | undefined> {
  const session = services.sessions.current;
  const target = codeTargetFrom(arg);
  const pattern = session && target ? session.state.evidence[target.evidenceId]?.patterns?.[target.index] : undefined;
  if (!session || !pattern) {
    void vscode.window.showInformationMessage('Runbook: that log pattern is not part of the current investigation.');
    return undefined;
  }
  const lines = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Runbook: searching the code for the log template', cancellable: true },
    (_progress, token) => services.templateSources.locate(pattern.template, token),
  );
  if (!lines.length) {
    void vscode.window.showInformationMessage(
      `Runbook: no source line prints "${pattern.template.slice(0, 80)}"${vscode.workspace.isTrusted ? '' : ' (Restricted Mode: only the investigation\'s own repository copy was searched)'}.`,
    );
    return undefined;
  }
  let chosen = lines[0]!;
  if (lines.length > 1) {
    const picked = await vscode.window.showQuickPick(
      lines.map((line) => ({ label: `${line.match.path}:${line.match.line}`, description: `match ${Math.round(line.match.score * 100)}%`, detail: line.match.text, line })),
      { title: `Runbook: which line prints "${pattern.template.slice(0, 60)}"?`, matchOnDetail: true },
    );
    if (!picked) return undefined;
    chosen = picked.line;
  }
  await showAtLine(chosen.uri, chosen.match.line, undefined);
  services.log.info(`find in code "${pattern.template.slice(0, 80)}" → ${chosen.uri.fsPath}:${chosen.match.line}`);
  return { path: chosen.uri.fsPath, line: chosen.match.line };
}
