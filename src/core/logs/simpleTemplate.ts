/**
 * A cheap message→template key used to compare log windows: variable tokens (numbers, ids,
 * hex, UUIDs, IPs, durations, quoted values) become `<*>`. Only the first line counts, so a
 * stack trace groups with its exception message.
 */
const VARIABLE_TOKEN = /^(?:[-+]?\d[\w.:/-]*|0x[0-9a-f]+|[0-9a-f]{8,}|[0-9a-f-]{36}|"[^"]*"|'[^']*'|\S*\d\S*=\S*|\S+=\S*\d\S*)$/i;

export function messageTemplate(message: string): string {
  const firstLine = message.split(/\r?\n/, 1)[0] ?? '';
  const tokens = firstLine.trim().split(/\s+/).map((token) => {
    if (/^\w+=/.test(token)) return token.replace(/=.*$/, '=<*>');
    const trailing = /[,;:)]$/.test(token) ? token.slice(-1) : '';
    const core = trailing ? token.slice(0, -1) : token;
    return VARIABLE_TOKEN.test(core) ? `<*>${trailing}` : token;
  });
  return tokens.join(' ').replace(/(?:<\*>[\s,]*){2,}/g, '<*> ').trim();
}

export interface TemplateCount {
  template: string;
  count: number;
  /** epoch ms */
  firstSeen: number;
  example: string;
}

export function countTemplates(events: readonly { timestamp: number; message: string }[]): Map<string, TemplateCount> {
  const counts = new Map<string, TemplateCount>();
  for (const event of events) {
    const template = messageTemplate(event.message);
    const existing = counts.get(template);
    if (existing) {
      existing.count++;
      if (event.timestamp < existing.firstSeen) {
        existing.firstSeen = event.timestamp;
        existing.example = event.message;
      }
    } else {
      counts.set(template, { template, count: 1, firstSeen: event.timestamp, example: event.message });
    }
  }
  return counts;
}

export interface TemplateChange extends TemplateCount {
  baselineCount: number;
  /** incident rate / baseline rate (per minute); Infinity when new. */
  ratio: number;
  change: 'new' | 'surged' | 'steady' | 'dropped';
}

/** Templates of the incident window compared with the baseline, most changed first. */
export function compareTemplates(
  baseline: readonly { timestamp: number; message: string }[],
  incident: readonly { timestamp: number; message: string }[],
  baselineMinutes: number,
  incidentMinutes: number,
): TemplateChange[] {
  const before = countTemplates(baseline);
  const during = countTemplates(incident);
  const out: TemplateChange[] = [];
  for (const current of during.values()) {
    const baselineCount = before.get(current.template)?.count ?? 0;
    const rateDuring = current.count / Math.max(1, incidentMinutes);
    const rateBefore = baselineCount / Math.max(1, baselineMinutes);
    const ratio = baselineCount === 0 ? Infinity : rateDuring / rateBefore;
    const change = baselineCount === 0 ? 'new' : ratio >= 3 ? 'surged' : ratio <= 1 / 3 ? 'dropped' : 'steady';
    out.push({ ...current, baselineCount, ratio, change });
  }
  for (const old of before.values()) {
    if (!during.has(old.template)) out.push({ ...old, count: 0, baselineCount: old.count, ratio: 0, change: 'dropped' });
  }
  const rank = { new: 0, surged: 1, steady: 2, dropped: 3 } as const;
  return out.sort((a, b) => rank[a.change] - rank[b.change] || b.count - a.count);
}
