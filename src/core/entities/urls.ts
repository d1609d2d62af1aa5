/**
 * URLs, database connection strings and gRPC targets. Credentials never leave this module: the
 * URL entity keeps scheme, host, port and path, and drops user info, query and fragment (where
 * passwords and tokens travel).
 */
import { hostEntities, validPort } from './hosts';
import type { Scan } from './scan';

/** Schemes whose path names a database (or Redis db number). */
const DB_SCHEMES: Record<string, string> = {
  postgres: 'postgres', postgresql: 'postgres', mysql: 'mysql', mariadb: 'mysql', 'mongodb': 'mongodb', 'mongodb+srv': 'mongodb',
  redis: 'redis', rediss: 'redis', sqlserver: 'sqlserver', mssql: 'sqlserver', cockroachdb: 'postgres', clickhouse: 'clickhouse',
  oracle: 'oracle', cassandra: 'cassandra', db2: 'db2', 'h2': 'h2',
};
const GRPC_SCHEMES = new Set(['dns', 'xds', 'passthrough', 'unix', 'unix-abstract', 'ipv4', 'ipv6', 'kubernetes', 'k8s']);

/** `scheme://rest`, with `jdbc:` in front for JDBC URLs. */
const URL = /(?<![\w+.-])(?<jdbc>jdbc:)?(?<scheme>[a-z][a-z0-9+.-]*):\/\/(?<rest>[^\s"'<>`{}|\\^]*)/gi;
/** gRPC's `ipv4:10.0.0.1:50051,10.0.0.2:50051` has no `//`. */
const GRPC_ADDRESS_LIST = /(?<![\w-])(?<scheme>ipv4|ipv6):(?<rest>[\d.:[\],a-fA-F]+)/g;
/** Oracle thin: `jdbc:oracle:thin:@host:1521:SID` or `@//host:1521/service`. */
const ORACLE = /\bjdbc:oracle:thin:@(?:\/\/)?(?<host>[\w.-]+):(?<port>\d+)[:/](?<db>[\w.$-]+)/g;

export function extractUrls(scan: Scan): void {
  for (const m of scan.matches(ORACLE)) {
    const port = validPort(m.groups!.port!);
    for (const e of hostEntities(m.groups!.host!, port, true)) scan.add(e);
    scan.add({ kind: 'db', value: m.groups!.db!, objectKind: 'oracle' });
    scan.add({ kind: 'url', value: `jdbc:oracle:thin:@${m.groups!.host}:${m.groups!.port}`, ...(port ? { port } : {}) });
    scan.claim(m.index, m.index + m[0].length);
  }
  for (const m of scan.matches(URL)) {
    const scheme = m.groups!.scheme!.toLowerCase();
    const rest = trimTrailing(m.groups!.rest!);
    handleUrl(scan, scheme, rest, Boolean(m.groups!.jdbc));
    scan.claim(m.index, m.index + m[0].length);
  }
  for (const m of scan.matches(GRPC_ADDRESS_LIST)) {
    scan.add({ kind: 'grpc-target', value: m[0] });
    for (const address of m.groups!.rest!.split(',')) {
      const hp = /^(?<host>\[[^\]]+\]|[^:]+(?::[^:]+)*?)(?::(?<port>\d+))?$/.exec(address);
      if (hp?.groups) for (const e of hostEntities(hp.groups.host!, hp.groups.port ? validPort(hp.groups.port) : undefined, true)) scan.add(e);
    }
    scan.claim(m.index, m.index + m[0].length);
  }
}

/** Drops punctuation that ends the sentence, not the URL (and an unbalanced closing bracket). */
function trimTrailing(rest: string): string {
  let out = rest.replace(/[.,;:!?'")\]]+$/, '');
  if (rest.length > out.length && rest[out.length] === ')' && out.includes('(')) out += ')';
  return out;
}

function handleUrl(scan: Scan, scheme: string, rest: string, jdbc: boolean): void {
  const cut = rest.search(/[/?#]/);
  let authority = cut < 0 ? rest : rest.slice(0, cut);
  const tail = cut < 0 ? '' : rest.slice(cut);
  // SQL Server JDBC puts properties after `;` in the authority: `host:1433;databaseName=orders;password=…`.
  const semi = authority.indexOf(';');
  const properties = semi >= 0 ? authority.slice(semi + 1) : '';
  if (semi >= 0) authority = authority.slice(0, semi);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1); // user:password@ never kept
  const path = tail.replace(/[?#].*$/, '');

  if (GRPC_SCHEMES.has(scheme)) {
    // dns:///svc:50051, dns://8.8.8.8/svc:50051, xds:///svc, unix:///run/x.sock
    const endpoint = path.replace(/^\//, '');
    scan.add({ kind: 'grpc-target', value: `${scheme}://${authority}${path}` });
    if (scheme !== 'unix' && scheme !== 'unix-abstract' && endpoint) addHostPort(scan, endpoint);
    return;
  }

  if (scheme === 's3' || scheme === 'gs' || scheme === 'file') {
    // A bucket or a local path, not a host to connect to.
    scan.add({ kind: 'url', value: `${scheme}://${authority}${path}` });
    if (scheme === 'file' && path) scan.add({ kind: 'file', value: path });
    return;
  }

  const hosts = authority.split(',').filter(Boolean);
  let firstPort: number | undefined;
  for (const hp of hosts) {
    const port = addHostPort(scan, hp);
    firstPort ??= port;
  }
  const url = `${jdbc ? 'jdbc:' : ''}${scheme}://${authority}${path}`;
  scan.add({ kind: 'url', value: url, ...(firstPort ? { port: firstPort } : {}) });

  const engine = DB_SCHEMES[scheme];
  if (engine) {
    const db = /^\/(?<db>[\w.$-]+)/.exec(path)?.groups?.db ?? /(?:^|;)(?:databaseName|database)=(?<db>[\w.$-]+)/i.exec(properties)?.groups?.db;
    if (db) scan.add({ kind: 'db', value: db, objectKind: engine });
  }
  // https://sqs.us-east-1.amazonaws.com/123456789012/orders-queue
  const sqs = /^sqs[.-][a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/i.test(authority) ? /^\/\d{12}\/(?<queue>[\w-]+(?:\.fifo)?)/.exec(path) : null;
  if (sqs?.groups) scan.add({ kind: 'queue', value: sqs.groups.queue!, objectKind: 'sqs' });
}

/** Adds the entities of `host[:port]`; returns the port. */
function addHostPort(scan: Scan, hostPort: string): number | undefined {
  const m = /^(?<host>\[[^\]]+\]|[^:]+)(?::(?<port>\d+))?$/.exec(hostPort);
  if (!m?.groups || !m.groups.host) return undefined;
  const port = m.groups.port ? validPort(m.groups.port) : undefined;
  for (const e of hostEntities(m.groups.host, port, true)) scan.add(e);
  return port;
}

/** libpq keyword DSN: `host=db port=5432 dbname=orders user=app password=…` (password ignored). */
const LIBPQ_DB = /(?<![\w-])dbname=["']?(?<db>[\w.$-]+)/g;

export function extractKeywordDsn(scan: Scan): void {
  if (!/(?<![\w-])host=/.test(scan.text)) return;
  for (const m of scan.matches(LIBPQ_DB)) scan.add({ kind: 'db', value: m.groups!.db!, objectKind: 'postgres' });
}
