/**
 * `runbook eval [PATH…] [--json]`: runs scenarios (files or directories; the bundled corpus
 * when none is given) and scores the engine. The --json document is a stable interface:
 * { total, correct, accuracy, categoryCorrect, calibration: { bar, confidentlyWrong, confidentlyWrongRate,
 * inconclusive, brier, reliability[] }, cases: [{ id, expected, alternatives?, predicted, correct, confidence,
 * queries, durationMs }] } (see sandbox/calibration.ts for the calibration figures).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidInputError } from '../core/incident';
import { formatCalibration } from '../sandbox/calibration';
import { evaluateScenarios, type CaseResult } from '../sandbox/evaluate';
import { loadScenarioFile, type Scenario } from '../sandbox/scenario/scenario';
import { BUNDLED_SCENARIOS, loadBundledScenario } from '../sandbox/scenarios';

export async function runEvalCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const scenarios = positionals.length ? positionals.flatMap(scenarioFiles).map((file) => loadScenarioFile(file)) : Object.keys(BUNDLED_SCENARIOS).map(loadBundledScenario);
  if (!scenarios.length) throw new InvalidInputError('arguments', ['no scenario files found']);
  const report = await evaluateScenarios(scenarios, values.json ? undefined : (c) => console.log(describeCase(c)));
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`\n${report.correct}/${report.total} correct (accuracy ${(report.accuracy * 100).toFixed(1)}%; category right ${report.categoryCorrect}/${report.total})`);
    for (const line of formatCalibration(report.calibration)) console.log(line);
  }
  return 0;
}

function scenarioFiles(path: string): string[] {
  const full = resolve(path);
  let stats;
  try {
    stats = statSync(full);
  } catch {
    throw new InvalidInputError('arguments', [`${path}: no such file or directory`]);
  }
  if (!stats.isDirectory()) return [full];
  return readdirSync(full)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(full, name));
}

function describeCase(c: CaseResult): string {
  const verdict = (v: CaseResult['expected']) => `${v.category}${v.culprit ? ` (${v.culprit.kind} ${v.culprit.id.length > 20 ? v.culprit.id.slice(0, 12) : v.culprit.id})` : ''}`;
  return `${c.correct ? '✔' : '✘'} ${c.id.padEnd(34)} expected ${verdict(c.expected)}; got ${verdict(c.predicted)} at ${Math.round(c.confidence * 100)}% — ${c.queries} queries, ${c.durationMs} ms${c.error ? ` — ERROR ${c.error}` : ''}`;
}

export type { Scenario };
