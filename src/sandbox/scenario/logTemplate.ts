/**
 * Log line templates for scenario generators: literal text with placeholders that expand
 * from a seeded PRNG, so a scenario can describe 100k log lines in a few JSON lines and a
 * test can still predict every one of them.
 *
 *   {int:A-B}    uniform integer in [A, B]
 *   {ramp:A-B}   A at the generator's `from`, B at its `to`, linear in between (growth curves)
 *   {uuid}       RFC 4122 v4-shaped id
 *   {hex:N}      N lowercase hex digits (task ids, request ids)
 *   {pick:a|b|c} one of the alternatives, uniformly
 *   {ts:FORMAT}  the line's own timestamp: iso, epoch, epochms, clf, syslog, or a pattern of
 *                YYYY MM DD HH mm ss SSS (applications print their own time inside the line)
 *
 * Any other brace text is literal (JSON log lines stay untouched), except `{word}`/`{word:…}`
 * with an unknown word, which is rejected so a typo like `{itn:1-5}` cannot pass silently.
 * `{{commit:…}}`/`{{short:…}}` are scenario placeholders, resolved before expansion.
 */

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'ramp'; from: number; to: number }
  | { kind: 'uuid' }
  | { kind: 'hex'; length: number }
  | { kind: 'pick'; options: string[] }
  | { kind: 'ts'; format: string };

const PLACEHOLDER = /\{([a-z]+)(?::([^{}]*))?\}/g;
/** Names owned by the scenario-level `{{commit:LABEL}}` syntax: literal here. */
const SCENARIO_PLACEHOLDERS = new Set(['commit', 'short']);

export class TemplateError extends Error {}

function parseRange(name: string, arg: string | undefined): [number, number] {
  const match = /^(-?\d+)-(-?\d+)$/.exec(arg ?? '');
  if (!match) throw new TemplateError(`{${name}:…} needs an integer range like {${name}:10-20}, got "${arg ?? ''}"`);
  return [Number(match[1]), Number(match[2])];
}

/** Parses a template once; expansion then only walks the parts. Throws TemplateError. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  const pushText = (text: string) => {
    if (text) parts.push({ kind: 'text', text });
  };
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [raw, name, arg] = match;
    const index = match.index;
    if (SCENARIO_PLACEHOLDERS.has(name)) continue;
    pushText(template.slice(last, index));
    last = index + raw.length;
    switch (name) {
      case 'int': {
        const [min, max] = parseRange(name, arg);
        if (min > max) throw new TemplateError(`{int:${arg}}: the minimum is larger than the maximum`);
        parts.push({ kind: 'int', min, max });
        break;
      }
      case 'ramp': {
        const [from, to] = parseRange(name, arg);
        parts.push({ kind: 'ramp', from, to });
        break;
      }
      case 'uuid':
        if (arg !== undefined) throw new TemplateError('{uuid} takes no argument');
        parts.push({ kind: 'uuid' });
        break;
      case 'hex': {
        const length = Number(arg);
        if (!Number.isInteger(length) || length < 1 || length > 64) {
          throw new TemplateError(`{hex:N} needs N in 1..64, got "${arg ?? ''}"`);
        }
        parts.push({ kind: 'hex', length });
        break;
      }
      case 'pick': {
        const options = (arg ?? '').split('|');
        if (!arg || options.some((option) => option === '')) {
          throw new TemplateError(`{pick:a|b|…} needs non-empty alternatives, got "${arg ?? ''}"`);
        }
        parts.push({ kind: 'pick', options });
        break;
      }
      case 'ts': {
        const format = arg ?? 'iso';
        if (!NAMED_FORMATS.has(format) && !/(YYYY|HH|mm|ss)/.test(format)) {
          throw new TemplateError(`{ts:FORMAT} needs iso, epoch, epochms, clf, syslog or a pattern like "YYYY-MM-DD HH:mm:ss", got "${format}"`);
        }
        parts.push({ kind: 'ts', format });
        break;
      }
      default:
        throw new TemplateError(`unknown placeholder {${name}${arg === undefined ? '' : ':' + arg}} (known: int, ramp, uuid, hex, pick, ts)`);
    }
  }
  pushText(template.slice(last));
  return parts;
}

const NAMED_FORMATS = new Set(['iso', 'epoch', 'epochms', 'clf', 'syslog']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A timestamp (epoch ms, UTC) the way `{ts:FORMAT}` prints it. */
export function formatTimestamp(at: number, format: string): string {
  const d = new Date(at);
  switch (format) {
    case 'iso':
      return d.toISOString();
    case 'epoch':
      return String(Math.floor(at / 1000));
    case 'epochms':
      return String(at);
    case 'clf':
      return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
    case 'syslog':
      return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    default:
      return format.replace(/YYYY|MM|DD|HH|mm|ss|SSS/g, (token) => {
        const value = { YYYY: d.getUTCFullYear(), MM: d.getUTCMonth() + 1, DD: d.getUTCDate(), HH: d.getUTCHours(), mm: d.getUTCMinutes(), ss: d.getUTCSeconds(), SSS: d.getUTCMilliseconds() }[token]!;
        return pad(value, token === 'YYYY' ? 4 : token === 'SSS' ? 3 : 2);
      });
  }
}

/** Explicit lines may carry `{ts:FORMAT}` too; everything else in them stays literal. */
export function expandTimestamps(text: string, at: number): string {
  return text.replace(/\{ts(?::([^{}]*))?\}/g, (raw, format: string | undefined) => (NAMED_FORMATS.has(format ?? 'iso') || /(YYYY|HH|mm|ss)/.test(format ?? '') ? formatTimestamp(at, format ?? 'iso') : raw));
}

/** mulberry32: tiny, fast and good enough for test data; the same seed gives the same stream everywhere. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: turns a string (scenario id + generator position) into a PRNG seed. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** N hex digits, 8 per PRNG draw: few draws and few intermediate strings (this runs 100k+ times). */
function hexDigits(rng: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rng() * 0x100000000).toString(16).padStart(8, '0');
  return out.length === length ? out : out.slice(0, length);
}

/**
 * Expands a parsed template. `progress` in [0, 1] is the event's position in its generator's
 * window (for `{ramp}`), `at` its time (for `{ts}`, which draws nothing). Draws from `rng` in part order, so results depend only on the seed.
 */
export function expandTemplate(parts: readonly TemplatePart[], rng: () => number, progress: number, at = 0): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'int':
        out += String(part.min + Math.floor(rng() * (part.max - part.min + 1)));
        break;
      case 'ramp':
        out += String(Math.round(part.from + (part.to - part.from) * progress));
        break;
      case 'uuid': {
        const hex = hexDigits(rng, 32);
        const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
        out += `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
        break;
      }
      case 'hex':
        out += hexDigits(rng, part.length);
        break;
      case 'pick':
        out += part.options[Math.floor(rng() * part.options.length)];
        break;
      case 'ts':
        out += formatTimestamp(at, part.format);
        break;
    }
  }
  return out;
}
