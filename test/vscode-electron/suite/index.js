// In-extension-host suite run by @vscode/test-electron (test/vscode-electron/runTest.mjs):
// activates the real extension in VS Code desktop, checks its commands, runs the demo
// investigation and checks what it leaves in the workspace. Plain node:assert, no mocha:
// the test host only needs an exported run() that rejects on failure.
/* eslint-disable @typescript-eslint/no-require-imports -- the extension host loads this file with require() */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'runbook-ai.runbook-ai';
const COMMANDS = [
  'runbook.openIncident',
  'runbook.showEvidence',
  'runbook.jumpToCode',
  'runbook.showCommit',
  'runbook.applyRemediation',
  'runbook.draftRunbook',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(description, probe, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${description}`);
    await sleep(250);
  }
}

function filesUnder(dir, pattern) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}

function workspaceRoot() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

const tests = [
  ['the extension is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  }],
  ['every contributed command is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of COMMANDS) assert.ok(registered.has(command), `${command} is registered`);
  }],
  ['the demo workspace is open', async () => {
    const expected = process.env.RUNBOOK_TEST_WORKSPACE;
    if (expected) assert.equal(fs.realpathSync(workspaceRoot()), fs.realpathSync(expected));
    assert.ok(fs.existsSync(path.join(workspaceRoot(), '.runbook', 'sandbox.json')), '.runbook/sandbox.json exists');
  }],
  ['runbook.openIncident("demo") investigates to a confirmed root cause', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.runbook');
    // Resolves with an InvestigationSummary ({ incidentId, rootCause, confidence, scratchpadFile }).
    const summary = await vscode.commands.executeCommand('runbook.openIncident', 'demo');
    if (summary) assert.equal(summary.incidentId, 'INC-1042');
    // The scratchpad (append-only JSONL audit trail) records the investigation to its conclusion.
    const events = await waitFor('a completed INC-1042 investigation in the audit trail', () => {
      const files = summary?.scratchpadFile ? [summary.scratchpadFile]
        : filesUnder(path.join(workspaceRoot(), '.runbook'), /\.jsonl$/).filter((file) => !file.endsWith('approvals.jsonl'));
      for (const file of files.filter((f) => fs.existsSync(f))) {
        const lines = fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
        if (lines.some((event) => event.type === 'investigation.completed') && JSON.stringify(lines[0]).includes('INC-1042')) return lines;
      }
      return undefined;
    });
    const conclusion = events.find((event) => event.type === 'conclusion')?.conclusion;
    assert.equal(conclusion?.status, 'root-cause', 'the investigation concludes with a root cause');
    assert.ok(conclusion.confidence > 0.5, `confidence ${conclusion.confidence} is high enough to confirm`);
  }],
  ['runbook.draftRunbook writes runbooks/image-resizer/*.md', async () => {
    await vscode.commands.executeCommand('runbook.draftRunbook');
    const file = await waitFor('a drafted runbook', () => filesUnder(path.join(workspaceRoot(), 'runbooks', 'image-resizer'), /\.md$/)[0]);
    assert.match(fs.readFileSync(file, 'utf8'), /OutOfMemoryError/);
  }],
];

/**
 * Runs every test; rejects when one failed. Also resolves (or attaches to the error) the
 * per-test results, which the code-server runner in test/e2e reads, since console output is
 * not reliably capturable inside an extension host.
 */
exports.run = async function run() {
  const results = [];
  for (const [name, fn] of tests) {
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`ok - ${name}`);
    } catch (error) {
      const detail = String(error?.stack ?? error);
      results.push({ name, ok: false, error: detail });
      console.error(`not ok - ${name}\n  ${detail.split('\n').join('\n  ')}`);
    }
  }
  const failed = results.filter((result) => !result.ok);
  // Counted by scripts/test-all.mjs like node:test's summary lines.
  console.log(`# pass ${results.length - failed.length}`);
  console.log(`# fail ${failed.length}`);
  if (failed.length) {
    const error = new Error(`${failed.length} test(s) failed: ${failed.map((result) => result.name).join('; ')}`);
    error.results = results;
    throw error;
  }
  return { results };
};
