/**
 * Starts a scenario's sandbox: materializes its git repository, resolves the commit
 * placeholders against the real shas, and serves the world through the AWS emulator on a
 * loopback port. Front ends (CLI demo, VS Code demo, tests) then build real providers from
 * the handle (see sandboxProviders) — the engine cannot tell it from a real account.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Incident } from '../core/incident';
import { type RecordedMutation, type RecordedRequest, startAwsEmulator } from './awsEmulator';
import { materializeRepo } from './repo';
import { resolveScenario, type Scenario } from './scenario';

export type { RecordedMutation, RecordedRequest } from './awsEmulator';

/** Fixed fake credentials: the emulator only accepts these (wrong keys fail like on AWS). */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'SANDBOXACCESSKEYID01', secretAccessKey: 'sandbox-secret-access-key-not-a-real-one' } as const;

export interface SandboxOptions {
  scenario: Scenario;
  /** Where to materialize the repository (empty, missing, or a previous materialization). Default: a fresh temp dir, removed on close. */
  repoDir?: string;
}

export interface SandboxHandle {
  /** The scenario with `{{commit:…}}`/`{{short:…}}` resolved to the materialized shas. */
  scenario: Scenario;
  incident: Incident;
  /** The scenario's "now" (clock.now). */
  now: Date;
  aws: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  repoDir: string;
  /** label → full sha */
  commits: Record<string, string>;
  /** Mutations the emulator applied (UpdateService…), in order. */
  mutations(): RecordedMutation[];
  /** Every AWS request the emulator received, in order (to check what providers asked). */
  requests(): RecordedRequest[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<SandboxHandle> {
  const ownsDir = options.repoDir === undefined;
  const repoDir = ownsDir ? await mkdtemp(join(tmpdir(), `runbook-sandbox-${options.scenario.id}-`)) : resolve(options.repoDir as string);
  try {
    const commits = await materializeRepo(options.scenario, repoDir);
    const scenario = resolveScenario(options.scenario, commits);
    const now = new Date(scenario.clock.now);
    // The world's clock runs on from the scenario's "now", so mutations get plausible timestamps.
    const startedAt = Date.now();
    const emulator = await startAwsEmulator({
      scenario,
      clock: () => now.getTime() + (Date.now() - startedAt),
      accessKeyId: SANDBOX_CREDENTIALS.accessKeyId,
    });
    let closing: Promise<void> | undefined;
    return {
      scenario,
      incident: scenario.incident,
      now,
      aws: { endpoint: emulator.endpoint, region: scenario.world.aws.region, credentials: { ...SANDBOX_CREDENTIALS } },
      repoDir,
      commits,
      mutations: () => emulator.mutations(),
      requests: () => emulator.requests(),
      close: () =>
        (closing ??= (async () => {
          await emulator.close();
          if (ownsDir) await rm(repoDir, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    if (ownsDir) await rm(repoDir, { recursive: true, force: true });
    throw error;
  }
}
