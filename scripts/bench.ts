/**
 * `npm run bench` (engine part): the engine's figures on every scenario suite — the bundled
 * corpus, `scenarios/holdout` and the outside suites `scenarios/external*` — accuracy (category
 * and culprit), category accuracy, calibration (confidently wrong, Brier, reliability table),
 * median time to root cause and median queries. The corpus runs `--runs N` times (default 3)
 * and reports median timings across runs; each run must give the same answers.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatCalibration } from '../src/sandbox/calibration';
import { evaluateScenarios, type CaseResult, type EvalReport } from '../src/sandbox/evaluate';
import { loadScenarioFile, type Scenario } from '../src/sandbox/scenario/scenario';
import { BUNDLED_SCENARIOS, loadBundledScenario } from '../src/sandbox/scenarios';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const only = process.argv.indexOf('--suite') > 0 ? process.argv[process.argv.indexOf('--suite') + 1] : undefined;

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function folder(path: string): Scenario[] {
  const full = resolve(path);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => loadScenarioFile(join(full, name)));
}

const SUITES: { name: string; load: () => Scenario[]; runs: number }[] = [
  { name: 'corpus', load: () => Object.keys(BUNDLED_SCENARIOS).map(loadBundledScenario), runs },
  { name: 'holdout', load: () => folder('scenarios/holdout'), runs: 1 },
  // Outside suites, each frozen before it was first measured; the READMEs say which were tuned on since.
  { name: 'external', load: () => folder('scenarios/external'), runs: 1 },
  { name: 'external-2', load: () => folder('scenarios/external-2'), runs: 1 },
  { name: 'external-3', load: () => folder('scenarios/external-3'), runs: 1 },
  { name: 'external-4', load: () => folder('scenarios/external-4'), runs: 1 },
  { name: 'external-5', load: () => folder('scenarios/external-5'), runs: 1 },
];

async function bench(name: string, scenarios: Scenario[], times: number): Promise<void> {
  const perCase = new Map<string, CaseResult[]>();
  let last: EvalReport | undefined;
  for (let run = 0; run < times; run++) {
    last = await evaluateScenarios(scenarios);
    for (const result of last.cases) perCase.set(result.id, [...(perCase.get(result.id) ?? []), result]);
  }
  const rows = [...perCase.entries()].map(([id, results]) => ({
    id,
    correct: results.every((r) => r.correct),
    flaky: new Set(results.map((r) => `${r.correct}:${r.predicted.category}:${r.predicted.culprit?.id ?? ''}`)).size > 1,
    medianMs: median(results.map((r) => r.durationMs)),
    queries: results[0]!.queries,
    apiCalls: results[0]!.apiCalls ?? 0,
    refused: results[0]!.refused,
    confidence: results[0]!.confidence,
    predicted: `${results[0]!.predicted.category}${results[0]!.predicted.culprit ? ` (${results[0]!.predicted.culprit.kind} ${results[0]!.predicted.culprit.id.slice(0, 24)})` : ''}`,
  }));
  console.log(`\n== ${name}: ${rows.length} cases × ${times} run(s)\n`);
  console.log(`${'case'.padEnd(44)} ${'ok'.padEnd(3)} ${'ms'.padStart(6)} ${'queries'.padStart(7)} ${'conf'.padStart(5)}  predicted`);
  for (const row of rows) console.log(`${row.id.padEnd(44)} ${(row.correct ? '✔' : row.flaky ? '~' : '✘').padEnd(3)} ${row.medianMs.toFixed(0).padStart(6)} ${String(row.queries).padStart(7)} ${`${Math.round(row.confidence * 100)}%`.padStart(5)}  ${row.predicted}`);
  const timesMs = rows.map((r) => r.medianMs);
  const queries = rows.map((r) => r.queries);
  const report = last!;
  console.log('');
  console.log(`accuracy                       ${(report.accuracy * 100).toFixed(1)}% (${report.correct}/${report.total}); category right ${report.categoryCorrect}/${report.total}`);
  for (const line of formatCalibration(report.calibration)) console.log(line);
  console.log(`median time to root cause      ${median(timesMs).toFixed(0)} ms (max ${Math.max(...timesMs).toFixed(0)} ms)`);
  console.log(`median queries / investigation ${median(queries)} (max ${Math.max(...queries)}); provider API calls ${median(rows.map((r) => r.apiCalls))} (max ${Math.max(...rows.map((r) => r.apiCalls))})`);
  console.log(`broad queries refused          ${rows.reduce((s, r) => s + r.refused, 0)}`);
  if (rows.some((r) => r.flaky)) console.log(`NOT DETERMINISTIC: ${rows.filter((r) => r.flaky).map((r) => r.id).join(', ')}`);
}

async function main(): Promise<void> {
  for (const suite of SUITES) {
    if (only && suite.name !== only) continue;
    const scenarios = suite.load();
    if (scenarios.length) await bench(suite.name, scenarios, suite.runs);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
