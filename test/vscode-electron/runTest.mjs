#!/usr/bin/env node
// The @vscode/test-electron suite, for machines that have VS Code desktop. It never downloads
// VS Code (Microsoft's update server is unreachable on this project's machines): it runs only
// with a local build, named by VSCODE_EXECUTABLE or already unpacked in .vscode-test/.
// Elsewhere it prints one SKIP line and exits 0; scripts/test-all.mjs counts that as skipped.
// The code-server end-to-end suite (test/e2e) covers the same behaviour in a real VS Code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An executable in a VS Code download that test-electron left in .vscode-test/ earlier. */
function cachedExecutable() {
  const cache = path.join(root, '.vscode-test');
  if (!existsSync(cache)) return undefined;
  const candidates = {
    linux: ['code'],
    darwin: ['Visual Studio Code.app/Contents/MacOS/Electron'],
    win32: ['Code.exe'],
  }[process.platform] ?? [];
  for (const dir of readdirSync(cache).filter((name) => name.startsWith('vscode-')).sort().reverse()) {
    for (const candidate of candidates) {
      const file = path.join(cache, dir, candidate);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

const executable = process.env.VSCODE_EXECUTABLE || cachedExecutable();
if (!executable) {
  console.log('SKIP test-electron: no VS Code desktop build here (set VSCODE_EXECUTABLE or unpack one into .vscode-test/; it cannot be downloaded on this machine) - the code-server e2e suite (test/e2e) covers the same flows in a real VS Code.');
  process.exit(0);
}
if (!existsSync(executable)) {
  console.error(`test-electron: VSCODE_EXECUTABLE=${executable} does not exist`);
  process.exit(1);
}

const { runTests } = await import('@vscode/test-electron');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'runbook-electron-'));
const workspace = path.join(tmp, 'demo-workspace');
try {
  // The same demo workspace the CLI and the e2e suite use (a git repo + .runbook/sandbox.json).
  execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'sandbox', 'init', workspace], { stdio: 'inherit' });
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test', 'vscode-electron', 'suite', 'index.js'),
    extensionTestsEnv: { RUNBOOK_TEST_WORKSPACE: workspace },
    // runTests adds --disable-workspace-trust itself; a fresh profile keeps runs independent.
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(tmp, 'user-data')}`],
  });
  console.log('test-electron: suite passed');
} catch (error) {
  console.error(`test-electron: suite failed: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
