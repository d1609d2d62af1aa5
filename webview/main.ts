/**
 * The evidence panel's entry point (bundled to dist/webview.js). Renders what the host sends,
 * persists it with setState so a reload or restore shows it at once, and asks for fresh data
 * with "ready".
 */
import type { EvidencePanelState, HostToWebview } from '../src/shared/protocol';
import { renderMessage, renderView } from './render';
import { registerToolkit } from './toolkit';
import { vscode } from './vscodeApi';

registerToolkit();

const root = document.getElementById('app') ?? document.body;
let state: EvidencePanelState = vscode.getState() ?? {};

function render(): void {
  if (state.view) renderView(root, state.view, { post: (message) => vscode.postMessage(message), detachedReason: state.detachedReason });
  else if (state.detachedReason) renderMessage(root, state.detachedReason);
}

function isHostMessage(data: unknown): data is HostToWebview {
  return typeof data === 'object' && data !== null && ((data as { type?: unknown }).type === 'show' || (data as { type?: unknown }).type === 'detached');
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostMessage(event.data)) return;
  const message = event.data;
  state = message.type === 'show' ? { view: message.view } : { view: state.view, detachedReason: message.reason };
  vscode.setState(state);
  render();
});

render();
vscode.postMessage({ type: 'ready' });
