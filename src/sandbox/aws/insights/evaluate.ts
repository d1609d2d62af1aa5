/**
 * Runs a parsed Logs Insights query over log events, the way the real service shapes its
 * answer: every value is a string, `@timestamp` and `bin()` keys read `YYYY-MM-DD HH:MM:SS.mmm`
 * (UTC), fields without a value are left out of a row, raw-event rows carry an opaque `@ptr`,
 * and `stats` emits no row for an empty bin (there is no zero-filling).
 *
 * Order without `sort`: events are scanned newest first, and aggregated rows come out in the
 * order their group was first seen. Callers that care must `sort`, as against the real service.
 */
import type { Aggregate, Command, FilterExpr, GroupKey, ParsedQuery } from './ast';
import { MAX_QUERY_LIMIT } from './parser';
import { groupPatterns } from './patterns';

type Value = string | number;
/** One record flowing through the pipeline; a missing key is a missing field. */
type Rec = Record<string, Value | undefined> & { [SOURCE]?: InsightsEvent };
/** The event a raw record came from (for its `@ptr`), out of reach of field names. */
const SOURCE = Symbol('source');

export interface InsightsEvent {
  /** epoch ms */
  timestamp: number;
  message: string;
  logStreamName: string;
  logGroupName: string;
  /** Opaque pointer to the event (the real service's `@ptr`); computed only for rows returned. */
  ptr: () => string;
}

export interface ResultField {
  field: string;
  value: string;
}

export interface EvaluationResult {
  results: ResultField[][];
  /** Events that passed the query's filters (before stats/pattern/limit), as the service counts them. */
  recordsMatched: number;
}

/** `2026-01-15 11:00:00.000`, the service's timestamp rendering (UTC). */
export function formatInsightsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
}

const DEFAULT_EVENT_FIELDS = ['@timestamp', '@message', '@logStream', '@log'];

function toNumber(value: Value | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function matches(expr: FilterExpr, record: Rec): boolean {
  switch (expr.kind) {
    case 'and':
      return matches(expr.left, record) && matches(expr.right, record);
    case 'or':
      return matches(expr.left, record) || matches(expr.right, record);
    case 'not':
      return !matches(expr.expr, record);
    case 'like': {
      const value = record[expr.field];
      // A missing field is "not like" anything: `not like` then holds, like a negation should.
      if (value === undefined) return expr.negated;
      const text = String(value);
      const hit = expr.pattern.kind === 'substring' ? text.includes(expr.pattern.text) : expr.pattern.regex.test(text);
      return hit !== expr.negated;
    }
    case 'compare': {
      const value = record[expr.field];
      if (value === undefined) return expr.op === '!=';
      if (expr.value.kind === 'string') return (String(value) === expr.value.value) === (expr.op === '=');
      const number = toNumber(value);
      if (number === undefined) return expr.op === '!=';
      const target = expr.value.value;
      switch (expr.op) {
        case '=':
          return number === target;
        case '!=':
          return number !== target;
        case '<':
          return number < target;
        case '<=':
          return number <= target;
        case '>':
          return number > target;
        case '>=':
          return number >= target;
      }
    }
  }
}

function aggregate(spec: Aggregate, records: readonly Rec[]): Value | undefined {
  if (spec.fn === 'count') return spec.field === undefined ? records.length : records.filter((record) => record[spec.field as string] !== undefined).length;
  const values = records.map((record) => record[spec.field as string]).filter((value): value is Value => value !== undefined);
  if (spec.fn === 'count_distinct') return new Set(values.map(String)).size;
  const numbers = values.map(toNumber).filter((value): value is number => value !== undefined);
  if (numbers.length === 0) return undefined;
  switch (spec.fn) {
    case 'sum':
      return numbers.reduce((sum, value) => sum + value, 0);
    case 'avg':
      return numbers.reduce((sum, value) => sum + value, 0) / numbers.length;
    case 'min':
      return Math.min(...numbers);
    case 'max':
      return Math.max(...numbers);
  }
}

function groupValue(key: GroupKey, record: Rec): Value | undefined {
  if (key.kind === 'field') return record[key.field];
  const timestamp = record['@timestamp'];
  return typeof timestamp === 'number' ? Math.floor(timestamp / key.sizeMs) * key.sizeMs : undefined;
}

/** Numbers (and numeric strings, e.g. parsed latencies) order numerically; missing values go last. */
function compareValues(a: Value | undefined, b: Value | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x - y;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

interface Pipeline {
  records: Rec[];
  aggregated: boolean;
  /** Output columns set by fields/stats/pattern; undefined = the default event columns. */
  columns?: string[];
  /** `display` overrides everything else. */
  display?: string[];
  parsedFields: string[];
  timeFields: Set<string>;
  matched: number;
}

function apply(command: Command, state: Pipeline): void {
  switch (command.kind) {
    case 'filter':
      state.records = state.records.filter((record) => matches(command.expr, record));
      if (!state.aggregated) state.matched = state.records.length;
      return;
    case 'parse':
      for (const record of state.records) {
        const value = record[command.field];
        if (value === undefined) continue;
        const match = command.regex.exec(String(value));
        if (!match) continue;
        command.names.forEach((name, index) => {
          const captured = command.positional ? match[index + 1] : match.groups?.[name];
          if (captured !== undefined) record[name] = captured;
        });
      }
      for (const name of command.names) if (!state.parsedFields.includes(name)) state.parsedFields.push(name);
      return;
    case 'fields':
      if (command.replace) state.display = command.fields;
      else state.columns = [...new Set([...(state.columns ?? []), ...command.fields])];
      return;
    case 'stats': {
      const groups = new Map<string, { key: (Value | undefined)[]; records: Rec[] }>();
      for (const record of state.records) {
        const key = command.groupBy.map((group) => groupValue(group, record));
        // Events without a group-by field fall out of the statistics.
        if (key.some((value) => value === undefined)) continue;
        // Typed parts keep the number 1 and the string "1" apart.
        const id = key.map((value) => (typeof value === 'number' ? `n${value}` : `s${value}`)).join('\u0000');
        const group = groups.get(id);
        if (group) group.records.push(record);
        else groups.set(id, { key, records: [record] });
      }
      // `stats count(*)` without `by` over nothing still answers one row with 0.
      if (command.groupBy.length === 0 && groups.size === 0) groups.set('', { key: [], records: [] });
      state.records = [...groups.values()].map(({ key, records }) => {
        const row: Rec = Object.create(null);
        command.groupBy.forEach((group, index) => (row[group.name] = key[index]));
        for (const spec of command.aggregates) row[spec.name] = aggregate(spec, records);
        return row;
      });
      for (const group of command.groupBy) {
        if (group.kind === 'bin' || (group.kind === 'field' && state.timeFields.has(group.field))) state.timeFields.add(group.name);
      }
      state.aggregated = true;
      state.columns = [...command.groupBy.map((group) => group.name), ...command.aggregates.map((spec) => spec.name)];
      state.display = undefined;
      return;
    }
    case 'pattern': {
      const total = state.records.length;
      const lines = state.records.map((record) => record[command.field]).filter((value): value is Value => value !== undefined).map(String);
      state.records = groupPatterns(lines).map(({ pattern, count }) => {
        const row: Rec = Object.create(null);
        row['@pattern'] = pattern;
        row['@ratio'] = Number((count / total).toFixed(6));
        row['@sampleCount'] = count;
        return row;
      });
      state.aggregated = true;
      state.columns = ['@pattern', '@ratio', '@sampleCount'];
      state.display = undefined;
      return;
    }
    case 'sort': {
      const keys = command.keys;
      // Array.prototype.sort is stable: ties keep scan order.
      state.records = [...state.records].sort((a, b) => {
        for (const key of keys) {
          const order = compareValues(a[key.field], b[key.field]);
          if (order !== 0) return key.descending && a[key.field] !== undefined && b[key.field] !== undefined ? -order : order;
        }
        return 0;
      });
      return;
    }
    case 'limit':
      state.records = state.records.slice(0, command.count);
      return;
  }
}

/**
 * Evaluates `query` over `events`, given oldest first (scanned newest first). `limit` is
 * StartQuery's limit: an outer cap on the rows returned (the service's default and maximum
 * is 10,000).
 */
export function evaluateQuery(query: ParsedQuery, events: readonly InsightsEvent[], accountId: string, limit = MAX_QUERY_LIMIT): EvaluationResult {
  const records: Rec[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[events.length - 1 - i];
    const record: Rec = Object.create(null);
    record['@timestamp'] = event.timestamp;
    record['@message'] = event.message;
    record['@logStream'] = event.logStreamName;
    record['@log'] = `${accountId}:${event.logGroupName}`;
    record[SOURCE] = event;
    records[i] = record;
  }
  const state: Pipeline = { records, aggregated: false, parsedFields: [], timeFields: new Set(['@timestamp']), matched: records.length };
  for (const command of query.commands) apply(command, state);

  let columns = state.display ?? state.columns ?? [...DEFAULT_EVENT_FIELDS, ...state.parsedFields];
  // Raw-event rows always point back at their event, whatever fields were asked for.
  if (!state.aggregated && !columns.includes('@ptr')) columns = [...columns, '@ptr'];

  const results = state.records.slice(0, limit).map((record) =>
    columns.flatMap((field) => {
      const value = field === '@ptr' ? record[SOURCE]?.ptr() : record[field];
      if (value === undefined) return [];
      const text = typeof value === 'number' && state.timeFields.has(field) ? formatInsightsTimestamp(value) : String(value);
      return [{ field, value: text }];
    }),
  );
  return { results, recordsMatched: state.matched };
}
