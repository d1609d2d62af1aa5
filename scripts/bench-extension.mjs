#!/usr/bin/env node
// Extension benchmark: bundle sizes, VSIX size and activation time.
//   1. packages the VSIX (`npm run package`: production bundles), unless --no-package;
//   2. reports dist/*.js and the VSIX sizes (raw and gzip);
//   3. when the e2e toolchain is installed (`node scripts/e2e/setup.mjs --check`), starts
//      code-server --runs times (default 3, fresh profile each time), opens the Runbook AI view
//      in Chromium, and reads the activation time the extension measures in its own extension
//      host (RUNBOOK_ACTIVATION_TIMING_FILE, see src/vscode/activationTiming.ts): the median is
//      compared with the 50 ms budget.
// Usage: node scripts/bench-extension.mjs [--no-package] [--runs N] [--json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultVsix, freePort, installExtension, launchBrowser, openWorkbench, packageVsix, root, sleep, startCodeServer } from './e2e/codeServer.mjs';

const ACTIVATION_BUDGET_MS = 50;
const args = process.argv.slice(2);
const json = args.includes('--json');
const runsIndex = args.indexOf('--runs');
const runs = Math.max(1, Number(runsIndex >= 0 ? args[runsIndex + 1] : 3) || 3);
const log = (...parts) => {
  if (!json) console.log(...parts);
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// --- 1. package --------------------------------------------------------------------------------
if (!args.includes('--no-package')) {
  log('bench: packaging the VSIX (npm run package)…');
  packageVsix({ quiet: true });
}
if (!existsSync(defaultVsix)) {
  console.error(`bench: ${defaultVsix} is missing (run without --no-package)`);
  process.exit(1);
}

// --- 2. sizes ------------------------------------------------------------------------------------
const dist = path.join(root, 'dist');
const bundles = readdirSync(dist)
  .filter((name) => name.endsWith('.js'))
  .sort()
  .map((name) => {
    const content = readFileSync(path.join(dist, name));
    return { file: `dist/${name}`, bytes: content.length, gzipBytes: gzipSync(content).length };
  });
const vsixBytes = statSync(defaultVsix).size;
log('\nbundle sizes:');
for (const bundle of bundles) log(`  ${bundle.file.padEnd(22)} ${kb(bundle.bytes).padStart(11)}  (gzip ${kb(bundle.gzipBytes)})`);
log(`  ${'dist/runbook-ai.vsix'.padEnd(22)} ${kb(vsixBytes).padStart(11)}`);

// --- 3. activation time in a real extension host ----------------------------------------------------
const check = spawnSync(process.execPath, [path.join(root, 'scripts', 'e2e', 'setup.mjs'), '--check'], { encoding: 'utf8' });
let activation;
if (check.status !== 0) {
  activation = { skipped: 'the e2e toolchain is not installed (node scripts/e2e/setup.mjs)' };
  log(`\nactivation: SKIPPED — ${activation.skipped}`);
} else {
  activation = await measureActivation();
  log(`\nactivation (extension host, ${activation.samples.length} start(s)): ${activation.samples.map((s) => `${s.totalMs} ms`).join(', ')}`);
  log(`  median ${activation.medianMs} ms (our modules ${activation.medianLoadMs} ms + activate() ${activation.medianActivateMs} ms); budget ${ACTIVATION_BUDGET_MS} ms: ${activation.withinBudget ? 'OK' : 'OVER BUDGET'}`);
  log(`  not counted (VS Code's own work): API object ${activation.medianApiMs} ms, ExtensionContext ${activation.medianHostWaitMs} ms`);
}

const report = { bundles, vsix: { file: 'dist/runbook-ai.vsix', bytes: vsixBytes }, activation };
if (json) console.log(JSON.stringify(report, null, 2));
process.exit(activation.withinBudget === false ? 1 : 0);

/** Starts code-server `runs` times, each with a fresh profile, and reads the extension's own timing. */
async function measureActivation() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'runbook-bench-'));
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  const timingFile = path.join(tmp, 'activation.jsonl');
  const samples = [];
  let browser;
  try {
    installExtension(defaultVsix, { userDataDir: path.join(tmp, 'install-profile'), extensionsDir });
    spawnSync('git', ['init', '-q', workspace]);
    browser = await launchBrowser();
    for (let run = 1; run <= runs; run += 1) {
      const server = await startCodeServer({
        port: await freePort(),
        workspace,
        userDataDir: path.join(tmp, `profile-${run}`),
        extensionsDir,
        trusted: true,
        env: { RUNBOOK_ACTIVATION_TIMING_FILE: timingFile },
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        const container = '.part.activitybar [aria-label^="Runbook AI"]';
        await openWorkbench(page, server.folderUrl, { readySelector: container });
        const before = samplesIn(timingFile).length;
        // Opening the view activates the extension (onView): the same path a user takes.
        await page.locator(container).first().click();
        const deadline = Date.now() + 30_000;
        while (samplesIn(timingFile).length === before && Date.now() < deadline) await sleep(100);
        const sample = samplesIn(timingFile)[before];
        if (!sample) throw new Error(`run ${run}: the extension did not record its activation within 30 s`);
        samples.push(sample);
        log(`  run ${run}: ${sample.totalMs} ms`);
      } finally {
        await page.close().catch(() => {});
        await server.stop();
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
  const medianMs = median(samples.map((s) => s.totalMs));
  return {
    samples,
    medianMs,
    medianLoadMs: median(samples.map((s) => s.loadMs ?? 0)),
    medianActivateMs: median(samples.map((s) => s.activateMs)),
    medianApiMs: median(samples.map((s) => s.apiMs ?? 0)),
    medianHostWaitMs: median(samples.map((s) => s.hostWaitMs ?? 0)),
    budgetMs: ACTIVATION_BUDGET_MS,
    withinBudget: medianMs <= ACTIVATION_BUDGET_MS,
  };
}

function samplesIn(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}
