/**
 * The heavy half of the extension, bundled separately as dist/runtime.js and required by
 * dist/extension.js only when an investigation starts (or a remediation/runbook needs it):
 * the engine, the SDK-backed providers, the sandbox emulators and zod stay out of activation.
 * No UI here: everything the user sees is in the rest of src/vscode.
 */
import { parseAlert } from '../core/alerts';
import { pullRequestFor } from '../core/code/pullRequests';
import { rankSuspectCommits } from '../core/code/suspects';
import { findTemplateSources } from '../core/code/templateSources';
import { resumeInvestigation, runInvestigation } from '../core/engine/investigation';
import { draftRunbook } from '../core/runbook/draft';
import { executeRemediation } from '../core/safety/remediation';
import { ScratchpadWriter } from '../core/scratchpad';
import { loadServiceMap } from '../core/serviceMap';
import { createEnvironmentProviders } from '../providers/factory';
import { GitCliProvider } from '../providers/git/gitCli';
import { createGitHubProvider } from '../providers/github/client';
import { sandboxProviders } from '../sandbox/providers';
import { startSandbox } from '../sandbox/sandbox';
import { loadBundledScenario } from '../sandbox/scenarios';
import type { DemoEnvironment, InvestigationEnvironment, RunbookRuntime } from './runtimeApi';

export function createRuntime(): RunbookRuntime {
  return {
    async startDemo({ scenarioId, repoDir }): Promise<DemoEnvironment> {
      const scenario = await loadBundledScenario(scenarioId);
      const handle = await startSandbox({ scenario, repoDir });
      // The scenario's clock, advancing with the wall clock: queries and events use scenario time.
      const wallStart = Date.now();
      let closed: Promise<void> | undefined;
      return {
        kind: 'demo',
        incident: handle.incident,
        now: () => new Date(handle.now.getTime() + (Date.now() - wallStart)),
        repoDir: handle.repoDir,
        commits: handle.commits,
        providers: sandboxProviders(handle),
        cli: { awsRegion: handle.aws.region, kubeContext: handle.kubernetes?.context },
        close: () => (closed ??= Promise.resolve(handle.close())),
      };
    },

    startLive(settings): InvestigationEnvironment {
      const providers = createEnvironmentProviders({
        awsRegion: settings.awsRegion,
        awsProfile: settings.awsProfile,
        kubernetes: settings.kubernetes,
        repoRoot: settings.repoRoot,
      });
      return {
        kind: 'live',
        incident: settings.incident,
        now: () => new Date(),
        providers,
        repoDir: settings.repoRoot,
        serviceMap: settings.repoRoot ? loadServiceMap(settings.repoRoot) : {},
        logGroups: settings.logGroups,
        cli: { awsRegion: settings.awsRegion, awsProfile: settings.awsProfile, kubeContext: settings.kubernetes?.context },
        // The SDK clients hold no servers of ours; nothing to stop.
        close: () => Promise.resolve(),
      };
    },

    parseAlert(text) {
      return parseAlert(text);
    },

    attachScratchpad(stream, filePath, options = {}) {
      const writer = new ScratchpadWriter(filePath);
      return options.replay === false ? stream.subscribe((event) => writer.write(event)) : writer.attach(stream);
    },

    runInvestigation(options) {
      return runInvestigation(options);
    },

    resumeInvestigation(options) {
      return resumeInvestigation(options);
    },

    executeRemediation({ providers, ...options }) {
      return executeRemediation({ ...options, ecs: providers.ecs, kubernetes: providers.kubernetes });
    },

    draftRunbook(state) {
      return draftRunbook(state);
    },

    findTemplateSources(template, repoRoot, signal) {
      return findTemplateSources(template, new GitCliProvider(repoRoot), { signal });
    },

    rankSuspects({ repoRoot, ...options }) {
      return rankSuspectCommits({ ...options, git: new GitCliProvider(repoRoot) });
    },

    gitHub(connection) {
      return createGitHubProvider(connection);
    },

    pullRequestFor(sha, github, signal) {
      return pullRequestFor(sha, github, signal);
    },
  };
}
