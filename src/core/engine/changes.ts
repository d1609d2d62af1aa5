/**
 * What changed between two versions of a service: ECS task definitions or Kubernetes pod
 * templates, compared field by field. Env values are never copied (they may be secrets);
 * only names and whether they changed.
 */
import type { EcsTaskDefinition, K8sContainerSpec } from '../../providers/types';
import type { Culprit } from '../model';
import type { ChangeDifference, ChangeRecord, TriageContext } from '../reasoner/types';

const COMMIT_ENV = /^(?:GIT_SHA|GIT_COMMIT|COMMIT_SHA|SOURCE_VERSION|REVISION|APP_VERSION)$/i;
const SHA = /^[0-9a-f]{7,40}$/i;

/** A container, whatever the orchestrator: what the diff needs. */
export interface ContainerShape {
  name: string;
  image: string;
  memory?: string;
  cpu?: string;
  env: { name: string; value?: string }[];
  /** What the container runs: entry point / command and arguments. Only the executable is ever shown. */
  argv?: string[];
  /** A Kubernetes init container (runs to completion before the others start). */
  init?: boolean;
}

export function ecsContainers(definition: EcsTaskDefinition): ContainerShape[] {
  return definition.containers.map((c) => ({
    name: c.name,
    image: c.image,
    memory: c.memory !== undefined ? String(c.memory) : definition.memory,
    cpu: c.cpu !== undefined ? String(c.cpu) : definition.cpu,
    // Secret references compare by name and ARN (never a value): a removed or repointed secret is a changed setting.
    env: [...c.environment, ...(c.secrets ?? []).map((secret) => ({ name: secret.name, value: `secret:${secret.valueFrom}` }))],
    ...argvOf(c.entryPoint, c.command),
  }));
}

function argvOf(command: readonly string[] | undefined, args: readonly string[] | undefined): { argv?: string[] } {
  return command?.length || args?.length ? { argv: [...(command ?? []), ...(args ?? [])] } : {};
}

/** A pod template's containers, its init containers (flagged) included. */
export function k8sContainers(containers: readonly K8sContainerSpec[], initContainers: readonly K8sContainerSpec[] = []): ContainerShape[] {
  const shape = (c: K8sContainerSpec, init: boolean): ContainerShape => ({
    name: c.name,
    image: c.image,
    memory: c.limits.memory,
    cpu: c.limits.cpu,
    env: c.env.map((e) => ({ name: e.name, value: e.value ?? (e.fromSecret ? `secret:${e.fromSecret}` : e.fromConfigMap ? `configmap:${e.fromConfigMap}` : undefined) })),
    ...argvOf(c.command, c.args),
    ...(init ? { init: true } : {}),
  });
  return [...initContainers.map((c) => shape(c, true)), ...containers.map((c) => shape(c, false))];
}

/** The executable of a command line (`/usr/bin/wget -O …` → `wget`; `sh -c "wge …"` → `wge`): all a diff shows of it. */
export function executableOf(argv: readonly string[] | undefined): string | undefined {
  if (!argv?.length) return undefined;
  // A shell's script: the first word of the script is what runs.
  const shell = /^(?:\/\S*\/)?(?:sh|bash|ash|dash|zsh)$/.test(argv[0]!) && argv[1] === '-c' && argv[2] ? argv[2].trim().split(/\s+/)[0] : argv[0];
  return shell ? shell.slice(shell.lastIndexOf('/') + 1) : undefined;
}

export function diffContainers(before: readonly ContainerShape[] | undefined, after: readonly ContainerShape[]): ChangeDifference[] {
  if (!before) return [{ kind: 'other', text: 'first version (nothing to compare with)' }];
  const out: ChangeDifference[] = [];
  for (const container of after) {
    const old = before.find((c) => c.name === container.name);
    if (!old) {
      out.push({ kind: 'other', container: container.name, text: `container ${container.name} added` });
      continue;
    }
    if (old.image !== container.image) {
      out.push({ kind: 'image', container: container.name, before: tagOf(old.image), after: tagOf(container.image), text: `${container.name} image ${tagOf(old.image)} → ${tagOf(container.image)}` });
    }
    if (old.memory !== container.memory) {
      out.push({ kind: 'memory', container: container.name, before: old.memory, after: container.memory, text: `${container.name} memory ${old.memory ?? 'unset'} → ${container.memory ?? 'unset'}` });
    }
    if ((old.argv ?? []).join('\u0000') !== (container.argv ?? []).join('\u0000')) {
      // Arguments may carry secrets: only the executables are quoted.
      const [from, to] = [executableOf(old.argv), executableOf(container.argv)];
      const label = `${container.name}${container.init ? ' (init)' : ''}`;
      out.push({ kind: 'command', container: container.name, before: from, after: to, text: from !== to ? `${label} command ${from ?? 'default'} → ${to ?? 'default'}` : `${label} command arguments changed` });
    }
    if (old.cpu !== container.cpu) {
      out.push({ kind: 'cpu', container: container.name, before: old.cpu, after: container.cpu, text: `${container.name} cpu ${old.cpu ?? 'unset'} → ${container.cpu ?? 'unset'}` });
    }
    const oldEnv = new Map(old.env.map((e) => [e.name, e.value]));
    for (const variable of container.env) {
      if (COMMIT_ENV.test(variable.name)) continue; // the version marker changes with every deploy
      if (!oldEnv.has(variable.name)) out.push({ kind: 'env-added', container: container.name, name: variable.name, text: `${container.name} env ${variable.name} added` });
      else if (oldEnv.get(variable.name) !== variable.value) out.push({ kind: 'env-changed', container: container.name, name: variable.name, text: `${container.name} env ${variable.name} changed` });
    }
    for (const name of oldEnv.keys()) {
      if (!container.env.some((e) => e.name === name) && !COMMIT_ENV.test(name)) {
        out.push({ kind: 'env-removed', container: container.name, name, text: `${container.name} env ${name} removed` });
      }
    }
  }
  return out;
}

/** The commit a version was built from: a GIT_SHA-style variable, else a sha-like image tag. */
export function commitOfContainers(containers: readonly ContainerShape[]): string | undefined {
  for (const container of containers) {
    const fromEnv = container.env.find((e) => COMMIT_ENV.test(e.name) && e.value !== undefined && SHA.test(e.value));
    if (fromEnv) return fromEnv.value;
  }
  for (const container of containers) {
    const tag = tagOf(container.image).split(':')[1] ?? '';
    if (SHA.test(tag)) return tag;
  }
  return undefined;
}

/** The version a change shipped, as a culprit: an ECS task definition or a Kubernetes ReplicaSet. */
export function versionCulprit(platform: 'ecs' | 'kubernetes', version: string): Culprit {
  return { kind: platform === 'ecs' ? 'task-definition' : 'replicaset', id: version };
}

/** `registry.example/app:abc1234` → `app:abc1234` */
export function tagOf(image: string): string {
  return image.slice(image.lastIndexOf('/') + 1);
}

/** `arn:aws:ecs:…:task-definition/image-resizer:42` → `image-resizer:42`. */
export function shortTaskDefinition(arnOrName: string): string {
  return arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
}

/** The change most likely to matter: the latest one that landed before symptoms began (within the horizon). */
export function suspectChange(context: Pick<TriageContext, 'changes' | 'onset' | 'recurrence'>, horizonMs = 2 * 3_600_000): ChangeRecord | undefined {
  // A recurring failure began with its first episode: what landed later did not start it.
  const began = context.recurrence?.since ?? context.onset;
  return context.changes.filter((c) => c.at <= began && began - c.at <= horizonMs).sort((a, b) => b.at - a.at)[0];
}

/** The latest change that landed in [moment - horizon, moment + 2 min]: what a shift that began at `moment` is blamed on. */
export function suspectChangeBefore(context: Pick<TriageContext, 'changes'>, moment: number, horizonMs: number): ChangeRecord | undefined {
  return context.changes.filter((c) => c.at <= moment + 2 * 60_000 && moment - c.at <= horizonMs).sort((a, b) => b.at - a.at)[0];
}
