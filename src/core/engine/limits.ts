/** Investigation limits. Limits warn rather than block, except the hard structural caps. */
export interface InvestigationLimits {
  /** Deepest hypothesis level (roots are depth 0, so depth 3 = four levels). */
  maxDepth: number;
  maxHypotheses: number;
  maxInitialHypotheses: number;
  minInitialHypotheses: number;
  /** Per-provider call budget: exceeding it emits a warning, never a refusal. */
  perProviderCalls: number;
  /** Longest time window a log query may span without a filter pattern (ms). */
  maxUnfilteredLogWindowMs: number;
  /** Longest time window any log query may span (ms). */
  maxLogWindowMs: number;
  /** Longest window a server-side count may span (Logs Insights `stats … by bin`): it returns a few rows, not the events. */
  maxLogCountWindowMs: number;
  /** Most log events one query pulls before it stops paging. */
  maxLogEventsPerQuery: number;
  /** Most pods whose logs one Kubernetes log query reads. */
  maxPodsPerQuery: number;
  /** Confidence a hypothesis needs to be confirmed as the root cause. */
  confirmThreshold: number;
  /** How far back triage looks for changes (ms). */
  changeLookbackMs: number;
}

export const DEFAULT_LIMITS: InvestigationLimits = {
  maxDepth: 3,
  maxHypotheses: 20,
  maxInitialHypotheses: 5,
  minInitialHypotheses: 3,
  perProviderCalls: 25,
  maxUnfilteredLogWindowMs: 15 * 60_000,
  maxLogWindowMs: 6 * 3_600_000,
  maxLogCountWindowMs: 7 * 24 * 3_600_000 + 3_600_000,
  maxLogEventsPerQuery: 5_000,
  maxPodsPerQuery: 6,
  confirmThreshold: 0.7,
  changeLookbackMs: 24 * 3_600_000,
};
