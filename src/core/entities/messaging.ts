/**
 * Queue and topic names in the messages brokers and clients print: Kafka (`Topic x not present
 * in metadata`, `{x=UNKNOWN_TOPIC_OR_PARTITION}`, `for x-3` partitions), RabbitMQ (`no queue 'x'`),
 * SQS and generic `queue "x"` / `topic=x`.
 */
import type { Scan } from './scan';

const STOP = new Set(['is', 'not', 'was', 'has', 'the', 'a', 'an', 'for', 'with', 'in', 'of', 'to', 'from', 'and', 'or', 'partition', 'partitions', 'metadata', 'name', 'does', 'exists', 'already', 'that', 'which']);

const TOPICS: RegExp[] = [
  /\b[Tt]opic (?<name>[\w.-]+) not present in metadata\b/g,
  /[{,]\s*(?<name>[\w.-]+)=(?:UNKNOWN_TOPIC_OR_PARTITION|LEADER_NOT_AVAILABLE|TOPIC_AUTHORIZATION_FAILED|INVALID_TOPIC_EXCEPTION)\b/g,
  /\brecord\(s\) for (?<name>[\w.-]+?)-\d+\b/g,
  /\b(?:topic-)?partitions? \[?(?<name>[A-Za-z][\w.-]*?)-\d+\b/g,
  /\bNot authorized to access topics: \[(?<name>[\w.-]+)/g,
  /\b[Tt]opics?(?:[=:]\s*|\s+)["'`[]?(?<name>[A-Za-z0-9][\w.-]*)["'`\]]?/g,
];
const QUEUES: RegExp[] = [
  /\bno queue '(?<name>[^']+)'/g,
  /\bqueue(?:_name|Name|_url|Url)?[=:]\s*["']?(?<name>[\w.-]+)/gi,
  /\b[Qq]ueue\s+["'`](?<name>[^"'`\s]+)["'`]/g,
];

export function extractMessaging(scan: Scan): void {
  for (const regex of TOPICS) {
    for (const m of scan.matches(regex)) {
      const name = m.groups!.name!;
      if (STOP.has(name.toLowerCase())) continue;
      scan.add({ kind: 'topic', value: name });
    }
  }
  for (const regex of QUEUES) {
    for (const m of scan.matches(regex)) {
      const name = m.groups!.name!;
      if (STOP.has(name.toLowerCase()) || /^https?$/.test(name)) continue;
      scan.add({ kind: 'queue', value: name });
    }
  }
}
