/**
 * What the miner remembers about slot values, to tell data from event words (bounded):
 * - known variables: values already seen in a slot that is a variable (`root` in
 *   `Failed password for <*>`), so `... for root` and `... for admin` fold at once;
 * - value contexts: which template-with-a-blank each value filled, so values that recur across
 *   unrelated templates (user names in `session opened for user X` and `session closed for
 *   user X`) are recognised as data, while event words (`opened`/`closed`) are not.
 */
import { WILDCARD } from './mask';
import { slotCore } from './merge';

const MAX_CONTEXTS_PER_VALUE = 8;

export class SlotMemory {
  private readonly known = new Set<string>();
  private readonly contexts = new Map<string, string[]>();

  constructor(private readonly capacity: number) {}

  isKnownVariable(value: string): boolean {
    return this.known.has(slotCore(value));
  }

  /** Remembers a value seen in a variable slot. */
  learnVariable(token: string): void {
    const core = slotCore(token);
    if (core.length === 0 || this.known.has(core)) return;
    if (this.known.size >= this.capacity) {
      const oldest = this.known.values().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
    this.known.add(core);
  }

  /** Records, for each literal slot of a template, which value filled which context. */
  registerTemplate(tokens: readonly string[]): void {
    const keys = contextKeys(tokens);
    for (let p = 0; p < tokens.length; p++) {
      const token = tokens[p]!;
      if (token.includes(WILDCARD) || token.length > 64) continue;
      const core = slotCore(token);
      if (core.length === 0) continue;
      const key = keys[p]!;
      let list = this.contexts.get(core);
      if (!list) {
        if (this.contexts.size >= this.capacity) {
          const oldest = this.contexts.keys().next();
          if (!oldest.done) this.contexts.delete(oldest.value);
        }
        this.contexts.set(core, (list = []));
      }
      if (!list.includes(key) && list.length < MAX_CONTEXTS_PER_VALUE) list.push(key);
    }
  }

  /**
   * How `values` recur in other templates' slots (outside the family's own contexts): the most
   * of them filling one other context, and how many other contexts hold two or more of them.
   */
  recurrence(values: readonly string[], own: ReadonlySet<string>): { values: number; contexts: number } {
    const tally = new Map<string, number>();
    let best = 0;
    let contexts = 0;
    for (const core of new Set(values.map(slotCore))) {
      for (const key of this.contexts.get(core) ?? []) {
        if (own.has(key)) continue;
        const n = (tally.get(key) ?? 0) + 1;
        tally.set(key, n);
        if (n === 2) contexts++;
        if (n > best) best = n;
      }
    }
    return { values: best, contexts };
  }
}

/**
 * Identifies "this template with slot p blanked" (plus the slot's key part, `user=` of
 * `user=root`), so the same value seen in two different templates can be recognised.
 */
export function contextKey(tokens: readonly string[], p: number): string {
  return contextKeys(tokens)[p]!;
}

/** contextKey for every position at once: prefix and suffix hashes make it linear. */
export function contextKeys(tokens: readonly string[]): string[] {
  const n = tokens.length;
  const before = new Array<number>(n + 1);
  before[0] = 0x811c9dc5;
  for (let i = 0; i < n; i++) before[i + 1] = hashInto(before[i]!, tokens[i]!);
  // The suffix is hashed from the end: only equality of keys matters.
  const after = new Array<number>(n + 1);
  after[n] = 0x01000193;
  for (let i = n - 1; i >= 0; i--) after[i] = hashInto(after[i + 1]!, tokens[i]!);
  return tokens.map((token, p) => {
    const core = slotCore(token);
    const at = token.indexOf(core);
    return `${n}|${p}|${before[p]}|${after[p + 1]}|${token.slice(0, at)}|${token.slice(at + core.length)}`;
  });
}

function hashInto(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return Math.imul(h ^ 0x20, 0x01000193) >>> 0;
}
