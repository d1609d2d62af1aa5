/**
 * What the planner proposes for a conclusion: a rollback when a change is to blame (including
 * a version that reserves more than the cluster can place), scaling for a traffic spike, and
 * nothing it cannot justify.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Conclusion } from '../../../src/core/model';
import type { ChangeRecord } from '../../../src/core/reasoner/types';
import { proposeRemediations } from '../../../src/core/safety/remediationPlanner';
import { ECS_TARGET, triageContext } from './triageContext';

const onset = Date.parse('2026-11-04T13:52:00Z');
const context = triageContext(onset, ECS_TARGET, { workload: { platform: 'ecs', name: 'api', desired: 6, running: 4, pending: 0, events: [] } });
const conclusion = (over: Partial<Conclusion>): Conclusion => ({ status: 'root-cause', confidence: 0.8, summary: 's', commits: [], remediations: [], unchecked: [], ...over });
const change: ChangeRecord = { kind: 'deployment', platform: 'ecs', at: onset - 32 * 60_000, summary: 'api:27 -> api:28', fromVersion: 'api:27', toVersion: 'api:28', differences: [] };

describe('remediation planner', () => {
  it('rolls back a version whose reservation cannot be placed', () => {
    const [rollback, ...rest] = proposeRemediations(conclusion({ category: 'capacity', culprit: { kind: 'task-definition', id: 'api:28' } }), context, change);
    assert.equal(rollback?.title, 'Roll back to api:27');
    assert.deepEqual(rollback?.action, { kind: 'ecs.updateService', cluster: 'prod', service: 'api', taskDefinition: 'api:27' });
    assert.equal(rest.length, 0, 'no scaling: more units would not be placed either');
  });
  it('proposes nothing for a cluster out of capacity with no change to undo', () => {
    assert.deepEqual(proposeRemediations(conclusion({ category: 'capacity', culprit: { kind: 'other', id: 'capacity' } }), context, undefined), []);
  });
  it('scales out for a traffic spike, with the undo', () => {
    const [scale] = proposeRemediations(conclusion({ category: 'traffic-spike' }), context, undefined);
    assert.deepEqual(scale?.action, { kind: 'ecs.updateService', cluster: 'prod', service: 'api', desiredCount: 12 });
    assert.deepEqual(scale?.undoAction, { kind: 'ecs.updateService', cluster: 'prod', service: 'api', desiredCount: 6 });
  });
});
