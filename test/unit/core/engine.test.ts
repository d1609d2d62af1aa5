/**
 * The engine on the demo scenario, through the real AWS SDK and git against the sandbox:
 * branch / prune / confirm, the red herring, degradation, cancellation and replay.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEFAULT_LIMITS } from '../../../src/core/engine/limits';
import { resumeInvestigation, runInvestigation } from '../../../src/core/engine/investigation';
import { EventStream, type InvestigationEvent } from '../../../src/core/events';
import { reduceInvestigation, type InvestigationState } from '../../../src/core/state';
import { sandboxProviders } from '../../../src/sandbox/providers';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/sandbox';
import type { Scenario } from '../../../src/sandbox/scenario/scenario';
import { loadBundledScenario } from '../../../src/sandbox/scenarios';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function investigate(scenario: Scenario, options: { abortOn?: (event: InvestigationEvent) => boolean; withoutGit?: boolean } = {}) {
  const handle = await startSandbox({ scenario });
  const stream = new EventStream(`test-${scenario.id}`, () => handle.now);
  const controller = new AbortController();
  if (options.abortOn) stream.subscribe((event) => options.abortOn!(event) && controller.abort());
  const providers = sandboxProviders(handle);
  if (options.withoutGit) delete providers.git;
  try {
    const state = await runInvestigation({ incident: handle.incident, providers, stream, now: () => handle.now, signal: controller.signal });
    return { state, events: [...stream.events], handle };
  } finally {
    await handle.close();
  }
}

const byCategory = (state: InvestigationState, category: string) => state.hypothesisOrder.map((id) => state.hypotheses[id]!).filter((h) => h.category === category && h.depth === 0);

describe('investigation of the demo incident', () => {
  let state: InvestigationState;
  let events: InvestigationEvent[];
  let handle: SandboxHandle;

  before(async () => {
    ({ state, events, handle } = await investigate(loadBundledScenario('demo-oom')));
  });

  it('confirms an OOM root cause and blames the commit the deploy shipped', () => {
    assert.equal(state.outcome, 'concluded');
    const conclusion = state.conclusion!;
    assert.equal(conclusion.status, 'root-cause');
    assert.equal(conclusion.category, 'oom');
    assert.equal(conclusion.culprit?.kind, 'commit');
    assert.equal(conclusion.culprit?.id, handle.commits.cache);
    assert.deepEqual(conclusion.commits.map((c) => c.sha), [handle.commits.cache], 'only the culprit, not the innocent README commit');
    const confirmed = state.hypotheses[conclusion.hypothesisId!]!;
    assert.equal(confirmed.status, 'confirmed');
    assert.ok(confirmed.depth >= 1, 'the confirmed node is a refinement reached by branching');
    assert.ok(conclusion.confidence >= 0.7);
  });

  it('starts with 3–5 competing hypotheses and only branches under strong evidence', () => {
    const roots = state.hypothesisOrder.map((id) => state.hypotheses[id]!).filter((h) => h.depth === 0);
    assert.ok(roots.length >= 3 && roots.length <= 5, `${roots.length} roots`);
    for (const node of Object.values(state.hypotheses).filter((h) => h.parentId)) {
      const parent = state.hypotheses[node.parentId!]!;
      const parentStrong = parent.evidenceIds.some((id) => state.evidence[id]!.supports && state.evidence[id]!.strength === 'strong');
      assert.ok(parentStrong, `${node.id} has a parent with strong evidence`);
    }
  });

  it('prunes the red herring: the payments-api warnings were there before the incident', () => {
    const [dependency] = byCategory(state, 'dependency');
    assert.ok(dependency, 'a dependency hypothesis was considered');
    assert.equal(dependency.status, 'pruned');
    const evidence = dependency.evidenceIds.map((id) => state.evidence[id]!);
    assert.ok(evidence.some((e) => !e.supports && /payments-api/.test(e.summary) && /before/.test(e.summary)), 'cites the steady baseline');
  });

  it('ranks the confirmed root cause above every other hypothesis', () => {
    const confirmed = state.hypotheses[state.conclusion!.hypothesisId!]!;
    for (const node of Object.values(state.hypotheses)) {
      if (node.id !== confirmed.id) assert.ok(node.confidence <= confirmed.confidence, `${node.id} ${node.confidence} <= ${confirmed.confidence}`);
    }
  });

  it('moves through the phases in order and ties every query to a hypothesis with a bounded window', () => {
    const phases = events.filter((e) => e.type === 'phase.changed').map((e) => (e as { phase: string }).phase);
    assert.deepEqual(phases, ['triage', 'hypothesize', 'investigate', 'evaluate', 'conclude', 'remediate']);
    for (const record of Object.values(state.queries)) {
      assert.ok(record.query.hypothesisId, `${record.query.id} has a hypothesis`);
      if (record.query.provider === 'cloudwatch-logs') {
        const filter = String(record.query.params.filterPattern ?? record.query.params.queryString ?? '');
        // Lines are read over hours at most; only a filtered count per bin (the failure's history) looks back a week.
        const counted = record.query.operation === 'logs.insights' && /\|\s*stats count\(\*\).* by bin\(/.test(filter);
        assert.ok(record.query.window && record.query.window.end - record.query.window.start <= (counted ? DEFAULT_LIMITS.maxLogCountWindowMs : 6 * 3_600_000), `${record.query.id} is bounded`);
        assert.ok(/\S/.test(filter) && (record.query.operation !== 'logs.insights' || /\bfilter\b/.test(filter)), `${record.query.id} has a filter`);
      }
    }
  });

  it('cites log evidence with a stack frame pointing at the culprit file', () => {
    const locations = Object.values(state.evidence).flatMap((e) => e.codeLocations ?? []);
    assert.ok(locations.some((l) => l.path.endsWith('src/cache/thumbnailCache.js') && l.line > 0));
  });

  it('proposes a rollback to the previous task definition with its exact call and undo', () => {
    const [rollback] = state.conclusion!.remediations;
    assert.ok(rollback);
    assert.equal(rollback.action.kind === 'ecs.updateService' ? rollback.action.taskDefinition : undefined, 'image-resizer:41');
    assert.equal(rollback.risk, 'high');
    assert.match(rollback.apiCall, /^ecs\.UpdateService\(\{"cluster":"prod-east","service":"image-resizer","taskDefinition":"image-resizer:41"\}\)$/);
    assert.match(rollback.undo, /image-resizer:42/);
    assert.equal(handle.mutations().length, 0, 'nothing was changed without approval');
  });

  it('replays from the event log to the same state', () => {
    const replayed = reduceInvestigation(JSON.parse(JSON.stringify(events)) as InvestigationEvent[]);
    assert.deepEqual(JSON.parse(JSON.stringify(replayed)), JSON.parse(JSON.stringify(state)));
  });
});

describe('degradation and cancellation', () => {
  it('keeps going when CloudWatch Logs is throttled: evidence unavailable, confidence lower', async () => {
    const healthy = await investigate(loadBundledScenario('demo-oom'));
    const scenario = loadBundledScenario('demo-oom');
    scenario.world.faults = [{ service: 'logs', operation: 'FilterLogEvents', error: 'ThrottlingException' } as Scenario['world']['faults'][number]];
    const { state } = await investigate(scenario);
    assert.ok(state.outcome === 'concluded' || state.outcome === 'inconclusive', `outcome ${state.outcome}`);
    const unavailable = Object.values(state.evidence).filter((e) => e.kind === 'unavailable');
    assert.ok(unavailable.length > 0);
    assert.ok(unavailable.every((e) => /throttled/.test(e.summary)), 'says why');
    const best = (s: InvestigationState) => Math.max(...Object.values(s.hypotheses).map((h) => h.confidence));
    assert.ok(best(state) < best(healthy.state), `degraded ${best(state)} < healthy ${best(healthy.state)}`);
    assert.ok(state.conclusion!.unchecked.some((u) => /logs/.test(u)), 'lists what it could not check');
  });

  it('still investigates without a git repository, and says what is missing', async () => {
    const { state } = await investigate(loadBundledScenario('demo-oom'), { withoutGit: true });
    assert.ok(state.outcome === 'concluded' || state.outcome === 'inconclusive');
    assert.ok(state.warnings.some((w) => /git/.test(w)));
    assert.ok(state.conclusion!.commits.length === 0);
  });

  it('stops cleanly when cancelled', async () => {
    const { state, events } = await investigate(loadBundledScenario('demo-oom'), { abortOn: (e) => e.type === 'hypothesis.added' });
    assert.equal(state.outcome, 'cancelled');
    assert.equal(events.at(-1)!.type, 'investigation.completed');
    assert.equal(state.conclusion, undefined);
  });

  it('resumes an interrupted investigation from its events to the same conclusion, without redoing settled work', async () => {
    const { state: full } = await investigate(loadBundledScenario('demo-oom'));
    // Interrupt right after the first hypothesis is settled.
    const interrupted = await investigate(loadBundledScenario('demo-oom'), { abortOn: (e) => e.type === 'hypothesis.updated' && e.status !== 'testing' });
    assert.equal(interrupted.state.outcome, 'cancelled');
    const settled = Object.values(interrupted.state.hypotheses).filter((h) => h.status !== 'pending' && h.status !== 'testing').map((h) => h.id);
    assert.ok(settled.length >= 1);

    const handle = await startSandbox({ scenario: loadBundledScenario('demo-oom') });
    try {
      const recorded = JSON.parse(JSON.stringify(interrupted.events)) as InvestigationEvent[];
      const resumed = await resumeInvestigation({ events: recorded, providers: sandboxProviders(handle), now: () => handle.now });
      assert.equal(resumed.outcome, 'concluded');
      assert.equal(resumed.conclusion!.category, full.conclusion!.category);
      assert.equal(resumed.conclusion!.culprit?.id, handle.commits.cache);
      // Settled hypotheses were not queried again, and numbering continued.
      for (const id of settled) assert.equal(resumed.hypotheses[id]!.queryIds.length, interrupted.state.hypotheses[id]!.queryIds.length, id);
      const ids = resumed.queryOrder;
      assert.equal(new Set(ids).size, ids.length, 'query ids stay unique');
      assert.ok(resumed.thoughts.some((t) => /Resumed from the scratchpad/.test(t.text)));
    } finally {
      await handle.close();
    }
  });

  it('still investigates an incident about a service the world does not have, and says what is missing', async () => {
    const scenario = loadBundledScenario('demo-oom');
    scenario.incident.service = 'ghost-service';
    scenario.incident.target = { ...scenario.incident.target, service: 'ghost-service' } as typeof scenario.incident.target;
    const { state } = await investigate(scenario);
    assert.ok(state.outcome === 'concluded' || state.outcome === 'inconclusive', `outcome ${state.outcome}`);
    assert.ok(state.warnings.some((w) => /ECS service prod-east\/ghost-service: .*not-found/i.test(w)), state.warnings.join('\n'));
    assert.ok(state.conclusion!.unchecked.some((u) => /ghost-service/.test(u)));
    assert.ok(state.hypothesisOrder.length >= 3, 'still forms hypotheses from what it could read');
  });
});
