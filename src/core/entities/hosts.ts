/**
 * Hosts, addresses and Kubernetes service names. `hostEntities` turns a name found in a host
 * position (URL authority, host:port, `host=`) into its entities; the extractors below find such
 * positions, plus bare IPs and bare FQDNs, which need stricter shape tests because nothing but the
 * shape says they are hosts.
 */
import type { Scan } from './scan';
import { HOST_SUFFIXES, isIPv4, isIPv6, NOT_HOST_WORDS, SOURCE_EXTENSIONS, VERSION_CONTEXT } from './shapes';
import type { Entity } from './types';

const LABEL = String.raw`[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?`;
const DNS_NAME = String.raw`${LABEL}(?:\.${LABEL})*`;
const K8S_DNS = /^(?:(?<pod>[a-z0-9-]+)\.)?(?<service>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.(?<namespace>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.svc(?:\.cluster\.local)?\.?$/;
const SHORT_SERVICE = /^(?<service>[a-z][a-z0-9-]*)(?:\.(?<namespace>[a-z][a-z0-9-]*))?$/;

/**
 * Entities for a name in a host position. `positional` = it sits where only a host can
 * (so `orders` or `orders.payments` are taken as a Kubernetes service, `svc.ns`).
 */
export function hostEntities(rawHost: string, port: number | undefined, positional: boolean): Entity[] {
  const host = rawHost.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (!host) return [];
  const withPort = (e: Entity): Entity => (port === undefined ? e : { ...e, port });
  const out: Entity[] = [];
  if (isIPv4(host) || isIPv6(host)) out.push(withPort({ kind: 'ip', value: host }));
  else {
    const name = host.toLowerCase();
    out.push(withPort({ kind: 'host', value: name }));
    const k8s = K8S_DNS.exec(name);
    if (k8s?.groups) {
      out.push(withPort({ kind: 'k8s-dns', value: name }));
      out.push(withPort({ kind: 'service', value: k8s.groups.service!, namespace: k8s.groups.namespace!, objectKind: 'service' }));
    } else if (positional && name !== 'localhost') {
      const short = SHORT_SERVICE.exec(name);
      if (short?.groups && !(short.groups.namespace && HOST_SUFFIXES.has(short.groups.namespace))) {
        out.push(withPort({ kind: 'service', value: short.groups.service!, ...(short.groups.namespace ? { namespace: short.groups.namespace } : {}), objectKind: 'service' }));
      }
    }
  }
  if (port !== undefined) out.push({ kind: 'port', value: String(port), port });
  return out;
}

export function validPort(s: string): number | undefined {
  const n = Number(s);
  return /^\d{1,5}$/.test(s) && n > 0 && n <= 65535 ? n : undefined;
}

/** Hosts named by context: `host=db`, `host='x', port=5432`, `server at "db"`, `host name "db"`. */
const HOST_CONTEXTS: RegExp[] = [
  /\bHTTPS?ConnectionPool\(host='(?<host>[^']+)', port=(?<port>\d+)\)/g,
  /\bconnection to server at "(?<host>[^"]+)" \((?<ip>[\d.a-f:]+)\), port (?<port>\d+)/g,
  /\bcould not translate host name "(?<host>[^"]+)"/g,
  /\b(?:host(?:name)?|server|endpoint|upstream host)\s+"(?<host>[A-Za-z0-9][\w.-]*)"/g,
  /(?<![\w-])host=["']?(?<host>[A-Za-z0-9][\w.-]*)["']?(?:\s+port=(?<port>\d+))?/g,
];

export function extractHostContexts(scan: Scan): void {
  for (const regex of HOST_CONTEXTS) {
    for (const m of scan.matches(regex)) {
      const g = m.groups!;
      const port = g.port ? validPort(g.port) : undefined;
      for (const e of hostEntities(g.host!, port, true)) scan.add(e);
      if (g.ip) for (const e of hostEntities(g.ip, port, true)) scan.add(e);
      scan.claim(m.index, m.index + m[0].length);
    }
  }
}

/** `host:port` and `[v6]:port`, not inside a path or a longer token. */
const HOST_PORT = new RegExp(String.raw`(?<![\w./:@%-])(?<host>\[[0-9A-Fa-f:.%\w]+\]|${DNS_NAME}):(?<port>\d{1,5})(?![\w]|:\d|\.\d)`, 'g');

export function extractHostPorts(scan: Scan): void {
  for (const m of scan.matches(HOST_PORT)) {
    const host = m.groups!.host!;
    const port = validPort(m.groups!.port!);
    if (port === undefined || !plausibleHostWithPort(host, port)) continue;
    for (const e of hostEntities(host, port, true)) scan.add(e);
    scan.claim(m.index, m.index + m[0].length);
  }
}

function plausibleHostWithPort(host: string, port: number): boolean {
  if (host.startsWith('[')) return isIPv6(host);
  if (/^[\d.]+$/.test(host)) return isIPv4(host);
  if (SOURCE_EXTENSIONS.test(host)) return false; // app.js:42 is a file and a line
  if (!host.includes('.')) {
    // A single word before `:N`: a service name only if it looks like one and the port like a port.
    return /^[a-z][a-z0-9-]*$/.test(host) && !NOT_HOST_WORDS.has(host) && port >= 10;
  }
  const last = host.slice(host.lastIndexOf('.') + 1);
  // Upper case in a dotted name is a class (`com.acme.Foo:42`), not a host.
  return /^[a-z][a-z0-9-]*$/.test(last) && host === host.toLowerCase();
}

/** IPv4 without a port. */
const BARE_IPV4 = /(?<![\w.:/-])(?<ip>\d{1,3}(?:\.\d{1,3}){3})(?![\w:/-]|\.\d)/g;
/** IPv6 without a port: needs `::` or all eight groups, and hex only. */
const BARE_IPV6 = /(?<![\w:.])(?<ip>(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4})(?![\w:])/g;

export function extractBareIps(scan: Scan): void {
  for (const m of scan.matches(BARE_IPV4)) {
    const ip = m.groups!.ip!;
    if (!isIPv4(ip) || VERSION_CONTEXT.test(scan.original.slice(Math.max(0, m.index - 12), m.index))) continue;
    scan.add({ kind: 'ip', value: ip });
    scan.claim(m.index, m.index + m[0].length);
  }
  for (const m of scan.matches(BARE_IPV6)) {
    const ip = m.groups!.ip!;
    if (!isIPv6(ip) || !/[0-9]/.test(ip)) continue;
    scan.add({ kind: 'ip', value: ip });
    scan.claim(m.index, m.index + m[0].length);
  }
}

/**
 * A dotted name with nothing but its shape to go on: lowercase labels, a known suffix, not
 * preceded by a path or property separator and not followed by `(` (a method call) — so
 * `com.acme.Foo`, `logger.info(`, `config.yaml`, `v1.2.3` are not hosts.
 */
const BARE_FQDN = /(?<![\w./$@-])(?<host>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)\.?(?![\w(/$-]|\.\w)/g;

export function extractBareHosts(scan: Scan): void {
  for (const m of scan.matches(BARE_FQDN)) {
    const host = m.groups!.host!;
    const labels = host.split('.');
    if (!HOST_SUFFIXES.has(labels[labels.length - 1]!) && !K8S_DNS.test(host)) continue;
    if (labels.every((l) => /^\d+$/.test(l))) continue;
    for (const e of hostEntities(host, undefined, false)) scan.add(e);
    scan.claim(m.index, m.index + m[0].length);
  }
}
