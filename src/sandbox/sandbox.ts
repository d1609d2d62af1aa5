/**
 * Starts a scenario's sandbox: materializes its git repository, resolves the commit
 * placeholders against the real shas, and serves the world through the AWS emulators (CloudWatch
 * Logs + ECS on one endpoint; CloudWatch, ELBv2 and Application Auto Scaling on their own) (and, when
 * the scenario has `world.kubernetes` / `world.github`, the Kubernetes / GitHub emulators) on
 * loopback ports. Front ends
 * (CLI demo, VS Code demo, tests) then build real providers from the handle (see
 * sandboxProviders) — the engine cannot tell it from a real account.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Incident } from '../core/incident';
import { RequestJournal } from './aws/awsCommon';
import { type RecordedMutation, type RecordedRequest, startAwsEmulator } from './aws/awsEmulator';
import { type AwsSignalEmulators, startAwsSignalEmulators } from './aws/signalEmulators';
import { type GitHubEmulator, type GitHubRecordedRequest, startGitHubEmulator } from './github/githubEmulator';
import { type K8sEmulator, type K8sRecordedMutation, type K8sRecordedRequest, startK8sEmulator } from './kubernetes/k8sEmulator';
import { materializeRepo } from './scenario/repo';
import { resolveScenario, type Scenario } from './scenario/scenario';

export type { RecordedMutation, RecordedRequest } from './aws/awsEmulator';
export type { K8sRecordedMutation, K8sRecordedRequest } from './kubernetes/k8sEmulator';
export type { GitHubRecordedRequest } from './github/githubEmulator';

/** Fixed fake credentials: the emulator only accepts these (wrong keys fail like on AWS). */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'SANDBOXACCESSKEYID01', secretAccessKey: 'sandbox-secret-access-key-not-a-real-one' } as const;
/** Fixed bearer token of the Kubernetes emulator (any other gets 401 Unauthorized). */
export const SANDBOX_K8S_TOKEN = 'sandbox-kubernetes-bearer-token-not-a-real-one';
/** Fixed token of the GitHub emulator (any other gets 401 Bad credentials). */
export const SANDBOX_GITHUB_TOKEN = 'sandbox-github-token-not-a-real-one';

/** Where the sandbox's GitHub API is, as Octokit takes it. */
export interface SandboxGitHub {
  /** `http://127.0.0.1:PORT`: Octokit's `baseUrl`. */
  baseUrl: string;
  token: string;
  /** The repository the scenario presents (world.github.owner / repo). */
  owner: string;
  repo: string;
  /** Every request the GitHub emulator received, in order. */
  requests(): GitHubRecordedRequest[];
}

/** Where the sandbox's Kubernetes API is, as a kubeconfig would say it. */
export interface SandboxKubernetes {
  /** `http://127.0.0.1:PORT` (https:// with SandboxOptions.kubernetesTls) */
  server: string;
  token: string;
  /** The context name the scenario presents (world.kubernetes.context). */
  context: string;
  /** The incident's namespace, else the scenario's first one. */
  namespace: string;
  /** Mutations the Kubernetes emulator applied (patches, scales), in order. */
  mutations(): K8sRecordedMutation[];
  /** Every request the Kubernetes emulator received, in order. */
  requests(): K8sRecordedRequest[];
}

/** Where each AWS service of the sandbox answers (`http://127.0.0.1:PORT`). */
export interface SandboxAwsEndpoints {
  logs: string;
  ecs: string;
  cloudwatch: string;
  elb: string;
  autoscaling: string;
}

export interface SandboxOptions {
  scenario: Scenario;
  /** Where to materialize the repository (empty, missing, or a previous materialization). Default: a fresh temp dir, removed on close. */
  repoDir?: string;
  /** Serve the Kubernetes API over HTTPS with this PEM key/cert (kubectl sends tokens only over TLS). */
  kubernetesTls?: { key: string; cert: string };
}

export interface SandboxHandle {
  /** The scenario with `{{commit:…}}`/`{{short:…}}` resolved to the materialized shas. */
  scenario: Scenario;
  incident: Incident;
  /** The scenario's "now" (clock.now). */
  now: Date;
  /**
   * `endpoint` serves CloudWatch Logs and ECS; `endpoints` has one per service (CloudWatch,
   * Elastic Load Balancing v2 and Application Auto Scaling each have their own emulator).
   */
  aws: { endpoint: string; endpoints: SandboxAwsEndpoints; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  /** Present when the scenario has `world.kubernetes`. */
  kubernetes?: SandboxKubernetes;
  /** Present when the scenario has `world.github`. */
  github?: SandboxGitHub;
  repoDir: string;
  /** label → full sha */
  commits: Record<string, string>;
  /** Mutations the emulator applied (UpdateService…), in order. */
  mutations(): RecordedMutation[];
  /** Every AWS request the emulators received (all services, one sequence), in order (to check what providers asked). */
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
    const clock = () => now.getTime() + (Date.now() - startedAt);
    const journal = new RequestJournal();
    const emulator = await startAwsEmulator({ scenario, clock, accessKeyId: SANDBOX_CREDENTIALS.accessKeyId, journal });
    let signals: AwsSignalEmulators | undefined;
    let k8s: K8sEmulator | undefined;
    let github: GitHubEmulator | undefined;
    try {
      signals = await startAwsSignalEmulators({ scenario, clock, accessKeyId: SANDBOX_CREDENTIALS.accessKeyId, journal });
      if (scenario.world.kubernetes) k8s = await startK8sEmulator({ scenario, clock, token: SANDBOX_K8S_TOKEN, tls: options.kubernetesTls });
      if (scenario.world.github) github = await startGitHubEmulator({ scenario, commits, clock, token: SANDBOX_GITHUB_TOKEN });
    } catch (error) {
      await Promise.all([emulator.close(), signals?.close(), k8s?.close()]);
      throw error;
    }
    let closing: Promise<void> | undefined;
    return {
      scenario,
      incident: scenario.incident,
      now,
      aws: {
        endpoint: emulator.endpoint,
        endpoints: { logs: emulator.endpoint, ecs: emulator.endpoint, cloudwatch: signals.cloudwatch.endpoint, elb: signals.elb.endpoint, autoscaling: signals.autoscaling.endpoint },
        region: scenario.world.aws.region,
        credentials: { ...SANDBOX_CREDENTIALS },
      },
      ...(k8s ? { kubernetes: sandboxKubernetes(scenario, k8s) } : {}),
      ...(github ? { github: sandboxGitHub(scenario, github) } : {}),
      repoDir,
      commits,
      mutations: () => emulator.mutations(),
      requests: () => journal.list(),
      close: () =>
        (closing ??= (async () => {
          await Promise.all([emulator.close(), signals?.close(), k8s?.close(), github?.close()]);
          if (ownsDir) await rm(repoDir, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    if (ownsDir) await rm(repoDir, { recursive: true, force: true });
    throw error;
  }
}

function sandboxKubernetes(scenario: Scenario, emulator: K8sEmulator): SandboxKubernetes {
  const world = scenario.world.kubernetes!;
  const target = scenario.incident.target;
  return {
    server: emulator.server,
    token: SANDBOX_K8S_TOKEN,
    context: world.context,
    namespace: target.platform === 'kubernetes' ? target.namespace : world.namespaces[0].name,
    mutations: () => emulator.mutations(),
    requests: () => emulator.requests(),
  };
}

function sandboxGitHub(scenario: Scenario, emulator: GitHubEmulator): SandboxGitHub {
  const world = scenario.world.github!;
  return { baseUrl: emulator.baseUrl, token: SANDBOX_GITHUB_TOKEN, owner: world.owner, repo: world.repo, requests: () => emulator.requests() };
}
