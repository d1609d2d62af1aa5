/**
 * Scores the engine on scenarios: each runs through its own sandbox (real SDKs, real HTTP),
 * the engine investigates without ever seeing `truth`, and only then is its conclusion
 * compared with the truth. Correct = the right category and the right culprit (or
 * "inconclusive" when the truth says so).
 */
import { runInvestigation } from '../core/engine/investigation';
import { DEFAULT_LIMITS } from '../core/engine/limits';
import { EventStream } from '../core/events';
import type { Culprit } from '../core/model';
import { loadServiceMap } from '../core/serviceMap';
import type { ServiceMapEntry } from '../core/reasoner/types';
import type { InvestigationState } from '../core/state';
import { sandboxProviders } from './providers';
import { startSandbox } from './sandbox';
import { calibrationOf, type Calibration } from './calibration';
import type { Scenario } from './scenario/scenario';

export interface Verdict {
  category: string;
  culprit: Culprit | null;
}

export interface CaseResult {
  id: string;
  expected: Verdict;
  /** Other defensible answers (truth.alternatives); matching any of them is correct too. */
  alternatives?: Verdict[];
  predicted: Verdict;
  correct: boolean;
  confidence: number;
  queries: number;
  /** Provider API calls those queries made (a query may take several). */
  apiCalls?: number;
  /** Time to root cause: the investigation's wall time, without the sandbox's start-up. */
  durationMs: number;
  /** Broad queries the guard refused. */
  refused: number;
  /** Wall time of the investigation alone (time to root cause), ms; durationMs is this. */
  totalMs?: number;
  error?: string;
}

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  /** The right category, whatever the culprit. */
  categoryCorrect: number;
  calibration: Calibration;
  cases: CaseResult[];
}

export async function evaluateScenario(scenario: Scenario): Promise<CaseResult> {
  const expected: Verdict = { category: scenario.truth.category, culprit: scenario.truth.culprit ?? null };
  const started = Date.now();
  const handle = await startSandbox({ scenario });
  try {
    // The engine gets what a user's machine would have: the incident, real providers, the
    // repository (with its service map) and a clock. Never the scenario or its truth.
    const incident = handle.incident;
    const stream = new EventStream(`eval-${scenario.id}`, () => handle.now);
    const investigationStarted = Date.now();
    const serviceMap = loadServiceMap(handle.repoDir);
    const state = await runInvestigation({ incident, providers: sandboxProviders(handle), stream, now: () => handle.now, serviceMap });
    const aliases = aliasesOf(serviceMap);
    const predicted = verdictOf(state);
    const resolvedTruth: Verdict = { category: handle.scenario.truth.category, culprit: handle.scenario.truth.culprit ?? null };
    const alternatives: Verdict[] = handle.scenario.truth.alternatives.map((a) => ({ category: a.category, culprit: a.culprit ?? null }));
    return {
      id: scenario.id,
      expected: resolvedTruth,
      ...(alternatives.length ? { alternatives } : {}),
      predicted,
      correct: [resolvedTruth, ...alternatives].some((truth) => isCorrect(truth, predicted, aliases)),
      confidence: state.conclusion?.confidence ?? 0,
      queries: Object.values(state.queries).filter((q) => q.state !== 'refused' && !q.reusedFrom).length,
      durationMs: Date.now() - investigationStarted,
      apiCalls: Object.values(state.queries).reduce((sum, q) => sum + (q.apiCalls ?? 0), 0),
      refused: Object.values(state.queries).filter((q) => q.state === 'refused').length,
      totalMs: Date.now() - started,
    };
  } catch (error) {
    return { id: scenario.id, expected, predicted: { category: 'error', culprit: null }, correct: false, confidence: 0, queries: 0, durationMs: Date.now() - started, refused: 0, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await handle.close();
  }
}

export async function evaluateScenarios(scenarios: readonly Scenario[], onCase?: (result: CaseResult) => void): Promise<EvalReport> {
  const cases: CaseResult[] = [];
  for (const scenario of scenarios) {
    const result = await evaluateScenario(scenario);
    cases.push(result);
    onCase?.(result);
  }
  const correct = cases.filter((c) => c.correct).length;
  const categoryCorrect = cases.filter((c) => [c.expected, ...(c.alternatives ?? [])].some((truth) => truth.category === c.predicted.category)).length;
  const calibration = calibrationOf(
    cases.map((c) => ({ correct: c.correct, confidence: c.confidence, inconclusive: c.predicted.category === 'inconclusive' || c.predicted.category === 'error' })),
    DEFAULT_LIMITS.confirmThreshold,
  );
  return { total: cases.length, correct, accuracy: cases.length ? Math.round((correct / cases.length) * 1000) / 1000 : 0, categoryCorrect, calibration, cases };
}

export function verdictOf(state: InvestigationState): Verdict {
  const conclusion = state.conclusion;
  if (!conclusion || conclusion.status === 'inconclusive') return { category: 'inconclusive', culprit: null };
  return { category: conclusion.category ?? 'unknown', culprit: conclusion.culprit ?? null };
}

export function isCorrect(expected: Verdict, predicted: Verdict, aliases: ReadonlyMap<string, string> = new Map()): boolean {
  if (expected.category === 'inconclusive') return predicted.category === 'inconclusive';
  if (expected.category !== predicted.category) return false;
  if (!expected.culprit) return true;
  return !!predicted.culprit && culpritsMatch(expected.culprit, predicted.culprit, aliases);
}

/**
 * The service map's names for what its hosts are: `smtp.relay.example.net` → `mailrelay`. A
 * dependency named by the map and the same dependency named by its host are one culprit.
 */
export function aliasesOf(serviceMap: Readonly<Record<string, ServiceMapEntry>>): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const entry of Object.values(serviceMap)) for (const host of entry.hosts) aliases.set(host.trim().toLowerCase().replace(/:\d+$/, ''), entry.name.toLowerCase());
  return aliases;
}

/** Same kind and the same thing: commit prefixes, task definitions without ARN, hosts by first label or by the service map's name for them. */
export function culpritsMatch(expected: Culprit, predicted: Culprit, aliases: ReadonlyMap<string, string> = new Map()): boolean {
  if (expected.kind !== predicted.kind) return false;
  const a = normalise(expected);
  const b = normalise(predicted);
  if (expected.kind === 'commit') return a.length >= 7 && b.length >= 7 && (a.startsWith(b) || b.startsWith(a));
  if (expected.kind === 'dependency') {
    const named = (c: Culprit) => aliases.get(c.id.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[:/].*$/, '')) ?? normalise(c);
    return a === b || named(expected) === named(predicted);
  }
  return a === b;
}

function normalise(culprit: Culprit): string {
  const id = culprit.id.trim().toLowerCase();
  switch (culprit.kind) {
    case 'task-definition':
      return id.slice(id.lastIndexOf('/') + 1);
    case 'dependency':
      return id.replace(/^[a-z]+:\/\//, '').split(/[.:/]/)[0]!;
    default:
      return id;
  }
}
