/**
 * The analyzers, one per object kind: each reads the answer of one bounded query and returns
 * what is wrong in it. Triage runs them on what it reads; the finding rule runs them again on
 * its re-read. Add an analyzer for a new object kind here (and the query that reads it in the
 * executor); the engine loop does not change.
 */
import type { QueryResult, TriageContext } from '../../reasoner/types';
import type { Finding } from '../types';
import { eventFindings } from './kubernetes/events';
import { KUBERNETES_OBJECT_ANALYZERS } from './kubernetes/objects';
import { targetHealth } from './aws/targetHealth';
import { metricShifts } from './aws/metrics';
import { clusterActivity } from './aws/clusterActivity';

export type Analyzer = (result: QueryResult, context: TriageContext) => Finding[];

export const ANALYZERS: readonly Analyzer[] = [eventFindings, ...KUBERNETES_OBJECT_ANALYZERS, targetHealth, metricShifts, clusterActivity];

export function analyzeResult(result: QueryResult, context: TriageContext): Finding[] {
  return ANALYZERS.flatMap((analyzer) => analyzer(result, context));
}
