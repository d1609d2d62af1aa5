/**
 * Turns a scenario log group (explicit events + generators) into one time-sorted array, built
 * once, so a FilterLogEvents window is a binary search plus a scan of that window only — fine
 * for groups of 100k+ events.
 */
import type { ScenarioLogGenerator, ScenarioLogGroup } from '../scenario/scenario';
import { createRng, expandTemplate, expandTimestamps, hashSeed, parseTemplate } from '../scenario/logTemplate';

export interface StoredLogEvent {
  /** epoch ms */
  timestamp: number;
  message: string;
  logStreamName: string;
}

/** CloudWatch-like event id (56 digits, unique in the group), derived when served rather than stored. */
export function eventIdOf(event: StoredLogEvent, position: number): string {
  return String(event.timestamp).padStart(20, '0') + String(position).padStart(36, '0');
}

/** A little after the event, as with the awslogs driver; derived when served. */
export function ingestionTimeOf(event: StoredLogEvent, position: number): number {
  return event.timestamp + 150 + (position % 850);
}

/**
 * Expands one generator. The PRNG is seeded from (scenario id, group, generator index), so
 * editing one generator never changes the lines another one produces.
 */
export function expandGenerator(scenarioId: string, groupName: string, index: number, generator: ScenarioLogGenerator, defaultStream: string): StoredLogEvent[] {
  const rng = createRng(hashSeed(`${scenarioId}\u0000${groupName}\u0000${index}`));
  const message = parseTemplate(generator.template);
  const stream = generator.stream === undefined ? undefined : parseTemplate(generator.stream);
  const from = Date.parse(generator.from);
  const to = Date.parse(generator.to);
  const everyMs = generator.everySeconds * 1000;
  const jitterMs = generator.jitterSeconds * 1000;
  const out: StoredLogEvent[] = [];
  for (let i = 0; ; i++) {
    const slot = from + Math.round(i * everyMs);
    if (slot >= to) break;
    // Draw order is fixed (jitter, message, stream): it is part of what keeps lines reproducible.
    const jitter = jitterMs > 0 ? Math.floor(rng() * jitterMs) : 0;
    const progress = (slot - from) / (to - from);
    const timestamp = Math.min(slot + jitter, to - 1);
    out.push({
      timestamp,
      message: expandTemplate(message, rng, progress, timestamp),
      logStreamName: stream ? expandTemplate(stream, rng, progress) : defaultStream,
    });
  }
  return out;
}

/** Every event of the group, sorted by time (stable: explicit events first on ties). */
export function expandLogGroup(scenarioId: string, group: ScenarioLogGroup): StoredLogEvent[] {
  const events: StoredLogEvent[] = group.events.map((event) => ({
    timestamp: Date.parse(event.at),
    message: expandTimestamps(event.message, Date.parse(event.at)),
    logStreamName: event.stream ?? group.defaultStream,
  }));
  group.generators.forEach((generator, index) => {
    for (const event of expandGenerator(scenarioId, group.name, index, generator, group.defaultStream)) events.push(event);
  });
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

/** Index of the first event at or after `timestamp` (events.length when there is none). */
export function lowerBound(events: readonly StoredLogEvent[], timestamp: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (events[mid].timestamp < timestamp) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Lazily expanded log groups of one scenario, keyed by name. */
export class LogStore {
  private readonly expanded = new Map<string, StoredLogEvent[]>();
  private readonly groups: Map<string, ScenarioLogGroup>;

  constructor(
    private readonly scenarioId: string,
    groups: readonly ScenarioLogGroup[],
  ) {
    this.groups = new Map(groups.map((group) => [group.name, group]));
  }

  has(groupName: string): boolean {
    return this.groups.has(groupName);
  }

  /** The group's events, sorted; undefined for an unknown group. */
  events(groupName: string): readonly StoredLogEvent[] | undefined {
    const cached = this.expanded.get(groupName);
    if (cached) return cached;
    const group = this.groups.get(groupName);
    if (!group) return undefined;
    const events = expandLogGroup(this.scenarioId, group);
    this.expanded.set(groupName, events);
    return events;
  }
}
