/**
 * Deaths ECS has forgotten: starts the service's events record after its rollout completed,
 * away from any stop (a deployment or scaling swap), are tasks replacing dead ones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replacedTasks } from '../../../src/core/engine/replacements';
import type { EcsService } from '../../../src/providers/types';

const at = (hhmm: string) => Date.parse(`2026-10-02T${hhmm}:00Z`);
const now = at('11:15');
const service = (events: [string, string][], rolloutState = 'COMPLETED'): EcsService => ({
  cluster: 'analytics', serviceName: 'exporter', serviceArn: 'arn:s', status: 'ACTIVE', desiredCount: 1, runningCount: 1, pendingCount: 0, taskDefinition: 'exporter:14',
  deployments: [{ id: 'd2', status: 'PRIMARY', taskDefinition: 'exporter:14', desiredCount: 1, runningCount: 1, createdAt: at('08:00'), updatedAt: at('08:04'), rolloutState }],
  events: events.map(([time, message], i) => ({ id: `e${i}`, createdAt: at(time), message: `(service exporter) ${message}` })),
});

describe('replaced tasks', () => {
  const rollout: [string, string][] = [['08:00', 'has started 1 tasks: (task a).'], ['08:03', 'has stopped 1 running tasks: (task b).'], ['08:04', 'has reached a steady state.']];
  it('counts the starts after the rollout completed', () => {
    const hourly: [string, string][] = [...rollout, ['09:01', 'has started 1 tasks: (task c).'], ['10:01', 'has started 1 tasks: (task d).'], ['11:01', 'has started 1 tasks: (task e).']];
    assert.deepEqual(replacedTasks(service(hourly), now), { count: 3, first: at('09:01'), last: at('11:01') });
  });
  it('does not count the rollout\'s own starts, a swap next to a stop, or any start while a deployment rolls', () => {
    assert.equal(replacedTasks(service(rollout), now), undefined);
    const swap: [string, string][] = [...rollout, ['09:30', 'has stopped 1 running tasks: (task c).'], ['09:31', 'has started 1 tasks: (task d).']];
    assert.equal(replacedTasks(service(swap), now), undefined);
    assert.equal(replacedTasks(service([...rollout, ['09:01', 'has started 1 tasks: (task c).']], 'IN_PROGRESS'), now), undefined);
  });
});
