import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAlert } from '../../../src/core/alerts';
import { InvalidInputError } from '../../../src/core/incident';
import { parseServiceMap } from '../../../src/core/serviceMap';

const alarm = {
  AlarmName: 'checkout-5xx',
  AlarmDescription: 'checkout: 5xx above 5%',
  NewStateValue: 'ALARM',
  NewStateReason: 'Threshold Crossed: 1 datapoint [9.8] was greater than the threshold (5.0).',
  StateChangeTime: '2026-11-20T10:16:00.000+0000',
  Region: 'US East (N. Virginia)',
  Trigger: { MetricName: 'HTTPCode_Target_5XX_Count', Namespace: 'AWS/ApplicationELB', Dimensions: [{ name: 'ClusterName', value: 'prod' }, { name: 'ServiceName', value: 'checkout' }] },
};

function rejects(input: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseAlert(input),
    (error: unknown) => error instanceof InvalidInputError && pattern.test(error.message),
  );
}

describe('parseAlert', () => {
  it('turns a CloudWatch alarm (also wrapped in SNS) into an ECS incident', () => {
    for (const payload of [alarm, { Type: 'Notification', Message: JSON.stringify(alarm) }]) {
      const incident = parseAlert(payload);
      assert.equal(incident.service, 'checkout');
      assert.deepEqual(incident.target, { platform: 'ecs', cluster: 'prod', service: 'checkout', region: 'us-east-1' });
      assert.equal(incident.startedAt, '2026-11-20T10:16:00.000Z');
      assert.equal(incident.source, 'cloudwatch-alarm');
    }
  });

  it('turns an Alertmanager webhook into a Kubernetes incident', () => {
    const incident = parseAlert({ alerts: [{ status: 'firing', labels: { alertname: 'HighErrorRate', namespace: 'shop', deployment: 'cart', severity: 'critical' }, annotations: { summary: 'cart 5xx' }, startsAt: '2026-11-20T10:16:00Z' }] });
    assert.deepEqual(incident.target, { platform: 'kubernetes', namespace: 'shop', deployment: 'cart', kind: 'Deployment', name: 'cart' });
    assert.equal(incident.severity, 'critical');
  });

  it('names the field that is wrong or missing', () => {
    rejects('{not json', /not JSON/);
    rejects([], /expected a JSON object/);
    rejects({ hello: 1 }, /not a recognised alert/);
    rejects({ ...alarm, StateChangeTime: 'yesterday' }, /StateChangeTime: "yesterday" is not a time/);
    rejects({ ...alarm, Trigger: { Dimensions: [{ name: 'ClusterName', value: 'prod' }] } }, /Trigger\.Dimensions: an ECS alarm needs .*ServiceName/);
    rejects({ ...alarm, AlarmName: 42 }, /AlarmName/);
    rejects({ alerts: [{ labels: { alertname: 'x' }, startsAt: '2026-11-20T10:16:00Z' }] }, /alerts\.0\.labels: needs "namespace"/);
    rejects({ id: 'INC-1', title: 't', source: 'demo', startedAt: 'soon', service: 's', target: { platform: 'ecs', cluster: 'c', service: 's' } }, /startedAt/);
    rejects({ id: 'INC-1', title: 't', source: 'demo', startedAt: '2026-11-20T10:16:00Z', service: 's', target: { platform: 'nomad' } }, /target\.platform/);
  });
});

describe('parseServiceMap', () => {
  it('reads services, dependencies and hosts', () => {
    const map = parseServiceMap('services:\n  checkout:\n    logGroup: /ecs/checkout\n    dependsOn: [payments-api]\n  payments-api:\n    hosts: [payments.internal]\n');
    assert.deepEqual(map.checkout, { name: 'checkout', logGroup: '/ecs/checkout', dependsOn: ['payments-api'], hosts: [] });
    assert.deepEqual(map['payments-api']!.hosts, ['payments.internal']);
  });

  it('names the bad field', () => {
    assert.throws(() => parseServiceMap('services:\n  checkout:\n    dependsOn: payments\n'), /services\.checkout\.dependsOn/);
    assert.throws(() => parseServiceMap('services: [\n'), /not valid YAML/);
  });
});
