/**
 * Metric signals: shift detection against a series' own baseline (steps, slow climbs, short
 * bumps, the harmful direction), the kinds table, and the two analyzers that turn shifts into
 * findings — the workload's own mode blamed on the change before the shift, and a shared
 * dependency's load blamed on whatever started in the cluster just before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeResult } from '../../../src/core/findings/analyzers';
import { metricKind } from '../../../src/core/metrics/kinds';
import { observeShifts } from '../../../src/core/metrics/observed';
import { detectShift, type SeriesPoint } from '../../../src/core/metrics/shift';
import type { QueryResult, TriageContext } from '../../../src/core/reasoner/types';
import { ECS_TARGET, triageContext } from './triageContext';
import type { EcsService, EcsTask, MetricSeries } from '../../../src/providers/types';

const MIN = 60_000;
const t0 = Date.parse('2026-06-01T10:00:00Z');
/** One point a minute from t0; `at(i)` is minute i. */
const series = (values: number[]): SeriesPoint[] => values.map((value, i) => ({ timestamp: t0 + i * MIN, value }));
const at = (minute: number) => t0 + minute * MIN;
/** Deterministic noise around a level. */
const noisy = (n: number, level: number, amplitude: number) => Array.from({ length: n }, (_, i) => level + amplitude * Math.sin(i * 1.7));

describe('shift detection', () => {
  it('finds a step and dates it to the minute', () => {
    const shift = detectShift(series([...noisy(60, 30, 2), ...noisy(20, 98, 1)]));
    assert.ok(shift);
    assert.equal(shift.direction, 'up');
    assert.equal(shift.shape, 'step');
    assert.equal(shift.onset, at(60));
    assert.ok(shift.ratio > 3 && shift.ratio < 3.5, `ratio ${shift.ratio}`);
  });

  it('dates a slow climb from where it left the baseline, not where it crossed the noise band', () => {
    const climb = Array.from({ length: 120 }, (_, i) => 14 + i * 0.7);
    const shift = detectShift(series([...noisy(60, 14, 1.5), ...climb]), { minAbsolute: 15 });
    assert.ok(shift);
    assert.equal(shift.shape, 'ramp');
    assert.ok(Math.abs(shift.onset - at(60)) <= 6 * MIN, `onset ${new Date(shift.onset).toISOString()} should be near minute 60`);
    assert.ok(shift.extreme > 90);
  });

  it('ignores a short bump and plain noise', () => {
    const bump = [...noisy(30, 24, 4), 45, 46, 44, ...noisy(40, 24, 4)];
    assert.equal(detectShift(series(bump)), undefined);
    assert.equal(detectShift(series(noisy(90, 50, 5))), undefined);
  });

  it('sees a failure still under way in the last three periods, not in the last two', () => {
    const tail = detectShift(series([...noisy(12, 21, 1), 91, 90, 92]));
    assert.deepEqual([tail?.direction, tail?.onset], ['up', at(12)]);
    assert.equal(detectShift(series([...noisy(12, 21, 1), 91, 90])), undefined);
  });

  it('needs a real change: a 10% drift is not a shift', () => {
    assert.equal(detectShift(series([...noisy(40, 100, 1), ...noisy(40, 110, 1)])), undefined);
  });

  it('sees a fall too, and reads only the harmful direction per kind', () => {
    const fall = detectShift(series([...noisy(40, 8, 0), ...noisy(20, 2, 0)]), { minAbsolute: 1 });
    assert.equal(fall?.direction, 'down');
    const mk = (metricName: string, namespace: string, dimensions: Record<string, string>, values: number[]): MetricSeries => ({
      id: 'm0',
      label: metricName,
      query: { namespace, metricName, dimensions, stat: 'Average', periodSeconds: 60 },
      points: series(values),
      status: 'complete',
    });
    const cpuDown = mk('CPUUtilization', 'AWS/ECS', { ClusterName: 'prod', ServiceName: 'web' }, [...noisy(40, 60, 1), ...noisy(20, 10, 1)]);
    const tasksDown = mk('RunningTaskCount', 'ECS/ContainerInsights', { ClusterName: 'prod', ServiceName: 'web' }, [...noisy(40, 8, 0), ...noisy(20, 2, 0)]);
    const empty: MetricSeries = { ...cpuDown, points: [], status: 'empty' };
    const observed = observeShifts([cpuDown, tasksDown, empty]);
    assert.deepEqual(observed.map((o) => `${o.metricName} ${o.shift.direction} ${o.resource}`), ['RunningTaskCount down web']);
  });

  it('knows a metric by namespace, name and the dimension that names its resource', () => {
    assert.equal(metricKind('AWS/RDS', 'DatabaseConnections', { DBInstanceIdentifier: 'orders' })?.role, 'dependency-load');
    assert.equal(metricKind('AWS/ECS', 'MemoryUtilization', { ClusterName: 'c', ServiceName: 's' })?.category, 'oom');
    assert.equal(metricKind('AWS/ECS', 'MemoryUtilization', { ClusterName: 'c' }), undefined, 'a cluster-wide series is not the service');
  });
});

const onset = at(90);
function context(over: Partial<TriageContext> = {}): TriageContext {
  return triageContext(onset, ECS_TARGET, over);
}
const metricSeries = (namespace: string, metricName: string, dimensions: Record<string, string>, values: number[], stat = 'Average'): MetricSeries => ({
  id: 'm0',
  label: metricName,
  query: { namespace, metricName, dimensions, stat, periodSeconds: 60 },
  points: series(values),
  status: 'complete',
});
const deployment = (at_: number, to: string) => ({ kind: 'deployment' as const, platform: 'ecs' as const, at: at_, summary: `Deployment of ${to}`, toVersion: to, differences: [] });

describe('the workload\'s own metrics', () => {
  const cpu = (values: number[]): QueryResult => ({ operation: 'cw.metrics', series: [metricSeries('AWS/ECS', 'CPUUtilization', { ClusterName: 'prod', ServiceName: 'api' }, values)] });
  const pinned = cpu([...noisy(80, 30, 2), ...noisy(30, 99, 0.5)]);

  it('CPU pinned right after a deploy blames the deploy, strongly, with the series for the chart', () => {
    const [finding, ...rest] = analyzeResult(pinned, context({ changes: [deployment(at(79), 'api:8')] }));
    assert.equal(rest.length, 0);
    assert.equal(finding?.category, 'cpu-saturation');
    assert.deepEqual(finding?.culprit, { kind: 'task-definition', id: 'api:8' });
    assert.equal(finding?.strength, 'strong');
    assert.equal(finding?.failureOnset, at(80));
    assert.ok((finding?.series?.points.length ?? 0) > 100);
  });

  it('a rise below the ceiling is only a lead, and no change before it means no finding', () => {
    const doubled = cpu([...noisy(80, 35, 2), ...noisy(30, 70, 1)]);
    assert.equal(analyzeResult(doubled, context({ changes: [deployment(at(79), 'api:8')] }))[0]?.strength, 'weak');
    assert.deepEqual(analyzeResult(pinned, context()), []);
    assert.deepEqual(analyzeResult(pinned, context({ changes: [deployment(at(10), 'api:7')] })), [], 'a deploy 70 min before the shift did not cause it');
  });
});

describe('who loaded a shared dependency', () => {
  const rdsCpu = metricSeries('AWS/RDS', 'CPUUtilization', { DBInstanceIdentifier: 'catalog-db' }, [...noisy(70, 24, 3), ...noisy(40, 95, 1)]);
  const shifted = context({ metricShifts: observeShifts([rdsCpu]) });
  const task = (id: string, taskDefinition: string, startedAt: number, group: string): EcsTask => ({
    taskArn: `arn:aws:ecs:eu-west-1:1:task/prod/${id}`,
    taskDefinitionArn: `arn:aws:ecs:eu-west-1:1:task-definition/${taskDefinition}`,
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    startedAt,
    createdAt: startedAt,
    group,
    startedBy: 'events-rule/hourly',
    containers: [],
  });
  const service = (name: string, deployments: { at: number; td: string }[]): EcsService => ({
    cluster: 'prod',
    serviceName: name,
    serviceArn: `arn:${name}`,
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    taskDefinition: deployments[0]!.td,
    deployments: deployments.map((d, i) => ({ id: `d${i}`, status: i ? 'ACTIVE' : 'PRIMARY', taskDefinition: d.td, desiredCount: 2, runningCount: 2, pendingCount: 0, createdAt: d.at, updatedAt: d.at })),
    events: [],
  });
  const activity = (tasks: EcsTask[], services: EcsService[]): QueryResult => ({ operation: 'ecs.clusterActivity', cluster: 'prod', tasks, services });

  it('a scheduled task that started just before the database shifted is the culprit; the service tasks are not candidates', () => {
    const result = activity([task('a', 'export:7', at(69), 'family:export'), task('b', 'api:5', at(69), 'service:api')], [service('api', [{ at: at(-600), td: 'api:5' }])]);
    const [finding] = analyzeResult(result, shifted);
    assert.equal(finding?.category, 'dependency');
    assert.deepEqual(finding?.culprit, { kind: 'task-definition', id: 'export:7' });
    assert.equal(finding?.strength, 'strong');
  });

  it('the workload\'s own deploy loading the database is a bad deploy; two candidates at once are only a lead', () => {
    const own = analyzeResult(activity([], [service('api', [{ at: at(68), td: 'api:6' }])]), shifted)[0];
    assert.equal(own?.category, 'bad-deploy');
    assert.deepEqual(own?.culprit, { kind: 'task-definition', id: 'api:6' });
    const both = analyzeResult(activity([task('a', 'export:7', at(69), 'family:export')], [service('reports', [{ at: at(69), td: 'reports:3' }])]), shifted)[0];
    assert.equal(both?.strength, 'weak');
  });

  it('a task that ran the same way while the metric was still flat is routine, not the cause', () => {
    const probes = [10, 30, 50, 65, 69].map((m, i) => task(`p${i}`, 'probe:3', at(m), 'family:probe'));
    assert.deepEqual(analyzeResult(activity(probes, []), shifted), []);
    const newRevision = [...probes.slice(0, 3), task('n', 'probe:4', at(69), 'family:probe')];
    assert.deepEqual(analyzeResult(activity(newRevision, []), shifted)[0]?.culprit, { kind: 'task-definition', id: 'probe:4' }, 'a new revision of it is new');
  });

  it('nothing started near the shift: no culprit is invented', () => {
    assert.deepEqual(analyzeResult(activity([task('a', 'export:7', at(20), 'family:export')], []), shifted), []);
  });
});
