/**
 * Refinement: once a failure mode has strong evidence, what caused it? A code change that
 * shipped (commit-blame), a setting that changed with the deploy (change-diff), or a
 * dependency that is itself failing (dependency-cause, recursively).
 */
import type { EvidenceDraft, HypothesisProposal, HypothesisView, TriageContext } from '../types';
import { clock, isFresh, minutesBetween, suspectChange } from './common';
import { dependencyOf, INTERNAL_HOST, type DependencyRef } from './dependencies';
import type { ServiceMapEntry } from '../types';
import { findingFocus } from './findingRule';

export type CauseKind = 'commit' | 'memory' | 'cpu' | 'image' | 'command' | 'env' | 'dependency' | 'setting';

/** Findings of a setting the pods read that changed (a ConfigMap or Secret updated in place). */
const SETTING_CHANGES = new Set(['configmap-changed', 'secret-changed']);

const TWO_HOURS = 2 * 3_600_000;
// A crash loop is not one: the setting that makes a service crash is a configuration change; a
// setting that makes the health checks fail (a port) stays a health-check failure.
const RESOURCE_MODES = new Set(['oom', 'cpu-saturation', 'disk-full', 'health-check']);

export function causeProposals(kinds: readonly CauseKind[], hypothesis: HypothesisView, evidence: readonly EvidenceDraft[], context: TriageContext, horizonMs = TWO_HOURS): HypothesisProposal[] {
  const out: HypothesisProposal[] = [];
  const category = hypothesis.node.category;
  const change = suspectChange(context, horizonMs);
  const examples = evidence.flatMap((e) => [e.excerpt ?? '', ...(e.patterns ?? []).map((p) => p.example ?? '')]).join('\n').slice(0, 4_000);

  if (change) {
    const base = {
      changeAt: String(change.at),
      platform: change.platform,
      toVersion: change.toVersion,
      fromVersion: change.fromVersion ?? '',
      toRevision: change.toRevision ?? '',
      fromRevision: change.fromRevision ?? '',
      toCommit: change.toCommit ?? '',
      fromCommit: change.fromCommit ?? '',
      parentCategory: category,
    };
    const ago = `${minutesBetween(change.at, context.onset)} min before symptoms`;
    const has = (kind: string) => change.differences.some((d) => d.kind === kind || (kind === 'env' && d.kind.startsWith('env-')));
    // What the parent's evidence says ran short ("insufficient CPU units", "Insufficient memory").
    const stated = evidence.map((e) => `${e.summary}\n${e.excerpt ?? ''}`).join('\n').slice(0, 4_000);
    if (kinds.includes('memory') && has('memory')) {
      out.push({ category, title: `Memory limit changed in ${change.toVersion}`, rationale: `${change.summary} changed memory ${ago}.`, prior: 0.6, focus: { ...base, rule: 'change-diff', kinds: 'memory', examples: stated } });
    }
    if (kinds.includes('cpu') && has('cpu')) {
      out.push({ category, title: `CPU allocation changed in ${change.toVersion}`, rationale: `${change.summary} changed CPU ${ago}.`, prior: 0.6, focus: { ...base, rule: 'change-diff', kinds: 'cpu', examples: stated } });
    }
    if (kinds.includes('image') && has('image')) {
      // What the new tasks printed before dying counts too: "exec format error" is in the logs, not the stop reason.
      const failing = [examples, ...context.logOverview.filter(isFresh).map((p) => p.example)].join('\n').slice(0, 4_000);
      out.push({ category, title: `Image reference changed in ${change.toVersion}`, rationale: `${change.summary} points at a new image ${ago}.`, prior: 0.6, focus: { ...base, rule: 'change-diff', kinds: 'image', examples: failing } });
    }
    if (kinds.includes('command') && has('command')) {
      const changed = change.differences.filter((d) => d.kind === 'command').map((d) => d.container).join(', ');
      out.push({ category, title: `Container command changed in ${change.toVersion} (${changed})`, rationale: `${change.summary} changed what ${changed} runs ${ago}.`, prior: 0.6, focus: { ...base, rule: 'change-diff', kinds: 'command', examples } });
    }
    if (kinds.includes('env') && has('env')) {
      const names = change.differences.filter((d) => d.kind.startsWith('env-')).map((d) => d.name).join(', ');
      out.push({
        // A setting that starves a resource is that resource's failure; one that breaks a connection is a config change.
        category: RESOURCE_MODES.has(category) ? category : 'config-change',
        title: `Configuration changed in ${change.toVersion} (${names})`,
        rationale: `${change.summary} changed environment variables ${ago}.`,
        prior: 0.6,
        focus: { ...base, rule: 'change-diff', kinds: 'env', examples },
      });
    }
    if (kinds.includes('commit') && change.toCommit && has('image')) {
      // Frames from this hypothesis's evidence, else from any new error the triage saw.
      const own = evidence.flatMap((e) => e.codeLocations ?? []);
      const seen = own.length ? own : context.logOverview.filter((p) => p.change === 'new' || p.change === 'surged').flatMap((p) => p.codeLocations);
      const files = [...new Set(seen.map((l) => l.path))];
      out.push({
        category,
        title: `A code change shipped in ${change.toVersion} (${clock(change.at)}) caused it`,
        rationale: `${hypothesis.node.title}; ${change.summary} landed ${ago}.`,
        prior: 0.6,
        focus: { ...base, rule: 'commit-blame', files: files.join('\n'), blameKind: category, examples },
      });
    }
  }

  if (kinds.includes('setting')) {
    // No rollout carries a setting changed in place: the ConfigMap or Secret updated before the failure is the change to test.
    const began = context.recurrence?.since ?? context.onset;
    const changed = (context.findings ?? []).filter((f) => SETTING_CHANGES.has(f.analyzer) && f.at !== undefined && f.at <= began && began - f.at <= horizonMs).sort((a, b) => b.at! - a.at!)[0];
    if (changed && !(change && change.at > changed.at!)) {
      out.push({
        category,
        title: `${changed.object} changed at ${clock(changed.at!)}, ${minutesBetween(changed.at!, began)} min before: a setting the pods read caused it`,
        rationale: `${hypothesis.node.title}; no newer rollout, and ${changed.object} (read by the pods) changed in place before it began.`,
        prior: 0.55,
        focus: { ...findingFocus(changed, changed.at), parentCategory: category },
      });
    }
  }

  if (kinds.includes('dependency')) {
    const visited = (hypothesis.focus.visited ?? '').split(',').filter(Boolean);
    // The first dependency the evidence names that the chain has not been to: "geo is down" names geo, its errors the next hop.
    const named = evidence.map((e) => e.culprit).find((c) => c?.kind === 'dependency' && !visited.includes(c.id) && c.id !== context.incident.service);
    const dependency = named ? { name: named.id, entry: context.serviceMap[named.id] } : dependencyOf(examples.split('\n'), context);
    const entry = dependency?.entry;
    const depth = Number(hypothesis.focus.hops ?? 0);
    if (dependency && !visited.includes(dependency.name) && dependency.name !== context.incident.service) {
      // Without a service map the dependency is looked up where the target runs: a Deployment
      // (or ECS service) of that name, in the namespace its cluster DNS name gives.
      const where = dependencyLocation(dependency, entry, hypothesis, context);
      if (where) {
        out.push({
          category,
          title: `${dependency.name} is failing itself`,
          rationale: `${context.incident.service}'s errors point at ${dependency.name}; its own changes, tasks or pods, and logs tell whether the cause is there or further down.`,
          prior: 0.55,
          focus: { rule: 'dependency-cause', dependency: dependency.name, ...where, hops: String(depth + 1), visited: [...new Set([...visited, context.incident.service, dependency.name])].join(',') },
        });
      }
    }
  }
  return out;
}

/**
 * Where a dependency can be read: the service map's entry when it has one, else the platform
 * of the service that calls it (the same cluster, the namespace of its cluster DNS name).
 */
function dependencyLocation(dependency: DependencyRef, entry: ServiceMapEntry | undefined, hypothesis: HypothesisView, context: TriageContext): Record<string, string> | undefined {
  if (entry) return entry.logGroup || entry.kubernetes || entry.ecs ? { mapped: 'true' } : undefined;
  // A public host name (api.stripe.com) is outside the platform: nothing of it can be read.
  if (dependency.host && !INTERNAL_HOST.test(dependency.host)) return undefined;
  const target = context.incident.target;
  if (target.platform === 'kubernetes') return { platform: 'kubernetes', namespace: dependency.namespace ?? hypothesis.focus.namespace ?? target.namespace };
  return { platform: 'ecs', cluster: hypothesis.focus.cluster ?? target.cluster };
}
