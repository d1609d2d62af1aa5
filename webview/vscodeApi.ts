/** The webview side of the VS Code bridge: typed postMessage and persisted state. */
import type { EvidencePanelState, WebviewToHost } from '../src/shared/protocol';

interface VsCodeWebviewApi {
  postMessage(message: WebviewToHost): void;
  getState(): EvidencePanelState | undefined;
  setState(state: EvidencePanelState): void;
}

declare function acquireVsCodeApi(): VsCodeWebviewApi;

/** acquireVsCodeApi may be called only once per webview load. */
export const vscode: VsCodeWebviewApi = acquireVsCodeApi();
