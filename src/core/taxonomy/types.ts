/**
 * The shape of a vocabulary entry: one documented failure string (a status code, an errno, an
 * event reason…) and how it shows up in a raw log line. Vocabularies are plain data so they can be
 * reviewed against their source documentation and extended without touching the matcher.
 */
import type { FailureCategory } from '../model';

export const VOCABULARIES = ['grpc', 'errno', 'http', 'kubernetes', 'ecs', 'runtime', 'library', 'elb', 'aws'] as const;
export type Vocabulary = (typeof VOCABULARIES)[number];

/** What the failure is about: where an investigation should look for the culprit. */
export const ENTITY_KINDS = [
  'dependency', // another service, host or managed store the workload calls
  'config', // a setting, ConfigMap key, environment variable or manifest field
  'secret', // a Secret, Secrets Manager secret, SSM parameter or registry credential
  'image', // a container image or its registry
  'volume', // a volume, claim, mount or storage class
  'node', // a node or container instance
  'quota', // a ResourceQuota, LimitRange, account limit or service quota
  'file', // a file or directory on the workload's file system
  'self', // the workload's own code or resources (a crash, a heap exhaustion)
  'identity', // a principal (IAM role, service account, user) lacking a permission
  'certificate', // a TLS certificate or trust chain
  'capacity', // the cluster's or region's capacity to run the workload
  'network', // a network path: route, policy, security group, CNI
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * Named groups a pattern may capture. Fixed so consumers can rely on them; a test rejects any
 * other group name.
 */
export const CAPTURE_NAMES = [
  'host', 'port', 'ip', 'url', 'service', 'namespace', 'configmap', 'secret', 'key', 'file', 'image',
  'node', 'volume', 'claim', 'resource', 'quota', 'pod', 'container', 'user', 'verb', 'code', 'detail',
  'targetGroup', 'taint', 'limit', 'topic', 'partition', 'queue', 'pool', 'exception', 'signal', 'envVar',
] as const;
export type CaptureName = (typeof CAPTURE_NAMES)[number];

export type Strength = 'strong' | 'weak';

export interface TaxonomyEntry {
  /** `vocabulary.Name` as the system spells it, e.g. `grpc.UNAVAILABLE`, `k8s.FailedScheduling`. */
  readonly id: string;
  readonly vocabulary: Vocabulary;
  /** How it appears in a raw line, most specific first; named groups (CaptureName) capture entities. */
  readonly patterns: readonly RegExp[];
  /** The failure mode it indicates, or `symptom` when it is only an effect (HTTP 500, gRPC INTERNAL). */
  readonly category: FailureCategory | 'symptom';
  /** What kind of thing the failure is about. */
  readonly names?: EntityKind;
  /** strong = specific to one failure mode; weak = ambiguous (a timeout, a 503). */
  readonly strength: Strength;
  /** Own words, one line. */
  readonly description: string;
  /** Where the string is documented (URL or document name). */
  readonly source: string;
}

export interface TaxonomyMatch {
  readonly entry: TaxonomyEntry;
  /** The text the pattern matched. */
  readonly text: string;
  /** Offset of the match in the line. */
  readonly index: number;
  /** Named groups that captured something, trimmed of quotes. */
  readonly entities: Partial<Record<CaptureName, string>>;
}
