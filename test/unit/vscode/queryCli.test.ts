import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import type { QuerySpec } from '../../../src/core/model';
import { queryToCli, shellQuote } from '../../../src/core/queryCli';

const HOSTILE = [
  '',
  'plain',
  'with space',
  "it's",
  "'",
  "''",
  '"double"',
  '$(touch /tmp/pwned)',
  '`touch /tmp/pwned`',
  '${HOME}',
  '; rm -rf / #',
  '| cat /etc/passwd',
  '&& echo owned',
  '-rf',
  '--output=/etc/passwd',
  'line1\nline2',
  'tab\there',
  'cr\rlf',
  'nul-adjacent \u0001 \u007f',
  'back\\slash',
  "mixed 'single' and \\ and \n newline",
  '?ERROR ?"timed out"',
  'ünïcödé ✓ 日本',
  '*',
  '~',
  '!history',
  '#comment',
  'a=b',
];

/** What bash receives as argv for a quoted word (printed NUL-separated). */
function bashArgs(quoted: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${quoted}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

test('shellQuote round-trips hostile values through bash as exactly one word', () => {
  for (const value of HOSTILE) {
    const quoted = shellQuote(value);
    assert.deepEqual(bashArgs(quoted), [value], `value ${JSON.stringify(value)} quoted as ${quoted}`);
    assert.ok(!/[\n\r]/.test(quoted), `the quoted form of ${JSON.stringify(value)} stays on one line: ${quoted}`);
  }
});

test('shellQuote also round-trips through POSIX sh when there are no control characters', () => {
  // eslint-disable-next-line no-control-regex -- control characters are what is filtered out
  for (const value of HOSTILE.filter((v) => !/[\u0000-\u001f\u007f]/.test(v))) {
    const out = execFileSync('sh', ['-c', `printf '%s\\0' ${shellQuote(value)}`], { encoding: 'utf8' });
    assert.deepEqual(out.split('\0').slice(0, -1), [value]);
  }
});

test('plain words stay unquoted so the command reads naturally', () => {
  assert.equal(shellQuote('/ecs/image-resizer'), '/ecs/image-resizer');
  assert.equal(shellQuote('prod-east'), 'prod-east');
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});

const base = { id: 'Q1', hypothesisId: 'H1', rationale: 'why', params: {} } satisfies Partial<QuerySpec>;
const window = { start: Date.parse('2026-11-20T10:02:00Z'), end: Date.parse('2026-11-20T10:41:00Z') };

test('CloudWatch filter queries become filter-log-events with ms times for both windows', () => {
  const cli = queryToCli(
    {
      ...base,
      provider: 'cloudwatch-logs',
      operation: 'logs.compareWindows',
      target: '/ecs/image-resizer',
      params: { filterPattern: '?ERROR ?"timed out"', baselineStart: window.start - 3_600_000, baselineEnd: window.start - 1 },
      window,
    },
    { awsRegion: 'eu-west-1', awsProfile: 'prod' },
  );
  const lines = cli.split('\n').filter((line) => !line.startsWith('#'));
  assert.equal(lines.length, 2);
  assert.equal(
    lines[0],
    `aws logs filter-log-events --log-group-name=/ecs/image-resizer --filter-pattern='?ERROR ?"timed out"' --start-time=${window.start} --end-time=${window.end} --region=eu-west-1 --profile=prod`,
  );
  assert.match(lines[1]!, new RegExp(`--start-time=${window.start - 3_600_000} --end-time=${window.start - 1}`));
});

test('Insights queries become start-query with epoch seconds', () => {
  const cli = queryToCli({ ...base, provider: 'cloudwatch-logs', operation: 'logs.insights', target: '/ecs/x', params: { queryString: "filter @message like /ERROR/ | stats count(*) by bin(1m)" }, window });
  assert.match(cli, /^aws logs start-query --log-group-name=\/ecs\/x --start-time=1795\d{6} --end-time=1795\d{6} --query-string='filter @message like \/ERROR\/ \| stats count\(\*\) by bin\(1m\)'/);
  assert.match(cli, /get-query-results/);
});

test('ECS queries', () => {
  assert.equal(
    queryToCli({ ...base, provider: 'ecs', operation: 'ecs.serviceEvents', target: 'prod-east/image-resizer' }),
    'aws ecs describe-services --cluster=prod-east --services=image-resizer',
  );
  const stopped = queryToCli({ ...base, provider: 'ecs', operation: 'ecs.stoppedTasks', target: 'prod-east/image-resizer' });
  assert.match(stopped, /^aws ecs list-tasks --cluster=prod-east --service-name=image-resizer --desired-status=STOPPED$/m);
  assert.match(stopped, /^# then: aws ecs describe-tasks --cluster=prod-east --tasks/m);
  const diff = queryToCli({ ...base, provider: 'ecs', operation: 'ecs.taskDefinitionDiff', target: 'c/s', params: { from: 'image-resizer:41', to: 'image-resizer:42' } });
  assert.deepEqual(diff.split('\n'), [
    'aws ecs describe-task-definition --task-definition=image-resizer:41',
    'aws ecs describe-task-definition --task-definition=image-resizer:42',
  ]);
});

test('Kubernetes queries', () => {
  const options = { kubeContext: 'prod' };
  assert.equal(
    queryToCli({ ...base, provider: 'kubernetes', operation: 'k8s.pods', target: 'shop/app=checkout,tier=web' }, options),
    'kubectl --context=prod get pods --namespace=shop --selector=app=checkout,tier=web --output=wide',
  );
  assert.equal(queryToCli({ ...base, provider: 'kubernetes', operation: 'k8s.events', target: 'shop' }), 'kubectl get events --namespace=shop --sort-by=.lastTimestamp');
  assert.match(queryToCli({ ...base, provider: 'kubernetes', operation: 'k8s.rollout', target: 'shop/checkout' }), /^kubectl rollout history deployment\/checkout --namespace=shop$/m);
  const logs = queryToCli({ ...base, provider: 'kubernetes', operation: 'logs.compareWindows', target: 'shop/app=checkout', params: { terms: JSON.stringify(['OOMKilled', "it's bad"]) }, window });
  assert.match(logs, /^kubectl logs --namespace=shop --selector=app=checkout --all-containers --prefix --timestamps --tail=-1 --since-time=2026-11-20T10:02:00.000Z \| grep -F -e OOMKilled -e 'it'\\''s bad'$/m);
  assert.match(logs, /--previous/);
});

test('git queries keep refs from becoming options', () => {
  assert.equal(
    queryToCli({ ...base, provider: 'git', operation: 'git.commitRange', target: 'workspace', params: { fromCommit: '4a06bab', toCommit: '8e62d2f' } }),
    'git log --stat --end-of-options 4a06bab..8e62d2f',
  );
  assert.equal(
    queryToCli({ ...base, provider: 'git', operation: 'git.commitRange', target: 'workspace', params: { toCommit: '--output=/tmp/x' } }, { repoDir: '/work/my repo' }),
    "git -C '/work/my repo' log --stat --end-of-options --output=/tmp/x",
  );
});

test('hostile values in every field stay inert arguments of the intended command', () => {
  for (const value of HOSTILE.filter(Boolean)) {
    const queries: QuerySpec[] = [
      { ...base, provider: 'cloudwatch-logs', operation: 'logs.compareWindows', target: value, params: { filterPattern: value }, window },
      { ...base, provider: 'ecs', operation: 'ecs.serviceEvents', target: `${value}/${value}` },
      { ...base, provider: 'kubernetes', operation: 'k8s.pods', target: `${value}/${value}` },
      { ...base, provider: 'git', operation: 'git.commitsBetween', target: 'workspace', params: { since: value, until: value } },
    ];
    for (const query of queries) {
      const cli = queryToCli(query, { awsRegion: value, kubeContext: value });
      for (const line of cli.split('\n')) {
        if (line.startsWith('#')) continue;
        // bash parses the line into words without running anything: each option keeps its value.
        const argv = bashArgs(line.replace(/^(aws|kubectl|git) /, ''));
        for (const arg of argv) assert.ok(!arg.startsWith('-') || /^--[a-z-]+(=|$)/.test(arg), `unexpected word ${JSON.stringify(arg)} from ${line}`);
        const values = argv.filter((arg) => arg.includes('=')).map((arg) => arg.slice(arg.indexOf('=') + 1));
        assert.ok(values.some((v) => v.includes(value)), `${JSON.stringify(value)} should survive as a value in ${line}`);
      }
    }
  }
});

test('unknown operations are a comment, not a command', () => {
  assert.equal(queryToCli({ ...base, provider: 'context', operation: 'mystery.op', target: 'x\nrm -rf /' }), '# no CLI equivalent for context mystery.op x rm -rf /');
});

test('the objects around a workload and an ECS service\'s target health as kubectl and aws commands', () => {
  assert.equal(queryToCli({ ...base, provider: 'kubernetes', operation: 'k8s.objects', target: 'shop', params: { kinds: 'Service,Endpoints,ConfigMap', limit: 200 } }), 'kubectl get service,endpoints,configmap --namespace=shop --chunk-size=200');
  assert.equal(queryToCli({ ...base, provider: 'kubernetes', operation: 'k8s.objects', target: 'shop/Service,Endpoints/payments', params: {} }), 'kubectl get service/payments,endpoints/payments --namespace=shop --output=yaml');
  const arn = 'arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/api-tg/8f2c';
  assert.deepEqual(queryToCli({ ...base, provider: 'elb', operation: 'elb.targetHealth', target: 'prod/api', params: { targetGroupArns: arn } }).split('\n'), [
    `aws elbv2 describe-target-groups --target-group-arns=${arn}`,
    `aws elbv2 describe-target-health --target-group-arn=${arn}`,
  ]);
});

test('the AWS signal queries copy as the aws cloudwatch / ecs commands that read the same data', () => {
  const window = { start: Date.parse('2026-06-05T10:00:00Z'), end: Date.parse('2026-06-05T14:30:00Z') };
  const alarms = queryToCli({ ...base, provider: 'cloudwatch', operation: 'cw.alarms', target: 'prod/api', params: {}, window }).split('\n');
  assert.equal(alarms[0], 'aws cloudwatch describe-alarms --alarm-types=MetricAlarm');
  assert.match(alarms[1]!, /^# then, per alarm: aws cloudwatch describe-alarm-history --alarm-name <name> --history-item-type=StateUpdate --start-date=2026-06-05T10:00:00.000Z/);
  const queries = JSON.stringify([{ namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: { ClusterName: 'prod', ServiceName: 'api' }, stat: 'Average' }]);
  const metrics = queryToCli({ ...base, provider: 'cloudwatch', operation: 'cw.metrics', target: 'prod/api', params: { queries, resources: JSON.stringify(['orders-db']) }, window }).split('\n');
  assert.ok(metrics.includes('aws cloudwatch list-metrics --namespace=AWS/RDS --recently-active=PT3H'), metrics.join('\n'));
  const data = metrics.find((line) => line.startsWith('aws cloudwatch get-metric-data'))!;
  assert.match(data, /--start-time=2026-06-05T10:00:00.000Z --end-time=2026-06-05T14:30:00.000Z$/);
  const body = /--metric-data-queries='(.*?)'/.exec(data)?.[1];
  assert.deepEqual(JSON.parse(body!), [{ Id: 'm0', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'ClusterName', Value: 'prod' }, { Name: 'ServiceName', Value: 'api' }] }, Period: 60, Stat: 'Average' } }]);
  const activity = queryToCli({ ...base, provider: 'ecs', operation: 'ecs.clusterActivity', target: 'prod', params: {}, window }).split('\n');
  assert.deepEqual(activity.filter((line) => !line.startsWith('#')), ['aws ecs list-tasks --cluster=prod --desired-status=RUNNING', 'aws ecs list-tasks --cluster=prod --desired-status=STOPPED', 'aws ecs list-services --cluster=prod']);
});
