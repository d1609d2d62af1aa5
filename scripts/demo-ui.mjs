#!/usr/bin/env node
// `npm run demo:ui`: the extension in a real VS Code in your browser, on the bundled demo.
// Installs the e2e toolchain if needed (code-server + Node 24 + Chromium, see
// scripts/e2e/setup.mjs), packages and installs the VSIX into a profile of its own,
// materializes the demo workspace and serves it with code-server until Ctrl-C.
//
// Usage: npm run demo:ui -- [--port 8080] [--host 127.0.0.1] [--vsix file.vsix (skip building)]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { installExtension, packageVsix, root, startCodeServer } from './e2e/codeServer.mjs';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index !== -1 && process.argv[index + 1]) return process.argv[index + 1];
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
}

const port = Number(option('port', '8080'));
const host = option('host', '127.0.0.1');
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`demo:ui: invalid --port ${option('port')}`);
  process.exit(2);
}

const sandboxDir = path.join(root, '.runbook-sandbox');
const workspace = path.join(sandboxDir, 'demo-workspace');
const userDataDir = path.join(sandboxDir, 'code-server', 'user-data');
const extensionsDir = path.join(sandboxDir, 'code-server', 'extensions');

function section(text) {
  console.log(`\n=== demo:ui: ${text}`);
}

// setup.mjs is idempotent and takes a few seconds when everything is present.
section('checking the code-server toolchain');
if (spawnSync(process.execPath, [path.join(root, 'scripts', 'e2e', 'setup.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);

const prebuilt = option('vsix');
section(prebuilt ? `using ${prebuilt}` : 'building and packaging the extension');
const vsix = prebuilt ? path.resolve(prebuilt) : packageVsix();
installExtension(vsix, { userDataDir, extensionsDir });
console.log(`installed ${path.relative(root, vsix)} into ${path.relative(root, extensionsDir)}`);

// A fresh demo workspace each run, so the demo always starts from the same incident state.
section(`materializing the demo workspace in ${path.relative(root, workspace)}`);
rmSync(workspace, { recursive: true, force: true });
mkdirSync(sandboxDir, { recursive: true });
execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'sandbox', 'init', workspace], { stdio: 'inherit' });

section(`starting code-server on ${host}:${port}`);
// The helpers' own handler (registered next) then kills code-server's process group and exits.
process.once('SIGINT', () => console.log('\ndemo:ui: Ctrl-C, stopping code-server'));
const server = await startCodeServer({
  port,
  host,
  workspace,
  userDataDir,
  extensionsDir,
  trusted: true,
  logFile: path.join(sandboxDir, 'code-server.log'),
});

console.log(`
  Runbook AI is running in VS Code (code-server). Open this in your browser:

      ${server.folderUrl}

  Then: the "Runbook AI" icon in the activity bar → "Open Incident…" → the INC-1042 demo.
  code-server's log: ${path.relative(root, server.logFile)}
  Press Ctrl-C to stop (code-server and its extension host stop with it).
`);

// The helpers kill code-server's process group on Ctrl-C / SIGTERM / exit.
const { code, signal } = await server.exited;
console.error(`demo:ui: code-server exited unexpectedly (code ${code}, signal ${signal}); last output:\n${server.output(60)}`);
process.exit(1);
