/** Triage's reads are queries too, recorded under the pseudo-hypothesis "context". */
import type { QuerySpec } from '../model';

export const CONTEXT_ID = 'context';

export function contextQuery(provider: QuerySpec['provider'], operation: string, target: string, params: QuerySpec['params'], rationale: string, window?: QuerySpec['window']): Omit<QuerySpec, 'id'> {
  return { hypothesisId: CONTEXT_ID, provider, operation, target, params, rationale, window };
}
