/**
 * A deterministic synthetic log stream for throughput and memory runs: service-style lines
 * (timestamps, levels, key=value pairs, ids, IPs, durations, paths, user names, JSON fields)
 * from ~150 event shapes with a skewed (Zipf-like) frequency, so the miner sees both a hot
 * path and a long tail of rare events, like a real service.
 */

import { createRng } from '../../src/sandbox/scenario/logTemplate';

// The sandbox's seeded PRNG: one implementation for generated worlds and generated benchmarks.
export { createRng };

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, max: number) => Math.floor(rng() * max);
const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(rng, 16)]).join('');
const uuid = (rng: Rng) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
const ip = (rng: Rng) => `10.${int(rng, 256)}.${int(rng, 256)}.${int(rng, 256)}`;

const USERS = Array.from({ length: 300 }, (_, i) => ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'][i % 10] + (i >= 10 ? String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + ((i * 7) % 26)) : ''));
const SERVICES = ['checkout', 'payments', 'inventory', 'search', 'auth', 'image-resizer', 'gateway', 'orders'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const ROUTES = ['/api/v1/orders', '/api/v1/users', '/api/v2/search', '/healthz', '/api/v1/cart/items', '/metrics'];
const TABLES = ['users', 'orders', 'line_items', 'sessions', 'payments'];
const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];

type Shape = (rng: Rng) => string;

const COMMON: Shape[] = [
  (r) => `${ip(r)} - - "${pick(r, METHODS)} ${pick(r, ROUTES)}/${int(r, 100000)} HTTP/1.1" ${pick(r, [200, 200, 201, 404, 500])} ${int(r, 50000)} ${(r() * 2).toFixed(3)}`,
  (r) => `request completed method=${pick(r, METHODS)} path=${pick(r, ROUTES)} status=${pick(r, [200, 204, 404])} duration_ms=${int(r, 900)} request_id=${uuid(r)}`,
  (r) => `Connection to ${ip(r)}:${5432 + int(r, 3)} timed out after ${int(r, 30000)} ms`,
  (r) => `Connection to ${ip(r)}:${6379} refused`,
  (r) => `User ${pick(r, USERS)} logged in from ${ip(r)}`,
  (r) => `User ${pick(r, USERS)} logged out after ${int(r, 3600)}s`,
  (r) => `Cache miss for key session:${hex(r, 16)} in ${int(r, 20)}ms`,
  (r) => `Processed batch ${int(r, 100000)} with ${int(r, 500)} records in ${(r() * 10).toFixed(2)} s`,
  (r) => `Query on table ${pick(r, TABLES)} took ${int(r, 2000)} ms rows=${int(r, 10000)}`,
  (r) => `{"level":"info","msg":"order placed","orderId":"${uuid(r)}","amount":${(r() * 300).toFixed(2)},"user":"${pick(r, USERS)}"}`,
  (r) => `GC pause (G1 Evacuation Pause) ${int(r, 400)}M->${int(r, 400)}M(1024M) ${(r() * 50).toFixed(3)}ms`,
  (r) => `Scheduled job ${pick(r, ['cleanup', 'reindex', 'report', 'backup'])} started at ${new Date(1700000000000 + int(r, 1e9)).toISOString()}`,
  (r) => `Sending heartbeat to ${pick(r, SERVICES)}-${hex(r, 9)}-${hex(r, 5)} (${ip(r)})`,
  (r) => `Pod ${pick(r, SERVICES)}-${hex(r, 9)}-${hex(r, 5)} ready in namespace prod`,
  (r) => `Wrote ${int(r, 1 << 20)} bytes to /var/lib/app/data/${hex(r, 8)}.bin`,
  (r) => `Retrying call to ${pick(r, SERVICES)} (attempt ${1 + int(r, 5)} of 5) after ${int(r, 1000)} ms`,
  (r) => `Token refreshed for client ${hex(r, 32)} expires_in=${int(r, 7200)}`,
  (r) => `Kafka consumer group ${pick(r, SERVICES)} rebalanced partitions=[${int(r, 12)},${int(r, 12)},${int(r, 12)}]`,
  (r) => `Health check passed for ${pick(r, SERVICES)} latency=${int(r, 100)}ms`,
  (r) => `Feature flag ${pick(r, ['new-checkout', 'fast-search', 'dark-mode'])} evaluated to ${pick(r, ['true', 'false'])} for user ${pick(r, USERS)}`,
];

const RARE_WORDS = ['shard', 'replica', 'leader', 'follower', 'ledger', 'bucket', 'tenant', 'quota', 'webhook', 'lease', 'snapshot', 'cursor', 'queue', 'index', 'pool'];
const RARE_VERBS = ['rebuilt', 'evicted', 'promoted', 'demoted', 'throttled', 'rotated', 'compacted', 'expired', 'resumed', 'paused'];

/** Rare event shapes: each combination of word/verb is its own event (a long tail of templates). */
function rareShape(i: number): Shape {
  const word = RARE_WORDS[i % RARE_WORDS.length]!;
  const verb = RARE_VERBS[Math.floor(i / RARE_WORDS.length) % RARE_VERBS.length]!;
  return (r) => `${word} ${hex(r, 6)} ${verb} by controller on node ip-${int(r, 255)}-${int(r, 255)}-${int(r, 255)}-${int(r, 255)} generation=${int(r, 1000)}`;
}

const RARE: Shape[] = Array.from({ length: RARE_WORDS.length * RARE_VERBS.length }, (_, i) => rareShape(i));

const EXCEPTIONS: Shape[] = [
  (r) => `java.lang.OutOfMemoryError: Java heap space (allocating ${int(r, 1 << 24)} bytes)`,
  (r) => `Unhandled exception in worker ${int(r, 64)}: TimeoutError: operation timed out after ${int(r, 30000)}ms`,
  (r) => `panic: runtime error: index out of range [${int(r, 100)}] with length ${int(r, 100)}`,
];

/**
 * One log line: a timestamp, a level and a component, then a message from a skewed mix of
 * shapes. As in real code, each shape logs at its own level (a few at two levels).
 */
export function generateLine(rng: Rng, sequence: number): string {
  const ts = new Date(1_700_000_000_000 + sequence * 7).toISOString();
  const roll = rng();
  let message: string;
  let level: string;
  if (roll < 0.9) {
    const k = Math.floor(Math.pow(rng(), 2) * COMMON.length);
    message = COMMON[k]!(rng);
    level = LEVELS[k % LEVELS.length]!;
    if (k % 5 === 0 && rng() < 0.1) level = 'ERROR';
  } else if (roll < 0.995) {
    const k = Math.floor(rng() * RARE.length);
    message = RARE[k]!(rng);
    level = k % 3 === 0 ? 'WARN' : 'INFO';
  } else {
    message = pick(rng, EXCEPTIONS)(rng);
    level = 'ERROR';
  }
  return `${ts} ${level} [${pick(rng, SERVICES)}] ${message}`;
}

/** Number of distinct event shapes the generator draws from. */
export const GENERATED_SHAPES = COMMON.length + RARE.length + EXCEPTIONS.length;
