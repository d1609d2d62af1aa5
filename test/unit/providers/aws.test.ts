process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * The AWS providers through the real @aws-sdk clients, over real HTTP, against the sandbox's
 * emulator. Nothing here replaces `send`: if the wire format, units or paging are wrong, the
 * SDK's own (de)serialisers make these tests fail.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { createAwsProviders } from '../../../src/providers/aws/client';
import type { ProviderErrorKind, ProviderSet } from '../../../src/providers/types';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/sandbox';
import { parseScenario } from '../../../src/sandbox/scenario/scenario';
import { loadBundledScenario } from '../../../src/sandbox/scenarios';
import { MINI_GROUP, miniScenario, PAGING_COUNT, PAGING_FROM, type MiniOptions } from '../sandbox/miniScenario';
import { expectProviderError } from './expectProviderError';

const MINUTE = 60_000;
const iso = (value: string) => Date.parse(value);

const rejectsWith = (promise: Promise<unknown>, kind: ProviderErrorKind, fragment?: string | RegExp) => expectProviderError(promise, kind, fragment);

async function startMini(options: MiniOptions = {}): Promise<{ handle: SandboxHandle; providers: Required<ProviderSet> }> {
  const handle = await startSandbox({ scenario: parseScenario(miniScenario(options)) });
  return { handle, providers: sandboxProviders(handle) as Required<ProviderSet> };
}

const requestsOf = (handle: SandboxHandle, operation: string) => handle.requests().filter((request) => request.operation === operation);

describe('CloudWatch Logs provider (FilterLogEvents)', () => {
  let handle: SandboxHandle;
  let logs: Required<ProviderSet>['logs'];
  const window = { logGroup: MINI_GROUP, startTime: iso('2026-01-15T11:00:00Z'), endTime: iso('2026-01-15T11:00:59Z') };
  const messages = async (filterPattern?: string) => (await logs.filterLogEvents({ ...window, filterPattern })).map((event) => event.message);

  before(async () => {
    ({ handle, providers: { logs } } = await startMini());
  });
  after(() => handle.close());

  it('matches plain terms as case-sensitive substrings that must all appear', async () => {
    assert.deepEqual(await messages('OutOfMemoryError'), ['ERROR OutOfMemoryError in worker']);
    assert.deepEqual(await messages('ERROR Exception'), ['ERROR Exception: boom\n    at handler (/app/x.js:1:1)']);
    assert.equal((await messages()).length, 6, 'no pattern = every event in the window');
  });

  it('matches quoted phrases, ?any terms and -exclusions', async () => {
    assert.deepEqual(await messages('"heap out of memory"'), ['WARN heap out of memory soon']);
    assert.deepEqual(await messages('"out of heap"'), []);
    assert.deepEqual(await messages('?OutOfMemoryError ?"out of memory"'), ['ERROR OutOfMemoryError in worker', 'WARN heap out of memory soon']);
    assert.deepEqual(await messages('ERROR -healthcheck -Exception'), ['ERROR OutOfMemoryError in worker']);
    assert.deepEqual(await messages('-"INFO"'), ['ERROR OutOfMemoryError in worker', 'error lowercase outofmemoryerror', 'WARN heap out of memory soon', 'ERROR Exception: boom\n    at handler (/app/x.js:1:1)']);
  });

  it('returns the log stream and epoch-ms timestamps', async () => {
    const [event] = await logs.filterLogEvents({ ...window, filterPattern: '"heap out"' });
    assert.deepEqual(event, { timestamp: iso('2026-01-15T11:00:02Z'), message: 'WARN heap out of memory soon', logStream: 'web/other' });
  });

  it('treats startTime and endTime as inclusive bounds', async () => {
    const at = (s: number) => iso('2026-01-15T11:00:00Z') + s * 1000;
    const between = async (start: number, end: number) => (await logs.filterLogEvents({ logGroup: MINI_GROUP, startTime: start, endTime: end })).map((e) => e.timestamp);
    assert.deepEqual(await between(at(1), at(3)), [at(1), at(2), at(3)]);
    assert.deepEqual(await between(at(1) + 1, at(3) - 1), [at(2)]);
  });

  it('pages past 1000 events until the limit, or until the data ends', async () => {
    const start = iso(PAGING_FROM);
    const query = { logGroup: MINI_GROUP, filterPattern: 'tick', startTime: start, endTime: start + 60 * MINUTE };
    const before = requestsOf(handle, 'FilterLogEvents').length;
    const all = await logs.filterLogEvents(query);
    assert.equal(all.length, PAGING_COUNT);
    assert.equal(requestsOf(handle, 'FilterLogEvents').length - before, 3, '2500 events = 3 pages of at most 1000');
    assert.deepEqual(
      all.map((event) => event.timestamp),
      Array.from({ length: PAGING_COUNT }, (_, i) => start + i * 1000),
      'every event once, in time order, across page boundaries',
    );

    const limited = await logs.filterLogEvents({ ...query, limit: 1500 });
    assert.equal(limited.length, 1500);
    assert.deepEqual(limited, all.slice(0, 1500));
    const pages = requestsOf(handle, 'FilterLogEvents').slice(-2);
    assert.deepEqual(pages.map((request) => request.body.limit), [1000, 500], 'the last page asks only for what is missing');
  });

  it('speaks the wire format the raw SDK expects: 1000-event default pages and an opaque nextToken', async () => {
    const client = new CloudWatchLogsClient({ region: handle.aws.region, endpoint: handle.aws.endpoint, credentials: handle.aws.credentials, maxAttempts: 1 });
    const first = await client.send(new FilterLogEventsCommand({ logGroupName: MINI_GROUP, filterPattern: 'tick', startTime: iso(PAGING_FROM) }));
    assert.equal(first.events?.length, 1000);
    assert.equal(typeof first.nextToken, 'string');
    const second = await client.send(new FilterLogEventsCommand({ logGroupName: MINI_GROUP, filterPattern: 'tick', startTime: iso(PAGING_FROM), nextToken: first.nextToken }));
    assert.equal(second.events?.[0].timestamp, iso(PAGING_FROM) + 1000 * 1000);
    assert.equal(typeof second.events?.[0].eventId, 'string');
    // Logs Insights is emulated now (see insights.test.ts); other operations still fail loudly.
    await assert.rejects(
      client.send(new GetLogEventsCommand({ logGroupName: MINI_GROUP, logStreamName: 'web/main' })),
      (error: Error) => error.name === 'UnknownOperationException' && /GetLogEvents is not implemented/.test(error.message),
    );
    client.destroy();
  });

  it('fails with not-found for an unknown log group and with failed for an unsupported pattern', async () => {
    await rejectsWith(logs.filterLogEvents({ ...window, logGroup: '/ecs/nope' }), 'not-found', '/ecs/nope');
    await rejectsWith(logs.filterLogEvents({ ...window, filterPattern: '{ $.level = "error" }' }), 'failed', 'JSON filter patterns');
  });
});

describe('ECS provider against the demo world', () => {
  let handle: SandboxHandle;
  let ecs: Required<ProviderSet>['ecs'];

  before(async () => {
    handle = await startSandbox({ scenario: loadBundledScenario('demo-oom') });
    ecs = (sandboxProviders(handle) as Required<ProviderSet>).ecs;
  });
  after(() => handle.close());

  it('describes the service with counts, deployments and events in epoch ms', async () => {
    const service = await ecs.describeService('prod-east', 'image-resizer');
    assert.equal(service.serviceArn, 'arn:aws:ecs:us-east-1:123456789012:service/prod-east/image-resizer');
    assert.deepEqual([service.desiredCount, service.runningCount, service.pendingCount], [4, 2, 2]);
    assert.equal(service.taskDefinition, 'image-resizer:42');
    assert.deepEqual(
      service.deployments.map((d) => [d.status, d.taskDefinition, d.createdAt, d.rolloutState]),
      [
        ['PRIMARY', 'image-resizer:42', iso('2026-11-20T10:12:05Z'), 'IN_PROGRESS'],
        ['ACTIVE', 'image-resizer:41', iso('2026-11-18T11:46:02Z'), 'COMPLETED'],
      ],
    );
    assert.equal(service.events[0].createdAt, iso('2026-11-20T10:41:30Z'), 'newest event first');
    for (let i = 1; i < service.events.length; i++) assert.ok(service.events[i - 1].createdAt >= service.events[i].createdAt);
    assert.ok(service.events.some((event) => event.message === '(service image-resizer) has reached a steady state.'));
  });

  it('sends ECS timestamps as epoch seconds (the SDK turns them into the right Dates)', async () => {
    const client = new ECSClient({ region: handle.aws.region, endpoint: handle.aws.endpoint, credentials: handle.aws.credentials, maxAttempts: 1 });
    const output = await client.send(new DescribeServicesCommand({ cluster: 'prod-east', services: ['image-resizer', 'ghost'] }));
    assert.ok(output.services?.[0].deployments?.[0].createdAt instanceof Date);
    assert.equal(output.services?.[0].deployments?.[0].createdAt?.toISOString(), '2026-11-20T10:12:05.000Z');
    assert.deepEqual(output.failures, [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/prod-east/ghost', reason: 'MISSING' }]);
    client.destroy();
  });

  it('lists stopped tasks newest first: six OOM kills of :42 and two scale-ins of :41', async () => {
    const stopped = await ecs.listTasks('prod-east', 'image-resizer', 'STOPPED');
    assert.equal(stopped.length, 8);
    for (let i = 1; i < stopped.length; i++) assert.ok(stopped[i - 1].stoppedAt! >= stopped[i].stoppedAt!, 'newest first');
    const oom = stopped.filter((task) => task.stoppedReason === 'OutOfMemoryError: Container killed due to memory usage');
    assert.equal(oom.length, 6);
    for (const task of oom) {
      assert.match(task.taskDefinitionArn, /task-definition\/image-resizer:42$/);
      assert.equal(task.stopCode, 'EssentialContainerExited');
      assert.deepEqual(task.containers, [{ name: 'app', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage', lastStatus: 'STOPPED' }]);
      assert.ok(task.stoppedAt! >= iso('2026-11-20T10:19:00Z') && task.stoppedAt! <= iso('2026-11-20T10:42:00Z'));
      assert.ok(task.startedAt! < task.stoppedAt!);
    }
    assert.equal(stopped[0].stoppedAt, iso('2026-11-20T10:41:14Z'));
    const scaledIn = stopped.filter((task) => task.stoppedReason?.startsWith('Scaling activity initiated by (deployment ecs-svc/'));
    assert.equal(scaledIn.length, 2);
    assert.ok(scaledIn.every((task) => task.taskDefinitionArn.endsWith(':41') && task.containers[0].exitCode === 0));
  });

  it('lists running (and pending) tasks', async () => {
    const running = await ecs.listTasks('prod-east', 'image-resizer', 'RUNNING');
    assert.deepEqual(running.map((task) => `${task.lastStatus} ${task.taskDefinitionArn.split('/').pop()}`).sort(), ['PENDING image-resizer:42', 'PENDING image-resizer:42', 'RUNNING image-resizer:41', 'RUNNING image-resizer:41']);
    assert.ok(running.every((task) => task.stoppedAt === undefined));
  });

  it('describes task definitions with resolved commit placeholders', async () => {
    const next = await ecs.describeTaskDefinition('image-resizer:42');
    assert.equal(next.arn, 'arn:aws:ecs:us-east-1:123456789012:task-definition/image-resizer:42');
    assert.equal(next.registeredAt, iso('2026-11-20T10:11:03Z'));
    assert.equal(next.memory, '1024');
    const [app] = next.containers;
    assert.equal(app.image, `123456789012.dkr.ecr.us-east-1.amazonaws.com/image-resizer:${handle.commits.cache.slice(0, 7)}`);
    assert.deepEqual(app.environment, [
      { name: 'NODE_ENV', value: 'production' },
      { name: 'GIT_SHA', value: handle.commits.cache },
    ]);
    assert.equal(app.memory, 1024);
    const latest = await ecs.describeTaskDefinition('image-resizer');
    assert.equal(latest.revision, 42, 'a bare family means the latest ACTIVE revision');
    const previous = await ecs.describeTaskDefinition('arn:aws:ecs:us-east-1:123456789012:task-definition/image-resizer:41');
    assert.equal(previous.containers[0].environment[1].value, handle.commits.good);
  });

  it('fails with not-found for a missing service, cluster or task definition', async () => {
    await rejectsWith(ecs.describeService('prod-east', 'ghost'), 'not-found', 'prod-east/ghost');
    await rejectsWith(ecs.describeService('nope', 'image-resizer'), 'not-found', 'ClusterNotFoundException');
    await rejectsWith(ecs.listTasks('prod-east', 'ghost', 'RUNNING'), 'not-found', 'ServiceNotFoundException');
    await rejectsWith(ecs.describeTaskDefinition('image-resizer:7'), 'not-found', 'image-resizer:7');
  });
});

describe('ECS UpdateService changes the served world', () => {
  let handle: SandboxHandle;
  let ecs: Required<ProviderSet>['ecs'];

  before(async () => {
    handle = await startSandbox({ scenario: loadBundledScenario('demo-oom') });
    ecs = (sandboxProviders(handle) as Required<ProviderSet>).ecs;
  });
  after(() => handle.close());

  it('rolls back: a new PRIMARY deployment of :41, the old primary becomes ACTIVE, and it is recorded', async () => {
    assert.deepEqual(handle.mutations(), []);
    const returned = await ecs.updateService({ cluster: 'prod-east', service: 'image-resizer', taskDefinition: 'image-resizer:41' });
    assert.equal(returned.taskDefinition, 'image-resizer:41');
    const [primary, previous] = returned.deployments;
    assert.deepEqual([primary.status, primary.taskDefinition, primary.desiredCount, primary.runningCount, primary.rolloutState], ['PRIMARY', 'image-resizer:41', 4, 0, 'IN_PROGRESS']);
    assert.match(primary.id, /^ecs-svc\/\d{19}$/);
    assert.ok(primary.createdAt >= handle.now.getTime() && primary.createdAt < handle.now.getTime() + MINUTE, 'stamped on the scenario clock');
    assert.deepEqual([previous.status, previous.taskDefinition], ['ACTIVE', 'image-resizer:42']);
    assert.equal(returned.deployments.filter((d) => d.status === 'PRIMARY').length, 1);

    const described = await ecs.describeService('prod-east', 'image-resizer');
    assert.deepEqual(described.deployments, returned.deployments, 'a later read sees the change');

    const [mutation] = handle.mutations();
    assert.equal(handle.mutations().length, 1);
    assert.deepEqual(
      { operation: mutation.operation, target: mutation.target, request: mutation.request, before: mutation.before, after: mutation.after },
      {
        operation: 'UpdateService',
        target: 'prod-east/image-resizer',
        request: { cluster: 'prod-east', service: 'image-resizer', taskDefinition: 'image-resizer:41' },
        before: { taskDefinition: 'image-resizer:42', desiredCount: 4, primaryDeploymentId: 'ecs-svc/4185925712298463302' },
        after: { taskDefinition: 'image-resizer:41', desiredCount: 4, primaryDeploymentId: primary.id },
      },
    );
  });

  it('scales without a new deployment, and forces one on request', async () => {
    const scaled = await ecs.updateService({ cluster: 'prod-east', service: 'image-resizer', desiredCount: 6 });
    assert.equal(scaled.desiredCount, 6);
    assert.equal(scaled.deployments[0].desiredCount, 6);
    assert.equal(scaled.deployments.length, 3, 'no new deployment for a pure scale');
    const forced = await ecs.updateService({ cluster: 'prod-east', service: 'image-resizer', forceNewDeployment: true });
    assert.equal(forced.deployments.length, 4);
    assert.equal(forced.deployments[0].taskDefinition, 'image-resizer:41');
    assert.notEqual(forced.deployments[0].id, forced.deployments[1].id);
    assert.equal(handle.mutations().length, 3);
  });

  it('refuses an unknown task definition without changing anything', async () => {
    const count = handle.mutations().length;
    await rejectsWith(ecs.updateService({ cluster: 'prod-east', service: 'image-resizer', taskDefinition: 'image-resizer:99' }), 'not-found', 'TaskDefinition not found');
    assert.equal(handle.mutations().length, count);
    assert.equal((await ecs.describeService('prod-east', 'image-resizer')).taskDefinition, 'image-resizer:41');
  });
});

describe('ECS paging (ListTasks 100 per page, DescribeTasks 100 per batch)', () => {
  it('returns all 230 stopped tasks, newest first', async () => {
    const { handle, providers } = await startMini({ stoppedTasks: 230 });
    try {
      const tasks = await providers.ecs.listTasks('c1', 'web', 'STOPPED');
      assert.equal(tasks.length, 230);
      assert.equal(new Set(tasks.map((task) => task.taskArn)).size, 230);
      assert.equal(tasks[0].taskArn, 'arn:aws:ecs:eu-west-1:111122223333:task/c1/stopped0229');
      assert.equal(tasks.at(-1)!.taskArn, 'arn:aws:ecs:eu-west-1:111122223333:task/c1/stopped0000');
      assert.equal(requestsOf(handle, 'ListTasks').length, 3);
      const batches = requestsOf(handle, 'DescribeTasks').map((request) => (request.body.tasks as string[]).length);
      assert.deepEqual(batches, [100, 100, 30]);
      // Tasks of another service in the same cluster are not listed.
      const running = await providers.ecs.listTasks('c1', 'web', 'RUNNING');
      assert.deepEqual(running.map((task) => task.taskArn.split('/').pop()), ['running0001']);
    } finally {
      await handle.close();
    }
  });
});

describe('AWS errors map to ProviderError kinds', () => {
  it('maps injected faults: throttled, access-denied, not-found, failed; `times` limits a fault', async () => {
    const { handle, providers } = await startMini({
      faults: [
        { service: 'logs', operation: 'FilterLogEvents', error: 'ThrottlingException' },
        { service: 'ecs', operation: 'DescribeServices', error: 'AccessDeniedException' },
        { service: 'ecs', operation: 'DescribeTaskDefinition', error: 'ResourceNotFoundException' },
        { service: 'ecs', operation: 'ListTasks', error: 'InternalFailure', times: 1 },
      ],
    });
    try {
      const query = { logGroup: MINI_GROUP, startTime: 0, endTime: Date.now() };
      await rejectsWith(providers.logs.filterLogEvents(query), 'throttled', /CloudWatch Logs FilterLogEvents on \/ecs\/web was throttled/);
      await rejectsWith(providers.ecs.describeService('c1', 'web'), 'access-denied', 'ecs:DescribeServices');
      await rejectsWith(providers.ecs.describeTaskDefinition('web:1'), 'not-found', 'web:1');
      await rejectsWith(providers.ecs.listTasks('c1', 'web', 'RUNNING'), 'failed', 'InternalFailure');
      assert.equal((await providers.ecs.listTasks('c1', 'web', 'RUNNING')).length, 1, 'the one-shot fault is used up');
      assert.equal(requestsOf(handle, 'FilterLogEvents').length, 1, 'maxAttempts 1: a throttled call is not retried');
    } finally {
      await handle.close();
    }
  });

  it('never puts credentials in a message', async () => {
    const { handle } = await startMini();
    const { accessKeyId, secretAccessKey } = handle.aws.credentials;
    try {
      // The emulator echoes the fault message; pretend a service leaked the key material into it.
      const leaky = await startSandbox({
        scenario: parseScenario(miniScenario({ faults: [{ service: 'ecs', error: 'AccessDeniedException', message: `denied for ${accessKeyId} / ${secretAccessKey} (AKIAIOSFODNN7EXAMPLE)` }] })),
      });
      try {
        const error = await rejectsWith(sandboxProviders(leaky).ecs!.describeService('c1', 'web'), 'access-denied');
        for (const secret of [accessKeyId, secretAccessKey, 'AKIAIOSFODNN7EXAMPLE']) assert.equal(error.message.includes(secret), false, error.message);
      } finally {
        await leaky.close();
      }
      // Wrong keys: the emulator rejects them like AWS does.
      const wrong = createAwsProviders({ region: 'eu-west-1', endpoint: handle.aws.endpoint, credentials: { accessKeyId: 'AKIAWRONGKEY00000000', secretAccessKey: 'wrong-secret-value' }, maxAttempts: 1 });
      const error = await rejectsWith(wrong.ecs.describeService('c1', 'web'), 'access-denied', 'UnrecognizedClientException');
      assert.equal(error.message.includes('AKIAWRONGKEY00000000') || error.message.includes('wrong-secret-value'), false);
    } finally {
      await handle.close();
    }
  });

  it('maps a profile without credentials to access-denied, naming the profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-config-'));
    const saved = { ...process.env };
    try {
      writeFileSync(join(dir, 'config'), '[profile other]\nregion = eu-west-1\n');
      writeFileSync(join(dir, 'credentials'), '');
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) delete process.env[name];
      Object.assign(process.env, { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' });
      const { logs } = createAwsProviders({ region: 'eu-west-1', profile: 'incident-readonly', endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
      await rejectsWith(logs.filterLogEvents({ logGroup: MINI_GROUP, startTime: 0, endTime: 1 }), 'access-denied', 'profile "incident-readonly"');
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps an AbortSignal to cancelled, mid-request and before it', async () => {
    const { handle, providers } = await startMini({ faults: [{ service: 'logs', operation: 'FilterLogEvents', delayMs: 5000 }] });
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      await rejectsWith(providers.logs.filterLogEvents({ logGroup: MINI_GROUP, startTime: 0, endTime: Date.now() }, controller.signal), 'cancelled', 'was cancelled');
      assert.ok(Date.now() - started < 2000, 'the call returned without waiting for the server');
      assert.equal(requestsOf(handle, 'FilterLogEvents').length, 1, 'the request was in flight when it was cancelled');
      await rejectsWith(providers.ecs.describeService('c1', 'web', AbortSignal.abort()), 'cancelled');
    } finally {
      await handle.close();
    }
  });

  it('maps a request timeout to timeout', async () => {
    const { handle } = await startMini({ faults: [{ service: 'ecs', operation: 'DescribeServices', delayMs: 3000 }] });
    try {
      const { ecs } = createAwsProviders({ region: handle.aws.region, endpoint: handle.aws.endpoint, credentials: handle.aws.credentials, maxAttempts: 1, requestTimeoutMs: 200 });
      await rejectsWith(ecs.describeService('c1', 'web'), 'timeout', 'timed out');
    } finally {
      await handle.close();
    }
  });
});
