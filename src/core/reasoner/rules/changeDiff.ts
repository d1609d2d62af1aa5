/**
 * Child rule: did a setting that changed with the deploy cause the failure? Reads the two
 * versions (task definitions or ReplicaSets) and checks the differences the parent mode cares
 * about: a lowered memory or CPU limit, a new image reference, changed environment variables —
 * strongest when the failing messages contain the variable's name or its new value.
 * Values are compared, never quoted: they may be secrets.
 */
import { diffContainers, ecsContainers, k8sContainers, versionCulprit, type ContainerShape } from '../../engine/changes';
import type { ChangeDifference, EvidenceDraft } from '../types';
import type { FailureRule } from './common';
import { failureMatch } from '../../taxonomy';
import { escapeRegExp } from '../../regexp';

export const changeDiffRule: FailureRule = {
  id: 'change-diff',
  category: 'config-change',
  plan(hypothesis, context) {
    const target = context.incident.target;
    const { toVersion, fromVersion } = hypothesis.focus;
    if (!toVersion) return [];
    if (target.platform === 'ecs') {
      return [{ provider: 'ecs', operation: 'ecs.taskDefinitionDiff', target: `${target.cluster}/${target.service}`, params: { from: fromVersion || undefined, to: toVersion }, rationale: `What exactly changed between ${fromVersion || 'the previous version'} and ${toVersion}?` }];
    }
    return [{ provider: 'kubernetes', operation: 'k8s.rollout', target: `${target.namespace}/${target.deployment}`, params: {}, rationale: `What exactly changed between ${fromVersion || 'the previous revision'} and ${toVersion}?` }];
  },
  interpret(hypothesis, _query, result): EvidenceDraft[] {
    let before: ContainerShape[] | undefined;
    let after: ContainerShape[] | undefined;
    if (result.operation === 'ecs.taskDefinitionDiff') {
      before = result.from ? ecsContainers(result.from) : undefined;
      after = ecsContainers(result.to);
    } else if (result.operation === 'k8s.rollout') {
      const find = (name: string) => result.replicaSets.find((rs) => rs.name === name);
      const to = find(hypothesis.focus.toVersion ?? '');
      const from = find(hypothesis.focus.fromVersion ?? '');
      if (to) after = k8sContainers(to.containers, to.initContainers);
      if (from) before = k8sContainers(from.containers, from.initContainers);
    }
    if (!after) return [];
    const kinds = hypothesis.focus.kinds ?? '';
    const differences = diffContainers(before, after).filter((d) => (kinds === 'env' ? d.kind.startsWith('env-') : d.kind === kinds));
    const shipped = versionCulprit(hypothesis.focus.platform === 'kubernetes' ? 'kubernetes' : 'ecs', hypothesis.focus.toVersion!);
    if (!differences.length) {
      return [{ kind: 'task-definition-diff', strength: 'weak', supports: false, summary: `No ${kinds} change between the two versions.` }];
    }
    switch (kinds) {
      case 'memory':
      case 'cpu': {
        if (hypothesis.focus.parentCategory === 'capacity') return [reservationRaised(kinds, differences, hypothesis.focus.examples ?? '', shipped)];
        const lowered = differences.filter((d) => quantity(d.after) < quantity(d.before));
        return [
          lowered.length
            ? { kind: 'task-definition-diff', strength: 'strong', supports: true, summary: `${lowered.map((d) => d.text).join('; ')} — less ${kinds} than the version that worked.`, culprit: shipped, data: { before: lowered[0]!.before ?? '', after: lowered[0]!.after ?? '' } }
            : { kind: 'task-definition-diff', strength: 'weak', supports: false, summary: `${differences.map((d) => d.text).join('; ')} — not lower than before.` },
        ];
      }
      case 'image': {
        const examples = hypothesis.focus.examples ?? '';
        // A pull that fails names the tag; a line that merely prints the version (a banner) does not blame it.
        const pulls = examples.split('\n').filter((line) => failureMatch(line, (m) => m.entry.category === 'image-pull'));
        const named = differences.filter((d) => d.after && pulls.some((line) => line.includes(d.after!.split(':')[1] ?? d.after!)));
        // A failure only an image causes (built for another CPU architecture, no manifest for the platform).
        const imageFailure = named.length ? undefined : examples.split('\n').map((line) => failureMatch(line, (m) => m.entry.names === 'image')).find(Boolean);
        return [
          {
            kind: 'task-definition-diff',
            strength: named.length || imageFailure ? 'strong' : 'weak',
            supports: true,
            summary: `${differences.map((d) => d.text).join('; ')}${named.length ? ' — the failing pulls name this exact image tag' : imageFailure ? ` — the failure is one the image itself causes (${imageFailure.entry.description})` : ''}.`,
            culprit: shipped,
          },
        ];
      }
      case 'command': {
        // The crashing container is the one whose command changed, or the failure names the new executable.
        const examples = hypothesis.focus.examples ?? '';
        const implicated = differences.filter((d) => (d.after && new RegExp(`["'\\s]${escapeRegExp(d.after)}["':\\s]`).test(` ${examples} `)) || (d.container && new RegExp(`(?:container[= ]|/)${escapeRegExp(d.container)}\\b`).test(examples)));
        return [
          {
            kind: 'task-definition-diff',
            strength: implicated.length ? 'strong' : 'weak',
            supports: true,
            summary: `${differences.map((d) => d.text).join('; ')}${implicated.length ? ' — the failing container is the one whose command changed' : ' (not the container that fails)'}.`,
            culprit: shipped,
          },
        ];
      }
      default:
        return [envEvidence(differences, before, after, hypothesis.focus.examples ?? '', hypothesis.focus.parentCategory)];
    }
  },
};

function envEvidence(differences: ChangeDifference[], before: ContainerShape[] | undefined, after: ContainerShape[], examples: string, parentCategory?: string): EvidenceDraft {
  const valueOf = (containers: ContainerShape[] | undefined, d: ChangeDifference) => containers?.find((c) => c.name === d.container)?.env.find((e) => e.name === d.name)?.value;
  const implicated = differences.filter((d) => {
    if (!d.name || !examples) return false;
    if (examples.includes(d.name) || nameWordsIn(d.name, examples)) return true;
    const value = valueOf(after, d);
    // A changed value that shows up in the failing messages (a mistyped host, a wrong path).
    return !!value && value.length >= 4 && examples.includes(value) && value !== valueOf(before, d);
  });
  // A changed heap or memory flag is what an OOM is about, whether or not a message names it.
  if (parentCategory === 'oom') {
    for (const d of differences) {
      const value = valueOf(after, d) ?? '';
      if (!implicated.includes(d) && MEMORY_FLAG.test(value) && value !== (valueOf(before, d) ?? '')) implicated.push(d);
    }
  }
  const chosen = implicated[0] ?? (differences.length === 1 ? differences[0] : undefined);
  return {
    kind: 'task-definition-diff',
    strength: implicated.length ? 'strong' : 'weak',
    supports: true,
    summary: implicated.length
      ? `${implicated.map((d) => d.text).join('; ')} — the failing messages refer to it, or it changes a memory setting.`
      : `${differences.map((d) => d.text).join('; ')} (not referred to by the failing messages).`,
    culprit: chosen?.name ? { kind: 'config', id: chosen.name } : undefined,
    data: { changedVariables: differences.length },
  };
}

/** "512Mi" / "0.5" / "250m" / "1024" → a comparable number (memory in MiB, cpu in millicores/units). */
/**
 * Units that cannot be placed for lack of CPU (memory), of a version that reserves more CPU
 * (memory) than the one before it: the new reservation does not fit where the old one ran. A
 * cluster short of the other resource, or a reservation that did not grow, stays capacity.
 */
function reservationRaised(kinds: string, differences: ChangeDifference[], stated: string, shipped: EvidenceDraft['culprit']): EvidenceDraft {
  const raised = differences.filter((d) => quantity(d.after) > quantity(d.before));
  const short = new RegExp(`insufficient ${kinds}`, 'i').test(stated);
  return raised.length && short
    ? { kind: 'task-definition-diff', strength: 'strong', supports: true, summary: `${raised.map((d) => d.text).join('; ')} — more ${kinds} than the version that ran, and placement fails for lack of ${kinds}.`, culprit: shipped, data: { before: raised[0]!.before ?? '', after: raised[0]!.after ?? '' } }
    : { kind: 'task-definition-diff', strength: 'weak', supports: false, summary: `${differences.map((d) => d.text).join('; ')} — ${raised.length ? `placement does not fail for lack of ${kinds}` : 'not more than before'}.` };
}

function quantity(value: string | undefined): number {
  if (!value) return Infinity;
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(value.trim());
  if (!match) return Number(value) || Infinity;
  const n = Number(match[1]);
  const factor: Record<string, number> = { m: 0.001, Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024, k: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576 };
  return match[2] ? n * factor[match[2]]! : n;
}

/** Heap and memory settings of common runtimes. */
const MEMORY_FLAG = /-Xmx|-Xms|-XX:Max\w*RAM|MaxRAMPercentage|max[-_]old[-_]space[-_]size|GOMEMLIMIT|MALLOC_ARENA|memory/i;

/** Generic words of variable names that say nothing about what a message is about. */
const GENERIC_WORDS = new Set(['SPRING', 'SERVICE', 'CONFIG', 'ENABLED', 'ENABLE', 'ENDPOINT', 'SERVER', 'CLIENT', 'OPTIONS', 'SETTINGS', 'DEFAULT', 'VALUE', 'NAME', 'PATH', 'HOST', 'PORT', 'LEVEL', 'MODE', 'TIMEOUT', 'EXPORTER']);

/** `SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE` is about messages that say "HikariPool": a distinctive word in common. */
function nameWordsIn(name: string, text: string): boolean {
  const lower = text.toLowerCase();
  return name
    .split(/[_\-.]+/)
    .filter((word) => word.length >= 5 && !GENERIC_WORDS.has(word.toUpperCase()))
    .some((word) => lower.includes(word.toLowerCase()));
}
