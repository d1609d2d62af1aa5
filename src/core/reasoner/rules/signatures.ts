/**
 * Failure signatures: how each failure mode shows up in terminations (ECS stopped reasons,
 * Kubernetes container states), logs and orchestrator events. One table so every rule,
 * and the "is this new error explained by a known mode?" check, read the same definitions.
 */
import type { FailureCategory } from '../../model';
import { failureMatch } from '../../taxonomy';

export interface Signature {
  /** Stopped reasons / container reasons. */
  termination?: RegExp;
  /** Exit codes that alone indicate the mode (137 = SIGKILL by the OOM killer). */
  exitCodes?: number[];
  /** Log message shapes. */
  log?: RegExp;
  /** Literal terms for log queries (any may match); CloudWatch filter terms are case-sensitive. */
  terms?: string[];
  /** ECS service events / Kubernetes events. */
  events?: RegExp;
}

/**
 * A call the dependency refused as invalid (400, 409, 412, 415, 422) or failed (5xx), as the
 * caller logs it: the status after the dependency's URL, or "<dependency> returned 422" /
 * "carts responded 500". The service's own access lines (`POST /orders 422`) name no host and
 * do not match: those are its answers to its clients.
 */
const ANSWER = String.raw`(?:400|409|412|415|422|5\d\d)\b`;
const REJECTED_BY_DEPENDENCY = String.raw`https?://[^\s/"']+\S*?[:\s]+(?:\w+\s)?${ANSWER}|\b(?:returned|responded)(?: with)?(?: HTTP| status(?: code)?)? ${ANSWER}`;

export const SIGNATURES: Partial<Record<FailureCategory, Signature>> = {
  oom: {
    termination: /OutOfMemory|OOMKilled|out of memory/i,
    exitCodes: [137],
    log: /out ?of ?memory|OutOfMemory|heap (?:limit|out of memory|space)|allocation failed|OOMKilled|ENOMEM|Cannot allocate memory|MemoryError/i,
    terms: ['OutOfMemoryError', 'out of memory', 'allocation failed', 'OOMKilled', 'ENOMEM', 'heap space', 'MemoryError', 'Cannot allocate'],
    events: /OOMKill|out of memory/i,
  },
  'cpu-saturation': {
    log: /event loop (?:blocked|lag|delay|stalled)|cpu (?:usage|throttl\w*|saturat\w*|at \d+%)|CPU throttling|high cpu|GC overhead limit|load average|thread pool (?:starvation|exhausted)|WORKER TIMEOUT|worker timeout|blocked thread|Thread starvation|hung thread|watchdog/i,
    terms: ['event loop', 'CPU', 'cpu', 'GC overhead', 'load average', 'thread pool', 'starvation', 'WORKER TIMEOUT', 'worker timeout', 'blocked thread', 'hung thread', 'watchdog'],
  },
  'image-pull': {
    termination: /CannotPullContainer|ImagePullBackOff|ErrImagePull|InvalidImageName|manifest (?:for .* )?(?:unknown|not found)|pull access denied|repository does not exist/i,
    events: /Failed to pull image|ImagePullBackOff|ErrImagePull|CannotPullContainer|manifest unknown|not found/i,
  },
  'crash-loop': {
    termination: /CrashLoopBackOff|Essential container in task exited|exec format error|executable file not found|CannotStartContainer|ResourceInitializationError|Back-off restarting failed container/i,
    log: /flag provided but not defined|unknown (?:flag|option|argument)|unrecognized (?:option|argument)|invalid (?:flag|option)|missing required (?:env|environment|config)|environment variable \S+ (?:is )?(?:not set|missing|required)|is not defined|Cannot find module|exec format error|no such file or directory|KeyError: '?[A-Z_]+|undefined (?:env|environment)|secret .* not found|failed to load config/i,
    terms: ['flag provided but not defined', 'unknown flag', 'unknown option', 'unrecognized', 'Missing required', 'missing required', 'not set', 'is not defined', 'Cannot find module', 'exec format error', 'no such file or directory', 'KeyError', 'failed to load config', 'required environment'],
    events: /Back-off restarting failed container|CrashLoopBackOff|CreateContainerConfigError|secret .* not found/i,
  },
  'health-check': {
    termination: /health ?checks?|Liveness probe|Readiness probe|Unhealthy|ELB/i,
    log: /health ?check (?:failed|timed out)|\/health\S* (?:5\d\d|timed out)|readiness probe|liveness probe/i,
    terms: ['health check', 'healthcheck', 'Health check', '/health', 'probe'],
    events: /Liveness probe failed|Readiness probe failed|Unhealthy|failed (?:ELB|container) health checks|unhealthy/i,
  },
  dependency: {
    log: new RegExp(String.raw`ECONNREFUSED|ECONNRESET|connect(?:ion)? (?:refused|reset|timed? ?out)|timed out|timeout|Timeout|upstream (?:connect error|request timeout)|connection pool|pool (?:exhausted|timeout)|too many connections|could not connect|unable to connect|Connection is not available|503 Service Unavailable|Slow response|${REJECTED_BY_DEPENDENCY}`, 'i'),
    terms: ['ECONNREFUSED', 'ECONNRESET', 'timed out', 'timeout', 'Timeout', 'refused', 'connection pool', 'pool exhausted', 'too many connections', 'could not connect', 'Connection is not available', 'upstream', 'Slow response', 'Unprocessable', 'Bad Request', 'returned 4', 'returned 5', 'responded'],
  },
  'rate-limit': {
    log: /\b429\b|Too Many Requests|Rate exceeded|rate limit|RateLimit|ThrottlingException|Throttling|throttled|quota exceeded/i,
    terms: ['429', 'Too Many Requests', 'Rate exceeded', 'rate limit', 'ThrottlingException', 'Throttling', 'throttled', 'quota exceeded'],
  },
  'disk-full': {
    termination: /ephemeral[- ]storage|ephemeral local storage|no space left/i,
    log: /ENOSPC|No space left on device|disk (?:is )?full|DiskFull|ephemeral[- ]storage|write failed: .*space/i,
    terms: ['ENOSPC', 'No space left', 'no space left', 'disk full', 'Disk full', 'ephemeral-storage'],
    events: /ephemeral[- ]storage|ephemeral local storage|no space left/i,
  },
  tls: {
    log: /certificate (?:has )?expired|CERT_HAS_EXPIRED|x509|SSL(?:Handshake)?Exception|TLS handshake|ssl[_ ]error|certificate verify failed|unable to verify the first certificate|PKIX path/i,
    terms: ['certificate', 'CERT_HAS_EXPIRED', 'x509', 'SSL', 'TLS', 'handshake', 'PKIX'],
  },
  dns: {
    log: /ENOTFOUND|EAI_AGAIN|getaddrinfo|no such host|Name or service not known|Temporary failure in name resolution|NXDOMAIN|UnknownHostException|could not resolve host|lookup \S+ on \S+:53|dial udp \S+:53|DNS (?:lookup|resolution|query) (?:failed|timed out|error)/i,
    terms: ['ENOTFOUND', 'EAI_AGAIN', 'getaddrinfo', 'no such host', 'Name or service not known', 'name resolution', 'NXDOMAIN', 'UnknownHostException', 'resolve host', 'lookup', ':53'],
  },
  capacity: {
    termination: /Insufficient (?:cpu|memory)|FailedScheduling|Unschedulable|unable to place|no nodes available|didn't match/i,
    events: /unable to place a task|insufficient (?:cpu|memory)|no container instance met|FailedScheduling|nodes are available|Insufficient|capacity provider/i,
  },
  'node-pressure': {
    // Node-level cues only: a pod evicted for exceeding its own limits is not node pressure.
    termination: /The node was low on resource|node had condition|NodePressure|MemoryPressure|DiskPressure|PIDPressure/i,
    events: /low on resource|MemoryPressure|DiskPressure|PIDPressure|NodeNotReady|EvictionThresholdMet/i,
  },
};

/**
 * The failure mode the vocabularies (core/taxonomy) give a text, when one strong entry names a
 * specific mode: "pod has unbound immediate PersistentVolumeClaims" is storage, not capacity,
 * whatever keyword a signature shares with it.
 */
export function vocabularyMode(text: string): FailureCategory | undefined {
  const match = failureMatch(text, (m) => m.entry.strength === 'strong');
  return match?.entry.category;
}

/** A signature match a vocabulary attributes to another mode does not count for this one. */
export function claimedByAnotherMode(text: string, category: FailureCategory): boolean {
  const mode = vocabularyMode(text);
  return mode !== undefined && mode !== category && !COMPATIBLE[category]?.includes(mode);
}

/** Modes whose texts are the same failure seen from another side (a crash loop is how a bad deploy or OOM shows). */
const COMPATIBLE: Partial<Record<FailureCategory, FailureCategory[]>> = {
  'crash-loop': ['bad-deploy', 'oom'],
  'bad-deploy': ['crash-loop'],
  dependency: ['rate-limit', 'tls', 'dns'],
  'health-check': ['dependency', 'crash-loop'],
};

/** Whether a termination reason belongs to some other mode than `category`. */
export function terminationOfAnotherMode(reason: string, category: FailureCategory): boolean {
  return (Object.entries(SIGNATURES) as [FailureCategory, Signature][]).some(([other, signature]) => other !== category && signature.termination?.test(reason));
}

/** Log shapes explained by a specific failure mode (so a "new error" is not a code regression). */
export function explainedBySignature(message: string): FailureCategory | undefined {
  for (const [category, signature] of Object.entries(SIGNATURES) as [FailureCategory, Signature][]) {
    if (signature.log?.test(message)) return category;
  }
  return undefined;
}
