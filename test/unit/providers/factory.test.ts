/** The providers a real environment gets from the settings: nothing connects until first use. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEnvironmentProviders } from '../../../src/providers/factory';

describe('environment providers', () => {
  it('an AWS region brings logs, ECS, metrics and alarms, load balancers and auto scaling', () => {
    const providers = createEnvironmentProviders({ awsRegion: 'eu-west-1' });
    assert.deepEqual(Object.keys(providers).sort(), ['autoScaling', 'ecs', 'loadBalancing', 'logs', 'metrics']);
    assert.equal(typeof providers.metrics?.getMetricData, 'function');
    assert.equal(typeof providers.ecs?.listServices, 'function');
  });
  it('without a region there is no AWS provider at all (its evidence is "unavailable")', () => {
    assert.deepEqual(Object.keys(createEnvironmentProviders({ repoRoot: '/tmp' })), ['git']);
  });
});
