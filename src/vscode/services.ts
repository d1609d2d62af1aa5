/** What the commands share: created once in activate(), passed explicitly (no globals). */
import type * as vscode from 'vscode';
import type { CommitInsights } from './commitInsights';
import type { EvidencePanel } from './evidencePanel';
import type { HistoryTreeProvider } from './historyView';
import type { RunbookRuntime } from './runtimeApi';
import type { SessionStore } from './session';
import type { TemplateSourceIndex } from './templateSourceIndex';
import type { InvestigationTreeProvider } from './treeView';
import type { TreeNode } from './treeNodes';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly sessions: SessionStore;
  readonly evidencePanel: EvidencePanel;
  readonly tree: InvestigationTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly history: HistoryTreeProvider;
  /** Where log templates are printed in the workspace (CodeLens, Find in Code). */
  readonly templateSources: TemplateSourceIndex;
  /** Suspect commits, deployed-commit resolution and pull requests of the root cause. */
  readonly insights: CommitInsights;
  /** Loads dist/runtime.js on first call (engine, SDKs, sandbox); throws if it cannot. */
  loadRuntime(): RunbookRuntime;
}
