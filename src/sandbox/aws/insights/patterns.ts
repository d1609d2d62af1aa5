/**
 * The `pattern` command's clustering, deliberately simple: mask the parts of a line that vary
 * between occurrences of "the same" message (ids, numbers, addresses) with `<*>`, as the real
 * service writes its dynamic tokens, and group lines by what is left. The real template miner
 * for the engine lives in src/core/logs; the emulator only needs stable, plausible groups.
 */

/**
 * One pass over the line; at each position the first alternative that matches wins, so UUIDs
 * are masked whole before their hex runs could be, and addresses before their numbers.
 */
const MASK = new RegExp(
  [
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/.source, // UUIDs
    /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/.source, // IPv4 addresses, optionally with a port
    /\b(?=[0-9a-f]*\d)[0-9a-f]{7,}\b/.source, // hex ids (task ids, request ids, shas): 7+ chars, at least one digit
    /\d+(?:\.\d+)?/.source, // any remaining number, also glued to units or names (`250ms`, `worker-3`)
  ].join('|'),
  'gi',
);

export const PATTERN_WILDCARD = '<*>';

/** The pattern of one line: variable parts masked, whitespace (incl. newlines) collapsed. */
export function maskLine(line: string): string {
  return line.replace(MASK, PATTERN_WILDCARD).replace(/(?:<\*>)+/g, PATTERN_WILDCARD).replace(/\s+/g, ' ').trim();
}

export interface PatternGroup {
  pattern: string;
  count: number;
}

/** Groups lines by pattern: most frequent first, ties in first-seen order. */
export function groupPatterns(lines: Iterable<string>): PatternGroup[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const pattern = maskLine(line);
    counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
  }
  return [...counts].map(([pattern, count]) => ({ pattern, count })).sort((a, b) => b.count - a.count);
}
