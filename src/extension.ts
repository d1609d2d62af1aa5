/**
 * Activation: registrations only (commands, the Investigation and Past Investigations views, the
 * evidence panel's serializer, CodeLens, the status bar item, the commit document provider).
 * The engine, the SDK-backed providers, zod and the sandbox live in dist/runtime.js, required on
 * first use, so activation stays fast (measured: see activationTiming.ts).
 */
// First: marks when VS Code's API object for this extension exists (see activationTiming.ts).
import './vscode/apiMark';
import * as vscode from 'vscode';
import { EVIDENCE_PANEL_VIEW_TYPE } from './shared/protocol';
import type { ValidationModule } from './shared/protocolSchemas';
import { activationTiming, recordActivationTiming } from './vscode/activationTiming';
import { RunbookCodeLensProvider } from './vscode/codeLens';
import { CommitInsights } from './vscode/commitInsights';
import { registerCommands } from './vscode/commands';
import { nodeRefFrom } from './vscode/commandArgs';
import { COMMIT_SCHEME, CommitDocumentProvider } from './vscode/commitDocument';
import { registerContextKeys } from './vscode/contextKeys';
import { EvidencePanel } from './vscode/evidencePanel';
import { logInvestigationEvents } from './vscode/eventLog';
import { HISTORY_VIEW_ID, HistoryTreeProvider } from './vscode/historyView';
import type { RunbookRuntime, RuntimeModule } from './vscode/runtimeApi';
import type { Services } from './vscode/services';
import { SessionStore } from './vscode/session';
import { registerStatusBar } from './vscode/statusBar';
import { TemplateSourceIndex } from './vscode/templateSourceIndex';
import { INVESTIGATION_VIEW_ID, InvestigationTreeProvider } from './vscode/treeView';

/** Kept for deactivate(), which must wait for the sandbox's loopback server to close. */
let activeSessions: SessionStore | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const activateStart = performance.now();
  const log = vscode.window.createOutputChannel('Runbook AI', { log: true });
  const sessions = new SessionStore();
  activeSessions = sessions;
  const tree = new InvestigationTreeProvider(sessions);
  const treeView = vscode.window.createTreeView(INVESTIGATION_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(treeView);
  const history = new HistoryTreeProvider((context.storageUri ?? context.globalStorageUri).fsPath, sessions, log);

  let runtime: RunbookRuntime | undefined;
  const loadRuntime = (): RunbookRuntime => {
    if (!runtime) {
      const started = performance.now();
      // Resolved next to this file at run time (dist/runtime.js); esbuild keeps it external.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const runtimeModule = require('./runtime') as RuntimeModule;
      runtime = runtimeModule.createRuntime();
      log.info(`loaded the investigation runtime in ${Math.round(performance.now() - started)} ms`);
    }
    return runtime;
  };
  const templateSources = new TemplateSourceIndex(sessions, loadRuntime, log);
  const insights = new CommitInsights(sessions, templateSources, loadRuntime, log);
  let validation: ValidationModule | undefined;
  // dist/validation.js (zod): kept out of activation, loaded when the panel first talks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loadValidation = (): ValidationModule => (validation ??= require('./validation') as ValidationModule);
  const evidencePanel = new EvidencePanel(context.extensionUri, sessions, insights, log, loadValidation);
  const codeLens = new RunbookCodeLensProvider(templateSources);
  const services: Services = { context, log, sessions, evidencePanel, tree, treeView, history, templateSources, insights, loadRuntime };

  context.subscriptions.push(
    log,
    sessions,
    tree,
    treeView,
    history,
    vscode.window.registerTreeDataProvider(HISTORY_VIEW_ID, history),
    evidencePanel,
    templateSources,
    insights,
    codeLens,
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, codeLens),
    registerContextKeys(sessions),
    registerStatusBar(sessions),
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

  const timing = activationTiming(activateStart, performance.now());
  log.info(
    `activated in ${timing.totalMs} ms: our modules ${timing.loadMs ?? '?'} ms + activate() ${timing.activateMs} ms (VS Code: API object ${timing.apiMs ?? '?'} ms, ExtensionContext ${timing.hostWaitMs ?? '?'} ms)`,
  );
  const file = recordActivationTiming(timing, { vscode: vscode.version, extension: String(context.extension.packageJSON.version ?? '') });
  if (file) log.info(`activation timing appended to ${file}`);
}

export async function deactivate(): Promise<void> {
  // Everything else is disposed through context.subscriptions, which cannot wait.
  await activeSessions?.shutdown();
  activeSessions = undefined;
}
