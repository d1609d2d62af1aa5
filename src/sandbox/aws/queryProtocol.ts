/**
 * The AWS Query protocol, as Elastic Load Balancing v2 speaks it: `POST /` with a
 * form-urlencoded body (`Action=DescribeTargetGroups&Version=2015-12-01&Names.member.1=web`),
 * answered with XML (`<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`);
 * lists are `<member>` elements, timestamps ISO 8601, errors
 * `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…`.
 */
import { EmulatorError } from '../emulatorError';

export type QueryParams = Record<string, string>;

export function parseQueryBody(text: string): QueryParams {
  const params: QueryParams = {};
  for (const [key, value] of new URLSearchParams(text)) params[key] = value;
  return params;
}

/** `Names.member.1`, `Names.member.2`, … in index order; [] when absent (`Names=` is an empty list too). */
export function queryList(params: QueryParams, name: string): string[] {
  const items: [number, string][] = [];
  const prefix = `${name}.member.`;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length));
    if (Number.isInteger(index) && index > 0) items.push([index, value]);
  }
  return items.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/** `Targets.member.1.Id`, `Targets.member.1.Port`, … → [{ Id, Port }, …] */
export function queryStructList(params: QueryParams, name: string): Record<string, string>[] {
  const items = new Map<number, Record<string, string>>();
  const prefix = `${name}.member.`;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const [index, ...rest] = key.slice(prefix.length).split('.');
    const position = Number(index);
    if (!Number.isInteger(position) || position < 1 || rest.length === 0) continue;
    const item = items.get(position) ?? {};
    item[rest.join('.')] = value;
    items.set(position, item);
  }
  return [...items.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
}

export function queryInteger(params: QueryParams, name: string, min: number, max: number): number | undefined {
  const raw = params[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new EmulatorError('ValidationError', `${name} must be an integer between ${min} and ${max}`);
  return value;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Serializes a plain value: objects become elements, arrays `<member>` lists, Dates ISO 8601; undefined members are left out. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined && item !== null)
      .map(([key, item]) => `<${key}>${toXml(item)}</${key}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function queryResponse(action: string, namespace: string, result: Record<string, unknown>, requestId: string): string {
  return `<${action}Response xmlns="${namespace}"><${action}Result>${toXml(result)}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function queryError(namespace: string, error: EmulatorError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escapeXml(error.type)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
