/**
 * `npm run bench`: the engine's figures on the bundled scenario corpus — accuracy, median
 * time to root cause, median queries per investigation, the most queries any case needed and
 * the broad queries the guard refused. Runs the corpus `--runs N` times (default 3) and reports
 * medians across runs for the timings.
 */
import { evaluateScenarios, type CaseResult } from '../src/sandbox/evaluate';
import { BUNDLED_SCENARIOS, loadBundledScenario } from '../src/sandbox/scenarios';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const ids = Object.keys(BUNDLED_SCENARIOS);
  const perCase = new Map<string, CaseResult[]>();
  let accuracy = 0;
  for (let run = 0; run < runs; run++) {
    const report = await evaluateScenarios(ids.map(loadBundledScenario));
    accuracy = report.accuracy; // deterministic engine: identical every run (checked below)
    for (const result of report.cases) perCase.set(result.id, [...(perCase.get(result.id) ?? []), result]);
  }
  const rows = [...perCase.entries()].map(([id, results]) => ({
    id,
    correct: results.every((r) => r.correct),
    flaky: new Set(results.map((r) => r.correct)).size > 1,
    medianMs: median(results.map((r) => r.durationMs)),
    queries: results[0]!.queries,
    refused: results[0]!.refused,
    predicted: `${results[0]!.predicted.category}${results[0]!.predicted.culprit ? ` (${results[0]!.predicted.culprit.kind})` : ''}`,
  }));
  console.log(`Scenario corpus: ${rows.length} cases × ${runs} runs\n`);
  console.log(`${'case'.padEnd(36)} ${'ok'.padEnd(3)} ${'ms (median)'.padStart(11)} ${'queries'.padStart(8)}  predicted`);
  for (const row of rows) console.log(`${row.id.padEnd(36)} ${(row.correct ? '✔' : row.flaky ? '~' : '✘').padEnd(3)} ${row.medianMs.toFixed(0).padStart(11)} ${String(row.queries).padStart(8)}  ${row.predicted}`);
  const times = rows.map((r) => r.medianMs);
  const queries = rows.map((r) => r.queries);
  console.log('');
  console.log(`accuracy                      ${(accuracy * 100).toFixed(1)}% (${rows.filter((r) => r.correct).length}/${rows.length})`);
  console.log(`median time to root cause     ${median(times).toFixed(0)} ms (max ${Math.max(...times).toFixed(0)} ms)`);
  console.log(`median queries / investigation ${median(queries)} (max ${Math.max(...queries)}; target ≤ 40)`);
  console.log(`broad queries refused         ${rows.reduce((s, r) => s + r.refused, 0)}`);
  if (rows.some((r) => r.flaky)) console.log(`NOT DETERMINISTIC: ${rows.filter((r) => r.flaky).map((r) => r.id).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
