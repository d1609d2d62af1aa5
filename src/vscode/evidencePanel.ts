/**
 * The "Runbook Evidence" webview panel: shows one tree node (root cause, hypothesis, evidence)
 * with its evidence, confidence factors, code and commit links. One panel, reused; restored
 * after a reload by the serializer from the state the webview saved with setState.
 *
 * Trust boundary: the webview renders untrusted log text, so whatever it posts is validated
 * (WebviewToHostSchema) and resolved against the current investigation before anything happens;
 * remediation still goes through the modal approval of runbook.applyRemediation.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { EVIDENCE_PANEL_VIEW_TYPE, type HostToWebview, type NodeRef, type WebviewToHost } from '../shared/protocol';
import type { ValidationModule } from '../shared/protocolSchemas';
import type { CommitInsights } from './commitInsights';
import { buildEvidenceView } from './evidenceView';
import type { SessionStore } from './session';
import { evidencePanelHtml } from './webviewHtml';

const RENDER_DELAY_MS = 120;

export class EvidencePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelListeners: vscode.Disposable[] = [];
  private target: { investigationId: string; ref: NodeRef } | undefined;
  private renderTimer: NodeJS.Timeout | undefined;
  /** The last message sent, to skip re-rendering an unchanged view on every engine event. */
  private lastPosted: string | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sessions: SessionStore,
    private readonly insights: CommitInsights,
    private readonly log: vscode.LogOutputChannel,
    /** The zod gate (dist/validation.js), loaded on the first message or restore. */
    private readonly validation: () => ValidationModule,
  ) {
    this.subscriptions = [
      insights.onDidChange(() => this.scheduleRender()),
      sessions.onDidApplyEvent(({ session }) => {
        if (session.id === this.target?.investigationId) this.scheduleRender();
      }),
      sessions.onDidChangeRunState(() => this.scheduleRender()),
      sessions.onDidChangeSession(() => this.scheduleRender()),
    ];
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens (or reveals) the panel on `ref` of the current investigation. */
  show(ref: NodeRef, options: { preserveFocus: boolean } = { preserveFocus: true }): void {
    const session = this.sessions.current;
    if (!session) return;
    this.target = { investigationId: session.id, ref };
    if (this.panel) {
      if (!this.panel.visible) this.panel.reveal(undefined, options.preserveFocus);
    } else {
      const panel = vscode.window.createWebviewPanel(
        EVIDENCE_PANEL_VIEW_TYPE,
        'Runbook Evidence',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: options.preserveFocus },
        { ...this.webviewOptions(), enableFindWidget: true },
      );
      this.adopt(panel);
    }
    this.render();
  }

  /** Follows the tree selection, but only while the panel is open: selecting never opens it. */
  follow(ref: NodeRef): void {
    if (this.panel) this.show(ref);
  }

  /** WebviewPanelSerializer: a panel from before the reload; its investigation is usually gone. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const view = this.validation().parseRestoredPanelState(state);
    this.target = view ? { investigationId: view.investigationId, ref: view.ref } : undefined;
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.adopt(panel);
  }

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    for (const listener of this.panelListeners) listener.dispose();
    this.panel = panel;
    this.lastPosted = undefined;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'runbook.svg');
    panel.webview.options = this.webviewOptions();
    panel.webview.html = evidencePanelHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64url'),
      styleNonce: randomBytes(16).toString('base64url'),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'evidence.css')).toString(),
    });
    this.panelListeners = [
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        for (const listener of this.panelListeners) listener.dispose();
        this.panelListeners = [];
        this.panel = undefined;
        this.target = undefined;
      }),
    ];
  }

  private onMessage(raw: unknown): void {
    const parsed = this.validation().parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`evidence panel: rejected an invalid message (${parsed.error})`);
      return;
    }
    const message: WebviewToHost = parsed.message;
    switch (message.type) {
      case 'ready':
        // The webview (re)loaded: after a reveal, a reload or a restore. Send it the latest.
        this.render({ force: true });
        return;
      case 'openCode':
        void vscode.commands.executeCommand('runbook.jumpToCode', { evidenceId: message.evidenceId, index: message.index });
        return;
      case 'findTemplate':
        void vscode.commands.executeCommand('runbook.findTemplateInCode', { evidenceId: message.evidenceId, index: message.index });
        return;
      case 'openCommit':
        void vscode.commands.executeCommand('runbook.showCommit', { sha: message.sha });
        return;
      case 'copyQuery':
        void vscode.commands.executeCommand('runbook.copyQueryAsCli', { queryId: message.queryId });
        return;
      case 'openPullRequest':
        void this.insights.openPullRequest(message.sha);
        return;
      case 'signInGitHub':
        void this.insights.signInToGitHub();
        return;
      case 'applyRemediation':
        void vscode.commands.executeCommand('runbook.applyRemediation', { remediationId: message.remediationId });
        return;
    }
  }

  private scheduleRender(): void {
    if (!this.panel || this.renderTimer) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.render();
    }, RENDER_DELAY_MS);
  }

  private render(options: { force?: boolean } = {}): void {
    // A hidden webview is torn down (no retainContextWhenHidden); it asks again with "ready".
    if (!this.panel?.visible) return;
    const session = this.sessions.current;
    if (!this.target) {
      this.post({ type: 'detached', reason: 'Select a hypothesis, evidence item or the root cause in the Investigation view.' }, options);
      return;
    }
    if (!session || session.id !== this.target.investigationId) {
      this.post({ type: 'detached', reason: 'This evidence belongs to an earlier investigation; its links no longer work. Open an incident to investigate again.' }, options);
      return;
    }
    const view = buildEvidenceView(session.state, this.target.ref, session.isRunning, session.context);
    if (!view) {
      this.post({ type: 'detached', reason: 'This node is no longer part of the investigation.' }, options);
      return;
    }
    if (this.target.ref.kind === 'rootCause') view.suspects = this.insights.view(session);
    this.post({ type: 'show', view }, options);
  }

  private post(message: HostToWebview, options: { force?: boolean } = {}): void {
    const serialized = JSON.stringify(message);
    if (!options.force && serialized === this.lastPosted) return;
    this.lastPosted = serialized;
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const listener of this.panelListeners) listener.dispose();
    this.panel?.dispose();
  }
}
