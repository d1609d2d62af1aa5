/**
 * The "Investigation" view: the live hypothesis tree of the current session. Events are folded
 * by the session; here they become granular refreshes (one per changed subtree, coalesced) and
 * a reveal of the hypothesis being tested.
 */
import * as vscode from 'vscode';
import type { InvestigationSession, SessionStore } from './session';
import { presentNode } from './treePresentation';
import { RefreshQueue, refreshTargetsFor, TREE_ROOT } from './treeRefresh';
import { childNodes, hasChildren, hypothesisKey, nodeForHypothesis, parentNode, rootNodes, TreeNodeCache, type TreeNode } from './treeNodes';

export const INVESTIGATION_VIEW_ID = 'runbook.investigation';

/** Long enough to batch a burst of engine events, short enough to feel live. */
const REFRESH_DELAY_MS = 60;

export class InvestigationTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly cache = new TreeNodeCache();
  private readonly queue = new RefreshQueue();
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscriptions: vscode.Disposable[];
  private flushTimer: NodeJS.Timeout | undefined;
  private revealKey: string | undefined;
  private view: vscode.TreeView<TreeNode> | undefined;

  constructor(private readonly sessions: SessionStore) {
    this.subscriptions = [
      sessions.onDidChangeSession(() => {
        this.cache.clear();
        this.revealKey = undefined;
        this.schedule([TREE_ROOT]);
      }),
      sessions.onDidApplyEvent(({ session, event }) => {
        this.schedule(refreshTargetsFor(event, session.state));
        if (event.type === 'hypothesis.updated' && event.status === 'testing') this.revealKey = hypothesisKey(event.hypothesisId);
      }),
      // Spinners of nodes left "testing" by a cancelled or failed run must stop.
      sessions.onDidChangeRunState(() => this.schedule([TREE_ROOT])),
    ];
  }

  /** Gives the provider its view, for reveal() and the view's description. */
  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
    this.updateDescription();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const session = this.sessions.current;
    if (!session) return new vscode.TreeItem('');
    const presentation = presentNode(session.state, node, session.isRunning);
    const item = new vscode.TreeItem(presentation.label, this.collapsibleState(session, node));
    // Prefixed with the investigation so a new run does not inherit the previous tree's state.
    item.id = `${session.id}/${node.key}`;
    item.description = presentation.description;
    item.iconPath = new vscode.ThemeIcon(presentation.icon.id, presentation.icon.color ? new vscode.ThemeColor(presentation.icon.color) : undefined);
    item.contextValue = presentation.contextValue;
    if (presentation.tooltip) {
      const tooltip = new vscode.MarkdownString(presentation.tooltip);
      tooltip.isTrusted = false;
      tooltip.supportHtml = false;
      item.tooltip = tooltip;
    }
    if (presentation.command) item.command = { command: presentation.command.id, title: presentation.command.title, arguments: [node] };
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const session = this.sessions.current;
    if (!session) return [];
    return node ? childNodes(session.state, node, this.cache) : rootNodes(session.state, this.cache);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return parentNode(node, this.cache);
  }

  /** The node a tree selection or command argument refers to, as the cache knows it. */
  lookup(key: string): TreeNode | undefined {
    return this.cache.lookup(key);
  }

  private collapsibleState(session: InvestigationSession, node: TreeNode): vscode.TreeItemCollapsibleState {
    if (!hasChildren(session.state, node)) return vscode.TreeItemCollapsibleState.None;
    if (node.kind === 'rootCause') return vscode.TreeItemCollapsibleState.Expanded;
    if (node.kind === 'hypothesis') {
      const status = session.state.hypotheses[node.hypothesisId]?.status;
      // Open the branches the engine is following; pruned and pending ones stay folded.
      if (status === 'testing' || status === 'supported' || status === 'confirmed') return vscode.TreeItemCollapsibleState.Expanded;
    }
    return vscode.TreeItemCollapsibleState.Collapsed;
  }

  private schedule(targets: Iterable<typeof TREE_ROOT | string>): void {
    this.queue.add(targets);
    if (this.queue.size === 0 || this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), REFRESH_DELAY_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const targets = this.queue.flush(
      (key) => this.cache.has(key),
      (key) => this.cache.lookup(key)?.parentKey,
    );
    if (targets.includes(TREE_ROOT)) this.changeEmitter.fire(undefined);
    else {
      const nodes = targets.map((key) => this.cache.lookup(key as string)).filter((node): node is TreeNode => node !== undefined);
      if (nodes.length) this.changeEmitter.fire(nodes);
    }
    this.updateDescription();
    this.revealTested();
  }

  private revealTested(): void {
    const key = this.revealKey;
    this.revealKey = undefined;
    const session = this.sessions.current;
    if (!key || !session || !this.view?.visible) return;
    const node = nodeForHypothesis(session.state, key.slice('h:'.length), this.cache);
    if (!node) return;
    // Selected (an open evidence panel follows it) but not focused: keyboard focus stays where the user is.
    this.view.reveal(node, { select: session.isRunning, focus: false, expand: false }).then(undefined, () => undefined);
  }

  private updateDescription(): void {
    if (!this.view) return;
    const session = this.sessions.current;
    if (!session) {
      this.view.description = undefined;
      this.view.message = undefined;
      return;
    }
    const { state } = session;
    const progress = state.outcome ?? (session.isRunning ? state.phase : 'stopped');
    this.view.description = `${session.incidentId} · ${progress}`;
    this.view.message = state.outcome === 'failed' ? `Investigation failed: ${state.error ?? 'unknown error'}` : undefined;
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}
