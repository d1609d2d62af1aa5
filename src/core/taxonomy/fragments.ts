/**
 * Regex fragments shared by the vocabularies, as source strings. A named group may appear once
 * per regex, so each fragment is spliced into a pattern at most once.
 */

/** `10.0.0.5:5432`, `redis.cache.svc:6379`, `[::1]:8080`, `::1:6379` (Node prints IPv6 bare). */
export const HOST_PORT = String.raw`(?<host>\[[0-9A-Fa-f:.]+\]|[^\s,;()"'\[\]<>]+):(?<port>\d{1,5})\b`;

/** A host name or address without a port. */
export const HOST = String.raw`(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_][\w.-]*[\w]|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+)`;

/** A quoted or bare name (Kubernetes object names, keys). */
export const QUOTED = (group: string): string => String.raw`["'\u201c]?(?<${group}>[\w.:/@-]+?)["'\u201d]?`;

export function re(source: string, flags = ''): RegExp {
  return new RegExp(source, flags);
}
