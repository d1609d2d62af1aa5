/**
 * The failure modes the rule reasoner knows, as data: title, cues beyond the signature,
 * the culprit each can name by itself, and which causes to look for when it holds.
 */
import type { Culprit } from '../../model';
import type { TriageContext } from '../types';
import type { FailureRule } from './common';
import { dependencyOf } from './dependencies';
import { classifyLine } from '../../taxonomy';
import { suspectChange, versionCulprit } from '../../engine/changes';
import { symptomText } from '../../incident';
import { modeRule, type ModeSpec } from './modeRule';

const DAY = 24 * 3_600_000;

/** What the matched evidence says in words: log examples and the last lines of the units that stopped. */
const wordsOf = ({ patterns, terminations }: Parameters<NonNullable<ModeSpec['culprit']>>[0]): string[] => [...patterns.map((p) => p.example), ...terminations.flatMap((t) => t.lastWords ?? [])];

const dependencyCulprit: ModeSpec['culprit'] = (matches, context) => {
  // The line that says "refused" may not name the host; another new line of the same failure usually does.
  const fresh = context.logOverview.filter((p) => p.change === 'new' || p.change === 'surged').map((p) => p.example);
  const dependency = dependencyOf(wordsOf(matches), context) ?? dependencyOf(fresh, context);
  return dependency ? { kind: 'dependency', id: dependency.name } : undefined;
};

/**
 * The scheduler's reasons, part by part (`0/3 nodes are available: 3 Insufficient nvidia.com/gpu,
 * 1 Too many pods.`), say who is to blame when one kind of part explains every node: a request
 * for an extended resource no node has is the workload version's; required anti-affinity that
 * no node can satisfy is the workload's own rule; a lone node at its pod limit is that node.
 * CPU and memory shortfalls stay the cluster's capacity.
 */
const SCHEDULING_PARTS: { part: RegExp; culprit: (context: TriageContext, version?: string) => Culprit | undefined }[] = [
  { part: /^Insufficient (?!cpu\b|memory\b|ephemeral-storage\b|pods\b)[\w.-]+\/[\w.-]+/, culprit: (c, version) => (version ? versionCulprit(c.incident.target.platform, version) : undefined) },
  { part: /anti-affinity/, culprit: (c) => (c.incident.target.platform === 'kubernetes' ? { kind: 'other', id: `${c.incident.target.kind.toLowerCase()}/${c.incident.target.name}` } : undefined) },
  { part: /^Too many pods/, culprit: (c) => loneSchedulableNode(c) },
];

/** Parts that rule a node out for good whatever the load (a taint, a selector): not a shortage. */
const FIXED_PARTS = /untolerated taint|didn't match Pod's node affinity\/selector|didn't match pod anti-affinity|node\(s\) were unschedulable/;

/** The one node the workload's pods could land on: nodes without a NoSchedule/NoExecute taint, or all of them if there is one. */
function loneSchedulableNode(context: TriageContext): Culprit | undefined {
  const open = context.nodes.filter((n) => !n.unschedulable && !(n.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'));
  const only = context.nodes.length === 1 ? context.nodes[0] : open.length === 1 ? open[0] : undefined;
  return only ? { kind: 'node', id: only.name } : undefined;
}

function schedulingCulprit(matches: Parameters<NonNullable<ModeSpec['culprit']>>[0], context: TriageContext): Culprit | undefined {
  const texts = [...matches.terminations.map((t) => ({ text: t.reason, version: t.version })), ...matches.events.map((e) => ({ text: e.message, version: undefined }))];
  for (const { text, version } of texts) {
    const list = /nodes? (?:are|is) available: (.*?)(?:\. preemption:|$)/.exec(text)?.[1];
    if (!list) continue;
    const parts = [...list.matchAll(/(\d+) ([^,]+?)(?=, \d+ |\.?$)/g)].map((m) => ({ count: Number(m[1]), text: m[2]!.trim() }));
    const total = Number(/(\d+)\/(\d+) nodes?/.exec(text)?.[2] ?? NaN);
    for (const rule of SCHEDULING_PARTS) {
      const hits = parts.filter((p) => rule.part.test(p.text)).reduce((sum, p) => sum + p.count, 0);
      const fixed = parts.filter((p) => !rule.part.test(p.text) && FIXED_PARTS.test(p.text)).reduce((sum, p) => sum + p.count, 0);
      // The part must rule out every node it can (all of them, or all but ones excluded for other fixed reasons).
      if (hits > 0 && (Number.isNaN(total) || hits + fixed >= total || parts.length === 1)) {
        const culprit = rule.culprit(context, version ?? matches.terminations.find((t) => t.version)?.version);
        if (culprit) return culprit;
      }
    }
  }
  return undefined;
}

/**
 * Several different names failing to resolve at once is not each of them failing: it is how the
 * caller resolves (its DNS settings, search path, resolver). Blamed on the caller's own change
 * when one landed before the symptoms; otherwise no single name is the culprit.
 */
function callerSide(messages: readonly string[], context: TriageContext): Culprit | undefined {
  const hosts = new Set(messages.flatMap((m) => classifyLine(m).filter((x) => x.entry.category === 'dns' && x.entities.host).map((x) => x.entities.host!.toLowerCase().split('.')[0]!)));
  if (hosts.size < 2) return undefined;
  const change = suspectChange(context);
  return change ? versionCulprit(change.platform, change.toVersion) : { kind: 'other', id: 'dns-resolution' };
}

/** `lookup x on 172.20.0.10:53: … i/o timeout` → the resolver, named by the service map when it knows the address. */
function resolverOf(messages: readonly string[], context: TriageContext): Culprit | undefined {
  for (const message of messages) {
    const match = /lookup \S+ on ([^\s:]+):53\b[^\n]*(?:timeout|timed out|refused|SERVFAIL)/i.exec(message);
    if (!match) continue;
    const entry = Object.values(context.serviceMap).find((e) => e.hosts.includes(match[1]!));
    return { kind: 'dependency', id: entry?.name ?? match[1]! };
  }
  return undefined;
}

/**
 * `No space left on device: '/data/batches/…'` → the claim mounted at the longest prefix of that
 * path in the workload's pods: the volume that filled up, named as `pvc/<claim>`.
 */
function claimOfFullPath(messages: readonly string[], context: TriageContext): Culprit | undefined {
  const paths = messages.flatMap((m) => (/No space left on device|ENOSPC|disk full|quota exceeded/i.test(m) ? [...m.matchAll(/(?:^|[\s'"(=:])(\/[\w.@-]+(?:\/[\w.@-]+)*)/g)].map((x) => x[1]!) : []));
  let best: { claim: string; length: number } | undefined;
  for (const pod of context.pods ?? []) {
    const claims = new Map((pod.volumes ?? []).filter((v) => v.type === 'persistentVolumeClaim' && v.source).map((v) => [v.name, v.source!]));
    for (const mount of (pod.containerSpecs ?? []).flatMap((c) => c.volumeMounts ?? [])) {
      const claim = claims.get(mount.name);
      const root = mount.mountPath.replace(/\/+$/, '');
      if (!claim || !paths.some((p) => p === root || p.startsWith(`${root}/`))) continue;
      if (!best || root.length > best.length) best = { claim, length: root.length };
    }
  }
  return best ? { kind: 'other', id: `pvc/${best.claim}` } : undefined;
}

const symptomsMention = (context: TriageContext, pattern: RegExp) => pattern.test(symptomText(context.incident));


export const MODE_SPECS: ModeSpec[] = [
  {
    id: 'oom',
    category: 'oom',
    title: (c) => `Containers of ${c.incident.service} are running out of memory`,
    extraCue: (c) => (symptomsMention(c, /memory|oom|restart|killed|exit 137/i) ? { prior: 0.4, rationale: 'the alert mentions memory or restarts' } : undefined),
    basePrior: 0.15,
    // Heap flags live in env vars (JAVA_TOOL_OPTIONS, NODE_OPTIONS), limits in the spec, leaks in code.
    causes: ['memory', 'env', 'setting', 'commit'],
    // Leaks take hours to fill memory: the culprit deploy may be a day old.
    changeHorizonMs: DAY,
  },
  {
    id: 'cpu-saturation',
    category: 'cpu-saturation',
    title: (c) => `${c.incident.service} is CPU-saturated`,
    extraCue: (c) => (symptomsMention(c, /cpu|latency|slow|p9\d/i) ? { prior: 0.3, rationale: 'the alert mentions CPU or latency' } : undefined),
    causes: ['cpu', 'setting', 'commit'],
    changeHorizonMs: DAY,
  },
  {
    id: 'image-pull',
    category: 'image-pull',
    title: (c) => `New ${c.incident.service} tasks cannot pull their image`,
    causes: ['image'],
    culprit: ({ terminations }) => (terminations[0]?.version ? versionCulprit(terminations[0].platform, terminations[0].version) : undefined),
  },
  {
    id: 'crash-loop',
    category: 'crash-loop',
    title: (c) => `${c.incident.service} crashes on start`,
    extraCue: (c) => {
      const quick = c.terminations.filter((t) => t.startedAt !== undefined && t.at - t.startedAt < 60_000 && t.exitCode !== undefined && t.exitCode !== 0 && t.exitCode !== 137);
      return quick.length >= 2 ? { prior: 0.7, rationale: `${quick.length} tasks exited within a minute of starting (exit ${quick[0]!.exitCode})` } : undefined;
    },
    causes: ['env', 'image', 'command', 'commit'],
  },
  {
    id: 'health-check',
    category: 'health-check',
    title: (c) => `${c.incident.service} fails its health checks`,
    causes: ['commit', 'env'],
  },
  {
    id: 'dependency',
    category: 'dependency',
    title: (c) => `A dependency of ${c.incident.service} is failing or slow`,
    basePrior: 0.2,
    culprit: dependencyCulprit,
    causes: ['dependency', 'env'],
  },
  {
    id: 'rate-limit',
    category: 'rate-limit',
    title: (c) => `An upstream API is rate-limiting ${c.incident.service}`,
    culprit: dependencyCulprit,
    causes: ['dependency'],
  },
  {
    id: 'capacity',
    category: 'capacity',
    title: (c) => `Not enough capacity to place ${c.incident.service}${c.workload && c.workload.running < c.workload.desired ? ` (running ${c.workload.running} of ${c.workload.desired})` : ''}`,
    extraCue: (c) => (c.workload && c.workload.running < c.workload.desired ? { prior: 0.3, rationale: `running ${c.workload.running} of ${c.workload.desired} desired` } : undefined),
    culprit: (matches, context) => schedulingCulprit(matches, context) ?? { kind: 'other', id: 'capacity' },
    // A version that reserves more CPU or memory than its predecessor may not fit where that one ran.
    causes: ['cpu', 'memory'],
  },
  {
    id: 'disk-full',
    category: 'disk-full',
    title: (c) => `${c.incident.service} ran out of disk space`,
    culprit: (matches, context) => claimOfFullPath(wordsOf(matches), context) ?? (matches.terminations[0]?.node ? undefined : { kind: 'other', id: 'disk' }),
    causes: ['setting', 'commit'],
    changeHorizonMs: DAY,
  },
  {
    id: 'tls',
    category: 'tls',
    title: (c) => `A TLS certificate on ${c.incident.service}'s path is expired or invalid`,
    culprit: dependencyCulprit,
    causes: ['env'],
  },
  {
    id: 'dns',
    category: 'dns',
    title: (c) => `${c.incident.service} cannot resolve a dependency's host name`,
    // Lookups that time out against a resolver blame the resolver; names that do not exist blame the name.
    culprit: (matches, context) => resolverOf(wordsOf(matches), context) ?? callerSide(wordsOf(matches), context) ?? dependencyCulprit(matches, context),
    causes: ['env', 'dependency'],
  },
  {
    id: 'node-pressure',
    category: 'node-pressure',
    title: (c) => `${c.incident.service} pods are evicted by node pressure`,
    culprit: ({ terminations }) => {
      const node = terminations.find((t) => t.node)?.node;
      return node ? { kind: 'node', id: node } : undefined;
    },
    causes: [],
  },
];

export const MODE_RULES: FailureRule[] = MODE_SPECS.map(modeRule);
