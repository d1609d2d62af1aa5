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
  const width = Math.max(360, root.clientWidth || document.body.clientWidth);
  renderedWidth = width;
  if (state.view) renderView(root, state.view, { post: (message) => vscode.postMessage(message), detachedReason: state.detachedReason, width });
  else if (state.detachedReason) renderMessage(root, state.detachedReason);
}

// The timeline is drawn for the panel's width: redraw when the panel is resized noticeably.
let renderedWidth = 0;
let resizeTimer: number | undefined;
new ResizeObserver(() => {
  if (Math.abs((root.clientWidth || 0) - renderedWidth) < 24) return;
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(render, 150);
}).observe(root);

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
