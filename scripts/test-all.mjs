#!/usr/bin/env node
// `npm test`: every check the project has, in order, failing fast with the step's name.
//   build → typecheck → lint → unit tests → test-electron (skips without VS Code desktop)
//   → e2e toolchain setup → e2e (real VS Code via code-server + Chromium)
// Ends with a summary and a plain `N passed, M failed, K skipped` line counted across the
// node:test runs (from their TAP summaries) and the test-electron suite.
//
// Usage: node scripts/test-all.mjs [--no-e2e]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const noE2e = process.argv.includes('--no-e2e');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reportDir = mkdtempSync(path.join(os.tmpdir(), 'runbook-test-all-'));
const started = Date.now();

const counts = { passed: 0, failed: 0, skipped: 0 };
const summary = [];

/** Runs a command with inherited stdio (or tee'd stdout when `capture`), resolving its exit code + stdout. */
function exec(command, args, { capture = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve({ code: 127, stdout });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function finish(exitCode) {
  console.log(`\n${'='.repeat(72)}\nSummary (${seconds(Date.now() - started)})`);
  for (const line of summary) console.log(`  ${line}`);
  rmSync(reportDir, { recursive: true, force: true });
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(exitCode);
}

/**
 * Runs one step. `fn` resolves { ok, note?, tests? } where tests = { passed, failed, skipped }.
 * A failing step without test counts is counted as one failure, so the closing line never
 * reads "0 failed" on a failed run.
 */
async function step(name, fn) {
  console.log(`\n${'='.repeat(72)}\n▶ ${name}\n${'='.repeat(72)}`);
  const t0 = Date.now();
  const result = await fn();
  const took = seconds(Date.now() - t0);
  if (result.tests) {
    counts.passed += result.tests.passed;
    counts.failed += result.tests.failed;
    counts.skipped += result.tests.skipped;
  }
  const note = result.note ? ` — ${result.note}` : '';
  if (result.ok) {
    summary.push(`✔ ${name} (${took})${note}`);
    console.log(`✔ ${name} (${took})${note}`);
    return;
  }
  if (!result.tests || result.tests.failed === 0) counts.failed += 1;
  summary.push(`✖ ${name} (${took})${note}`);
  console.error(`\n✖ FAILED: ${name} (${took})${note}`);
  finish(1);
}

const command = (cmd, args) => async () => ({ ok: (await exec(cmd, args)).code === 0 });

/** node:test with spec output on the console and a TAP copy on disk to count results. */
async function nodeTests(label, files, { extraArgs = [], env = {} } = {}) {
  const tap = path.join(reportDir, `${label}.tap`);
  const { code } = await exec(process.execPath, [
    ...extraArgs,
    '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], { env });
  const tests = parseTap(existsSync(tap) ? readFileSync(tap, 'utf8') : '');
  const ran = tests.passed + tests.failed + tests.skipped;
  if (code === 0 && ran === 0) return { ok: false, tests, note: 'the runner exited 0 but ran no test' };
  return { ok: code === 0, tests, note: `${tests.passed} passed, ${tests.failed} failed, ${tests.skipped} skipped` };
}

/** Reads the closing `# pass N` / `# fail N` / `# skipped N` (/ todo / cancelled) lines. */
function parseTap(text) {
  const number = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)\\s*$`, 'm'))?.[1] ?? 0);
  return {
    passed: number('pass'),
    failed: number('fail') + number('cancelled'),
    skipped: number('skipped') + number('todo'),
  };
}

function findTests(dir, pattern) {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(rel, pattern);
    return pattern.test(entry.name) ? [rel] : [];
  }).sort();
}

// --- the steps ------------------------------------------------------------------------------

await step('build (node esbuild.mjs)', command('npm', ['run', 'build']));

await step('typecheck (tsc --noEmit)', async () => {
  if ((await exec(bin('tsc'), ['--noEmit', '-p', '.'])).code !== 0) return { ok: false, note: 'tsc -p . failed' };
  if (existsSync(path.join(root, 'webview', 'tsconfig.json')) && (await exec(bin('tsc'), ['--noEmit', '-p', 'webview'])).code !== 0) {
    return { ok: false, note: 'tsc -p webview failed' };
  }
  return { ok: true };
});

await step('lint (eslint .)', command(bin('eslint'), ['.']));

await step('unit tests (node --test, test/unit/**/*.test.ts)', async () => {
  // Node 20's --test takes no globs: list the files here.
  const files = findTests('test/unit', /\.test\.ts$/);
  if (files.length === 0) return { ok: false, note: 'no test/unit/**/*.test.ts files found' };
  return nodeTests('unit', files, { extraArgs: ['--import', 'tsx'] });
});

await step('VS Code desktop suite (@vscode/test-electron)', async () => {
  const { code, stdout } = await exec(process.execPath, ['test/vscode-electron/runTest.mjs'], { capture: true });
  if (code === 0 && /^SKIP\b/m.test(stdout)) {
    return { ok: true, tests: { passed: 0, failed: 0, skipped: 1 }, note: 'SKIPPED: no VS Code desktop build on this machine (see above)' };
  }
  const tests = parseTap(stdout);
  return { ok: code === 0, tests, note: `${tests.passed} passed, ${tests.failed} failed` };
});

if (noE2e) {
  summary.push('- e2e: SKIPPED (--no-e2e)');
  console.log('\n- e2e suite SKIPPED because of --no-e2e');
} else {
  // A fresh machine gets code-server, Node 24 and Chromium here; if that fails, so does npm test.
  await step('e2e toolchain (scripts/e2e/setup.mjs)', command(process.execPath, ['scripts/e2e/setup.mjs']));
  // Package once; every e2e file installs this VSIX (RUNBOOK_E2E_VSIX) instead of repackaging.
  await step('package the VSIX (npm run package)', command('npm', ['run', 'package']));
  await step('e2e: real VS Code (code-server + Chromium)', () => nodeTests('e2e', findTests('test/e2e', /\.test\.mjs$/), {
    env: { RUNBOOK_E2E_VSIX: path.join(root, 'dist', 'runbook-ai.vsix') },
  }));
}

finish(0);
