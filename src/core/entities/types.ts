/** What the entity extractor finds in a raw log line. */

export const ENTITY_TYPES = [
  'host', 'ip', 'port', 'url', 'service', 'k8s-dns', 'grpc-target', 'env-var', 'config-key', 'file', 'pod', 'node',
  'image', 'k8s-object', 'arn', 'db', 'queue', 'topic',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Entity {
  kind: EntityType;
  /** The name as printed (URLs and connection strings without credentials or query). */
  value: string;
  /** Kubernetes namespace, when the text says it. */
  namespace?: string;
  port?: number;
  /**
   * What the name refers to: the Kubernetes kind of a `k8s-object`/`pod`/`node`/`service`, the
   * `service:resource-type` of an ARN, the engine of a `db`, where a `config-key` lives (`configmap`,
   * `secret`, `spring`…).
   */
  objectKind?: string;
  /** Line number, for a `file` printed with one. */
  line?: number;
}
