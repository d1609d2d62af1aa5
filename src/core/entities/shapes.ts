/**
 * Shape tests that keep the extractor from calling everything with a dot a host: IP validity,
 * public suffixes, source-file extensions, version numbers, and the words that precede a colon
 * and a number without being hosts (`timeout:30`, `line:42`).
 */

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')));
}

export function isIPv6(s: string): boolean {
  const v = s.replace(/^\[|\]$/g, '').replace(/%\w+$/, '');
  if (!/^[0-9a-f:.]+$/i.test(v) || !v.includes(':')) return false;
  const doubles = v.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = v.split(':').filter((g) => g !== '');
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g) || isIPv4(g))) return false;
  return doubles === 1 ? groups.length <= 7 : groups.length === 8;
}

/**
 * Last labels a bare (unschemed, portless) name must end in to count as a host. Deliberately
 * short: `.py`, `.sh`, `.md`, `.rs`, `.info`, `.app` are real TLDs but far more often file
 * extensions or method names in logs.
 */
export const HOST_SUFFIXES = new Set([
  'com', 'net', 'org', 'io', 'co', 'ai', 'dev', 'cloud', 'internal', 'local', 'lan', 'corp', 'intra', 'gov', 'edu', 'mil',
  'us', 'uk', 'de', 'fr', 'eu', 'jp', 'nl', 'ca', 'au', 'ch', 'se', 'es', 'br', 'cn', 'tech', 'xyz', 'aws', 'test', 'example', 'localhost',
]);

/** A `name.ext:N` ending is a source location, not host:port. */
export const SOURCE_EXTENSIONS = /\.(?:c|cc|cpp|cxx|h|hpp|m|mm|java|kt|kts|scala|groovy|py|pyx|rb|erb|go|rs|js|mjs|cjs|ts|mts|cts|tsx|jsx|vue|svelte|cs|fs|vb|php|pl|pm|swift|dart|erl|ex|exs|lua|sh|bash|yaml|yml|json|toml|xml|html|sql|tf|conf|cfg|ini|properties|txt|log)$/i;

/** Single words that precede `:N` in logs without naming a host. */
export const NOT_HOST_WORDS = new Set([
  'timeout', 'timeouts', 'retries', 'retry', 'attempt', 'attempts', 'line', 'lines', 'col', 'column', 'port', 'pid', 'tid', 'uid', 'gid',
  'code', 'status', 'size', 'count', 'id', 'time', 'duration', 'level', 'step', 'page', 'offset', 'limit', 'version', 'max', 'min',
  'total', 'errors', 'error', 'warn', 'warning', 'info', 'debug', 'trace', 'fatal', 'took', 'elapsed', 'latency', 'seq', 'index', 'idx',
  'batch', 'worker', 'thread', 'shard', 'partition', 'replica', 'replicas', 'len', 'length', 'exit', 'signal', 'http', 'https', 'tcp',
  'udp', 'at', 'from', 'to', 'in', 'on', 'of', 'epoch', 'generation', 'revision', 'rev', 'build', 'release', 'day', 'days', 'hour',
  'hours', 'minute', 'minutes', 'sec', 'seconds', 'ms', 'ns', 'us', 'v', 'rc', 'priority', 'weight', 'score', 'rank', 'n', 'k', 'x', 'y',
  'user', 'users', 'request', 'requests', 'bytes', 'items', 'rows', 'queue', 'depth', 'cpu', 'memory', 'mem', 'disk', 'load',
]);

/** Words right before a dotted number that make it a version, not an address. */
export const VERSION_CONTEXT = /(?:\bv(?:ersion)?|\bver\.?|\brelease|\bbuild|\bchart|\bapp|\bimage|@)\s*[:=]?\s*v?$/i;
