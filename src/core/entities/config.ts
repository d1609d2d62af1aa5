/**
 * Configuration names: environment variables (by the phrases and APIs that name them) and
 * configuration keys (ConfigMap/Secret keys, Spring properties, placeholders, strict-decoding
 * field names).
 */
import type { Scan } from './scan';

const ENV = String.raw`[A-Z][A-Z0-9_]*[A-Z0-9]`;
/** Upper-case words that are log vocabulary, not variables. */
const NOT_ENV = new Set(['ERROR', 'WARN', 'WARNING', 'INFO', 'DEBUG', 'FATAL', 'TRACE', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OK', 'NULL', 'TRUE', 'FALSE', 'ID', 'URL', 'API', 'HTTP', 'HTTPS', 'TLS', 'SSL', 'JSON', 'YAML', 'UTC']);

const ENV_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\benv(?:ironment)?(?:[ _-]var(?:iable)?s?)?\s+(?:named\s+|called\s+)?["'\`]?(?<name>${ENV})\b`, 'gi'),
  new RegExp(String.raw`\bmissing (?:required )?(?:env(?:ironment)?(?: var(?:iable)?)?|variable|config(?:uration)?)s?:?\s+["'\`]?(?<name>${ENV})\b`, 'gi'),
  new RegExp(String.raw`(?<![\w.])["'\`]?(?<name>${ENV})["'\`]? (?:is not set|not set|is unset|is required|must be set|is empty|is not defined|environment variable)`, 'g'),
  new RegExp(String.raw`\$\{(?<name>${ENV})(?::?[-=?+][^}]*)?\}`, 'g'),
  new RegExp(String.raw`\$(?<name>${ENV})\b`, 'g'),
  /\bprocess\.env\.(?<name>[A-Za-z_][A-Za-z0-9_]*)/g,
  /\bprocess\.env\[["'](?<name>[^"']+)["']\]/g,
  /\bos\.environ(?:\.get\(|\[)["'](?<name>[^"']+)["']/g,
  /\b(?:os\.Getenv|os\.LookupEnv|os\.getenv|System\.getenv|Environment\.GetEnvironmentVariable|getenv)\(["'](?<name>[^"']+)["']/g,
  /\bENV(?:\.fetch\(|\[)["'](?<name>[^"']+)["']/g,
  /\bKeyError: key not found: "(?<name>[A-Z][A-Z0-9_]*)"/g,
];

export function extractEnvVars(scan: Scan): void {
  for (const regex of ENV_PATTERNS) {
    for (const m of scan.matches(regex)) {
      const name = m.groups!.name!;
      // The case-insensitive phrases still need an upper-snake name: `environment variable is` is prose.
      if (!/^[A-Z][A-Z0-9_]*$/.test(name) && !regex.source.includes('env')) continue;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || NOT_ENV.has(name) || (regex.flags.includes('i') && name !== name.toUpperCase())) continue;
      scan.add({ kind: 'env-var', value: name });
    }
  }
}

const KEY = String.raw`[A-Za-z_][\w-]*(?:\.[\w-]+|\[\d+\])*`;
const CONFIG_PATTERNS: { regex: RegExp; where?: string }[] = [
  { regex: /\bcouldn't find key (?<key>\S+) in (?<where>ConfigMap|Secret) (?:(?<namespace>[a-z0-9-]+)\/)?[\w.-]+/g },
  { regex: /\bkey ["'](?<key>[^"']+)["'] not found in (?<where>ConfigMap|Secret|configmap|secret)\b/g },
  { regex: /\bCould not resolve placeholder '(?<key>[^']+)'/g, where: 'spring' },
  { regex: /\bFailed to bind properties under '(?<key>[^']+)'/g, where: 'spring' },
  { regex: new RegExp(String.raw`\$\{(?<key>[a-z][\w-]*(?:\.[\w-]+)+)(?::[^}]*)?\}`, 'g'), where: 'placeholder' },
  { regex: new RegExp(String.raw`\b(?:unknown|Unrecognized|unrecognized) field ["'](?<key>${KEY})["']`, 'g'), where: 'manifest' },
  { regex: /\bfield (?<key>\w+) not found in type (?<where>[\w.*]+)/g },
  { regex: new RegExp(String.raw`\b(?:unknown|missing|invalid|required) (?:required )?(?:config(?:uration)? )?(?:key|option|setting|property|parameter)s?:?\s+["'\`]?(?<key>${KEY})`, 'gi') },
  { regex: new RegExp(String.raw`\b(?:property|properties|setting|config key|configuration key)\s+["'\`](?<key>[a-z][\w-]*(?:\.[\w-]+)+)["'\`]`, 'gi') },
  { regex: /(?<![\w.$/-])(?<key>(?:spring|server|management|logging|quarkus|micronaut)\.[a-z][\w-]*(?:\.[\w-]+)*)(?![\w(])/g, where: 'spring' },
];

export function extractConfigKeys(scan: Scan): void {
  for (const { regex, where } of CONFIG_PATTERNS) {
    for (const m of scan.matches(regex)) {
      const key = m.groups!.key!.replace(/^["']|["']$/g, '');
      if (/^(?:is|not|was|for|the|a|an|to)$/i.test(key)) continue;
      const objectKind = (m.groups!.where ?? where)?.toLowerCase();
      scan.add({ kind: 'config-key', value: key, ...(m.groups!.namespace ? { namespace: m.groups!.namespace } : {}), ...(objectKind ? { objectKind } : {}) });
    }
  }
}
