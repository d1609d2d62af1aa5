/** What the commands share: created once in activate(), passed explicitly (no globals). */
import type * as vscode from 'vscode';
import type { EvidencePanel } from './evidencePanel';
import type { RunbookRuntime } from './runtimeApi';
import type { SessionStore } from './session';
import type { InvestigationTreeProvider } from './treeView';
import type { TreeNode } from './treeNodes';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly sessions: SessionStore;
  readonly evidencePanel: EvidencePanel;
  readonly tree: InvestigationTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** Loads dist/runtime.js on first call (engine, SDKs, sandbox); throws if it cannot. */
  loadRuntime(): RunbookRuntime;
}
