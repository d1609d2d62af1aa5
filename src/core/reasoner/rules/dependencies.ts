/**
 * Which dependency an error message is about: a service from the service map (by name or
 * host), else the host name the message names (`getaddrinfo ENOTFOUND payments.internal`,
 * `https://api.stripe.example/v1`, `connect ECONNREFUSED ledger-db:5432`).
 */
import { extractEntities } from '../../entities/extract';
import { classifyLine } from '../../taxonomy';
import type { ServiceMapEntry, TriageContext } from '../types';

export interface DependencyRef {
  /** Service name (from the map) or the host's first label. */
  name: string;
  host?: string;
  /** Kubernetes namespace, when the host is a cluster DNS name (`orders.shop.svc.cluster.local`). */
  namespace?: string;
  entry?: ServiceMapEntry;
}

/** Hosts that name something on the platform: a bare service name, a cluster DNS name, a private zone. */
export const INTERNAL_HOST = /^[a-z0-9-]+(?::\d+)?$|\.svc(?:\.|$)|\.(?:internal|local|cluster\.local|localdomain|intra|corp|lan)(?::\d+)?$/i;
/** AWS endpoints lead with the resource's own name (`orders-db.cluster-x.eu-west-1.rds.amazonaws.com`). */
const AWS_ENDPOINT = /\.amazonaws\.com(?:\.cn)?$/i;

/**
 * What a host is called as a dependency: a platform name by its first label (`ledger-db.internal`
 * is ledger-db), an outside host by its whole name (`feeds.vendor.example.com` is not "feeds").
 */
export function dependencyNameOfHost(host: string): string {
  return INTERNAL_HOST.test(host) || AWS_ENDPOINT.test(host) ? host.split('.')[0]! : host.toLowerCase();
}

/** `svc.ns.svc`, `svc.ns.svc.cluster.local`: the Service and its namespace. */
const CLUSTER_DNS = /^([a-z0-9][a-z0-9-]*)\.([a-z0-9][a-z0-9-]*)\.svc(?:\.[a-z0-9.-]+)?$/;

/** After these words anything is a host name. */
const HOST_AFTER_KEYWORD = /(?:https?:\/\/|ENOTFOUND |EAI_AGAIN |host[= ]|upstream[= ]|resolve (?:host )?|ECONNREFUSED |ECONNRESET )([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*)(?::\d+)?/g;
/** After prepositions only host-shaped tokens count ("to ledger-db:5432", not "due to statement"). */
const HOST_AFTER_PREPOSITION = /(?:\bto |\bfrom |connect(?:ing)? (?:to )?)([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+(?::\d+)?|[a-z0-9]+-[a-z0-9-]+(?::\d+)?|[a-z0-9-]+:\d+)/g;
const NOT_A_HOST = /^(?:the|a|an|and|or|timeout|connect|connection|error|request|failed|failure|reset|disconnect|\d+(?:\.\d+)*|localhost|undefined|null|server|service|upstream|database|db|[A-Z][A-Z0-9_]+)$/;
/** Messages about a connection pool or SQL: the failing dependency is the service's database. */
const DATABASE_TROUBLE = /connection pool|HikariPool|JDBC|SQL|pool (?:exhausted|timeout)|too many connections|database|deadlock|lock wait|statement timeout|PSQLException|OperationalError/i;
const DATABASE_NAME = /db|database|postgres|mysql|rds|aurora|sql|mongo|redis|cache/i;

export function dependencyOf(messages: readonly string[], context: TriageContext): DependencyRef | undefined {
  const self = context.incident.service.toLowerCase();
  const counts = new Map<string, { ref: DependencyRef; count: number }>();
  const bump = (ref: DependencyRef) => {
    const key = ref.name.toLowerCase();
    if (key === self) return;
    const existing = counts.get(key);
    if (existing) existing.count++;
    else counts.set(key, { ref, count: 1 });
  };
  for (const message of messages) {
    const text = message.toLowerCase();
    let mapped = false;
    for (const entry of Object.values(context.serviceMap)) {
      if (entry.name.toLowerCase() === self) continue;
      const host = entry.hosts.find((h) => text.includes(h.toLowerCase()));
      if (host || containsWord(text, entry.name.toLowerCase())) {
        bump({ name: entry.name, host, entry });
        mapped = true;
      }
    }
    if (mapped) continue;
    // The entity extractor reads hosts where they really are (URLs, connection strings, host:port, cluster DNS names).
    const found = extractEntities(message).filter((e) => (e.kind === 'service' || e.kind === 'host') && e.port !== 53 && !/^\d+(?:\.\d+){3}$/.test(e.value));
    const services = found.filter((e) => e.kind === 'service');
    for (const entity of services.length ? services : found) {
      if (NOT_A_HOST.test(entity.value)) continue;
      bump({ name: entity.kind === 'service' ? entity.value : dependencyNameOfHost(entity.value), host: entity.kind === 'host' ? entity.value : undefined, namespace: entity.namespace });
    }
    if (found.length) continue;
    // A bare word that is the name of a Service next to the target ("shipping quote failure").
    // The first one named is the one called ("shipping quote failure" is shipping's failure to quote).
    const known = (context.serviceNames ?? [])
      .filter((name) => name.toLowerCase() !== self && containsWord(text, name.toLowerCase()))
      .sort((a, b) => text.indexOf(a.toLowerCase()) - text.indexOf(b.toLowerCase()))
      .slice(0, 1);
    for (const name of known) bump({ name });
    if (known.length) continue;
    for (const match of [...message.matchAll(HOST_AFTER_KEYWORD), ...message.matchAll(HOST_AFTER_PREPOSITION)]) {
      const host = match[1]!.replace(/:\d+$/, '');
      if (NOT_A_HOST.test(host) || !/[a-z]/.test(host) || /^\d+\.\d+\.\d+\.\d+$/.test(host)) continue;
      bump({ name: dependencyNameOfHost(host), host, namespace: CLUSTER_DNS.exec(host.toLowerCase())?.[2] });
    }
  }
  const named = [...counts.values()].sort((a, b) => b.count - a.count)[0]?.ref;
  if (named) return named;
  // Nothing named, but the error is a store's own (a Redis client exception): the one service of that kind nearby.
  const store = storeNamed(messages, context);
  if (store) return store;
  // Nothing named: a pool or SQL error points at the one database the service depends on.
  const entry = context.serviceMap[context.incident.service];
  if (entry && messages.some((m) => DATABASE_TROUBLE.test(m))) {
    const databases = entry.dependsOn.filter((name) => DATABASE_NAME.test(name));
    const only = databases.length === 1 ? databases[0] : entry.dependsOn.length === 1 ? entry.dependsOn[0] : undefined;
    if (only) return { name: only, entry: context.serviceMap[only] };
  }
  return undefined;
}

/** Client errors that say which kind of store failed, and the names such a store goes by. */
const STORE_KINDS: { error: RegExp; name: RegExp }[] = [
  { error: /\bRedis\w*Exception\b|\bredis\.exceptions\.|\bStackExchange\.Redis\b|\bioredis\b|\bJedis\w*Exception\b|\bNOAUTH\b|\bWRONGPASS\b/, name: /redis|valkey|keydb|dragonfly/i },
  { error: /\bPSQLException\b|\bpsycopg2?\.|\bpg(?:x)?: |\bPostgreSQL\b/i, name: /postgres|pg(?:sql)?\b/i },
  { error: /\bMongo\w*(?:Exception|Error)\b/, name: /mongo/i },
  { error: /\bKafka\w*(?:Exception|Error)\b|\bkafka\.errors\./, name: /kafka/i },
  { error: /\bAMQP\w*(?:Exception|Error)\b|\bamqp\b/i, name: /rabbit|amqp/i },
];

/** The only Service (or service-map entry) of the kind of store the messages' errors come from. */
function storeNamed(messages: readonly string[], context: TriageContext): DependencyRef | undefined {
  const kind = STORE_KINDS.find((k) => messages.some((m) => k.error.test(m)));
  if (!kind) return undefined;
  const self = context.incident.service.toLowerCase();
  const names = [...new Set([...(context.serviceNames ?? []), ...Object.keys(context.serviceMap)])].filter((n) => n.toLowerCase() !== self && kind.name.test(n));
  return names.length === 1 ? { name: names[0]!, entry: context.serviceMap[names[0]!] } : undefined;
}

function containsWord(text: string, word: string): boolean {
  const index = text.indexOf(word);
  if (index < 0) return false;
  const before = text[index - 1];
  const after = text[index + word.length];
  return (!before || !/[a-z0-9-]/.test(before)) && (!after || !/[a-z0-9-]/.test(after));
}

/** How close together several dependencies must begin failing to count as one event. */
export const TOGETHER_MS = 2 * 60_000;

/**
 * The dependencies the workload's new errors fail to reach (lines the taxonomy files as about a
 * dependency), each with when its first such line appeared.
 */
export function failingDependencies(context: TriageContext): { name: string; since: number }[] {
  const since = new Map<string, number>();
  for (const pattern of context.logOverview) {
    if (pattern.change !== 'new' && pattern.change !== 'surged') continue;
    if (!classifyLine(pattern.example).some((m) => m.entry.names === 'dependency')) continue;
    const dependency = dependencyOf([pattern.example], context);
    if (!dependency) continue;
    const key = dependency.name.toLowerCase();
    since.set(key, Math.min(since.get(key) ?? Infinity, pattern.firstSeen));
  }
  return [...since.entries()].map(([name, at]) => ({ name, since: at }));
}

/**
 * Several different dependencies that began failing within a couple of minutes of each other:
 * unrelated services rarely break in the same minute, so the common factor is the caller (its
 * settings, its resolver, its network). Undefined when fewer than two did.
 */
export function failingTogether(context: TriageContext): { names: string[]; since: number } | undefined {
  const failing = failingDependencies(context).sort((a, b) => a.since - b.since);
  for (const first of failing) {
    const group = failing.filter((d) => d.since >= first.since && d.since - first.since <= TOGETHER_MS);
    if (group.length >= 2) return { names: group.map((d) => d.name), since: first.since };
  }
  return undefined;
}
