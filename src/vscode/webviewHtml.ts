/**
 * The evidence panel's HTML shell. Pure (no 'vscode' import): the caller passes the webview's
 * cspSource and the asWebviewUri-converted script and stylesheet URIs.
 *
 * CSP: nothing is allowed by default; the only script is our bundle, admitted by a per-load
 * nonce; styles and fonts only from the extension's own files. No 'unsafe-inline': the toolkit's
 * components style themselves with constructable stylesheets, which style-src does not block.
 * The one <style> element the toolkit creates (FAST's :focus-visible feature test) carries the
 * nonce it reads from <meta property="csp-nonce">: a separate style-only nonce, so the script
 * nonce never appears in the DOM.
 */
export interface WebviewHtmlInput {
  cspSource: string;
  /** Admits our script bundle. */
  nonce: string;
  /** Admits the toolkit's feature-test <style> element. */
  styleNonce: string;
  scriptUri: string;
  styleUri: string;
}

export function evidencePanelHtml({ cspSource, nonce, styleNonce, scriptUri, styleUri }: WebviewHtmlInput): string {
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${styleNonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
  <meta property="csp-nonce" content="${escapeAttribute(styleNonce)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeAttribute(styleUri)}">
  <title>Runbook Evidence</title>
</head>
<body>
  <main id="app" aria-live="polite"><p class="empty">Select a hypothesis, evidence item or the root cause in the Investigation view.</p></main>
  <script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
