/**
 * The shared state of one extraction: the text with already-claimed spans blanked out (so a host
 * inside a URL is not found again as a bare host), and the entities found so far, deduplicated.
 */
import type { Entity } from './types';

export class Scan {
  /** The line with claimed spans replaced by spaces; offsets match the original. */
  text: string;
  private readonly seen = new Set<string>();
  readonly entities: Entity[] = [];

  constructor(readonly original: string) {
    this.text = original;
  }

  add(entity: Entity): void {
    const key = `${entity.kind}|${entity.value}|${entity.namespace ?? ''}|${entity.port ?? ''}|${entity.objectKind ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.entities.push(entity);
  }

  /** Hides `[start, end)` from later extractors. */
  claim(start: number, end: number): void {
    this.text = this.text.slice(0, start) + ' '.repeat(end - start) + this.text.slice(end);
  }

  /** Every match of a global regex over the unclaimed text. */
  *matches(regex: RegExp): Generator<RegExpExecArray> {
    regex.lastIndex = 0;
    for (let m = regex.exec(this.text); m; m = regex.exec(this.text)) {
      if (m[0].length === 0) regex.lastIndex++;
      yield m;
    }
  }
}
