import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStream } from '../../../src/core/events';
import { codeTargetFrom, nodeRefFrom, remediationIdFrom, shaFrom } from '../../../src/vscode/commandArgs';
import { describeEvent } from '../../../src/vscode/eventLogFormat';
import { investigationFiles, investigationId, parseSandboxMarker, sameCommits } from '../../../src/vscode/investigationFiles';
import { evidencePanelHtml } from '../../../src/vscode/webviewHtml';
import { clock, demoEvents } from './fixtures';

test('command arguments are read from tree nodes, panel messages and strings', () => {
  assert.deepEqual(nodeRefFrom({ kind: 'hypothesis', key: 'h:H1', hypothesisId: 'H1' }), { kind: 'hypothesis', hypothesisId: 'H1' });
  assert.deepEqual(nodeRefFrom({ kind: 'codeLocation', evidenceId: 'E1', index: 0 }), { kind: 'evidence', evidenceId: 'E1' });
  assert.deepEqual(nodeRefFrom({ kind: 'rootCause', key: 'rootCause' }), { kind: 'rootCause' });
  assert.equal(nodeRefFrom({ kind: 'commit', sha: 'abc1234' }), undefined);
  assert.deepEqual(codeTargetFrom({ evidenceId: 'E1', index: 1 }), { evidenceId: 'E1', index: 1 });
  assert.equal(codeTargetFrom({ evidenceId: 'E1', index: -1 }), undefined);
  assert.equal(shaFrom('abc1234'), 'abc1234');
  assert.equal(shaFrom({ sha: 'not a sha' }), undefined);
  assert.equal(remediationIdFrom({ remediationId: 'R1' }), 'R1');
});

test('investigation ids and file locations', () => {
  const id = investigationId('INC-1042', new Date('2026-11-21T02:45:12.345Z'));
  assert.equal(id, 'INC-1042-20261121T024512Z');
  assert.equal(investigationId('a/../b c', new Date('2026-11-21T02:45:12Z')), 'a-..-b-c-20261121T024512Z');
  const files = investigationFiles('/ws', id);
  assert.equal(files.scratchpadFile, '/ws/.runbook/investigations/INC-1042-20261121T024512Z.jsonl');
  assert.equal(files.auditFile, '/ws/.runbook/audit/approvals.jsonl');
});

test('the sandbox marker and commit comparison', () => {
  assert.deepEqual(parseSandboxMarker('{"scenarioId":"demo-oom","commits":{"base":"aaa","leak":"bbb"}}'), { scenarioId: 'demo-oom', commits: { base: 'aaa', leak: 'bbb' } });
  assert.equal(parseSandboxMarker('not json'), undefined);
  assert.equal(parseSandboxMarker('{"commits":{}}'), undefined);
  assert.equal(sameCommits({ base: 'aaa', leak: 'bbb' }, { leak: 'bbb', base: 'aaa' }), true);
  assert.equal(sameCommits({ base: 'aaa' }, { base: 'aaa', leak: 'bbb' }), false);
  assert.equal(sameCommits({}, {}), false);
});

test('every event has a log line; warnings and failures get their level', () => {
  const stream = new EventStream('INV-1', clock);
  for (const body of demoEvents()) stream.emit(body);
  stream.emit({ type: 'warning', message: 'slow provider' });
  stream.emit({ type: 'investigation.completed', outcome: 'failed', error: 'boom' });
  const lines = stream.events.map(describeEvent);
  assert.equal(lines[0]?.text, '[INV-1 #1] started INC-1042 "image-resizer 5xx after deploy" (service image-resizer, reasoner rules)');
  assert.equal(lines.at(-2)?.level, 'warn');
  assert.deepEqual(lines.at(-1), { level: 'error', text: `[INV-1 #${stream.events.length}] completed: failed — boom` });
});

test('the panel HTML has a strict CSP with a nonce and no inline code', () => {
  const html = evidencePanelHtml({ cspSource: 'https://webview.test', nonce: 'n0nce', styleNonce: 'st7le', scriptUri: 'https://webview.test/dist/webview.js', styleUri: 'https://webview.test/media/evidence.css' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-n0nce'/);
  assert.match(csp, /style-src https:\/\/webview\.test 'nonce-st7le'(;|$)/);
  assert.match(html, /<meta property="csp-nonce" content="st7le">/);
  assert.doesNotMatch(html.replace(/script-src 'nonce-n0nce'/, '').replace(/<script nonce="n0nce"/, ''), /n0nce/);
  assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
  assert.match(html, /<script nonce="n0nce" src="https:\/\/webview\.test\/dist\/webview\.js"><\/script>/);
  assert.doesNotMatch(html, /<script(?![^>]*src=)/);
  assert.doesNotMatch(html, /style="/);
});
