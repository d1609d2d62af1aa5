/**
 * Activation: registrations only (commands, the Investigation view, the evidence panel's
 * serializer, the commit document provider). The engine, the SDK-backed providers and the
 * sandbox live in dist/runtime.js, required on first use, so activation stays fast.
 */
import * as vscode from 'vscode';
import { EVIDENCE_PANEL_VIEW_TYPE } from './shared/protocol';
import { registerCommands } from './vscode/commands';
import { nodeRefFrom } from './vscode/commandArgs';
import { COMMIT_SCHEME, CommitDocumentProvider } from './vscode/commitDocument';
import { registerContextKeys } from './vscode/contextKeys';
import { EvidencePanel } from './vscode/evidencePanel';
import { logInvestigationEvents } from './vscode/eventLog';
import type { RunbookRuntime, RuntimeModule } from './vscode/runtimeApi';
import type { Services } from './vscode/services';
import { SessionStore } from './vscode/session';
import { INVESTIGATION_VIEW_ID, InvestigationTreeProvider } from './vscode/treeView';

/** Kept for deactivate(), which must wait for the sandbox's loopback server to close. */
let activeSessions: SessionStore | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Runbook AI', { log: true });
  const sessions = new SessionStore();
  activeSessions = sessions;
  const tree = new InvestigationTreeProvider(sessions);
  const treeView = vscode.window.createTreeView(INVESTIGATION_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(treeView);
  const evidencePanel = new EvidencePanel(context.extensionUri, sessions, log);

  let runtime: RunbookRuntime | undefined;
  const services: Services = {
    context,
    log,
    sessions,
    evidencePanel,
    tree,
    treeView,
    loadRuntime() {
      if (!runtime) {
        const started = Date.now();
        // Resolved next to this file at run time (dist/runtime.js); esbuild keeps it external.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const runtimeModule = require('./runtime') as RuntimeModule;
        runtime = runtimeModule.createRuntime();
        log.info(`loaded the investigation runtime in ${Date.now() - started} ms`);
      }
      return runtime;
    },
  };

  context.subscriptions.push(
    log,
    sessions,
    tree,
    treeView,
    evidencePanel,
    registerContextKeys(sessions),
    logInvestigationEvents(sessions, log),
    ...registerCommands(services),
    // Selecting a node updates an open panel; clicking it (the item's command) opens one.
    treeView.onDidChangeSelection(({ selection }) => {
      const ref = nodeRefFrom(selection[0]);
      if (ref) evidencePanel.follow(ref);
    }),
    vscode.window.registerWebviewPanelSerializer(EVIDENCE_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => evidencePanel.restore(panel, state),
    }),
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitDocumentProvider()),
  );
}

export async function deactivate(): Promise<void> {
  // Everything else is disposed through context.subscriptions, which cannot wait.
  await activeSessions?.shutdown();
  activeSessions = undefined;
}
