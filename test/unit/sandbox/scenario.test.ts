process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InvalidInputError } from '../../../src/core/incident';
import { eventIdOf, expandGenerator, expandLogGroup } from '../../../src/sandbox/aws/logEvents';
import { parseTemplate } from '../../../src/sandbox/scenario/logTemplate';
import { loadScenarioFile, parseScenario, resolveScenario, stripTruth, type Scenario } from '../../../src/sandbox/scenario/scenario';
import { BUNDLED_SCENARIOS, loadBundledScenario } from '../../../src/sandbox/scenarios';
import { expandMetric } from '../../../src/sandbox/aws/metricSeries';
import { signalsScenario } from './awsSignals.fixture';
import { miniScenario, PAGING_COUNT, PAGING_FROM } from './miniScenario';

/** The issues of the InvalidInputError thrown by `run`. */
function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
    return error.issues;
  }
  assert.fail('expected an InvalidInputError');
}

function assertIssue(issues: string[], path: string, fragment?: string): void {
  const hit = issues.find((issue) => issue.startsWith(`${path}: `) && (!fragment || issue.includes(fragment)));
  assert.ok(hit, `no issue at ${path}${fragment ? ` mentioning "${fragment}"` : ''} in:\n${issues.join('\n')}`);
}

const SHAS = { one: '1111111111111111111111111111111111111111', two: '2222222aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' };

describe('scenario schema', () => {
  it('accepts the mini scenario and applies defaults', () => {
    const scenario = parseScenario(miniScenario());
    assert.equal(scenario.world.ecs.clusters[0].services[0].launchType, 'FARGATE');
    assert.equal(scenario.world.ecs.taskDefinitions[0].memory, '512', 'numeric task memory is normalised to the string ECS uses');
    assert.equal(scenario.world.logs.groups[0].generators[0].jitterSeconds, 0);
  });

  it('names the missing field', () => {
    const input = miniScenario() as { clock?: unknown };
    delete input.clock;
    assertIssue(issuesOf(() => parseScenario(input)), 'clock');
    const noNow = { ...miniScenario(), clock: {} };
    assertIssue(issuesOf(() => parseScenario(noNow)), 'clock.now');
  });

  it('names a malformed field deep in the world', () => {
    const input = miniScenario();
    input.world.ecs!.clusters![0].services![0].taskDefinition = 'web-without-revision';
    assertIssue(issuesOf(() => parseScenario(input)), 'world.ecs.clusters.0.services.0.taskDefinition', 'family:revision');
  });

  it('rejects references to task definitions, services and commits that do not exist', () => {
    const input = miniScenario();
    input.world.ecs!.clusters![0].tasks![0].taskDefinition = 'web:7';
    input.world.ecs!.clusters![0].tasks![1].service = 'ghost';
    input.world.ecs!.taskDefinitions![0].containers[0].image = 'registry.example/web:{{short:nope}}';
    input.truth.culprit!.id = '{{commit:missing}}';
    const issues = issuesOf(() => parseScenario(input));
    assertIssue(issues, 'world.ecs.clusters.0.tasks.0.taskDefinition', 'web:7');
    assertIssue(issues, 'world.ecs.clusters.0.tasks.1.service', 'ghost');
    assertIssue(issues, 'world.ecs.taskDefinitions.0.containers.0.image', '{{short:nope}}');
    assertIssue(issues, 'truth.culprit.id', '{{commit:missing}}');
  });

  it('rejects a typo in a generator placeholder, an unsafe commit path and an unknown category', () => {
    const input = miniScenario();
    input.world.logs!.groups![0].generators![0].template = 'tick {itn:1-9}';
    input.world.git!.commits![0].files['../outside.txt'] = 'x';
    (input.truth as { category: string }).category = 'meltdown';
    const issues = issuesOf(() => parseScenario(input));
    assertIssue(issues, 'world.logs.groups.0.generators.0.template', 'unknown placeholder {itn:1-9}');
    assertIssue(issues, 'world.git.commits.0.files.../outside.txt', 'invalid path');
    assertIssue(issues, 'truth.category');
  });

  it('rejects duplicate commit labels and a service without exactly one PRIMARY deployment', () => {
    const input = miniScenario();
    input.world.git!.commits![1].label = 'one';
    input.world.ecs!.clusters![0].services![0].deployments[1].status = 'PRIMARY';
    const issues = issuesOf(() => parseScenario(input));
    assertIssue(issues, 'world.git.commits.1.label', 'duplicate');
    assertIssue(issues, 'world.ecs.clusters.0.services.0.deployments', 'exactly one PRIMARY');
  });

  it('reports invalid JSON text and unreadable files as InvalidInputError', () => {
    assertIssue(issuesOf(() => parseScenario('{ not json')), '(root)', 'not valid JSON');
    const dir = mkdtempSync(join(tmpdir(), 'scenario-test-'));
    try {
      const missing = join(dir, 'missing.json');
      assert.ok(issuesOf(() => loadScenarioFile(missing))[0].includes(missing));
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ...miniScenario(), id: 'Not A Slug' }));
      assert.throws(() => loadScenarioFile(bad), (error: unknown) => error instanceof InvalidInputError && error.message.includes(bad) && error.issues.some((i) => i.startsWith('id: ')));
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify(miniScenario()));
      assert.equal(loadScenarioFile(good).id, 'mini-test');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stripTruth removes the ground truth and nothing else', () => {
    const scenario = parseScenario(miniScenario());
    const stripped = stripTruth(scenario);
    assert.equal('truth' in stripped, false);
    assert.deepEqual(stripped.world, scenario.world);
    assert.equal(scenario.truth.category, 'bad-deploy', 'the input keeps its truth');
  });
});

describe('log generators', () => {
  const scenario = parseScenario(miniScenario());
  const group = scenario.world.logs.groups[0];

  it('expand to the predicted number of events, in [from, to), sorted', () => {
    const events = expandLogGroup(scenario.id, group);
    assert.equal(events.length, PAGING_COUNT + group.events.length);
    const generated = events.filter((event) => event.message.startsWith('tick '));
    assert.equal(generated.length, PAGING_COUNT);
    assert.equal(generated[0].timestamp, Date.parse(PAGING_FROM));
    assert.equal(generated.at(-1)!.timestamp, Date.parse(PAGING_FROM) + (PAGING_COUNT - 1) * 1000);
    for (let i = 1; i < events.length; i++) assert.ok(events[i - 1].timestamp <= events[i].timestamp, 'sorted by time');
    assert.equal(new Set(events.map((event, position) => eventIdOf(event, position))).size, events.length, 'event ids are unique');
    for (const event of generated) assert.match(event.message, /^tick [1-9] [ab]$/);
    // Both alternatives and the whole integer range show up: the PRNG is not stuck.
    assert.equal(new Set(generated.map((event) => event.message.split(' ')[1])).size, 9);
    assert.equal(new Set(generated.map((event) => event.message.split(' ')[2])).size, 2);
  });

  it('are deterministic for a scenario id and differ for another', () => {
    const first = expandLogGroup(scenario.id, group);
    const second = expandLogGroup(scenario.id, group);
    assert.deepEqual(first, second);
    const other = expandLogGroup('another-id', group);
    assert.notDeepEqual(
      other.map((event) => event.message),
      first.map((event) => event.message),
    );
  });

  it('apply jitter within [0, jitterSeconds) and ramps from start to end value', () => {
    const generator = { template: 'size={ramp:100-200} id={hex:6} {uuid}', from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:10:00Z', everySeconds: 60, jitterSeconds: 10 };
    const drafts = expandGenerator('s', 'g', 0, generator, 'default');
    assert.equal(drafts.length, 10);
    drafts.forEach((draft, i) => {
      const offset = draft.timestamp - (Date.parse(generator.from) + i * 60_000);
      assert.ok(offset >= 0 && offset < 10_000, `jitter ${offset} ms out of range`);
      assert.match(draft.message, /^size=\d+ id=[0-9a-f]{6} [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
    assert.equal(drafts[0].message.split(' ')[0], 'size=100');
    assert.equal(drafts[9].message.split(' ')[0], 'size=190');
    assert.ok(drafts.some((draft) => draft.timestamp % 60_000 !== 0), 'some events are actually jittered');
  });

  it('leave JSON braces and scenario placeholders literal', () => {
    assert.deepEqual(parseTemplate('{"level":"info","n":1}'), [{ kind: 'text', text: '{"level":"info","n":1}' }]);
    assert.deepEqual(parseTemplate('{{commit:x}}'), [{ kind: 'text', text: '{{commit:x}}' }]);
  });
});

describe('placeholder resolution', () => {
  it('replaces {{commit:…}} and {{short:…}} everywhere in the world and the culprit, but not in commits', () => {
    const scenario = parseScenario(miniScenario());
    const resolved = resolveScenario(scenario, SHAS);
    const [one, two] = resolved.world.ecs.taskDefinitions;
    assert.equal(one.containers[0].image, 'registry.example/web:1111111');
    assert.equal(one.containers[0].environment[0].value, SHAS.one);
    assert.equal(two.containers[0].image, 'registry.example/web:2222222');
    assert.equal(resolved.truth.culprit?.id, SHAS.two);
    assert.equal(JSON.stringify(resolved.world.ecs).includes('{{'), false);
    assert.deepEqual(resolved.world.git, scenario.world.git, 'commit contents produced the shas and stay as written');
    assert.equal(scenario.world.ecs.taskDefinitions[0].containers[0].image, 'registry.example/web:{{short:one}}', 'the input is not mutated');
  });

  it('fails clearly when a label was not materialized', () => {
    const scenario = parseScenario(miniScenario());
    assert.throws(() => resolveScenario(scenario, { one: SHAS.one }), (error: unknown) => error instanceof InvalidInputError && error.message.includes('"two"'));
  });
});

describe('bundled demo scenario (demo-oom)', () => {
  const demo: Scenario = loadBundledScenario('demo-oom');
  const cacheCommit = demo.world.git.commits.find((commit) => commit.label === 'cache')!;
  const initCommit = demo.world.git.commits.find((commit) => commit.label === 'init')!;
  const resizeJs = initCommit.files['src/handlers/resize.js']!.split('\n');
  const cacheJs = cacheCommit.files['src/cache/thumbnailCache.js']!.split('\n');
  const group = demo.world.logs.groups[0];
  const at = (hms: string) => Date.parse(`2026-11-20T${hms}Z`);

  it('is listed and loads as independent copies', () => {
    assert.ok('demo-oom' in BUNDLED_SCENARIOS);
    const copy = loadBundledScenario('demo-oom');
    copy.world.ecs.clusters[0].services[0].desiredCount = 99;
    assert.equal(loadBundledScenario('demo-oom').world.ecs.clusters[0].services[0].desiredCount, 4);
    assert.throws(() => loadBundledScenario('nope'), InvalidInputError);
  });

  it('has stack frames that point at the real put() and cache.put lines', () => {
    const stacks = group.events.filter((event) => event.message.startsWith('ERROR uncaughtException: RangeError'));
    assert.ok(stacks.length >= 6);
    const frame = /thumbnailCache\.js:(\d+):(\d+)\)\n\s+at ResizeHandler\.handle \(\/app\/src\/handlers\/resize\.js:(\d+):(\d+)\)/.exec(stacks[0].message);
    assert.ok(frame, stacks[0].message);
    const [n, nCol, m, mCol] = frame.slice(1).map(Number);
    assert.match(cacheJs[n - 1], /this\.entries\.set\(key, \{ buffer: Buffer\.from\(buffer\), storedAt: Date\.now\(\) \}\);/);
    assert.equal(cacheJs[n - 1].slice(nCol - 1, nCol - 1 + 'from('.length), 'from(');
    assert.match(resizeJs[m - 1], /this\.cache\.put\(cacheKey, output\);/);
    assert.equal(resizeJs[m - 1].slice(mCol - 1, mCol - 1 + 'put('.length), 'put(');
    assert.ok(stacks.every((event) => event.message === stacks[0].message), 'every stack points at the same lines');
    assert.ok(Date.parse(stacks[0].at) >= at('10:18:00'), 'errors start at 10:18');
  });

  it('stops six :42 tasks for OOM between 10:19 and 10:41, each preceded by a FATAL heap line', () => {
    const tasks = demo.world.ecs.clusters[0].tasks;
    const oom = tasks.filter((task) => task.stoppedReason?.startsWith('OutOfMemoryError'));
    assert.equal(oom.length, 6);
    const fatal = group.events.filter((event) => event.message.startsWith('FATAL ERROR: Reached heap limit'));
    for (const task of oom) {
      assert.equal(task.taskDefinition, 'image-resizer:42');
      assert.equal(task.containers[0].exitCode, 137);
      const stoppedAt = Date.parse(task.stoppedAt!);
      assert.ok(stoppedAt >= at('10:19:00') && stoppedAt <= at('10:41:59'), task.stoppedAt);
      const before = fatal.filter((event) => event.stream?.endsWith(task.id) && stoppedAt - Date.parse(event.at) > 0 && stoppedAt - Date.parse(event.at) < 60_000);
      assert.equal(before.length, 1, `one FATAL line shortly before ${task.id} stopped`);
    }
  });

  it('keeps the payments-api WARN at the same rate before and after the 10:12 deploy', () => {
    const events = expandLogGroup(demo.id, group);
    const warn = events.filter((event) => event.message.startsWith('WARN Slow response from payments-api'));
    const before = warn.filter((event) => event.timestamp >= at('09:12:00') && event.timestamp < at('10:12:00')).length;
    const after = warn.filter((event) => event.timestamp >= at('10:12:00') && event.timestamp < at('10:45:00')).length;
    assert.equal(before, 60);
    assert.equal(after, 33);
    const errors503 = events.filter((event) => / 503 in /.test(event.message));
    assert.ok(errors503.length > 200 && errors503.every((event) => event.timestamp >= at('10:16:00')));
  });

  it('marks the cache commit as the culprit, with the truth kept apart', () => {
    assert.deepEqual(demo.truth.culprit, { kind: 'commit', id: '{{commit:cache}}' });
    assert.equal(JSON.stringify(demo.world).includes('"truth"'), false);
    assert.deepEqual(Object.keys(cacheCommit.files), ['src/cache/thumbnailCache.js']);
    assert.deepEqual(Object.keys(demo.world.git.commits.find((commit) => commit.label === 'docs')!.files), ['README.md']);
  });
});

describe('AWS signal sections (world.cloudwatch, world.elb, world.autoscaling) and ECS depth', () => {
  it('accepts the documented shapes and applies defaults', () => {
    const scenario = parseScenario(signalsScenario());
    assert.equal(scenario.world.cloudwatch!.metrics[3].periodSeconds, 60);
    assert.equal(scenario.world.elb!.targetGroups[1].targetType, 'ip');
    assert.equal(scenario.world.autoscaling![0].scalableDimension, 'ecs:service:DesiredCount');
    const standalone = scenario.world.ecs.clusters[0].tasks.find((task) => task.id === 'exportnew001')!;
    assert.equal(standalone.service, undefined);
    assert.equal(standalone.group, 'family:nightly-export');
    assert.equal(scenario.world.ecs.taskDefinitions[1].containers[0].portMappings![0].protocol, 'tcp');
    assert.equal(parseScenario(miniScenario()).world.cloudwatch, undefined, 'all three sections are optional');
  });

  it('names bad fields: statistics, periods, segment shapes, alarm states, target states, resource ids, ECS container fields', () => {
    const input = signalsScenario();
    const cloudwatch = input.world.cloudwatch!;
    (cloudwatch.alarms![0] as { statistic: string }).statistic = 'Median';
    cloudwatch.alarms![1].periodSeconds = 90;
    (cloudwatch.alarms![2] as { state: string }).state = 'FIRING';
    cloudwatch.metrics![0].series![1] = { from: '2026-01-15T11:00:00Z', to: '2026-01-15T12:00:00Z', shape: 'ramp', value: 30 };
    cloudwatch.metrics![1].series![1] = { from: '2026-01-15T11:30:00Z', to: '2026-01-15T12:00:00Z', shape: 'step', value: 5, toValue: 9, at: '2026-01-15T13:00:00Z' };
    cloudwatch.metrics![3].series![0].to = '2025-12-31T00:00:00Z';
    (input.world.elb!.targetGroups![0].targets![0] as { state: string }).state = 'sick';
    input.world.autoscaling![0].resourceId = 'service/c1';
    (input.world.ecs!.taskDefinitions![1].containers[0] as { portMappings: unknown }).portMappings = [{ containerPort: 70000 }];
    (input.world.ecs!.taskDefinitions![1].containers[0] as { logConfiguration: unknown }).logConfiguration = { logDriver: 'carrier-pigeon' };
    const issues = issuesOf(() => parseScenario(input));
    assertIssue(issues, 'world.cloudwatch.alarms.0.statistic', 'percentile like p99');
    assertIssue(issues, 'world.cloudwatch.alarms.1.periodSeconds', 'multiple of 60');
    assertIssue(issues, 'world.cloudwatch.alarms.2.state');
    assertIssue(issues, 'world.cloudwatch.metrics.0.series.1.toValue', 'a ramp needs toValue');
    assertIssue(issues, 'world.cloudwatch.metrics.1.series.1.at', 'between');
    assertIssue(issues, 'world.cloudwatch.metrics.3.series.0.to', 'after `from`');
    assertIssue(issues, 'world.elb.targetGroups.0.targets.0.state');
    assertIssue(issues, 'world.autoscaling.0.resourceId');
    assertIssue(issues, 'world.ecs.taskDefinitions.1.containers.0.portMappings.0.containerPort');
    assertIssue(issues, 'world.ecs.taskDefinitions.1.containers.0.logConfiguration.logDriver');
  });

  it('cross-checks references: a target group names a known load balancer, a service a known target group (and its id)', () => {
    const input = signalsScenario();
    input.world.elb!.targetGroups![1].loadBalancer = 'ghost-alb';
    input.world.elb!.targetGroups![0].id = '0000000000000000';
    input.world.ecs!.clusters![0].services![1].loadBalancers = [{ targetGroupArn: 'nope-tg', containerName: 'web', containerPort: 80 }];
    input.world.cloudwatch!.alarms![1].name = 'web-5xx';
    input.world.autoscaling![0].minCapacity = 9;
    input.world.ecs!.clusters![0].tasks!.push({ id: 'orphan', service: 'ghost', taskDefinition: 'exporter:3', lastStatus: 'RUNNING', desiredStatus: 'RUNNING' });
    const issues = issuesOf(() => parseScenario(input));
    assertIssue(issues, 'world.elb.targetGroups.1.loadBalancer', 'ghost-alb');
    assertIssue(issues, 'world.ecs.clusters.0.services.0.loadBalancers.0.targetGroupArn', 'has id 0000000000000000');
    assertIssue(issues, 'world.ecs.clusters.0.services.1.loadBalancers.0.targetGroupArn', 'nope-tg');
    assertIssue(issues, 'world.cloudwatch.alarms.1.name', 'duplicate alarm');
    assertIssue(issues, 'world.autoscaling.0.maxCapacity', 'below minCapacity');
    assertIssue(issues, `world.ecs.clusters.0.tasks.${input.world.ecs!.clusters![0].tasks!.length - 1}.service`, 'ghost');
    // An alarm on a metric the world has no data for is fine: real alarms often are.
    const orphanAlarm = signalsScenario();
    orphanAlarm.world.cloudwatch!.alarms![0].metricName = 'NotPublished';
    assert.doesNotThrow(() => parseScenario(orphanAlarm));
  });

  it('accepts faults of the new services and refuses operations or errors of another', () => {
    const ok = signalsScenario({ faults: [{ service: 'cloudwatch', operation: 'GetMetricData', error: 'Throttling' }, { service: 'elb', error: 'AccessDenied' }, { service: 'autoscaling', operation: 'DescribeScalingActivities', delayMs: 10 }] });
    assert.equal(parseScenario(ok).world.faults.length, 3);
    const bad = signalsScenario({ faults: [{ service: 'elb', operation: 'GetMetricData', error: 'ThrottlingException' }, { service: 'autoscaling', error: 'Throttling' }] });
    const issues = issuesOf(() => parseScenario(bad));
    assertIssue(issues, 'world.faults.0.operation', 'not a elb operation');
    assertIssue(issues, 'world.faults.1.error', 'not an error of service "autoscaling"');
  });

  it('expands metric series deterministically: steady ± noise, ramp end to end, step at `at`, explicit points win', () => {
    const metric = parseScenario(signalsScenario()).world.cloudwatch!.metrics;
    const cpu = expandMetric('mini-test', 0, metric[0]);
    assert.equal(cpu.length, 120);
    assert.deepEqual(cpu, expandMetric('mini-test', 0, metric[0]));
    assert.notDeepEqual(cpu, expandMetric('another-id', 0, metric[0]), 'seeded by the scenario id');
    assert.ok(cpu.slice(0, 60).every((point) => point.v >= 25 && point.v <= 35));
    assert.deepEqual([cpu[60].v, cpu[119].v], [30, 89]);
    const step = expandMetric('mini-test', 1, metric[1]);
    const at = (time: string) => step.find((point) => point.t === Date.parse(time))!.v;
    assert.deepEqual([at('2026-01-15T11:29:00Z'), at('2026-01-15T11:39:00Z'), at('2026-01-15T11:40:00Z')], [0, 5, 100]);
    assert.deepEqual(expandMetric('mini-test', 2, metric[2]).map((point) => point.v), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});
