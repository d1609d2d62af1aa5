/**
 * The heavy half of the extension, bundled separately as dist/runtime.js and required by
 * dist/extension.js only when an investigation starts (or a remediation/runbook needs it):
 * the engine, the sandbox emulators and the SDK-backed providers stay out of activation.
 * No UI here: everything the user sees is in the rest of src/vscode.
 */
import { runInvestigation } from '../core/engine/investigation';
import { draftRunbook } from '../core/runbook/draft';
import { executeRemediation } from '../core/safety/remediation';
import { ScratchpadWriter } from '../core/scratchpad';
import { sandboxProviders } from '../sandbox/providers';
import { startSandbox } from '../sandbox/sandbox';
import { loadBundledScenario } from '../sandbox/scenarios';
import type { DemoEnvironment, RunbookRuntime } from './runtimeApi';

export function createRuntime(): RunbookRuntime {
  return {
    async startDemo({ scenarioId, repoDir }): Promise<DemoEnvironment> {
      const scenario = await loadBundledScenario(scenarioId);
      const handle = await startSandbox({ scenario, repoDir });
      let closed: Promise<void> | undefined;
      return {
        incident: handle.incident,
        now: handle.now,
        repoDir: handle.repoDir,
        commits: handle.commits,
        providers: sandboxProviders(handle),
        close: () => (closed ??= Promise.resolve(handle.close())),
      };
    },

    attachScratchpad(stream, filePath) {
      return new ScratchpadWriter(filePath).attach(stream);
    },

    runInvestigation({ incident, providers, stream, now, signal }) {
      return runInvestigation({ incident, providers, stream, now, signal });
    },

    executeRemediation(options) {
      return executeRemediation(options);
    },

    draftRunbook(state) {
      return draftRunbook(state);
    },
  };
}
