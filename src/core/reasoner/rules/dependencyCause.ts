/**
 * Child rule: the dependency the errors point at is failing itself. A senior SRE opens that
 * service next: its own logs (what is new there), its rollouts or deployments (a change that
 * broke it), its pods or tasks (crashing, killed, not ready). With a service map the logs are
 * where the map says; without one the dependency is looked up where the caller runs (a
 * Deployment of that name in the namespace its cluster DNS name gives, or an ECS service of
 * that name in the same cluster). Its errors may point further: the chain is followed again,
 * to the engine's depth limit, never back to a service already visited.
 */
import { rolloutChanges, podTerminations } from '../../engine/triageKubernetes';
import { taskTermination } from '../../engine/triageEcs';
import { logWindows, OVERVIEW_TERMS, renderLogQuery } from '../../engine/logQueries';
import { diffContainers, ecsContainers, shortTaskDefinition } from '../../engine/changes';
import type { EcsDeployment } from '../../../providers/types';
import type { EvidenceDraft, HypothesisView, LogSource, QueryProposal, QueryResult, Termination, TriageContext } from '../types';
import { clock, describeChange, excerpt, isFresh, iso, minutesBetween, patternsOf, summarisePatterns, type FailureRule } from './common';
import { causeProposals } from './causes';
import { dependencyOf } from './dependencies';
import { explainedBySignature } from './signatures';
import { failureMatch } from '../../taxonomy';
import type { PatternChange } from '../../logs/patternChange';

/** What a saturated database or service logs besides errors. */
const SATURATION_TERMS = ['duration', 'slow', 'lock', 'waiting', 'too many', 'connection', 'terminating', 'statement', 'checkpoint'];
const TROUBLE = /error|exception|fatal|fail|refused|timeout|timed out|denied|panic|duration|slow|lock|waiting|too many|terminat|statement|checkpoint|connection/i;
/** A dependency's change counts when it landed before the caller's symptoms, within this. */
const CHANGE_HORIZON = 6 * 3_600_000;

function logSourceOf(hypothesis: HypothesisView, context: TriageContext): LogSource | undefined {
  const name = hypothesis.focus.dependency ?? '';
  const entry = context.serviceMap[name];
  if (entry?.logGroup) return { kind: 'cloudwatch', logGroup: entry.logGroup };
  if (entry?.kubernetes) return { kind: 'pods', ...entry.kubernetes };
  if (hypothesis.focus.platform === 'kubernetes' && hypothesis.focus.namespace) return { kind: 'pods', namespace: hypothesis.focus.namespace, labelSelector: `deployment:${name}` };
  return undefined;
}

export const dependencyCauseRule: FailureRule = {
  id: 'dependency-cause',
  category: 'dependency',
  plan(hypothesis, context) {
    const name = hypothesis.focus.dependency ?? '';
    const queries: QueryProposal[] = [];
    const entry = context.serviceMap[name];
    const ecs = entry?.ecs ?? (hypothesis.focus.platform === 'ecs' && hypothesis.focus.cluster ? { cluster: hypothesis.focus.cluster, service: name } : undefined);
    const namespace = entry?.kubernetes?.namespace ?? (hypothesis.focus.platform === 'kubernetes' ? hypothesis.focus.namespace : undefined);
    if (ecs) {
      const ref = `${ecs.cluster}/${ecs.service}`;
      queries.push({ provider: 'ecs', operation: 'ecs.serviceEvents', target: ref, params: {}, rationale: `Did ${name} change (a deployment) or lose tasks before the symptoms?` });
      queries.push({ provider: 'ecs', operation: 'ecs.stoppedTasks', target: ref, params: {}, window: logWindows(context).incident, rationale: `Are ${name}'s own tasks stopping?` });
    } else if (namespace && !entry?.kubernetes) {
      queries.push({ provider: 'kubernetes', operation: 'k8s.rollout', target: `${namespace}/${name}`, params: {}, rationale: `Did ${name} roll out a new version before the symptoms, and are its replicas ready?` });
      queries.push({ provider: 'kubernetes', operation: 'k8s.pods', target: `${namespace}/deployment:${name}`, params: {}, rationale: `Are ${name}'s own pods crashing, killed or not ready?` });
    }
    const source = logSourceOf(hypothesis, context);
    if (source) queries.push({ ...renderLogQuery(source, [...OVERVIEW_TERMS, ...SATURATION_TERMS], logWindows(context), { wide: true }), rationale: `What is new in ${name}'s own logs (errors, slow statements, lock waits)?` });
    return queries;
  },
  interpret(hypothesis, _query, result, context) {
    const name = hypothesis.focus.dependency!;
    switch (result.operation) {
      case 'logs.compareWindows':
        return [logsEvidence(hypothesis, patternsOf(result), context, Object.values(result.lastWords ?? {}).flat())];
      case 'k8s.rollout': {
        const { deployment, replicaSets } = result;
        const changes = rolloutChanges(replicaSets, context.onset - CHANGE_HORIZON, context.onset);
        const out: EvidenceDraft[] = [];
        const change = changes[0];
        if (change) {
          out.push({
            kind: 'deployment',
            strength: 'strong',
            supports: true,
            summary: `${name} rolled out ${change.toVersion} at ${clock(change.at)}, ${minutesBetween(change.at, context.onset)} min before ${context.incident.service}'s symptoms${change.differences.length ? ` (${change.differences.map((d) => d.text).join('; ')})` : ''}.`,
            observedAt: iso(change.at),
            culprit: { kind: 'replicaset', id: change.toVersion },
            data: { from: change.fromVersion ?? '', to: change.toVersion, settings: change.differences.filter((d) => d.kind.startsWith('env-') && d.name).map((d) => d.name).join(','), changeAt: change.at },
          });
        }
        if (deployment.readyReplicas < deployment.replicas) {
          out.push({ kind: 'pod-status', strength: deployment.readyReplicas === 0 ? 'strong' : 'weak', supports: true, summary: `${name} has ${deployment.readyReplicas} of ${deployment.replicas} replicas ready.`, culprit: { kind: 'dependency', id: name } });
        }
        // Healthy and unchanged says where the cause is not (its own rollout), not that it is not failing.
        if (!out.length) out.push({ kind: 'deployment', strength: 'none', supports: false, summary: `${name} is fully ready (${deployment.readyReplicas}/${deployment.replicas}) and did not roll out in the ${CHANGE_HORIZON / 3_600_000} h before the symptoms.` });
        return out;
      }
      case 'k8s.pods':
        return [terminationsEvidence(name, result.pods.flatMap((pod) => podTerminations(pod, context.now)), context)];
      case 'ecs.stoppedTasks':
        return [terminationsEvidence(name, result.tasks.map(taskTermination).filter((t): t is Termination => !!t), context)];
      case 'ecs.serviceEvents': {
        const service = result.service;
        const out: EvidenceDraft[] = [];
        const deployment = service.deployments.filter((d) => d.createdAt <= context.onset && context.onset - d.createdAt <= CHANGE_HORIZON).sort((a, b) => b.createdAt - a.createdAt)[0];
        if (deployment && service.deployments.length > 1) {
          out.push({
            kind: 'deployment',
            strength: 'strong',
            supports: true,
            summary: `${name} deployed ${shortTaskDefinition(deployment.taskDefinition)} at ${clock(deployment.createdAt)}, ${minutesBetween(deployment.createdAt, context.onset)} min before ${context.incident.service}'s symptoms.`,
            observedAt: iso(deployment.createdAt),
            culprit: { kind: 'task-definition', id: shortTaskDefinition(deployment.taskDefinition) },
            // The version it replaced, so the next step can read what the deployment changed.
            data: { deployedFrom: previousTaskDefinition(service.deployments, deployment) ?? '', to: deployment.taskDefinition, changeAt: deployment.createdAt },
          });
        }
        if (service.runningCount < service.desiredCount) {
          out.push({ kind: 'service-events', strength: service.runningCount === 0 ? 'strong' : 'weak', supports: true, summary: `${name} runs ${service.runningCount} of ${service.desiredCount} tasks.`, culprit: { kind: 'dependency', id: name } });
        }
        if (!out.length) out.push({ kind: 'service-events', strength: 'none', supports: false, summary: `${name} runs all its tasks and did not deploy in the ${CHANGE_HORIZON / 3_600_000} h before the symptoms.` });
        return out;
      }
      default:
        return [];
    }
  },
  refine(hypothesis, evidence, context) {
    // The next hop reads the dependency's own errors as if it were the one paged.
    const self = { ...context, incident: { ...context.incident, service: hypothesis.focus.dependency ?? context.incident.service } };
    const next = evidence.map((e): EvidenceDraft => (e.data?.further ? { ...e, culprit: { kind: 'dependency', id: String(e.data.further) } } : e));
    const out = causeProposals(['dependency'], hypothesis, next, self).filter((p) => p.focus?.dependency !== hypothesis.focus.dependency);
    // The dependency's own ECS deployment: whether it shipped new code or only new settings is in its task definitions.
    const deployed = evidence.find((e) => e.supports && e.data?.deployedFrom);
    if (deployed) {
      out.unshift({
        category: 'config-change',
        title: `${hypothesis.focus.dependency}'s deployment of ${shortTaskDefinition(String(deployed.data!.to))} changed only its configuration`,
        rationale: `${deployed.summary} A new version with the same image changed settings, not code.`,
        prior: 0.6,
        focus: { ...hypothesis.focus, rule: 'dependency-change', fromVersion: String(deployed.data!.deployedFrom), toVersion: String(deployed.data!.to), changeAt: String(deployed.data!.changeAt) },
      });
    }
    // The dependency's own rollout changed settings: that configuration change is the next suspect.
    const rollout = evidence.find((e) => e.supports && e.data?.settings);
    if (rollout) {
      const settings = String(rollout.data!.settings);
      out.unshift({
        category: 'config-change',
        title: `${hypothesis.focus.dependency}'s rollout ${String(rollout.data!.to)} changed its configuration (${settings})`,
        rationale: `${rollout.summary} The settings it changed are the most specific suspect.`,
        prior: 0.65,
        focus: { ...hypothesis.focus, rule: 'dependency-change', settings, toVersion: String(rollout.data!.to), changeAt: String(rollout.data!.changeAt) },
      });
    }
    return out;
  },
};

/**
 * `lastWords`: the final lines of the dependency's containers that died. A crash says why once
 * per restart, so a failure the taxonomy knows among them counts however rarely it repeats, and
 * the lines before it (the address it was connecting to) say where to look next.
 */
function logsEvidence(hypothesis: HypothesisView, patterns: ReturnType<typeof patternsOf>, context: TriageContext, lastWords: readonly string[] = []): EvidenceDraft {
  const name = hypothesis.focus.dependency!;
  const dying = (p: PatternChange) => lastWords.includes(p.example) && failureMatch(p.example) !== undefined;
  const fresh = patterns.filter((p) => isFresh(p) && ((p.incidentCount >= 3 && TROUBLE.test(p.template)) || dying(p)));
  if (!patterns.length) return { kind: 'log-pattern', strength: 'none', supports: false, summary: `No log lines of ${name} could be read in either window (no pods, or it logs elsewhere).` };
  if (!fresh.length) {
    // Lines it never printed before, none of them errors: it does something else now (another binary, another mode), which clears nothing.
    const different = patterns.filter((p) => p.change === 'new');
    if (different.length) {
      return { kind: 'log-pattern', strength: 'none', supports: false, summary: `${name} logs ${different.length} kind(s) of line it did not before, no repeated error among them (${different.slice(0, 2).map(describeChange).join('; ')}): it behaves differently, without failing loudly.`, patterns: summarisePatterns(different) };
    }
    return { kind: 'log-pattern', strength: 'weak', supports: false, summary: `${name}'s own logs show no new errors; the problem is more likely between the services (network, DNS, TLS) than inside ${name}.` };
  }
  const visited = new Set((hypothesis.focus.visited ?? '').split(',').concat(context.incident.service));
  const died = fresh.some(dying);
  const candidate = dependencyOf([...fresh.map((p) => p.example), ...(died ? lastWords : [])], { ...context, incident: { ...context.incident, service: name } });
  // Never back up the chain: a database's logs name the service that calls it.
  const further = candidate && !visited.has(candidate.name) ? candidate : undefined;
  const mode = fresh.map((p) => explainedBySignature(p.example)).find(Boolean);
  return {
    kind: 'log-pattern',
    strength: died || fresh.reduce((s, p) => s + p.incidentCount, 0) >= 3 ? 'strong' : 'weak',
    supports: true,
    summary: `${name} is failing too${died ? ' (its containers die saying so)' : ''}: ${fresh.slice(0, 3).map(describeChange).join('; ')}${further ? ` — its errors point at ${further.name}` : ''}${mode ? ` (${mode})` : ''}.`,
    observedAt: iso(Math.min(...fresh.map((p) => p.firstSeen))),
    excerpt: excerpt(fresh.slice(0, 2).map((p) => p.example), 10),
    patterns: summarisePatterns(fresh),
    // A further dependency the service map knows is the better-founded culprit; any other is followed as the next hop.
    culprit: { kind: 'dependency', id: further && context.serviceMap[further.name] ? further.name : name },
    data: further ? { further: further.name } : undefined,
  };
}

function terminationsEvidence(name: string, all: Termination[], context: TriageContext): EvidenceDraft {
  const recent = all.filter((t) => t.at >= context.onset - 3_600_000).sort((a, b) => a.at - b.at);
  if (!recent.length) return { kind: 'pod-status', strength: 'none', supports: false, summary: `None of ${name}'s tasks or containers stopped around the incident.` };
  const restarts = Math.max(0, ...recent.map((t) => t.restartCount ?? 0));
  const first = recent[0]!;
  return {
    kind: 'pod-status',
    strength: recent.length >= 2 || restarts >= 3 ? 'strong' : 'weak',
    supports: true,
    summary: `${recent.length} of ${name}'s tasks/containers stopped since ${clock(first.at)}: "${first.reason}"${first.exitCode !== undefined ? ` (exit ${first.exitCode})` : ''}.`,
    observedAt: iso(first.at),
    excerpt: excerpt(recent.map((t) => `${t.unit}  ${t.version ?? ''}  ${t.reason}`)),
    culprit: { kind: 'dependency', id: name },
  };
}

/**
 * Grandchild rule: the dependency's own rollout changed settings. Re-reads the rollout (the
 * same query, answered from the earlier result) and blames the setting the failing lines name,
 * else the only one that changed, else the version.
 */
export const dependencyChangeRule: FailureRule = {
  id: 'dependency-change',
  category: 'config-change',
  plan(hypothesis, context) {
    const { fromVersion, toVersion, dependency } = hypothesis.focus;
    if (fromVersion && toVersion) {
      const service = dependencyCauseRule.plan(hypothesis, context).find((q) => q.operation === 'ecs.serviceEvents');
      return service ? [{ provider: 'ecs', operation: 'ecs.taskDefinitionDiff', target: service.target, params: { from: fromVersion, to: toVersion }, rationale: `What did ${dependency}'s deployment change between ${shortTaskDefinition(fromVersion)} and ${shortTaskDefinition(toVersion)}: code (the image) or only settings?` }] : [];
    }
    return dependencyCauseRule.plan(hypothesis, context).filter((q) => q.operation === 'k8s.rollout' || q.operation === 'ecs.serviceEvents');
  },
  interpret(hypothesis, _query, result, context) {
    if (result.operation === 'ecs.taskDefinitionDiff') return [settingsOnly(hypothesis, result, context)];
    if (result.operation !== 'k8s.rollout') return [];
    const settings = (hypothesis.focus.settings ?? '').split(',').filter(Boolean);
    const texts = context.logOverview.map((p) => p.example.toLowerCase());
    const named = settings.find((s) => texts.some((t) => t.includes(s.toLowerCase()))) ?? (settings.length === 1 ? settings[0] : undefined);
    const rs = result.replicaSets.find((r) => r.name === hypothesis.focus.toVersion);
    if (!rs) return [{ kind: 'deployment', strength: 'weak', supports: false, summary: `${hypothesis.focus.toVersion} is no longer in ${hypothesis.focus.dependency}'s rollout history.` }];
    return [
      {
        kind: 'task-definition-diff',
        strength: named ? 'strong' : 'weak',
        supports: true,
        summary: `${hypothesis.focus.dependency}'s ${rs.name} changed ${settings.join(', ')}${named ? `; ${named} is the setting to check` : ''}.`,
        observedAt: iso(rs.createdAt),
        culprit: named ? { kind: 'config', id: named } : { kind: 'replicaset', id: rs.name },
      },
    ];
  },
};

/** The deployment the new one replaced: the latest created before it. */
function previousTaskDefinition(deployments: readonly EcsDeployment[], current: EcsDeployment): string | undefined {
  return deployments.filter((d) => d !== current && d.createdAt < current.createdAt && d.taskDefinition !== current.taskDefinition).sort((a, b) => b.createdAt - a.createdAt)[0]?.taskDefinition;
}

/**
 * A dependency's new task definition with the image of the old one changed only settings: a
 * configuration change (blamed on the setting the failing lines name, else the version). A new
 * image is new code, the bad deploy its parent already says.
 */
function settingsOnly(hypothesis: HypothesisView, result: Extract<QueryResult, { operation: 'ecs.taskDefinitionDiff' }>, context: TriageContext): EvidenceDraft {
  const version = shortTaskDefinition(result.to.arn);
  if (!result.from) return { kind: 'task-definition-diff', strength: 'none', supports: false, summary: `The version ${version} replaced could not be read.` };
  const differences = diffContainers(ecsContainers(result.from), ecsContainers(result.to));
  if (!differences.length || differences.some((d) => d.kind === 'image')) {
    return { kind: 'task-definition-diff', strength: 'weak', supports: false, summary: differences.length ? `${version} ships a new image (${differences.map((d) => d.text).join('; ')}): new code, not only settings.` : `${version} changed nothing in its containers.` };
  }
  const texts = context.logOverview.map((p) => p.example.toLowerCase());
  const named = differences.map((d) => d.name).find((n) => n && texts.some((t) => t.includes(n.toLowerCase())));
  return {
    kind: 'task-definition-diff',
    strength: 'strong',
    supports: true,
    summary: `${hypothesis.focus.dependency}'s ${version} kept the image of ${shortTaskDefinition(result.from.arn)}; only settings changed (${differences.map((d) => d.text).join('; ')})${named ? `; the failing lines name ${named}` : ''}.`,
    culprit: named ? { kind: 'config', id: named } : { kind: 'task-definition', id: version },
  };
}
