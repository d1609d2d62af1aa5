/**
 * Label and field selectors as the API server parses them (the subset clients actually send):
 *
 *   labels: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a`, `!a`, joined by commas
 *   fields: `path=value`, `path==value`, `path!=value`, joined by commas, on a per-resource
 *           list of supported paths (anything else is the server's "field label not supported")
 *
 * A malformed selector throws K8sStatusError 400, like the real server does.
 */
import { K8sStatusError } from './k8sStatus';

type LabelRequirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'eq' | 'neq'; value: string };

export type LabelSelector = LabelRequirement[];

const KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function badSelector(selector: string, why: string): K8sStatusError {
  return K8sStatusError.badRequest(`unable to parse requirement: ${why} (in label selector "${selector}")`);
}

/** Splits on commas that are not inside `( … )`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function checkKey(selector: string, key: string): string {
  if (!KEY.test(key)) throw badSelector(selector, `invalid label key "${key}"`);
  return key;
}

function checkValue(selector: string, value: string): string {
  if (!VALUE.test(value)) throw badSelector(selector, `invalid label value "${value}"`);
  return value;
}

export function parseLabelSelector(selector: string | undefined): LabelSelector {
  if (selector === undefined || selector.trim() === '') return [];
  return splitTopLevel(selector).map((raw): LabelRequirement => {
    const part = raw.trim();
    if (part === '') throw badSelector(selector, 'empty requirement');
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
    if (set) {
      const values = set[3].split(',').map((value) => checkValue(selector, value.trim()));
      return { key: checkKey(selector, set[1]), op: set[2] as 'in' | 'notin', values };
    }
    const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (equality) {
      return { key: checkKey(selector, equality[1]), op: equality[2] === '!=' ? 'neq' : 'eq', value: checkValue(selector, equality[3].trim()) };
    }
    if (part.startsWith('!')) return { key: checkKey(selector, part.slice(1).trim()), op: 'notexists' };
    return { key: checkKey(selector, part), op: 'exists' };
  });
}

export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  const has = (key: string) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
  return selector.every((requirement) => {
    const value = has(requirement.key) ? labels![requirement.key] : undefined;
    switch (requirement.op) {
      case 'exists':
        return value !== undefined;
      case 'notexists':
        return value === undefined;
      case 'eq':
        return value === requirement.value;
      case 'neq':
        return value !== requirement.value;
      case 'in':
        return value !== undefined && requirement.values.includes(value);
      case 'notin':
        return value === undefined || !requirement.values.includes(value);
    }
  });
}

// ---------------------------------------------------------------- field selectors

export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

/**
 * Parses a field selector, refusing fields the resource does not support (the real server
 * answers `field label not supported: X` with 400).
 */
export function parseFieldSelector(selector: string | undefined, supported: readonly string[], resource: string): FieldRequirement[] {
  if (selector === undefined || selector.trim() === '') return [];
  return selector.split(',').map((raw) => {
    const match = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(raw);
    if (!match) throw K8sStatusError.badRequest(`invalid field selector: "${raw}"`);
    const [, field, op, value] = match;
    if (!supported.includes(field)) throw K8sStatusError.badRequest(`field label not supported: ${field} (for ${resource})`);
    return { field, negate: op === '!=', value };
  });
}

/** Reads a dotted path (`involvedObject.name`) from an API object. */
function fieldValue(object: unknown, path: string): string {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[key];
  }
  return current === undefined || current === null ? '' : String(current);
}

/** Selector fields whose value lives elsewhere in the object. */
const FIELD_PATHS: Readonly<Record<string, string>> = { source: 'source.component', 'status.successful': 'status.succeeded' };

export function matchesFields(requirements: readonly FieldRequirement[], object: unknown): boolean {
  return requirements.every(
    (requirement) => (fieldValue(object, FIELD_PATHS[requirement.field] ?? requirement.field) === requirement.value) !== requirement.negate,
  );
}
