/**
 * `npm run bench:logs`: the log template miner against Loghub-2k (16 systems, corrected
 * templates), with ONE configuration for all sets, plus throughput and memory on a generated
 * 1,000,000-line stream and the BGL anomaly check for the pattern diff.
 *
 *   node --import tsx scripts/bench-logs.ts [--data DIR] [--only A,B] [--lines N] [--runs N]
 *                                           [--skip-stream] [--skip-bgl]
 * Data: --data DIR, else $LOGHUB_DIR, else ../shared/datasets/loghub-2k next to the repo.
 * The data is read in place and never copied.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzePatterns } from '../src/core/logs/patternDiff';
import { mineTemplates, templateIdOf, TemplateMiner } from '../src/core/logs/miner/miner';
import { parseCsvRecords } from './logbench/csv';
import { createRng, generateLine, GENERATED_SHAPES } from './logbench/generate';
import { evaluateParsing, type Accuracy } from './logbench/metrics';

const repoRoot = path.resolve(__dirname, '..');

interface DatasetResult extends Accuracy {
  name: string;
  lines: number;
  linesPerSecond: number;
  naive: Accuracy;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      only: { type: 'string' },
      lines: { type: 'string' },
      runs: { type: 'string' },
      'skip-stream': { type: 'boolean' },
      'skip-bgl': { type: 'boolean' },
      'stream-child': { type: 'string' },
    },
  });
  if (values['stream-child'] !== undefined) return streamChild(Number(values['stream-child']));
  const dataDir = path.resolve(values.data ?? process.env.LOGHUB_DIR ?? path.resolve(repoRoot, '..', 'shared', 'datasets', 'loghub-2k'));
  if (!existsSync(dataDir)) {
    console.error(`bench-logs: no Loghub-2k data at ${dataDir} (use --data DIR or LOGHUB_DIR)`);
    return 2;
  }
  const only = values.only?.split(',').map((s) => s.trim().toLowerCase());
  const datasets = readdirSync(dataDir)
    .filter((name) => existsSync(structuredFile(dataDir, name)))
    .filter((name) => !only || only.includes(name.toLowerCase()))
    .sort();
  console.log(`Loghub-2k from ${dataDir}: ${datasets.length} datasets, one miner configuration (defaults) for all.`);
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);

  const loaded = datasets.map((name) => loadDataset(dataDir, name));
  // One untimed pass over everything first, so the timings below are not JIT warm-up.
  for (const d of loaded) mineTemplates(d.contents);
  const results = loaded.map(runDataset);
  printTable(results);

  if (!values['skip-bgl'] && datasets.includes('BGL')) bglCheck(dataDir);
  if (!values['skip-stream']) streamBenchmark(Number(values.lines ?? 1_000_000), Math.max(3, Number(values.runs ?? 3)));
  return 0;
}

function structuredFile(dir: string, name: string): string {
  return path.join(dir, name, `${name}_2k.log_structured_corrected.csv`);
}

interface Dataset {
  name: string;
  contents: string[];
  truth: string[];
}

function loadDataset(dir: string, name: string): Dataset {
  const rows = parseCsvRecords(readFileSync(structuredFile(dir, name), 'utf8'));
  return { name, contents: rows.map((r) => r.Content ?? ''), truth: rows.map((r) => r.EventTemplate ?? '') };
}

function runDataset({ name, contents, truth }: Dataset): DatasetResult {
  const timings: number[] = [];
  let result = mineTemplates(contents);
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    result = mineTemplates(contents);
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const accuracy = evaluateParsing(truth, result.map((r) => r.templateId), result.map((r) => r.template));
  const naive = naiveTemplates(contents);
  return {
    name,
    lines: contents.length,
    ...accuracy,
    linesPerSecond: contents.length / (median(timings) / 1000),
    naive: evaluateParsing(truth, naive, naive),
  };
}

/** The reference point the issue names: every token holding a digit becomes `<*>`, nothing else. */
function naiveTemplates(contents: readonly string[]): string[] {
  return contents.map((c) =>
    c
      .trim()
      .split(/\s+/)
      .map((t) => (/\d/.test(t) ? '<*>' : t))
      .join(' '),
  );
}

function printTable(results: readonly DatasetResult[]): void {
  const header = `${'Dataset'.padEnd(12)} ${'GA'.padStart(6)} ${'FGA'.padStart(6)} ${'PA'.padStart(6)} ${'FTA'.padStart(6)}  ${'groups'.padStart(9)}  ${'lines/s'.padStart(9)}   | naive ${'GA'.padStart(6)} ${'PA'.padStart(6)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const r of results) {
    console.log(
      `${r.name.padEnd(12)} ${f(r.ga)} ${f(r.fga)} ${f(r.pa)} ${f(r.fta)}  ${`${r.predictedGroups}/${r.trueGroups}`.padStart(9)}  ${Math.round(r.linesPerSecond).toLocaleString('en-US').padStart(9)}   |       ${f(r.naive.ga)} ${f(r.naive.pa)}`,
    );
  }
  console.log('-'.repeat(header.length));
  const avg = (pick: (r: DatasetResult) => number) => results.reduce((s, r) => s + pick(r), 0) / Math.max(1, results.length);
  console.log(
    `${'Average'.padEnd(12)} ${f(avg((r) => r.ga))} ${f(avg((r) => r.fga))} ${f(avg((r) => r.pa))} ${f(avg((r) => r.fta))}  ${''.padStart(9)}  ${Math.round(avg((r) => r.linesPerSecond)).toLocaleString('en-US').padStart(9)}   |       ${f(avg((r) => r.naive.ga))} ${f(avg((r) => r.naive.pa))}`,
  );
  console.log(`Targets: GA ≥ 0.920, PA ≥ 0.600 (Drain, tuned per dataset: GA 0.866, PA 0.32). Naive = mask every token holding a digit, group by the result.`);
  console.log(`GA/FGA/PA/FTA as the Loghub evaluators define them; true groups = lines sharing a corrected EventTemplate; PA/FTA compare template strings exactly. lines/s: median of 5 runs over the 2k lines after a warm-up pass (every run starts a fresh miner, so it includes learning all templates).\n`);
}

function f(x: number): string {
  return x.toFixed(3).padStart(6);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ------------------------------------------------------------------ BGL anomaly check

/**
 * BGL_2k labels 143 lines anomalous; 15 of their templates never occur on a normal line.
 * A (the issue's check): baseline = the normal lines, incident = the anomalous lines.
 * B (a realistic window): baseline = the normal lines of the first half of the time range,
 *   incident = every line of the second half, normal traffic included; lines carry their level
 *   (`FATAL …`) as real logs do. Normal templates that first occur in the second half are
 *   genuinely new there: they show how much else a real incident window brings.
 * A template counts as surfaced when every incident line of it is in a `new` pattern; a normal
 * template counts as new when any of its incident lines is in a `new` pattern.
 */
function bglCheck(dir: string): void {
  const rows = parseCsvRecords(readFileSync(structuredFile(dir, 'BGL'), 'utf8'));
  const lines = rows.map((r) => ({ timestamp: Number(r.Timestamp) * 1000, content: r.Content ?? '', level: r.Level ?? '', truth: r.EventTemplate ?? '', anomalous: (r.Label ?? '-') !== '-' }));
  const normalTemplates = new Set(lines.filter((l) => !l.anomalous).map((l) => l.truth));
  const anomalyOnly = new Set(lines.filter((l) => l.anomalous && !normalTemplates.has(l.truth)).map((l) => l.truth));
  console.log(`BGL anomaly check (pattern diff): ${lines.filter((l) => l.anomalous).length} anomalous lines, ${anomalyOnly.size} templates that never occur on a normal line.`);

  const score = (label: string, baseline: typeof lines, incident: typeof lines, withLevel: boolean) => {
    const event = (l: (typeof lines)[number]) => ({ timestamp: l.timestamp, message: withLevel ? `${l.level} ${l.content}` : l.content });
    const analysis = analyzePatterns(baseline.map(event), incident.map(event), { fold: false });
    const changeOf = new Map(analysis.entries.map((e) => [e.templateId, e.change]));
    const incidentChange = incident.map((_, k) => changeOf.get(analysis.incidentTemplateIds[k]!));
    const present = new Set(incident.filter((l) => anomalyOnly.has(l.truth)).map((l) => l.truth));
    let surfaced = 0;
    for (const t of present) if (incident.every((l, k) => l.truth !== t || incidentChange[k] === 'new')) surfaced++;
    const normalInIncident = new Set(incident.filter((l) => normalTemplates.has(l.truth)).map((l) => l.truth));
    const normalNew = new Set(incident.filter((l, k) => normalTemplates.has(l.truth) && incidentChange[k] === 'new').map((l) => l.truth));
    const anomalyPatterns = new Set(incident.flatMap((l, k) => (anomalyOnly.has(l.truth) ? [analysis.incidentTemplateIds[k]!] : [])));
    const ranks = analysis.entries.flatMap((e, i) => (anomalyPatterns.has(e.templateId) ? [i + 1] : []));
    console.log(`  ${label}`);
    console.log(
      `    ${surfaced}/${present.size} anomalous templates surface as new; normal templates reported new: ${normalNew.size} of ${normalInIncident.size} in the window; ` +
        `${analysis.entries.filter((e) => e.change === 'new').length} new patterns of ${analysis.entries.length}; anomalous patterns rank ${ranks.join(', ')}.`,
    );
  };
  score('A: baseline = normal lines, incident = anomalous lines (Content only)', lines.filter((l) => !l.anomalous), lines.filter((l) => l.anomalous), false);
  const times = lines.map((l) => l.timestamp).sort((a, b) => a - b);
  const middle = times[Math.floor(times.length / 2)]!;
  score('B: baseline = normal lines before the median time, incident = all lines after it (Level + Content)', lines.filter((l) => !l.anomalous && l.timestamp < middle), lines.filter((l) => l.timestamp >= middle), true);
  console.log('');
}

// ------------------------------------------------------------------ stream throughput

interface StreamRun {
  lines: number;
  wallMs: number;
  cpuMs: number;
  clusters: number;
  templates: number;
  rssBeforeMb: number;
  peakRssMb: number;
  peakHeapMb: number;
}

/**
 * Each run is a fresh child process (so memory peaks are the run's own) mining a generated
 * stream in chunks; the generator's garbage is collected between chunks, outside the timing.
 */
function streamBenchmark(lines: number, runs: number): void {
  console.log(`Generated stream: ${lines.toLocaleString('en-US')} lines from ${GENERATED_SHAPES} event shapes (timestamps, levels, ids, IPs, durations, user names, JSON lines), ${runs} runs, one core each.`);
  const results: StreamRun[] = [];
  for (let run = 0; run < runs; run++) {
    const child = spawnSync(process.execPath, ['--expose-gc', '--single-threaded-gc', '--import', 'tsx', __filename, '--stream-child', String(lines)], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) {
      console.error(`  run ${run + 1} failed: ${child.stderr}`);
      return;
    }
    const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as StreamRun;
    results.push(result);
    console.log(
      `  run ${run + 1}: ${Math.round(result.lines / (result.wallMs / 1000)).toLocaleString('en-US')} lines/s wall, ${Math.round(result.lines / (result.cpuMs / 1000)).toLocaleString('en-US')} lines/s CPU; ` +
        `${result.clusters} clusters; peak RSS ${result.peakRssMb.toFixed(0)} MB (${result.rssBeforeMb.toFixed(0)} MB before mining), peak heap ${result.peakHeapMb.toFixed(0)} MB`,
    );
  }
  const wall = median(results.map((r) => r.lines / (r.wallMs / 1000)));
  const cpu = median(results.map((r) => r.lines / (r.cpuMs / 1000)));
  console.log(`  median: ${Math.round(wall).toLocaleString('en-US')} lines/s wall-clock, ${Math.round(cpu).toLocaleString('en-US')} lines/s of process CPU time (target ≥ 200,000 on one core)`);
  console.log(`  memory: peak RSS ${Math.max(...results.map((r) => r.peakRssMb)).toFixed(0)} MB, peak V8 heap ${Math.max(...results.map((r) => r.peakHeapMb)).toFixed(0)} MB; the miner is bounded by its caps (clusters ≤ 5,000, signature cache ≤ 50,000).`);
  console.log(`  (wall-clock includes time the OS gives other processes; load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs)`);
}

function streamChild(lines: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  const miner = new TemplateMiner();
  const rng = createRng(20240501);
  const chunkSize = 20_000;
  const chunk: string[] = new Array(chunkSize);
  gc?.();
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  let wallMs = 0;
  let cpuMs = 0;
  let peakHeap = 0;
  for (let done = 0; done < lines; done += chunkSize) {
    const n = Math.min(chunkSize, lines - done);
    for (let i = 0; i < n; i++) chunk[i] = generateLine(rng, done + i);
    gc?.();
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) miner.add(chunk[i]!);
    wallMs += Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    cpuMs += (cpu.user + cpu.system) / 1000;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const templates = new Set(miner.templates().map((t) => templateIdOf(t.template))).size;
  const result: StreamRun = {
    lines,
    wallMs,
    cpuMs,
    clusters: miner.size,
    templates,
    rssBeforeMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
  };
  console.log(JSON.stringify(result));
  return 0;
}

process.exitCode = main();
