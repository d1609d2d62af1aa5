/**
 * `runbook investigate --alert FILE` (real AWS / Kubernetes / git with the user's own
 * credentials) and `runbook resume SCRATCHPAD` (continue an interrupted investigation).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAlert } from '../core/alerts';
import { resumeInvestigation, runInvestigation } from '../core/engine/investigation';
import { EventStream } from '../core/events';
import { InvalidInputError, type Incident } from '../core/incident';
import { readScratchpad, ScratchpadWriter } from '../core/scratchpad';
import { loadServiceMap } from '../core/serviceMap';
import type { InvestigationState } from '../core/state';
import { createEnvironmentProviders } from '../providers/factory';
import type { ProviderSet } from '../providers/types';
import { sandboxProviders } from '../sandbox/providers';
import { startSandbox } from '../sandbox/sandbox';
import { attachConsole } from './consoleView';
import { renderConclusion, renderTree } from './render';
import { scenarioFrom } from './scenarioArg';

const ENVIRONMENT_OPTIONS = {
  region: { type: 'string' },
  profile: { type: 'string' },
  repo: { type: 'string' },
  kube: { type: 'boolean' },
  'kube-context': { type: 'string' },
  kubeconfig: { type: 'string' },
  'log-group': { type: 'string' },
  scratchpad: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

export async function runInvestigateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { alert: { type: 'string' }, ...ENVIRONMENT_OPTIONS } });
  if (!values.alert) throw new InvalidInputError('arguments', ['investigate needs --alert FILE (an incident, a CloudWatch alarm notification or an Alertmanager webhook)']);
  let text: string;
  try {
    text = readFileSync(resolve(values.alert), 'utf8');
  } catch {
    throw new InvalidInputError('arguments', [`--alert ${values.alert}: cannot read the file`]);
  }
  const incident = parseAlert(text);
  const repo = resolve(values.repo ?? '.');
  const providers = environmentProviders(incident, values, repo);
  const stream = new EventStream(investigationIdFor(incident));
  const state = await runWithConsole(stream, values, (signal) =>
    runInvestigation({ incident, providers, stream, signal, serviceMap: loadServiceMap(repo), logGroups: values['log-group'] ? { [incident.service]: values['log-group'] } : undefined }),
  );
  return exitCodeOf(state);
}

export async function runResumeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { scenario: { type: 'string' }, ...ENVIRONMENT_OPTIONS }, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new InvalidInputError('arguments', ['resume needs the SCRATCHPAD file of the interrupted investigation']);
  const events = readScratchpad(resolve(file));
  const started = events.find((e) => e.type === 'investigation.started');
  if (!started || started.type !== 'investigation.started') throw new InvalidInputError('scratchpad', [`${file}: it does not record an investigation start`]);
  if (values.scenario) {
    const handle = await startSandbox({ scenario: scenarioFrom(values.scenario) });
    try {
      const stream = new EventStream(started.investigationId, () => handle.now);
      const state = await runWithConsole(stream, { ...values, scratchpad: values.scratchpad ?? file }, (signal) =>
        resumeInvestigation({ events, providers: sandboxProviders(handle), stream, now: () => handle.now, signal, serviceMap: loadServiceMap(handle.repoDir) }),
      );
      return exitCodeOf(state);
    } finally {
      await handle.close();
    }
  }
  const repo = resolve(values.repo ?? '.');
  const stream = new EventStream(started.investigationId);
  const state = await runWithConsole(stream, { ...values, scratchpad: values.scratchpad ?? file }, (signal) =>
    resumeInvestigation({ events, providers: environmentProviders(started.incident, values, repo), stream, signal, serviceMap: loadServiceMap(repo) }),
  );
  return exitCodeOf(state);
}

/**
 * Runs an investigation with the console and scratchpad attached. A resumed stream already
 * holds the recorded events: only new ones are appended to the scratchpad.
 */
export async function runWithConsole(
  stream: EventStream,
  options: { scratchpad?: string; quiet?: boolean },
  run: (signal: AbortSignal) => Promise<InvestigationState>,
): Promise<InvestigationState> {
  const scratchpadPath = resolve(options.scratchpad ?? join('.runbook', 'investigations', `${stream.investigationId}.jsonl`));
  const writer = new ScratchpadWriter(scratchpadPath);
  stream.subscribe((event) => writer.write(event));
  attachConsole(stream, options);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const started = Date.now();
  try {
    const state = await run(controller.signal);
    console.log(`\nFinal hypothesis tree:\n${renderTree(state)}\n`);
    console.log(renderConclusion(state));
    const records = Object.values(state.queries);
    console.log(`\n${records.filter((q) => q.state !== 'refused').length} queries, ${records.filter((q) => q.state === 'refused').length} refused, ${Date.now() - started} ms. Scratchpad: ${scratchpadPath}`);
    return state;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function environmentProviders(incident: Incident, values: { region?: string; profile?: string; kube?: boolean; 'kube-context'?: string; kubeconfig?: string }, repo: string): ProviderSet {
  const target = incident.target;
  const region = values.region ?? (target.platform === 'ecs' ? target.region : undefined) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const kube = values.kube || target.platform === 'kubernetes' ? { kubeconfigPath: values.kubeconfig, context: values['kube-context'] ?? (target.platform === 'kubernetes' ? target.context : undefined) } : undefined;
  return createEnvironmentProviders({ awsRegion: region, awsProfile: values.profile ?? process.env.AWS_PROFILE, kubernetes: kube, repoRoot: repo });
}

export function investigationIdFor(incident: Incident): string {
  return `${incident.id}-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
}

function exitCodeOf(state: InvestigationState): number {
  return state.outcome === 'concluded' || state.outcome === 'inconclusive' ? 0 : 1;
}
