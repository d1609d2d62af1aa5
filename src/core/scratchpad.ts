/**
 * The JSONL scratchpad: every event of an investigation, one per line, in order — enough to
 * replay it (reduceInvestigation) or audit what the engine thought and queried.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStream, InvestigationEvent } from './events';
import { InvalidInputError } from './incident';

export class ScratchpadWriter {
  constructor(readonly filePath: string) {
    mkdirSync(dirname(filePath), { recursive: true });
  }

  /** Writes every event of the stream (past and future) until the returned function is called. */
  attach(stream: EventStream): () => void {
    return stream.subscribe((event) => this.write(event), { replay: true });
  }

  write(event: InvestigationEvent): void {
    appendFileSync(this.filePath, `${JSON.stringify(event)}\n`, 'utf8');
  }
}

export function readScratchpad(filePath: string): InvestigationEvent[] {
  if (!existsSync(filePath)) throw new InvalidInputError('scratchpad', [`${filePath}: no such file`]);
  const events: InvestigationEvent[] = [];
  const lines = readFileSync(filePath, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      // A torn last line (crash mid-write) is tolerated; corruption elsewhere is an error.
      if (index >= lines.length - 2) return;
      throw new InvalidInputError('scratchpad', [`${filePath}:${index + 1}: not JSON`]);
    }
    const event = parsed as Partial<InvestigationEvent>;
    if (typeof event.type !== 'string' || typeof event.seq !== 'number' || typeof event.investigationId !== 'string') {
      throw new InvalidInputError('scratchpad', [`${filePath}:${index + 1}: not an investigation event`]);
    }
    events.push(event as InvestigationEvent);
  });
  return events;
}
