/**
 * OOM / memory exhaustion. Signature: tasks stopped with OutOfMemoryError or exit 137, and
 * memory-exhaustion messages that are new in the logs. Branches to "what raised memory use":
 * a deployed code change, or a lowered memory limit.
 */
import type { EcsTask } from '../../../providers/types';
import { shortTaskDefinition } from '../../engine/triage';
import type { EvidenceDraft, HypothesisProposal } from '../types';
import { clock, codeLocationsOf, comparisonWindows, describeChange, ecsServiceTarget, excerpt, iso, logComparison, RESOURCE_EXHAUSTION, suspectChange, templateChanges, type FailureRule } from './common';

const OOM_PATTERN = '?OutOfMemoryError ?"out of memory" ?"allocation failed" ?OOMKilled ?ENOMEM';

export function isOomStop(task: EcsTask): boolean {
  if (task.stoppedReason && RESOURCE_EXHAUSTION.test(task.stoppedReason)) return true;
  return task.containers.some((c) => c.exitCode === 137 || (c.reason !== undefined && RESOURCE_EXHAUSTION.test(c.reason)));
}

export const oomRule: FailureRule = {
  id: 'oom',
  category: 'oom',
  propose(context) {
    const symptoms = context.incident.symptoms.join(' ');
    const restarting = /restart|crash|killed|oom|memory|exit 137/i.test(`${symptoms} ${context.incident.description ?? ''}`);
    const short = context.service && context.service.runningCount < context.service.desiredCount;
    return {
      category: 'oom',
      title: `Containers of ${context.incident.service} are running out of memory`,
      rationale: restarting || short ? 'Tasks are restarting or below the desired count, the usual face of OOM kills.' : 'Memory exhaustion is a common cause of errors under load.',
      prior: restarting || short ? 0.45 : 0.25,
      focus: { rule: 'oom' },
    };
  },
  plan(_hypothesis, context) {
    const target = ecsServiceTarget(context);
    const windows = comparisonWindows(context, suspectChange(context)?.at);
    return [
      ...(target
        ? [{ provider: 'ecs' as const, operation: 'ecs.stoppedTasks', target, params: {}, window: windows.incident, rationale: 'Were tasks killed for exceeding memory (OutOfMemoryError, exit 137)?' }]
        : []),
      ...logComparison(context, OOM_PATTERN, 'Did memory-exhaustion errors appear after symptoms began?', suspectChange(context)?.at),
    ];
  },
  interpret(_hypothesis, query, result, context) {
    if (result.operation === 'ecs.stoppedTasks') {
      const since = query.window?.start ?? context.onset;
      const recent = result.tasks.filter((t) => (t.stoppedAt ?? 0) >= since);
      const oom = recent.filter(isOomStop).sort((a, b) => (a.stoppedAt ?? 0) - (b.stoppedAt ?? 0));
      if (!oom.length) {
        return [{ kind: 'stopped-tasks', strength: recent.length ? 'weak' : 'none', supports: false, summary: `${recent.length} task(s) stopped since ${clock(since)}, none for memory.`, data: { stopped: recent.length, oomKilled: 0 } }];
      }
      const definitions = [...new Set(oom.map((t) => shortTaskDefinition(t.taskDefinitionArn)))];
      const reason = oom[0]!.stoppedReason ?? oom[0]!.containers.find((c) => c.reason)?.reason ?? 'exit 137';
      const exitCode = oom[0]!.containers.find((c) => c.exitCode !== undefined)?.exitCode;
      return [
        {
          kind: 'stopped-tasks',
          strength: oom.length >= 2 ? 'strong' : 'weak',
          supports: true,
          summary: `${oom.length} task(s) of ${definitions.join(', ')} stopped with "${reason}"${exitCode !== undefined ? ` (exit ${exitCode})` : ''} between ${clock(oom[0]!.stoppedAt!)} and ${clock(oom.at(-1)!.stoppedAt!)}.`,
          observedAt: iso(oom[0]!.stoppedAt!),
          excerpt: excerpt(oom.map((t) => `${t.taskArn.slice(t.taskArn.lastIndexOf('/') + 1)}  ${shortTaskDefinition(t.taskDefinitionArn)}  ${t.stoppedReason ?? ''}`)),
          data: { oomKilled: oom.length, stopped: recent.length, taskDefinitions: definitions.join(', ') },
        },
      ];
    }
    if (result.operation === 'logs.compareWindows') {
      const changes = templateChanges(result).filter((c) => c.count > 0 && RESOURCE_EXHAUSTION.test(c.template + c.example));
      const fresh = changes.filter((c) => c.change === 'new' || c.change === 'surged');
      const total = fresh.reduce((sum, c) => sum + c.count, 0);
      if (!fresh.length) {
        return [{ kind: 'log-pattern', strength: changes.length ? 'weak' : 'none', supports: false, summary: changes.length ? 'Memory errors are present but no more frequent than before.' : 'No memory-exhaustion messages in the incident window.' }];
      }
      const first = Math.min(...fresh.map((c) => c.firstSeen));
      return [
        {
          kind: 'log-pattern',
          strength: total >= 3 ? 'strong' : 'weak',
          supports: true,
          summary: `Memory-exhaustion messages: ${fresh.slice(0, 3).map(describeChange).join('; ')}.`,
          observedAt: iso(first),
          excerpt: excerpt(fresh.slice(0, 2).map((c) => c.example), 12),
          codeLocations: codeLocationsOf(fresh.map((c) => c.example)),
          data: { newPatterns: fresh.length, events: total },
        },
      ];
    }
    return [];
  },
  refine(hypothesis, evidence, context) {
    const change = suspectChange(context);
    if (!change) return [];
    const files = [...new Set(evidence.flatMap((e) => e.codeLocations ?? []).map((l) => l.path))];
    const focus = {
      changeAt: String(change.at),
      toTaskDefinition: shortTaskDefinition(change.toTaskDefinition),
      fromTaskDefinition: change.fromTaskDefinition ? shortTaskDefinition(change.fromTaskDefinition) : '',
      toCommit: change.toCommit ?? '',
      fromCommit: change.fromCommit ?? '',
      files: files.join('\n'),
    };
    const out: HypothesisProposal[] = [
      {
        category: 'oom',
        title: `Memory regression shipped in ${focus.toTaskDefinition} (deployed ${clock(change.at)})`,
        rationale: `${hypothesis.node.title}; the deploy of ${focus.toTaskDefinition} landed ${Math.round((context.onset - change.at) / 60_000)} min before symptoms.`,
        prior: 0.6,
        focus: { ...focus, rule: 'commit-blame', blameKind: 'memory' },
      },
    ];
    if (change.differences.some((d) => /memory/i.test(d))) {
      out.push({
        category: 'config-change',
        title: `Memory limit lowered in ${focus.toTaskDefinition}`,
        rationale: change.differences.filter((d) => /memory/i.test(d)).join('; '),
        prior: 0.5,
        focus: { ...focus, rule: 'memory-limit' },
      });
    }
    return out;
  },
};

/** Child of OOM: the task definition's memory limit went down in the deploy. */
export const memoryLimitRule: FailureRule = {
  id: 'memory-limit',
  category: 'config-change',
  plan(hypothesis, context) {
    const target = ecsServiceTarget(context);
    if (!target || !hypothesis.focus.toTaskDefinition) return [];
    return [{ provider: 'ecs', operation: 'ecs.taskDefinitionDiff', target, params: { from: hypothesis.focus.fromTaskDefinition, to: hypothesis.focus.toTaskDefinition }, rationale: 'Did the deploy lower the memory limit?' }];
  },
  interpret(_hypothesis, _query, result): EvidenceDraft[] {
    if (result.operation !== 'ecs.taskDefinitionDiff' || !result.from) return [];
    const before = result.from.containers.map((c) => c.memory ?? 0).reduce((a, b) => a + b, 0) || Number(result.from.memory ?? 0);
    const after = result.to.containers.map((c) => c.memory ?? 0).reduce((a, b) => a + b, 0) || Number(result.to.memory ?? 0);
    const lowered = after > 0 && before > 0 && after < before;
    return [{ kind: 'task-definition-diff', strength: lowered ? 'strong' : 'weak', supports: lowered, summary: lowered ? `Memory limit lowered from ${before} MiB to ${after} MiB.` : `Memory limit unchanged (${after || 'unset'} MiB).`, data: { before, after } }];
  },
};
