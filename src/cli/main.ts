/** Command dispatch for the CLI. Each command returns an exit code; errors say what to fix. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runInvestigation } from '../core/engine/investigation';
import { EventStream } from '../core/events';
import { InvalidInputError } from '../core/incident';
import { readScratchpad } from '../core/scratchpad';
import { loadServiceMap } from '../core/serviceMap';
import { reduceInvestigation } from '../core/state';
import { materializeRepo } from '../sandbox/scenario/repo';
import { sandboxProviders } from '../sandbox/providers';
import { startSandbox } from '../sandbox/sandbox';
import { BUNDLED_SCENARIOS } from '../sandbox/scenarios';
import { runEvalCommand } from './eval';
import { investigationIdFor, runInvestigateCommand, runResumeCommand, runWithConsole } from './investigate';
import { runLogsCommand } from './logs';
import { renderConclusion, renderTree } from './render';
import { scenarioFrom } from './scenarioArg';

const USAGE = `Usage:
  runbook demo [--scenario ID|FILE] [--scratchpad FILE] [--quiet]
      Start the built-in sandbox, investigate its incident through the real SDKs, print the
      hypothesis tree as it evolves and the root cause; writes a JSONL scratchpad.
  runbook investigate --alert FILE [--region R] [--profile P] [--repo DIR] [--kube]
                     [--kube-context C] [--kubeconfig F] [--log-group G] [--scratchpad F]
      Investigate a real incident with your own credentials (AWS default chain or a profile,
      your kubeconfig, the git repository in --repo, default .). FILE is an incident JSON,
      a CloudWatch alarm notification or an Alertmanager webhook.
  runbook resume SCRATCHPAD [--scenario ID|FILE] [same options as investigate]
      Continue an interrupted investigation from its JSONL scratchpad.
  runbook sandbox init DIR [--scenario ID|FILE]
      Materialize a scenario's git repository (the demo workspace) into DIR.
  runbook replay FILE
      Rebuild an investigation from its JSONL scratchpad and print it.
  runbook logs templates FILE [--json] | runbook logs diff --baseline FILE --incident FILE [--json]
      Group log lines into templates; rank what is new or changed in an incident log.
  runbook eval [PATH…] [--json]
      Investigate scenarios (files or directories; default: the bundled corpus) and score
      the conclusions against their truth.
Bundled scenarios: ${Object.keys(BUNDLED_SCENARIOS).join(', ')}`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo':
        return await demo(rest);
      case 'sandbox':
        return await sandbox(rest);
      case 'investigate':
        return await runInvestigateCommand(rest);
      case 'resume':
        return await runResumeCommand(rest);
      case 'eval':
        return await runEvalCommand(rest);
      case 'replay':
        return replay(rest);
      case 'logs':
        return await runLogsCommand(rest);
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

async function demo(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { scenario: { type: 'string' }, scratchpad: { type: 'string' }, quiet: { type: 'boolean' } } });
  const scenario = scenarioFrom(values.scenario);
  // No repoDir: the sandbox materializes into a temp dir it removes on close.
  const handle = await startSandbox({ scenario });
  try {
    const now = () => handle.now;
    const stream = new EventStream(investigationIdFor(handle.incident), now);
    console.log(`Sandbox: ${scenario.title} — AWS emulator at ${handle.aws.endpoint}${handle.kubernetes ? `, Kubernetes at ${handle.kubernetes.server}` : ''}, repository ${handle.repoDir}`);
    const state = await runWithConsole(stream, values, (signal) =>
      runInvestigation({ incident: handle.incident, providers: sandboxProviders(handle), stream, now, signal, serviceMap: loadServiceMap(handle.repoDir) }),
    );
    return state.outcome === 'concluded' || state.outcome === 'inconclusive' ? 0 : 1;
  } finally {
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
