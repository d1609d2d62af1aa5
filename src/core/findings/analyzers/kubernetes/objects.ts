/**
 * Analyzers over the objects around a workload, one per kind (as k8sgpt keeps them): what each
 * checks is in docs/kubernetes-analyzers.md. Every one only reports objects related to the
 * workload — they select its pods, its pods reference them, or its symptoms name them — so a
 * neighbour's broken Service is not this incident's cause.
 */
import type { K8sIngress, K8sIngressClass, K8sPod, K8sService } from '../../../../providers/types';
import type { TriageContext } from '../../../reasoner/types';
import { failingTogether } from '../../../reasoner/rules/dependencies';
import { clock, minutesBetween } from '../../../reasoner/rules/common';
import { changedNear, mentions, objectsOf, recheckOf, selectorOf, selects, surroundingsQuery, targetPods, type Finding } from './common';
import type { Analyzer } from '../index';
import { findingKey } from '../../types';

/** How soon after a setting changed the failures it caused show (a mounted file refreshes within about a minute, a reload within a few). */
const AFTER_CHANGE_MS = 10 * 60_000;

/** Pods a Service sends to: the workload's, or those triage read for a Service its symptoms name. */
function podsBehind(service: K8sService, context: TriageContext): K8sPod[] {
  return [...targetPods(context), ...Object.values(context.relatedPods ?? {}).flat()].filter((p) => selects(service.selector, p.labels));
}

const services: Analyzer = (result, context) => {
  const out: Finding[] = [];
  const endpoints = objectsOf(result, 'Endpoints');
  for (const service of objectsOf(result, 'Service')) {
    if (!Object.keys(service.selector).length) continue;
    const selectsTarget = targetPods(context).some((p) => selects(service.selector, p.labels));
    if (!selectsTarget && !mentions(context, service.name)) continue;
    const recheck = recheckOf(service, context, `Does Service ${service.name} still select no ready pod / the wrong port?`, ['Endpoints']);
    const ep = endpoints.find((e) => e.name === service.name);
    const behind = podsBehind(service, context);
    if (ep && ep.readyCount === 0 && ep.notReadyCount === 0 && !behind.length) {
      const selector = selectorOf(service.selector);
      out.push({ analyzer: 'service-selector', category: 'network', culprit: { kind: 'other', id: `service/${service.name}` }, strength: 'strong', object: `Service/${service.name}`, summary: `Service ${service.name} selects no pod (selector ${selector}): it has no endpoints`, recheck });
      continue;
    }
    // targetPort against the ports the selected pods' containers declare.
    const declared = behind.flatMap((p) => (p.containerSpecs ?? []).flatMap((c) => c.ports ?? []));
    if (!declared.length) continue;
    for (const port of service.ports) {
      const ok = typeof port.targetPort === 'number' ? declared.some((d) => d.containerPort === port.targetPort) : declared.some((d) => d.name === port.targetPort);
      if (!ok) {
        out.push({
          analyzer: 'service-port',
          category: 'config-change',
          culprit: { kind: 'other', id: `service/${service.name}` },
          strength: 'strong',
          object: `Service/${service.name}`,
          summary: `Service ${service.name} sends port ${port.port} to targetPort ${port.targetPort}, but its pods listen on ${portList(declared)}`,
          recheck,
        });
      }
    }
  }
  return out;
};

const ingresses: Analyzer = (result, context) => {
  const names = new Set(objectsOf(result, 'Service').map((s) => s.name));
  if (!names.size && !objectsOf(result, 'Ingress').length) return [];
  const target = context.incident.target.platform === 'kubernetes' ? context.incident.target.name : '';
  // The classes, when they were read (a list that failed or was not asked says nothing).
  const classes = result.operation === 'k8s.objects' && !result.failed.some((f) => f.kind === 'IngressClass') && objectsOf(result, 'Ingress').length && result.objects.some((o) => o.kind === 'Service') ? objectsOf(result, 'IngressClass') : undefined;
  // Secrets, when the namespace's list was read (not a single-object re-read, not forbidden).
  const secretsRead = result.operation === 'k8s.objects' && !result.failed.some((f) => f.kind === 'Secret') && result.objects.some((o) => o.kind === 'Service');
  const out: Finding[] = [];
  for (const ingress of objectsOf(result, 'Ingress')) {
    const backends = [...ingress.rules.flatMap((r) => r.paths.map((p) => ({ host: r.host, ...p }))), ...(ingress.defaultBackend ? [{ host: undefined, path: undefined, ...ingress.defaultBackend }] : [])];
    const unserved = classes && servesTarget(ingress, backends, objectsOf(result, 'Service'), context) ? unservedClass(ingress, classes) : undefined;
    if (unserved) {
      // A class set just before the symptoms is the change; an old one may have lost its class long ago (a lead).
      const fresh = changedNear(ingress.updatedAt, context);
      out.push({
        analyzer: 'ingress-class',
        category: 'network',
        culprit: { kind: 'other', id: `ingress/${ingress.name}` },
        strength: fresh ? 'strong' : 'weak',
        object: `Ingress/${ingress.name}`,
        summary: `Ingress ${ingress.name} ${unserved}: no controller serves its hosts (${backends.map((b) => b.host).filter(Boolean).join(', ') || '*'})${fresh ? `; it changed at ${clock(ingress.updatedAt)}` : ''}`,
        at: fresh ? ingress.updatedAt : undefined,
        recheck: surroundingsQuery(ingress.namespace ?? '', `Does Ingress ${ingress.name} still name a class no controller serves?`),
      });
    }
    // The certificate it serves: a Secret it names that is gone (k8sgpt's ingress.go TLS check); the controller falls back to its fake certificate.
    const secrets = secretsRead ? new Set(objectsOf(result, 'Secret').map((s) => s.name)) : undefined;
    const missingTls = secrets && servesTarget(ingress, backends, objectsOf(result, 'Service'), context) ? ingress.tlsSecrets.filter((name) => !secrets.has(name)) : [];
    for (const secret of missingTls) {
      out.push({
        analyzer: 'ingress-tls-secret',
        category: 'tls',
        culprit: { kind: 'other', id: `secret/${secret}` },
        strength: 'strong',
        object: `Ingress/${ingress.name}`,
        summary: `Ingress ${ingress.name} serves ${ingress.tlsHosts.join(', ') || 'its hosts'} with the certificate in Secret ${secret}, which does not exist: clients get the controller's default certificate`,
        recheck: surroundingsQuery(ingress.namespace ?? '', `Is Secret ${secret}, the certificate of Ingress ${ingress.name}, still missing?`),
      });
    }
    for (const backend of backends) {
      if (!backend.service || names.has(backend.service)) continue;
      const related = ingress.name.includes(target) || backend.service.includes(target) || mentions(context, ingress.name) || (backend.host !== undefined && mentions(context, backend.host));
      if (!related) continue;
      out.push({
        analyzer: 'ingress-backend',
        category: 'network',
        culprit: { kind: 'other', id: `ingress/${ingress.name}` },
        strength: 'strong',
        object: `Ingress/${ingress.name}`,
        summary: `Ingress ${ingress.name} routes ${backend.host ?? '*'}${backend.path ?? ''} to Service ${backend.service}, which does not exist`,
        recheck: surroundingsQuery(ingress.namespace ?? '', `Does Ingress ${ingress.name} still route to a missing Service?`),
      });
    }
  }
  return out;
};

/** An Ingress is the incident's when one of its Services selects the workload's pods, or its name or host is in the symptoms. */
function servesTarget(ingress: K8sIngress, backends: readonly { host?: string; service?: string }[], services: readonly K8sService[], context: TriageContext): boolean {
  const pods = targetPods(context);
  const selecting = services.filter((s) => pods.some((p) => selects(s.selector, p.labels))).map((s) => s.name);
  return backends.some((b) => (b.service && selecting.includes(b.service)) || (b.host !== undefined && mentions(context, b.host))) || mentions(context, ingress.name);
}

/** Why no controller takes the Ingress (k8sgpt's ingress.go): its class does not exist, or it names none and no class is the default. */
function unservedClass(ingress: K8sIngress, classes: readonly K8sIngressClass[]): string | undefined {
  const named = ingress.ingressClassName ?? ingress.classAnnotation;
  if (named) return classes.some((c) => c.name === named) ? undefined : `names IngressClass ${named}, which does not exist`;
  return classes.some((c) => c.isDefault) || !classes.length ? undefined : 'names no IngressClass and none is the default';
}

/** ConfigMaps and Secrets the workload's pods reference: missing, missing a key, or changed just before. */
const configuration: Analyzer = (result, context) => {
  const out: Finding[] = [];
  const pods = targetPods(context);
  if (!pods.length || result.operation !== 'k8s.objects') return out;
  const read = new Set(result.failed.map((f) => f.kind));
  for (const kind of ['ConfigMap', 'Secret'] as const) {
    if (read.has(kind)) continue;
    const present = new Map<string, { keys: string[]; updatedAt: number }>(objectsOf(result, kind).map((o) => [o.name, o]));
    const refs = new Map<string, Set<string>>();
    const add = (name: string | undefined, key?: string) => {
      if (!name) return;
      const keys = refs.get(name) ?? new Set<string>();
      if (key) keys.add(key);
      refs.set(name, keys);
    };
    for (const pod of pods) {
      for (const spec of [...(pod.containerSpecs ?? []), ...(pod.initContainers ?? [])]) {
        for (const env of spec.env) {
          const ref = kind === 'ConfigMap' ? env.fromConfigMap : env.fromSecret;
          if (ref) add(ref.split('/')[0], ref.split('/')[1]);
        }
        for (const from of spec.envFrom ?? []) if (!from.optional) add(kind === 'ConfigMap' ? from.configMap : from.secret);
      }
      for (const volume of pod.volumes ?? []) if (!volume.optional && volume.type === (kind === 'ConfigMap' ? 'configMap' : 'secret')) add(volume.source);
    }
    const lower = kind === 'ConfigMap' ? 'configmap' : 'secret';
    // A single-object re-read only tells about that object: absence of the others means nothing.
    const single = result.objects.length <= 1 && objectsOf(result, kind).length <= 1 && result.objects.every((o) => o.kind === kind);
    for (const [name, keys] of refs) {
      const object = present.get(name);
      const recheck = recheckOf({ kind, name }, context, `Does ${kind} ${name} exist, with the keys the pods need?`);
      if (!object) {
        if (single && result.objects.length) continue;
        out.push({ analyzer: `${lower}-missing`, category: 'config-change', culprit: { kind: 'other', id: `${lower}/${name}` }, strength: 'strong', object: `${kind}/${name}`, summary: `The pods reference ${kind} ${name}, which does not exist`, recheck });
        continue;
      }
      const missing = [...keys].filter((k) => !object.keys.includes(k));
      if (missing.length) {
        out.push({ analyzer: `${lower}-key`, category: 'config-change', culprit: { kind: 'other', id: `${lower}/${name}` }, strength: 'strong', object: `${kind}/${name}`, summary: `${kind} ${name} has no key ${missing.join(', ')}, which the pods read`, at: object.updatedAt, recheck });
        continue;
      }
      if (changedNear(object.updatedAt, context)) {
        // Which setting: a key of it the workload's symptoms name.
        const named = object.keys.find((k) => mentions(context, k));
        // Or what it did: several dependencies began failing together right after it changed.
        const together = failingTogether(context);
        const after = together && together.since >= object.updatedAt && together.since - object.updatedAt <= AFTER_CHANGE_MS ? together : undefined;
        const why = named ? ` (the errors name its key ${named})` : after ? ` (${minutesBetween(object.updatedAt, after.since)} min later ${after.names.join(' and ')} began failing at once)` : '';
        out.push({
          analyzer: `${lower}-changed`,
          category: 'config-change',
          culprit: named ? { kind: 'config', id: named } : { kind: 'other', id: `${lower}/${name}` },
          strength: named || after ? 'strong' : 'weak',
          object: `${kind}/${name}`,
          summary: `${kind} ${name}, which the pods read, changed shortly before the symptoms${why}`,
          at: object.updatedAt,
          recheck,
          terms: kind === 'ConfigMap' ? settingNames(objectsOf(result, 'ConfigMap').find((c) => c.name === name)?.data ?? {}) : object.keys,
        });
      }
    }
  }
  return out;
};

/** Most setting names a changed ConfigMap contributes to a log search. */
const MAX_SETTINGS = 12;

/**
 * The settings a ConfigMap holds: its keys and the keys inside its files (YAML `key:`,
 * properties and env `key=`). Only names that look like settings (`scratch_cache_max_mb`,
 * `cache.ttl`, `maxConnections`), not plain words a log line says anyway.
 */
export function settingNames(data: Record<string, string>): string[] {
  const names = new Set<string>();
  for (const [key, value] of Object.entries(data)) {
    names.add(key);
    for (const match of value.matchAll(/^\s{0,4}["']?([A-Za-z][\w.-]{3,})["']?\s*[:=]/gm)) names.add(match[1]!);
  }
  return [...names].filter((n) => /[_.-]|[a-z][A-Z]/.test(n)).slice(0, MAX_SETTINGS);
}

const claims: Analyzer = (result, context) => {
  const out: Finding[] = [];
  const target = context.incident.target.platform === 'kubernetes' ? context.incident.target.name : '';
  const referenced = new Set(targetPods(context).flatMap((p) => (p.volumes ?? []).filter((v) => v.type === 'persistentVolumeClaim' && v.source).map((v) => v.source!)));
  const classes = new Set(objectsOf(result, 'StorageClass').map((s) => s.name));
  for (const claim of objectsOf(result, 'PersistentVolumeClaim')) {
    const related = referenced.has(claim.name) || (target.length >= 3 && claim.name.includes(target));
    if (!related || claim.phase !== 'Pending') continue;
    const missingClass = claim.storageClass && classes.size > 0 && !classes.has(claim.storageClass);
    out.push({
      analyzer: 'pvc-pending',
      category: 'storage',
      culprit: { kind: 'other', id: `pvc/${claim.name}` },
      strength: 'strong',
      object: `PersistentVolumeClaim/${claim.name}`,
      summary: `PersistentVolumeClaim ${claim.name} is Pending${claim.storageClass ? ` (StorageClass ${claim.storageClass}${missingClass ? ', which does not exist' : ''})` : ''}`,
      at: claim.createdAt,
      recheck: recheckOf({ kind: 'PersistentVolumeClaim', name: claim.name }, context, `Is claim ${claim.name} still Pending?`),
    });
  }
  return out;
};

const networkPolicies: Analyzer = (result, context) => {
  const out: Finding[] = [];
  const pods = targetPods(context);
  const calledServices = objectsOf(result, 'Service').filter((s) => mentions(context, s.name));
  for (const policy of objectsOf(result, 'NetworkPolicy')) {
    const isolatesTarget = policy.podSelector === '' || pods.some((p) => selects(policy.podSelector, p.labels));
    const isolatesDependency = calledServices.find((s) => policy.podSelector !== '' && Object.entries(s.selector).length > 0 && Object.entries(s.selector).every(([k, v]) => policy.podSelector.split(',').includes(`${k}=${v}`)));
    if (!isolatesTarget && !isolatesDependency) continue;
    const recent = changedNear(policy.createdAt, context);
    const restricts = (isolatesTarget && policy.policyTypes.includes('Egress') && policy.egress.every((r) => !r.to.length || r.to.every((t) => !/kube-dns|53/.test(t)))) || (!!isolatesDependency && policy.policyTypes.includes('Ingress'));
    if (!recent && !restricts) continue;
    out.push({
      analyzer: 'network-policy',
      category: 'network',
      culprit: { kind: 'other', id: `networkpolicy/${policy.name}` },
      strength: recent ? 'strong' : 'weak',
      object: `NetworkPolicy/${policy.name}`,
      summary: `NetworkPolicy ${policy.name} ${recent ? 'was created shortly before the symptoms and ' : ''}restricts ${isolatesDependency ? `traffic to ${isolatesDependency.name}'s pods` : `${policy.podSelector || 'every pod'}'s ${policy.policyTypes.join('/').toLowerCase()} traffic`}`,
      at: policy.createdAt,
      // Whom it isolates depends on the Services and pods around it: re-read them together.
      recheck: surroundingsQuery(policy.namespace ?? '', `Is NetworkPolicy ${policy.name} still in place, isolating the same pods?`),
    });
  }
  return out;
};

const quotas: Analyzer = (result, context) => {
  const out: Finding[] = [];
  for (const quota of objectsOf(result, 'ResourceQuota')) {
    const full = Object.keys(quota.hard).filter((resource) => quota.used[resource] !== undefined && quantity(quota.used[resource]!) >= quantity(quota.hard[resource]!) * 0.9);
    if (!full.length) continue;
    const blamed = mentions(context, quota.name);
    out.push({
      analyzer: 'quota-exhausted',
      category: 'capacity',
      culprit: { kind: 'other', id: `resourcequota/${quota.name}` },
      strength: blamed ? 'strong' : 'weak',
      object: `ResourceQuota/${quota.name}`,
      summary: `ResourceQuota ${quota.name} is exhausted: ${full.map((r) => `${r} ${quota.used[r]}/${quota.hard[r]}`).join(', ')}`,
      recheck: recheckOf({ kind: 'ResourceQuota', name: quota.name }, context, `Is quota ${quota.name} still exhausted?`),
    });
  }
  return out;
};

const cronJobs: Analyzer = (result, context) => {
  const target = context.incident.target;
  const out: Finding[] = [];
  for (const cron of objectsOf(result, 'CronJob')) {
    if (!cron.suspend) continue;
    const related = (target.platform === 'kubernetes' && target.name === cron.name) || mentions(context, cron.name);
    // A suspended job that has missed runs is a cause wherever its output is awaited; one that is merely paused is background.
    const interval = cronInterval(cron.schedule);
    const missed = interval !== undefined && cron.lastSuccessfulTime !== undefined && context.now - cron.lastSuccessfulTime > 2 * interval;
    if (!related && !missed) continue;
    out.push({
      analyzer: 'cronjob-suspended',
      category: 'config-change',
      culprit: { kind: 'other', id: `cronjob/${cron.name}` },
      strength: missed || related ? 'strong' : 'weak',
      object: `CronJob/${cron.name}`,
      summary: `CronJob ${cron.name} is suspended${cron.lastSuccessfulTime ? `; its last successful run was at ${new Date(cron.lastSuccessfulTime).toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`,
      recheck: recheckOf({ kind: 'CronJob', name: cron.name }, context, `Is CronJob ${cron.name} still suspended?`),
    });
  }
  return out;
};

/**
 * Probes against the ports the container declares: a liveness or readiness probe on a port the
 * container does not listen on fails forever. Only judged when the container declares ports.
 */
const probes: Analyzer = (result, context) => {
  if (result.operation !== 'k8s.objects') return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const pod of targetPods(context)) {
    for (const spec of pod.containerSpecs ?? []) {
      const ports = spec.ports ?? [];
      if (!ports.length) continue;
      for (const [which, probe] of [['liveness', spec.livenessProbe], ['readiness', spec.readinessProbe], ['startup', spec.startupProbe]] as const) {
        if (!probe || probe.port === undefined || (probe.type !== 'httpGet' && probe.type !== 'tcpSocket' && probe.type !== 'grpc')) continue;
        const ok = typeof probe.port === 'number' ? ports.some((p) => p.containerPort === probe.port) : ports.some((p) => p.name === probe.port);
        const key = `${pod.replicaSet ?? pod.name}/${spec.name}/${which}`;
        if (ok || seen.has(key)) continue;
        seen.add(key);
        const failing = (context.workload?.events ?? []).some((e) => e.reason === 'Unhealthy' && new RegExp(which, 'i').test(e.message));
        out.push({
          analyzer: 'probe-port',
          category: 'health-check',
          culprit: pod.replicaSet ? { kind: 'replicaset', id: pod.replicaSet } : { kind: 'pod', id: pod.name },
          strength: failing ? 'strong' : 'weak',
          object: `Pod/${pod.name}`,
          summary: `The ${which} probe of ${spec.name} (${probe.action}) checks port ${probe.port}, but the container listens on ${portList(ports)}`,
          recheck: surroundingsQuery(pod.namespace, `Do ${spec.name}'s probes still check a port it does not listen on?`),
        });
      }
    }
  }
  return out;
};

/** `8080 (http), 9090`: declared container ports, each once. */
function portList(ports: readonly { containerPort: number; name?: string }[]): string {
  return [...new Set(ports.map((p) => (p.name ? `${p.containerPort} (${p.name})` : String(p.containerPort))))].join(', ');
}

/** Nodes the workload's pods run on that are not Ready or under pressure. */
const nodes: Analyzer = (result, context) => {
  if (result.operation !== 'k8s.nodes') return [];
  const hosting = new Set([...(context.scope?.nodes ?? [])]);
  const out: Finding[] = [];
  for (const node of result.nodes) {
    if (!hosting.has(node.name)) continue;
    const bad = node.conditions.filter((c) => (c.type === 'Ready' ? c.status !== 'True' : /Pressure$/.test(c.type) && c.status === 'True'));
    if (!bad.length) continue;
    out.push({
      analyzer: 'node-condition',
      category: 'node-pressure',
      culprit: { kind: 'node', id: node.name },
      strength: 'strong',
      object: `Node/${node.name}`,
      summary: `Node ${node.name}, which runs the workload's pods, is ${bad.map((c) => (c.type === 'Ready' ? `NotReady (${c.reason ?? c.status})` : c.type)).join(', ')}`,
      at: Math.min(...bad.map((c) => c.lastTransitionTime ?? context.onset)),
      recheck: { provider: 'kubernetes', operation: 'k8s.nodes', target: 'cluster-nodes', params: {}, rationale: `Is node ${node.name} still ${bad[0]!.type === 'Ready' ? 'NotReady' : bad[0]!.type}?` },
    });
  }
  return out;
};

/** How often a cron schedule runs (ms), for the common shapes: every N minutes, hourly, daily, weekly. */
export function cronInterval(schedule: string): number | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields[0]?.startsWith('@')) return { '@hourly': 3_600_000, '@daily': 86_400_000, '@midnight': 86_400_000, '@weekly': 7 * 86_400_000 }[fields[0]];
  if (fields.length !== 5) return undefined;
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  const every = /^\*\/(\d+)$/;
  if (every.test(minute) && hour === '*') return Number(every.exec(minute)![1]) * 60_000;
  if (/^\d+$/.test(minute) && hour === '*') return 3_600_000;
  if (/^\d+$/.test(minute) && every.test(hour)) return Number(every.exec(hour)![1]) * 3_600_000;
  if (/^\d+$/.test(minute) && /^[\d,]+$/.test(hour) && day === '*' && month === '*') return weekday === '*' ? 86_400_000 / hour.split(',').length : 7 * 86_400_000;
  return undefined;
}

/** Kubernetes quantities to comparable numbers (`15Gi`, `500m`, `2`). */
export function quantity(text: string): number {
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const units: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  return Number(match[1]) * (units[match[2]!] ?? 1);
}

/**
 * HorizontalPodAutoscalers of the workload (k8sgpt's hpa.go): one that cannot compute its
 * metric (ScalingActive False: no resource requests, no metrics server) cannot scale out; one
 * pinned at its maximum while the workload struggles is a ceiling, a lead rather than a cause.
 */
const autoscalers: Analyzer = (result, context) => {
  const target = context.incident.target.platform === 'kubernetes' ? context.incident.target.name : '';
  const out: Finding[] = [];
  for (const hpa of objectsOf(result, 'HorizontalPodAutoscaler')) {
    if (hpa.target.name !== target && !mentions(context, hpa.name)) continue;
    const about = {
      category: 'capacity' as const,
      culprit: { kind: 'other' as const, id: `hpa/${hpa.name}` },
      object: `HorizontalPodAutoscaler/${hpa.name}`,
      recheck: recheckOf({ kind: 'HorizontalPodAutoscaler', name: hpa.name }, context, `Can ${hpa.name} still not scale ${hpa.target.name}?`),
    };
    const inactive = hpa.conditions.find((c) => c.type === 'ScalingActive' && c.status === 'False');
    if (inactive) {
      out.push({
        ...about,
        analyzer: 'hpa-inactive',
        strength: 'strong',
        summary: `HorizontalPodAutoscaler ${hpa.name} cannot scale ${hpa.target.kind} ${hpa.target.name}: ${inactive.reason ?? 'ScalingActive False'}${inactive.message ? ` (${inactive.message})` : ''}`,
        at: inactive.lastTransitionTime,
      });
    } else if (hpa.max > 0 && hpa.current >= hpa.max && hpa.desired >= hpa.max) {
      out.push({
        ...about,
        analyzer: 'hpa-at-max',
        strength: 'weak',
        summary: `HorizontalPodAutoscaler ${hpa.name} is at its maximum (${hpa.current}/${hpa.max} replicas)${hpa.metrics.length ? `; ${hpa.metrics.map((m) => `${m.name} ${m.current ?? '?'} for a target of ${m.target}`).join(', ')}` : ''}`,
      });
    }
  }
  return out;
};

/** PodDisruptionBudgets that allow no disruption while their pods are short (k8sgpt's pdb.go): drains and rollouts stall. */
const disruptionBudgets: Analyzer = (result, context) => {
  const out: Finding[] = [];
  const pods = targetPods(context);
  for (const pdb of objectsOf(result, 'PodDisruptionBudget')) {
    if (pdb.disruptionsAllowed > 0 || pdb.currentHealthy >= pdb.desiredHealthy) continue;
    if (!pods.some((pod) => selects(pdb.selector, pod.labels)) && !mentions(context, pdb.name)) continue;
    out.push({
      analyzer: 'pdb-blocking',
      category: 'capacity',
      culprit: { kind: 'other', id: `pdb/${pdb.name}` },
      strength: 'weak',
      object: `PodDisruptionBudget/${pdb.name}`,
      summary: `PodDisruptionBudget ${pdb.name} allows no disruption: ${pdb.currentHealthy} healthy of ${pdb.desiredHealthy} required (${pdb.expectedPods} expected)`,
      recheck: recheckOf({ kind: 'PodDisruptionBudget', name: pdb.name }, context, `Does ${pdb.name} still block evictions?`),
    });
  }
  return out;
};

/** What admission says when a pod breaks a LimitRange bound: `maximum memory usage per Container is 1Gi, but limit is 2Gi`. */
const LIMIT_REFUSAL = /\b(maximum|minimum) (cpu|memory|ephemeral-storage) usage per (Container|Pod) is (\S+?),? but (?:limit|request) is (\S+?)[.,]?(?:\s|$)/;

/**
 * LimitRanges whose bound refuses the workload's new pods (admission rejects them: FailedCreate
 * on its ReplicaSet). The refusal quotes the bound, not the object: the LimitRange is the one
 * of the namespace with that bound for that resource. Admission checks only new pods, so the
 * running ones hide it until a rollout or a scale-out; a range created shortly before is the
 * change that started it.
 */
const limitRanges: Analyzer = (result, context) => {
  const out: Finding[] = [];
  const refusals = (context.workload?.events ?? []).map((e) => ({ event: e, match: LIMIT_REFUSAL.exec(e.message) })).filter((r) => r.match);
  if (!refusals.length) return out;
  for (const range of objectsOf(result, 'LimitRange')) {
    const hit = refusals.find(({ match }) => {
      const [, bound, resource, type, value] = match!;
      const item = range.limits.find((l) => l.type === type);
      const set = bound === 'maximum' ? item?.max : item?.min;
      return set?.[resource!] !== undefined && quantity(set[resource!]!) === quantity(value!);
    });
    if (!hit) continue;
    const [, bound, resource, type, , asked] = hit.match!;
    const item = range.limits.find((l) => l.type === type)!;
    const value = (bound === 'maximum' ? item.max : item.min)![resource!]!;
    const count = refusals.filter((r) => r.match![0] === hit.match![0]).reduce((n, r) => n + (r.event.count ?? 1), 0);
    const fresh = changedNear(range.createdAt, context);
    out.push({
      analyzer: 'limitrange-refuses',
      category: 'config-change',
      culprit: { kind: 'other', id: `limitrange/${range.name}` },
      strength: 'strong',
      object: `LimitRange/${range.name}`,
      summary: `LimitRange ${range.name} sets a ${bound} ${resource} of ${value} per ${type}; ${context.workload!.name}'s new pods ask ${asked} and are refused (${count}× ${hit.event.object ?? 'FailedCreate'})${fresh ? `; it was created at ${clock(range.createdAt)}` : ''}`,
      at: fresh ? range.createdAt : undefined,
      recheck: recheckOf({ kind: 'LimitRange', name: range.name }, context, `Does LimitRange ${range.name} still bound ${resource} at ${value}?`),
      // The events reader blames the refused ReplicaSet; the bound that refuses it is the cause.
      supersedes: refusals.filter((r) => r.event.object?.startsWith('ReplicaSet/')).map((r) => findingKey({ category: 'config-change', culprit: { kind: 'replicaset', id: r.event.object!.slice('ReplicaSet/'.length) } })),
    });
  }
  return out;
};

export const KUBERNETES_OBJECT_ANALYZERS: readonly Analyzer[] = [services, ingresses, configuration, claims, networkPolicies, quotas, limitRanges, cronJobs, probes, nodes, autoscalers, disruptionBudgets];
