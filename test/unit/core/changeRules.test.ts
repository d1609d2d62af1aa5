/**
 * The change rules on what a deploy changed: a changed setting the new lines name (whatever
 * their level) is the culprit, and a new image is to blame when the failure is one only an image
 * causes, even if no message names the tag.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HypothesisNode, QuerySpec } from '../../../src/core/model';
import { diffContainers, ecsContainers } from '../../../src/core/engine/changes';
import { changeDiffRule } from '../../../src/core/reasoner/rules/changeDiff';
import { configChangeRule } from '../../../src/core/reasoner/rules/configChange';
import { dependencyCauseRule, dependencyChangeRule } from '../../../src/core/reasoner/rules/dependencyCause';
import type { QueryResult, TriageContext } from '../../../src/core/reasoner/types';
import { triageContext } from './triageContext';
import type { EcsTaskDefinition, LogEvent } from '../../../src/providers/types';

const MIN = 60_000;
const onset = Date.parse('2026-05-25T11:05:00Z');
const context: TriageContext = triageContext(onset, { platform: 'ecs', cluster: 'prod', service: 'worker' }, { logSource: { kind: 'cloudwatch', logGroup: '/ecs/worker' } }, 'worker');
const view = (focus: Record<string, string>) => ({ node: { id: 'H1', depth: 0, category: 'config-change', title: '', rationale: '', prior: 0.5, status: 'testing', confidence: 0.5, evidenceIds: [], queryIds: [] } as HypothesisNode, focus });
const query = { id: 'Q1', hypothesisId: 'H1', provider: 'cloudwatch-logs', operation: 'logs.compareWindows', target: '/ecs/worker', params: {}, rationale: '' } as QuerySpec;
const line = (at: number, message: string): LogEvent => ({ timestamp: at, message, logStream: 's' });
const logs = (incident: LogEvent[]): QueryResult => ({
  operation: 'logs.compareWindows',
  baseline: [line(onset - 50 * MIN, 'processed job in 40ms')],
  incident,
  baselineWindow: { start: onset - 60 * MIN, end: onset - 5 * MIN },
  incidentWindow: { start: onset - 5 * MIN, end: onset + 20 * MIN },
  truncated: false,
});

describe('a configuration change', () => {
  const focus = { rule: 'config-change', changeAt: String(onset - 3 * MIN), platform: 'ecs', toVersion: 'worker:12', fromVersion: 'worker:11', kinds: 'env', settings: 'SQS_VISIBILITY_TIMEOUT,DEPLOY_ENV' };

  it('asks the logs for the changed settings by name, not only for error-level lines', () => {
    const planned = configChangeRule.plan(view(focus), context);
    assert.ok(planned.some((q) => String(q.params.terms).includes('DEPLOY_ENV')), JSON.stringify(planned.map((q) => q.params.terms)));
  });

  it('new lines that name a changed setting blame it, strongly', () => {
    const incident = [0, 3, 6, 9].map((m) => line(onset + m * MIN, 'Environment variable DEPLOY_ENV is undefined'));
    const [evidence] = configChangeRule.interpret(view(focus), query, logs(incident), context);
    assert.equal(evidence?.strength, 'strong');
    assert.deepEqual(evidence?.culprit, { kind: 'config', id: 'DEPLOY_ENV' });
  });

  it('credentials rejected after a credential setting changed blame that setting, though no line names it', () => {
    const secret = { ...focus, settings: 'ES_PASS,ES_VERIFY_CERTS' };
    const incident = [0, 2, 4].map((m) => line(onset + m * MIN, "bulk index failed: AuthenticationException(401, 'security_exception', 'unable to authenticate user [indexer] for REST request [/_bulk]')"));
    const [evidence] = configChangeRule.interpret(view(secret), query, logs(incident), context);
    assert.deepEqual([evidence?.strength, evidence?.culprit], ['strong', { kind: 'config', id: 'ES_PASS' }]);
    // No credential among the changed settings: new errors stay a weak lead.
    const [lead] = configChangeRule.interpret(view({ ...focus, settings: 'ES_VERIFY_CERTS' }), query, logs(incident), context);
    assert.equal(lead?.strength, 'weak');
  });

  it('a longer name that merely starts the same is not the setting', () => {
    const incident = [0, 3, 6].map((m) => line(onset + m * MIN, 'ERROR DEPLOY_ENVIRONMENT_NAME missing'));
    const [evidence] = configChangeRule.interpret(view(focus), query, logs(incident), context);
    assert.notEqual(evidence?.culprit?.id, 'DEPLOY_ENV');
  });
});

describe('a new image', () => {
  const definition = (revision: number, image: string): EcsTaskDefinition => ({ arn: `arn:aws:ecs:eu-west-1:1:task-definition/catalog:${revision}`, family: 'catalog', revision, containers: [{ name: 'app', image, environment: [] }] });
  const diff: QueryResult = { operation: 'ecs.taskDefinitionDiff', from: definition(22, 'registry/catalog:1.12.0'), to: definition(23, 'registry/catalog:1.12.1-arm64') };
  const focus = (examples: string) => ({ rule: 'change-diff', kinds: 'image', platform: 'ecs', toVersion: 'catalog:23', fromVersion: 'catalog:22', examples });

  it('is to blame when the tasks die of a failure only an image causes', () => {
    const [evidence] = changeDiffRule.interpret(view(focus('exec /app/server: exec format error')), query, diff, context);
    assert.equal(evidence?.strength, 'strong');
    assert.deepEqual(evidence?.culprit, { kind: 'task-definition', id: 'catalog:23' });
  });

  it('is only a lead when the failure could come from anything', () => {
    const [evidence] = changeDiffRule.interpret(view(focus('Essential container in task exited')), query, diff, context);
    assert.equal(evidence?.strength, 'weak');
  });
});

describe('a version that reserves more than fits', () => {
  const definition = (revision: number, cpu: string): EcsTaskDefinition => ({ arn: `arn:aws:ecs:eu-west-1:1:task-definition/ledger:${revision}`, family: 'ledger', revision, cpu, containers: [{ name: 'app', image: 'registry/ledger:5', environment: [] }] });
  const diff = (from: string, to: string): QueryResult => ({ operation: 'ecs.taskDefinitionDiff', from: definition(27, from), to: definition(28, to) });
  const capacity = (kinds: string, examples: string) => ({ node: { ...view({}).node, category: 'capacity' as const }, focus: { rule: 'change-diff', kinds, platform: 'ecs', toVersion: 'ledger:28', fromVersion: 'ledger:27', parentCategory: 'capacity', examples } });
  const short = '3 capacity event(s): "(service ledger) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 3f1c) has insufficient CPU units available."';

  it('blames the version when placement fails for lack of the resource it raised', () => {
    const [evidence] = changeDiffRule.interpret(capacity('cpu', short), query, diff('512', '2048'), context);
    assert.equal(evidence?.strength, 'strong');
    assert.equal(evidence?.supports, true);
    assert.deepEqual(evidence?.culprit, { kind: 'task-definition', id: 'ledger:28' });
  });

  it('leaves it to the cluster when the reservation shrank or another resource ran short', () => {
    const [lowered] = changeDiffRule.interpret(capacity('cpu', short), query, diff('2048', '512'), context);
    assert.equal(lowered?.supports, false);
    const [memory] = changeDiffRule.interpret(capacity('cpu', short.replace('CPU units', 'memory')), query, diff('512', '2048'), context);
    assert.equal(memory?.supports, false);
    assert.equal(memory?.culprit, undefined);
  });
});

describe('a dependency\'s own deployment', () => {
  const definition = (revision: number, image: string, port: string): EcsTaskDefinition => ({ arn: `arn:aws:ecs:us-east-1:1:task-definition/quote:${revision}`, family: 'quote', revision, containers: [{ name: 'quote', image, environment: [{ name: 'QUOTE_PORT', value: port }] }] });
  const focus = { rule: 'dependency-change', dependency: 'quote', platform: 'ecs', cluster: 'prod', fromVersion: 'arn:aws:ecs:us-east-1:1:task-definition/quote:17', toVersion: 'arn:aws:ecs:us-east-1:1:task-definition/quote:18' };
  const node = { ...view({}).node, id: 'H1.1', category: 'config-change' as const };

  it('is read from the version it replaced: the deploy evidence leads to a diff of the two task definitions', () => {
    const deployed = { kind: 'deployment' as const, strength: 'strong' as const, supports: true, summary: 'quote deployed quote:18', culprit: { kind: 'task-definition' as const, id: 'quote:18' }, data: { deployedFrom: focus.fromVersion, to: focus.toVersion, changeAt: onset - 6 * MIN } };
    const [child] = dependencyCauseRule.refine!({ node, focus: { rule: 'dependency-cause', dependency: 'quote', platform: 'ecs', cluster: 'prod' } }, [deployed], context);
    assert.equal(child?.focus?.rule, 'dependency-change');
    const [diff] = dependencyChangeRule.plan({ node, focus: child!.focus! }, context);
    assert.deepEqual([diff?.operation, diff?.target, diff?.params], ['ecs.taskDefinitionDiff', 'prod/quote', { from: focus.fromVersion, to: focus.toVersion }]);
  });

  it('that crashes says why in its last words, once per restart: that counts, and the address it used is the next hop', () => {
    const k8s = triageContext(onset, { platform: 'kubernetes', namespace: 'hotels', kind: 'Deployment', name: 'frontend', deployment: 'frontend' }, {}, 'frontend');
    const url = '2026-05-25T11:07:12Z INF cmd/geo/main.go:36 > Read database URL: mongodb-geo:27017';
    const panic = 'panic: not authorized on geo-db to execute command { count: "geo", $db: "geo-db" }';
    const result = { ...(logs([line(onset + 2 * MIN, url), line(onset + 2 * MIN, panic)]) as Extract<QueryResult, { operation: 'logs.compareWindows' }>), lastWords: { 'geo-5f6d/geo': [url, panic] } };
    const geo = { node: { ...node, category: 'dependency' as const }, focus: { rule: 'dependency-cause', dependency: 'geo', platform: 'kubernetes', namespace: 'hotels', hops: '2', visited: 'frontend,search,geo' } };
    const [said] = dependencyCauseRule.interpret(geo, query, result, k8s);
    assert.deepEqual([said?.strength, said?.supports, said?.data?.further], ['strong', true, 'mongodb-geo']);
    assert.match(said!.summary, /geo is failing too \(its containers die saying so\)/);
    // Not a last word: one line is not yet a failure of geo's, but lines it never printed say it behaves differently (not a refutation).
    const [once] = dependencyCauseRule.interpret(geo, query, logs([line(onset + 2 * MIN, url), line(onset + 2 * MIN, panic)]), k8s);
    assert.deepEqual([once?.supports, once?.strength], [false, 'none']);
    assert.match(once!.summary, /geo logs 2 kind\(s\) of line it did not before, no repeated error among them/);
    // The same lines as before, no errors: it looks healthy, a (weak) refutation.
    const [same] = dependencyCauseRule.interpret(geo, query, logs([line(onset + 2 * MIN, 'processed job in 40ms')]), k8s);
    assert.deepEqual([same?.supports, same?.strength], [false, 'weak']);
    // The hop goes past geo (already visited, though "geo is down" comes first) to what its errors name.
    const down = { kind: 'pod-status' as const, strength: 'strong' as const, supports: true, summary: 'geo has 0 of 1 replicas ready.', culprit: { kind: 'dependency' as const, id: 'geo' } };
    const [next] = dependencyCauseRule.refine!(geo, [down, { ...said!, culprit: { kind: 'dependency', id: 'mongodb-geo' } }], k8s);
    assert.equal(next?.focus?.dependency, 'mongodb-geo');
  });

  it('that kept the image and changed settings is a configuration change of that version', () => {
    const [evidence] = dependencyChangeRule.interpret({ node, focus }, query, { operation: 'ecs.taskDefinitionDiff', from: definition(17, 'registry/quote:2.1', '8080'), to: definition(18, 'registry/quote:2.1', '8090') }, context);
    assert.deepEqual([evidence?.strength, evidence?.supports, evidence?.culprit], ['strong', true, { kind: 'task-definition', id: 'quote:18' }]);
    assert.match(evidence!.summary, /kept the image of quote:17; only settings changed \(quote env QUOTE_PORT changed\)/);
    assert.ok(!evidence!.summary.includes('8090'), 'values are not quoted');
  });

  it('that shipped a new image is new code, not only settings', () => {
    const [evidence] = dependencyChangeRule.interpret({ node, focus }, query, { operation: 'ecs.taskDefinitionDiff', from: definition(17, 'registry/quote:2.1', '8080'), to: definition(18, 'registry/quote:2.2', '8090') }, context);
    assert.equal(evidence?.supports, false);
    assert.match(evidence!.summary, /new image/);
  });
});

describe('task-definition diffs', () => {
  const withSecrets = (revision: number, secrets: { name: string; valueFrom: string }[]): EcsTaskDefinition => ({ arn: `arn:aws:ecs:eu-west-1:1:task-definition/proxy:${revision}`, family: 'proxy', revision, containers: [{ name: 'app', image: 'registry/proxy:1', environment: [{ name: 'MODE', value: 'prod' }], secrets }] });
  it('a removed or repointed secret reference is a changed setting, named without its value', () => {
    const before = withSecrets(8, [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:1:secret:prod/db-AbC' }, { name: 'API_TOKEN', valueFrom: 'arn:aws:ssm:eu-west-1:1:parameter/token' }]);
    const after = withSecrets(9, [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:1:secret:prod/database-secret' }]);
    const differences = diffContainers(ecsContainers(before), ecsContainers(after));
    assert.deepEqual(differences.map((d) => d.text), ['app env DB_PASSWORD changed', 'app env API_TOKEN removed']);
    assert.ok(differences.every((d) => !d.text.includes('arn:')), 'no reference is quoted');
  });
});
