/** Command dispatch for the CLI. Each command returns an exit code; errors say what to fix. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EventStream } from '../core/events';
import { InvalidInputError } from '../core/incident';
import { runInvestigation } from '../core/engine/investigation';
import { readScratchpad, ScratchpadWriter } from '../core/scratchpad';
import { applyEvent, emptyState, reduceInvestigation } from '../core/state';
import { materializeRepo } from '../sandbox/repo';
import { startSandbox } from '../sandbox/sandbox';
import { sandboxProviders } from '../sandbox/providers';
import { loadScenarioFile, type Scenario } from '../sandbox/scenario';
import { BUNDLED_SCENARIOS, loadBundledScenario } from '../sandbox/scenarios';
import { describeEvent, renderConclusion, renderTree } from './render';

const USAGE = `Usage:
  runbook demo [--scenario ID|FILE] [--scratchpad FILE] [--quiet]
      Start the built-in sandbox, investigate its incident through the real SDKs, print the
      hypothesis tree as it evolves and the root cause; writes a JSONL scratchpad.
  runbook sandbox init DIR [--scenario ID|FILE]
      Materialize a scenario's git repository (the demo workspace) into DIR.
  runbook replay FILE
      Rebuild an investigation from its JSONL scratchpad and print it.
Bundled scenarios: ${Object.keys(BUNDLED_SCENARIOS).join(', ')}`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo':
        return await demo(rest);
      case 'sandbox':
        return await sandbox(rest);
      case 'replay':
        return replay(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        console.error(`runbook: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof InvalidInputError) {
      console.error(`runbook: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function scenarioFrom(value: string | undefined): Scenario {
  const id = value ?? 'demo-oom';
  if (id in BUNDLED_SCENARIOS) return loadBundledScenario(id);
  if (existsSync(id)) return loadScenarioFile(resolve(id));
  throw new InvalidInputError('scenario', [`"${id}" is neither a bundled scenario (${Object.keys(BUNDLED_SCENARIOS).join(', ')}) nor a file`]);
}

async function demo(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { scenario: { type: 'string' }, scratchpad: { type: 'string' }, quiet: { type: 'boolean' } } });
  const scenario = scenarioFrom(values.scenario);
  // No repoDir: the sandbox materializes into a temp dir it removes on close.
  const handle = await startSandbox({ scenario });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const now = () => handle.now;
    const investigationId = `${handle.incident.id}-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
    const stream = new EventStream(investigationId, now);
    const scratchpadPath = resolve(values.scratchpad ?? join('.runbook', 'investigations', `${investigationId}.jsonl`));
    new ScratchpadWriter(scratchpadPath).attach(stream);
    const view = emptyState(investigationId);
    stream.subscribe((event) => {
      applyEvent(view, event);
      if (values.quiet) return;
      const line = describeEvent(event, view);
      if (line !== undefined) console.log(line);
    });
    console.log(`Sandbox: ${scenario.title} — AWS emulator at ${handle.aws.endpoint}, repository ${handle.repoDir}`);
    const started = Date.now();
    const state = await runInvestigation({ incident: handle.incident, providers: sandboxProviders(handle), stream, now, signal: controller.signal });
    console.log(`\nFinal hypothesis tree:\n${renderTree(state)}\n`);
    console.log(renderConclusion(state));
    const executed = Object.values(state.queries).filter((q) => q.state !== 'refused').length;
    console.log(`\n${executed} queries, ${Object.values(state.queries).filter((q) => q.state === 'refused').length} refused, ${Date.now() - started} ms. Scratchpad: ${scratchpadPath}`);
    return state.outcome === 'concluded' || state.outcome === 'inconclusive' ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    await handle.close();
  }
}

async function sandbox(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'init') {
    console.error(`runbook sandbox: unknown subcommand "${sub ?? ''}"\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: { scenario: { type: 'string' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir) throw new InvalidInputError('arguments', ['sandbox init needs a target DIR']);
  const scenario = scenarioFrom(values.scenario);
  const commits = await materializeRepo(scenario, resolve(dir));
  console.log(`Materialized ${scenario.id} into ${resolve(dir)}:`);
  for (const [label, sha] of Object.entries(commits)) console.log(`  ${label}\t${sha}`);
  return 0;
}

function replay(args: string[]): number {
  const file = args[0];
  if (!file) throw new InvalidInputError('arguments', ['replay needs a scratchpad FILE']);
  const state = reduceInvestigation(readScratchpad(resolve(file)));
  console.log(`Investigation ${state.investigationId} (${state.outcome ?? 'unfinished'}), ${state.incident?.id ?? 'unknown incident'}`);
  console.log(renderTree(state));
  console.log('');
  console.log(renderConclusion(state));
  return 0;
}
