/** The user's judgements fold into the state the same way in every front end and on replay. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runInvestigation } from '../../../src/core/engine/investigation';
import { EventStream, type InvestigationEvent } from '../../../src/core/events';
import { reduceInvestigation } from '../../../src/core/state';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { startSandbox } from '../../../src/sandbox/sandbox';
import { loadBundledScenario } from '../../../src/sandbox/scenarios';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('user judgements', () => {
  let events: InvestigationEvent[];

  before(async () => {
    const handle = await startSandbox({ scenario: loadBundledScenario('demo-oom') });
    try {
      const stream = new EventStream('judgements', () => handle.now);
      await runInvestigation({ incident: handle.incident, providers: sandboxProviders(handle), stream, now: () => handle.now });
      events = [...stream.events];
    } finally {
      await handle.close();
    }
  });

  const judge = (hypothesisId: string, judgement: 'prune' | 'root-cause' | 'retest'): InvestigationEvent => ({
    type: 'user.judgement',
    hypothesisId,
    judgement,
    by: 'tester',
    investigationId: 'judgements',
    seq: events.length + 1,
    at: '2026-11-20T10:50:00.000Z',
  });

  it('prune marks the node pruned and is recorded', () => {
    const state = reduceInvestigation([...events, judge('H4', 'prune')]);
    assert.equal(state.hypotheses.H4!.status, 'pruned');
    assert.equal(state.judgements.H4!.judgement, 'prune');
  });

  it('mark as root cause moves the conclusion with its own chain and drops stale remediations', () => {
    const before = reduceInvestigation(events);
    const other = Object.values(before.hypotheses).find((h) => h.id !== before.conclusion!.hypothesisId && h.status === 'supported' && h.depth === 0)!;
    const state = reduceInvestigation([...events, judge(other.id, 'root-cause')]);
    assert.equal(state.conclusion!.hypothesisId, other.id);
    assert.equal(state.hypotheses[other.id]!.status, 'confirmed');
    assert.equal(state.hypotheses[before.conclusion!.hypothesisId!]!.status, 'supported');
    assert.deepEqual(state.conclusion!.remediations, []);
    const chainCommits = other.evidenceIds.flatMap((id) => state.evidence[id]!.commits ?? []).map((c) => c.sha);
    assert.deepEqual(state.conclusion!.commits.map((c) => c.sha), chainCommits);
  });

  it('re-test puts the node back to pending without citing its old evidence', () => {
    const state = reduceInvestigation([...events, judge('H1', 'retest')]);
    assert.equal(state.hypotheses.H1!.status, 'pending');
    assert.deepEqual(state.hypotheses.H1!.evidenceIds, []);
    assert.ok(Object.keys(state.evidence).length > 0, 'the record keeps the evidence itself');
  });
});
