/**
 * Container logs for the emulator's `GET …/pods/{name}/log`: explicit lines plus generators per
 * container instance (current and previous), expanded lazily and sorted once.
 *
 * The kubelet stores logs line by line, so a multi-line message (a stack trace) becomes several
 * lines sharing one timestamp; `timestamps=true` prefixes every line with RFC 3339 (nanosecond
 * precision, trailing zeros trimmed, as Go's RFC3339Nano prints it).
 */
import type { ScenarioKubernetes } from './k8sScenario';
import { expandGenerator } from '../aws/logEvents';

export interface LogLine {
  /** epoch ms */
  timestamp: number;
  text: string;
}

export interface LogQuery {
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  /** epoch ms: only lines at or after it (from sinceSeconds or sinceTime) */
  since?: number;
  limitBytes?: number;
}

type Sources = ScenarioKubernetes['namespaces'][number]['pods'][number]['containers'][number];

/** `2026-01-15T11:00:00.12Z`: Go's RFC3339Nano (trailing zeros of the fraction trimmed). */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

function splitLines(timestamp: number, message: string): LogLine[] {
  const lines = message.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((text) => ({ timestamp, text }));
}

export class K8sLogStore {
  private readonly sources = new Map<string, Sources>();
  private readonly expanded = new Map<string, LogLine[]>();

  constructor(
    private readonly scenarioId: string,
    world: ScenarioKubernetes,
  ) {
    for (const namespace of world.namespaces) {
      for (const pod of namespace.pods) {
        for (const container of [...pod.containers, ...pod.initContainerStatuses]) this.sources.set(`${namespace.name}/${pod.name}/${container.name}`, container);
      }
    }
  }

  /** The instance's lines, sorted by time (stable: explicit lines first on ties). Unknown containers have none. */
  lines(namespace: string, pod: string, container: string, previous: boolean): readonly LogLine[] {
    const key = `${namespace}/${pod}/${container}${previous ? '#previous' : ''}`;
    const cached = this.expanded.get(key);
    if (cached) return cached;
    const source = this.sources.get(`${namespace}/${pod}/${container}`);
    const lines: LogLine[] = [];
    if (source) {
      for (const line of previous ? source.previousLogs : source.logs) lines.push(...splitLines(Date.parse(line.at), line.message));
      const generators = previous ? source.previousLogGenerators : source.logGenerators;
      generators.forEach((generator, index) => {
        // The generator seed names the container instance, so current and previous lines differ.
        for (const event of expandGenerator(this.scenarioId, `k8s:${key}`, index, generator, '')) lines.push(...splitLines(event.timestamp, event.message));
      });
      lines.sort((a, b) => a.timestamp - b.timestamp);
    }
    this.expanded.set(key, lines);
    return lines;
  }

  /** The text/plain body of a log request. */
  static render(lines: readonly LogLine[], query: LogQuery): string {
    let selected = query.since === undefined ? lines : lines.filter((line) => line.timestamp >= query.since!);
    if (query.tailLines !== undefined) selected = query.tailLines === 0 ? [] : selected.slice(-query.tailLines);
    let body = selected.map((line) => (query.timestamps ? `${rfc3339Nano(line.timestamp)} ${line.text}\n` : `${line.text}\n`)).join('');
    if (query.limitBytes !== undefined && Buffer.byteLength(body) > query.limitBytes) {
      body = Buffer.from(body).subarray(0, query.limitBytes).toString('utf8');
    }
    return body;
  }
}
