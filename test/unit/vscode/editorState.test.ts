import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activationTiming, recordActivationTiming, TIMING_FILE_ENV } from '../../../src/vscode/activationTiming';
import { OUTCOME_ICONS, parseScratchpadText, pastDescription, sortPastInvestigations, summariseScratchpad } from '../../../src/vscode/history';
import { judgementDone, judgementRefusal } from '../../../src/vscode/judgements';
import { planLiveInvestigation, readSettings } from '../../../src/vscode/settings';
import { statusText } from '../../../src/vscode/statusText';
import { presentNode } from '../../../src/vscode/treePresentation';
import { EventStream } from '../../../src/core/events';
import { applyEvent } from '../../../src/core/state';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoState } from './fixtures';
import { incidentState, triageContext } from './incidentFixtures';

test('a scratchpad becomes a past-investigation entry; torn and foreign lines are skipped', () => {
  const { stream } = incidentState();
  const jsonl = [...stream.events.map((event) => JSON.stringify(event)), 'not json', '{"type":"x"}', '{"truncated":'].join('\n');
  const entry = summariseScratchpad(jsonl, '/ws/.runbook/investigations/x.jsonl');
  assert.ok(entry);
  assert.equal(entry.incidentId, 'INC-1042');
  assert.equal(entry.outcome, 'concluded');
  assert.equal(entry.rootCause, 'OOM after deploy');
  assert.equal(entry.confidence, 95);
  assert.equal(entry.events, stream.events.length);
  assert.equal(pastDescription(entry), `concluded · 95% · ${entry.startedAt!.slice(0, 10)} ${entry.startedAt!.slice(11, 16)} UTC`);
  assert.equal(summariseScratchpad('{"type":"thought","seq":1,"investigationId":"x","text":"hi"}', 'f'), undefined);
  assert.equal(parseScratchpadText('\n\n').length, 0);
  assert.ok(OUTCOME_ICONS.failed.color);
});

test('past investigations sort newest first and keep the longer copy of the same id', () => {
  const base = { file: 'f', incidentId: 'I', incidentTitle: 't', service: 's', source: 'demo', judgements: 0 };
  const sorted = sortPastInvestigations([
    { ...base, investigationId: 'a', startedAt: '2026-11-20T10:00:00Z', events: 5 },
    { ...base, investigationId: 'b', startedAt: '2026-11-21T10:00:00Z', events: 5 },
    { ...base, investigationId: 'a', startedAt: '2026-11-20T10:00:00Z', events: 9, file: 'longer' },
  ]);
  assert.deepEqual(sorted.map((entry) => [entry.investigationId, entry.file]), [['b', 'f'], ['a', 'longer']]);
});

test('judgements: when they are allowed, and how they change the tree', () => {
  const state = demoState();
  assert.match(judgementRefusal(state, 'H9', 'prune', false) ?? '', /not part/);
  assert.match(judgementRefusal(state, 'H2', 'prune', false) ?? '', /already pruned/);
  assert.match(judgementRefusal(state, 'H1a', 'root-cause', false) ?? '', /already the root cause/);
  assert.match(judgementRefusal(state, 'H1', 'retest', true) ?? '', /still running/);
  assert.equal(judgementRefusal(state, 'H1', 'retest', false), undefined);
  assert.equal(judgementRefusal(state, 'H1', 'root-cause', true), undefined);

  const stream = new EventStream(state.investigationId);
  const event = stream.emit({ type: 'user.judgement', hypothesisId: 'H1', judgement: 'prune', by: 'dana' });
  applyEvent(state, event);
  const item = presentNode(state, { kind: 'hypothesis', key: 'h:H1', hypothesisId: 'H1' }, false);
  assert.equal(item.contextValue, 'hypothesis.pruned');
  assert.match(item.description ?? '', /pruned by you$/);
  assert.match(item.tooltip ?? '', /Your judgement: pruned by you \(dana/);
  assert.match(judgementDone(state, 'H1', 'prune'), /recorded in the scratchpad/);
});

test('the status bar text follows the run', () => {
  const running = demoState({ conclude: false });
  assert.match(statusText('INC-1042', running, true).text, /^\$\(loading~spin\) Runbook: INC-1042 · \w+ · 3 hypotheses$/);
  assert.equal(statusText('INC-1042', demoState(), false).text, '$(target) Runbook: INC-1042 · root cause 92%');
  const failed = demoState({ conclude: false });
  failed.outcome = 'failed';
  assert.equal(statusText('INC-1042', failed, false).background, 'statusBarItem.errorBackground');
});

test('settings are type-checked; bad values fall back to defaults', () => {
  const values: Record<string, unknown> = {
    'aws.profile': ' prod ',
    'aws.region': 42,
    logGroups: { api: '/ecs/api', bad: 3, empty: ' ' },
    'kubernetes.namespaces': ['shop', 7, ''],
    'github.repository': 'not a repo',
    'limits.investigationTimeoutSeconds': 2,
    'limits.maxLogEventsPerQuery': 2000,
    'limits.perProviderCalls': -1,
  };
  const settings = readSettings((key) => values[key]);
  assert.equal(settings.awsProfile, 'prod');
  assert.equal(settings.awsRegion, undefined);
  assert.deepEqual(settings.logGroups, { api: '/ecs/api' });
  assert.deepEqual(settings.kubeNamespaces, ['shop']);
  assert.equal(settings.githubRepository, undefined);
  assert.equal(settings.timeoutSeconds, 10);
  assert.deepEqual(settings.limits, { maxLogEventsPerQuery: 2000 });
});

test('a live investigation plan: the alert region wins, namespaces are enforced, kube is opt-in for ECS', () => {
  const settings = readSettings((key) => ({ 'aws.region': 'eu-west-1', 'kubernetes.namespaces': ['shop'] })[key]);
  const ecsIncident = triageContext().incident;
  const plan = planLiveInvestigation({ ...ecsIncident, target: { platform: 'ecs', cluster: 'c', service: 's', region: 'us-east-2' } }, settings, '/ws');
  assert.ok(plan.ok);
  assert.equal(plan.settings.awsRegion, 'us-east-2');
  assert.equal(plan.settings.kubernetes, undefined);
  assert.equal(plan.settings.repoRoot, '/ws');
  const fallback = planLiveInvestigation(ecsIncident, settings, undefined);
  assert.ok(fallback.ok && fallback.settings.awsRegion === 'eu-west-1');
  const k8s = planLiveInvestigation({ ...ecsIncident, target: { platform: 'kubernetes', namespace: 'payments', deployment: 'api', kind: 'Deployment', name: 'api' } }, settings, '/ws');
  assert.ok(!k8s.ok && /namespace "payments" is not in runbook.kubernetes.namespaces/.test(k8s.reason));
  const noRegion = planLiveInvestigation(ecsIncident, readSettings(() => undefined), undefined);
  assert.ok(!noRegion.ok && /no AWS region/.test(noRegion.reason));
});

test('activation timing: bundle + activate, written to the file the environment names', () => {
  const timing = activationTiming(100, 112.345, { start: 80, apiReady: 85, end: 90 });
  assert.deepEqual(timing, { apiMs: 5, loadMs: 5, hostWaitMs: 10, activateMs: 12.35, totalMs: 17.35 });
  assert.equal(activationTiming(100, 101, {}).loadMs, undefined);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runbook-timing-'));
  try {
    const file = path.join(dir, 'timing.jsonl');
    assert.equal(recordActivationTiming(timing, { vscode: '1.139.1' }, {}), undefined);
    assert.equal(recordActivationTiming(timing, { vscode: '1.139.1' }, { [TIMING_FILE_ENV]: file }), file);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).totalMs, 17.35);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
