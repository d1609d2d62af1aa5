/** The parsed form of a Logs Insights query: a pipeline of commands, evaluated in order. */

export type Literal = { kind: 'string'; value: string } | { kind: 'number'; value: number };

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  /** `like "text"` is a substring test, `like /re/` (and `=~ /re/`) a regex test. */
  | { kind: 'like'; field: string; negated: boolean; pattern: { kind: 'substring'; text: string } | { kind: 'regex'; regex: RegExp } }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Literal };

export type AggregateFunction = 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max';

export interface Aggregate {
  fn: AggregateFunction;
  /** undefined = `*` (only for count). */
  field?: string;
  /** Output field name: the alias, else the expression text (`count(*)`), as the real service does. */
  name: string;
}

export type GroupKey = { kind: 'field'; field: string; name: string } | { kind: 'bin'; sizeMs: number; name: string };

export interface SortKey {
  field: string;
  descending: boolean;
}

export type Command =
  | { kind: 'fields'; fields: string[]; replace: boolean }
  | { kind: 'filter'; expr: FilterExpr }
  /** Named groups (regex form) or positional groups (glob form, `as a, b`) become fields. */
  | { kind: 'parse'; field: string; regex: RegExp; names: string[]; positional: boolean }
  | { kind: 'stats'; aggregates: Aggregate[]; groupBy: GroupKey[] }
  | { kind: 'sort'; keys: SortKey[] }
  | { kind: 'limit'; count: number }
  | { kind: 'pattern'; field: string };

export interface ParsedQuery {
  commands: Command[];
}
