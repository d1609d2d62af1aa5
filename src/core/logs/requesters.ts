/**
 * Who is sending the traffic: the requester a log line names in a field kept for it — a client
 * id, tenant, API key id, partner, account or user agent — in JSON or `key=value` form. A spike
 * from one caller is that caller's, not the service's; the value is what an on-call engineer
 * would throttle or call.
 */

const REQUESTER_KEY = /^(?:client|client_?id|clientId|tenant|tenant_?id|tenantId|customer|customer_?id|api_?key_?id|apiKeyId|partner|partner_?id|account|account_?id|accountId|consumer|caller|user_?agent|userAgent)$/i;
const KEY_VALUE = /(?:^|[\s,{])"?([A-Za-z_][\w-]*)"?\s*[:=]\s*"?([^",}\s]+)"?/g;

/** The requester fields of one line: `[key, value]` pairs. */
export function requestersOf(line: string): [string, string][] {
  const out: [string, string][] = [];
  for (const match of line.matchAll(KEY_VALUE)) {
    const [, key, value] = match;
    if (key && value && REQUESTER_KEY.test(key) && value.length >= 2 && value.length <= 120) out.push([key, value]);
  }
  return out;
}

export interface DominantRequester {
  key: string;
  value: string;
  /** Share of the weighted lines that name it. */
  share: number;
}

/**
 * The requester most of the weighted lines name (the weight is how many lines a template stands
 * for), if one stands for at least `minShare` of them and nothing named it before.
 */
export function dominantRequester(lines: readonly { text: string; weight: number }[], before: readonly string[] = [], minShare = 0.6): DominantRequester | undefined {
  const counts = new Map<string, { key: string; value: string; weight: number }>();
  let total = 0;
  for (const { text, weight } of lines) {
    const found = requestersOf(text);
    if (!found.length) continue;
    total += weight;
    for (const [key, value] of found) {
      const id = `${key.toLowerCase()}=${value}`;
      const entry = counts.get(id) ?? { key, value, weight: 0 };
      entry.weight += weight;
      counts.set(id, entry);
    }
  }
  const top = [...counts.values()].sort((a, b) => b.weight - a.weight)[0];
  if (!top || !total || top.weight / total < minShare) return undefined;
  // A caller that was already there in the baseline is not the new load.
  if (before.some((text) => requestersOf(text).some(([, value]) => value === top.value))) return undefined;
  return { key: top.key, value: top.value, share: Math.round((top.weight / total) * 100) / 100 };
}
