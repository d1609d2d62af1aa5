import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTimeline, estimatedErrorSeries } from '../../../src/vscode/timeline';
import { buildEvidenceView, downsample, terminationGroups } from '../../../src/vscode/evidenceView';
import { COMMIT } from './fixtures';
import { DEPLOY_AT, incidentState, NOW, OOM_EVIDENCE, ONSET, triageContext } from './incidentFixtures';

test('the timeline has the alarm, the deployment (the root cause), the commit, pattern onsets and stops', () => {
  const { state, context } = incidentState();
  const timeline = buildTimeline(state, context, { evidence: [OOM_EVIDENCE] });
  assert.ok(timeline);
  const kinds = timeline.markers.map((marker) => marker.kind);
  assert.ok(kinds.includes('alarm') && kinds.includes('deployment') && kinds.includes('commit') && kinds.includes('pattern') && kinds.includes('termination'), kinds.join());
  const deploy = timeline.markers.find((marker) => marker.kind === 'deployment');
  assert.equal(deploy?.at, DEPLOY_AT);
  assert.equal(deploy?.label, 'Deploy image-resizer:42');
  assert.equal(deploy?.rootCause, true, 'the deployment that shipped the culprit commit is the root cause');
  assert.equal(timeline.markers.find((marker) => marker.kind === 'commit')?.rootCause, true);
  assert.equal(timeline.markers.find((marker) => marker.kind === 'alarm')?.at, ONSET);
  const oom = timeline.markers.find((marker) => marker.kind === 'pattern' && marker.detail.startsWith('ERROR uncaughtException'));
  assert.equal(oom?.highlight, true, 'patterns of the shown evidence are highlighted');
  const warn = timeline.markers.find((marker) => marker.kind === 'pattern' && marker.detail.startsWith('WARN thumbnail'));
  assert.ok(warn && !warn.highlight);
  assert.ok(!timeline.markers.some((marker) => marker.detail.includes('Slow response')), 'steady patterns have no onset marker');
  assert.equal(timeline.markers.filter((marker) => marker.kind === 'termination').length, 3);
  // Sorted by time, covering everything up to the investigation's now.
  assert.deepEqual(timeline.markers.map((marker) => marker.at), [...timeline.markers.map((marker) => marker.at)].sort((a, b) => a - b));
  assert.ok(timeline.start <= Math.min(...timeline.markers.map((marker) => marker.at)) && timeline.end >= NOW);
});

test('without a measured series, the error rate is estimated from the overview counts', () => {
  const { state, context } = incidentState();
  const series = estimatedErrorSeries(state, context);
  assert.ok(series?.estimated);
  assert.match(series.label, /estimated/);
  const before = series.points.filter(([t]) => t < Date.parse('2026-11-20T10:21:00Z'));
  const after = series.points.filter(([t]) => t >= Date.parse('2026-11-20T10:21:00Z') && t <= NOW);
  // The steady ERROR pattern runs at its own rate throughout; the new one adds on from its onset.
  assert.ok(before.every(([, value]) => value < 2), JSON.stringify(before.slice(-3)));
  // The steady error pattern (level "error", lower case as the miner reports it) runs in the baseline too.
  assert.ok(series.points[0]![1] > 0.5, JSON.stringify(series.points[0]));
  assert.ok(after.every(([, value]) => value > 100), JSON.stringify(after.slice(0, 3)));
  assert.ok(series.points.length <= 121);
});

test('a measured error series wins over the estimate; other series are drawn beside it', () => {
  const { state, context } = incidentState({
    extraEvidence: [{ ...OOM_EVIDENCE, id: 'E9', patterns: [], series: { label: '5xx per minute', points: [[NOW, 3], [NOW - 60_000, 1]] } }],
  });
  const timeline = buildTimeline(state, context);
  assert.deepEqual(timeline?.series.map((s) => [s.label, s.estimated, s.points[0]?.[0]]), [['5xx per minute', false, NOW - 60_000]]);
  const traffic = incidentState({ extraEvidence: [{ ...OOM_EVIDENCE, id: 'E9', patterns: [], series: { label: 'requests per minute', points: [[NOW - 60_000, 12], [NOW, 18]] } }] });
  assert.deepEqual(
    buildTimeline(traffic.state, traffic.context)?.series.map((s) => [s.label, s.estimated]),
    [
      ['errors/min (estimated from log pattern counts)', true],
      ['requests per minute', false],
    ],
  );
});

test('an old commit does not stretch the axis: it is noted as earlier', () => {
  const { state, context } = incidentState();
  state.conclusion!.commits = [{ ...COMMIT, date: '2026-11-01T09:00:00Z' }];
  const timeline = buildTimeline(state, context)!;
  assert.ok(timeline.start > Date.parse('2026-11-20T00:00:00Z'));
  assert.match(timeline.earlierNote ?? '', /abc1234 earlier \(2026-11-01 09:00/);
});

test('without triage context the timeline still shows the alarm', () => {
  const { state } = incidentState();
  const timeline = buildTimeline(state, undefined)!;
  assert.ok(timeline.markers.some((marker) => marker.kind === 'alarm'));
  assert.deepEqual(timeline.series, []);
});

test('a config-only deployment is a config change', () => {
  const context = triageContext();
  context.changes = [{ ...context.changes[0]!, differences: [{ kind: 'env-changed', name: 'CACHE_TTL', text: 'env CACHE_TTL changed' }] }];
  const { state } = incidentState({ context });
  assert.equal(buildTimeline(state, context)?.markers.find((marker) => marker.at === DEPLOY_AT)?.kind, 'config');
});

test('terminations are grouped by reason, the most frequent first', () => {
  const groups = terminationGroups(triageContext().terminations);
  assert.equal(groups.length, 2);
  assert.equal(groups[0]?.reason, 'OutOfMemoryError: Container killed due to memory usage');
  assert.equal(groups[0]?.count, 2);
  assert.deepEqual(groups[0]?.exitCodes, [137]);
  assert.deepEqual(groups[0]?.units, ['task-1', 'task-2']);
});

test('the evidence view carries the timeline, the pattern diff, the query id and (for stopped tasks) terminations', () => {
  const { state, context } = incidentState({
    extraEvidence: [{ id: 'E1', hypothesisId: 'H1', source: 'ecs', kind: 'stopped-tasks', strength: 'strong', supports: true, summary: '2 tasks OOM-killed' }],
  });
  const view = buildEvidenceView(state, { kind: 'hypothesis', hypothesisId: 'H1' }, false, context)!;
  assert.ok(view.timeline && view.timeline.markers.length > 3);
  const oom = view.evidence.find((item) => item.id === 'E2');
  assert.equal(oom?.patterns[0]?.incidentCount, 4210);
  assert.equal(oom?.queryId, 'Q7');
  assert.equal(view.terminations[0]?.count, 2);
  const onlyLogs = buildEvidenceView(state, { kind: 'evidence', evidenceId: 'E2' }, false, context)!;
  assert.deepEqual(onlyLogs.terminations, []);
});

test('the paging alarm\'s metric is drawn with its threshold, and a recovery is a marker', () => {
  const { state, context } = incidentState();
  const points: [number, number][] = Array.from({ length: 40 }, (_, i) => [ONSET - 20 * 60_000 + i * 60_000, i < 20 ? 10 : 95]);
  const alarm = { name: 'api-cpu', arn: 'arn:alarm', state: 'OK' as const, stateReason: 'r', dimensions: {}, actionsEnabled: true, alarmActions: [], threshold: 85 };
  const history = [
    { alarmName: 'api-cpu', timestamp: ONSET, from: 'OK' as const, to: 'ALARM' as const, summary: 's' },
    { alarmName: 'api-cpu', timestamp: ONSET + 12 * 60_000, from: 'ALARM' as const, to: 'OK' as const, summary: 's', reason: 'Threshold Crossed: 3 datapoints were not greater than the threshold (85.0).' },
  ];
  const timeline = buildTimeline(state, { ...context, alarmSeries: { alarm: 'api-cpu', label: 'CPUUtilization (alarm api-cpu)', points, threshold: 85 }, alarms: [{ alarm, history }] });
  const drawn = timeline?.series.find((s) => s.label.includes('alarm api-cpu'));
  assert.equal(drawn?.threshold, 85);
  assert.equal(timeline?.series[0]?.label.includes('alarm'), false, 'the error rate stays first');
  const recovery = timeline?.markers.filter((m) => m.kind === 'alarm' && m.label === 'api-cpu OK');
  assert.equal(recovery?.length, 1);
  assert.match(recovery![0]!.detail, /ALARM → OK/);
  assert.equal(timeline?.markers.filter((m) => m.kind === 'alarm').length, 2, 'the page itself is not repeated');
});

test('metric evidence carries a downsampled series for its small chart, keeping the spike', () => {
  const points: [number, number][] = Array.from({ length: 240 }, (_, i) => [i * 60_000, i === 101 ? 500 : 10]);
  const sampled = downsample(points, 60);
  assert.ok(sampled.length <= 60);
  assert.ok(sampled.some(([, v]) => v === 500));
  assert.deepEqual(sampled.map(([t]) => t), [...sampled.map(([t]) => t)].sort((a, b) => a - b));
});
