// Shared helpers for driving the extension inside a real VS Code: code-server (VS Code 1.139
// from the npm registry, run on Node 24) opened in Debian's Chromium through playwright-core.
// Used by the end-to-end suite (test/e2e) and by `npm run demo:ui`. The toolchain itself is
// installed by scripts/e2e/setup.mjs; see shared/notes/real-vscode.md for why it looks like this.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const toolsDir = path.join(root, '.e2e', 'tools');
export const node24 = path.join(toolsDir, 'node_modules', 'node', 'bin', 'node');
export const codeServerEntry = path.join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = '/usr/bin/chromium';
export const defaultVsix = path.join(root, 'dist', 'runbook-ai.vsix');
export const extensionId = 'runbook-ai.runbook-ai';
// code-server writes a default config (with a password) when none exists; keep it out of ~/.config.
const configFile = path.join(toolsDir, 'code-server.yaml');

/** True when setup.mjs has installed everything the helpers need. */
export function toolchainPresent() {
  return existsSync(node24) && existsSync(codeServerEntry) && existsSync(chromiumPath);
}

function requireToolchain() {
  if (!toolchainPresent()) {
    throw new Error(`The e2e toolchain is missing (${[node24, codeServerEntry, chromiumPath].filter((p) => !existsSync(p)).join(', ')}). Run: node scripts/e2e/setup.mjs`);
  }
}

/**
 * `runbook sandbox init <dir>`: the demo service's git repository + .runbook/sandbox.json.
 * RUNBOOK_E2E_CLI may name another CLI build (developers only).
 */
export function materializeDemoWorkspace(dir, { cli = process.env.RUNBOOK_E2E_CLI ?? path.join(root, 'dist', 'cli.js') } = {}) {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build`);
  execFileSync(process.execPath, [cli, 'sandbox', 'init', dir], { stdio: 'pipe', timeout: 120_000 });
  for (const expected of ['.git', path.join('.runbook', 'sandbox.json')]) {
    if (!existsSync(path.join(dir, expected))) throw new Error(`sandbox init did not create ${expected} in ${dir}`);
  }
  return dir;
}

/** The VSIX under test: RUNBOOK_E2E_VSIX when set (npm test packages once for all e2e files), else a fresh `npm run package`. */
export function vsixUnderTest() {
  return process.env.RUNBOOK_E2E_VSIX ?? packageVsix({ quiet: true });
}

/** Builds the production bundles and packages dist/runbook-ai.vsix (`npm run package`). */
export function packageVsix({ quiet = false } = {}) {
  const result = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit' });
  if (result.status !== 0) {
    throw new Error(`npm run package failed (exit ${result.status})${quiet ? `\n${tail(`${result.stdout}\n${result.stderr}`, 60)}` : ''}`);
  }
  if (!existsSync(defaultVsix)) throw new Error(`npm run package succeeded but ${defaultVsix} does not exist`);
  return defaultVsix;
}

/** Installs a VSIX into the given profile with code-server's own CLI; returns its output. */
export function installExtension(vsix, { userDataDir, extensionsDir, extensionId: id = extensionId }) {
  requireToolchain();
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const result = spawnSync(node24, [codeServerEntry, '--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  // code-server exits 0 in some failure cases, so also check that the folder appeared.
  const installed = existsSync(extensionsDir) && readdirSync(extensionsDir).some((name) => name.toLowerCase().startsWith(`${id.toLowerCase()}-`));
  if (result.status !== 0 || !installed) {
    throw new Error(`installing ${vsix} into code-server failed (exit ${result.status}):\n${tail(output, 40)}`);
  }
  return output.trim();
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Settings that keep a fresh profile quiet and deterministic: no welcome page, tips, update
// checks, telemetry or AI side panels that would cover the UI under test.
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.openRepositoryInParentFolders': 'never',
  'window.restoreWindows': 'none',
};

const liveServers = new Set();
let exitHooksInstalled = false;

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL the whole process group (code-server forks
  // an extension host, file watchers and pty hosts that would otherwise outlive us).
  process.on('exit', () => {
    for (const server of liveServers) killGroup(server.pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      for (const server of liveServers) killGroup(server.pid, 'SIGKILL');
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[signal]);
    });
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts code-server on 127.0.0.1:port with its own process group and profile.
 * `trusted: true` turns workspace trust off (the extension runs fully); false leaves the fresh
 * profile in Restricted Mode. `env` is added to code-server's environment, which its extension
 * host inherits. Resolves once the HTTP server answers.
 * Returns { url, folderUrl, pid, exited, output(lines), logFile, stop() }.
 */
export async function startCodeServer({ port, workspace, userDataDir, extensionsDir, trusted, host = '127.0.0.1', logFile, settings = {}, env = {}, timeoutMs = 90_000 }) {
  requireToolchain();
  const settingsDir = path.join(userDataDir, 'User');
  mkdirSync(settingsDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const userSettings = { ...quietSettings, ...(trusted ? { 'security.workspace.trust.enabled': false } : {}), ...settings };
  writeFileSync(path.join(settingsDir, 'settings.json'), `${JSON.stringify(userSettings, null, 2)}\n`);

  const args = [
    codeServerEntry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // Workspace trust is controlled through settings.json above, as the notes describe.
    ...(workspace ? [workspace] : []),
  ];

  const lines = [];
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  // detached: own process group, so stop() can kill code-server and every child it forked.
  const child = spawn(node24, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const collect = (chunk) => {
    const text = chunk.toString();
    log?.write(text);
    for (const line of text.split('\n')) if (line) lines.push(line);
    if (lines.length > 2000) lines.splice(0, lines.length - 2000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      liveServers.delete(child);
      resolve(exited);
    });
  });
  liveServers.add(child);
  installExitHooks();

  const url = `http://${host}:${port}/`;
  const server = {
    url,
    folderUrl: workspace ? `${url}?folder=${encodeURIComponent(workspace)}` : url,
    pid: child.pid,
    logFile,
    /** Resolves with { code, signal } when code-server exits. */
    exited: exitPromise,
    output: (count = 200) => lines.slice(-count).join('\n'),
    async stop() {
      if (!exited) {
        killGroup(child.pid, 'SIGTERM');
        const deadline = Date.now() + 5000;
        while (!exited && Date.now() < deadline) await sleep(100);
      }
      // Always: children (extension host, pty host) may outlive an exited code-server.
      killGroup(child.pid, 'SIGKILL');
      liveServers.delete(child);
      log?.end();
    },
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${server.output(80)}`);
    try {
      const response = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s:\n${server.output(80)}`);
    }
    await sleep(250);
  }
}

/** Headless Debian Chromium through playwright-core (never a downloaded browser build). */
export async function launchBrowser({ headless = true } = {}) {
  requireToolchain();
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Opens the workbench and waits until it is usable (and `readySelector`, if given, is visible).
 * code-server's first load on a cold profile can be slow, so the navigation is retried once.
 */
export async function openWorkbench(page, url, { readySelector } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 90_000 });
      if (readySelector) await page.locator(readySelector).first().waitFor({ state: 'visible', timeout: 60_000 });
      return;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

/** Last lines of the extension-host logs (incl. the "Runbook AI" LogOutputChannel) in a profile. */
export function extensionHostLogs(userDataDir, lines = 200) {
  const logsDir = path.join(userDataDir, 'logs');
  const files = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/exthost.*\.log$|Runbook AI.*\.log$|remoteagent\.log$/i.test(path.relative(logsDir, full))) files.push(full);
    }
  };
  walk(logsDir);
  return files.map((file) => `----- ${path.relative(userDataDir, file)} (last ${lines} lines) -----\n${tail(readFileSync(file, 'utf8'), lines)}`).join('\n');
}

export function tail(text, count) {
  return String(text).split('\n').slice(-count).join('\n');
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
