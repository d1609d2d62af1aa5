/**
 * Plans, guards, executes and records one query: assigns its id, emits query.planned /
 * query.refused / query.completed, applies the repeat and budget rules, and converts provider
 * failures into a value the caller can turn into "unavailable" evidence.
 */
import { ProviderError, type ProviderSet } from '../../providers/types';
import type { EventStream } from '../events';
import type { QuerySpec } from '../model';
import type { QueryResult } from '../reasoner/types';
import type { InvestigationLimits } from './limits';
import { QueryGuard } from './queryGuard';
import { executeQuery } from './queryExecutor';
import { CallCounter } from './callCounter';

export type QueryOutcome =
  | { ok: true; query: QuerySpec; result: QueryResult }
  | { ok: false; query: QuerySpec; refused: true; error: string }
  | { ok: false; query: QuerySpec; refused: false; error: string; kind: ProviderError['kind'] };

export class QueryRunner {
  private readonly guard: QueryGuard;
  private readonly results = new Map<string, QueryResult>();
  private readonly counter = new CallCounter();
  private readonly providers: ProviderSet;
  private next = 1;

  constructor(
    private readonly stream: EventStream,
    providers: ProviderSet,
    private readonly limits: InvestigationLimits,
    private readonly now: number,
    private readonly signal?: AbortSignal,
  ) {
    this.guard = new QueryGuard(limits);
    this.providers = this.counter.wrap(providers);
  }

  /** After a resume: new queries continue the recorded numbering. */
  continueNumbering(next: number): void {
    this.next = Math.max(this.next, next);
  }

  async run(proposal: Omit<QuerySpec, 'id'>): Promise<QueryOutcome> {
    throwIfAborted(this.signal);
    const query: QuerySpec = { ...proposal, id: `Q${this.next++}` };
    const verdict = this.guard.check(query);
    if (verdict.verdict === 'refuse') {
      this.stream.emit({ type: 'query.refused', query, reason: verdict.reason });
      return { ok: false, query, refused: true, error: verdict.reason };
    }
    for (const warning of verdict.warnings) this.stream.emit({ type: 'warning', message: warning });
    this.stream.emit({ type: 'query.planned', query });

    if (verdict.verdict === 'reuse') {
      const cached = this.results.get(verdict.of);
      if (cached) {
        this.stream.emit({ type: 'query.completed', queryId: query.id, resultCount: countResults(cached), durationMs: 0, reusedFrom: verdict.of });
        return { ok: true, query, result: cached };
      }
    }

    const started = Date.now();
    this.guard.record(query);
    // Queries run one at a time, so the counter's difference is this query's calls.
    const callsBefore = this.counter.calls;
    try {
      const result = await executeQuery(query, this.providers, { maxLogEvents: this.limits.maxLogEventsPerQuery, maxPods: this.limits.maxPodsPerQuery, now: this.now }, this.signal);
      this.results.set(query.id, result);
      this.stream.emit({ type: 'query.completed', queryId: query.id, resultCount: countResults(result), durationMs: Date.now() - started, apiCalls: this.counter.calls - callsBefore });
      return { ok: true, query, result };
    } catch (error) {
      if (this.signal?.aborted || (error instanceof ProviderError && error.kind === 'cancelled')) throw abortError();
      const failure = error instanceof ProviderError ? error : new ProviderError(query.provider, 'failed', error instanceof Error ? error.message : String(error));
      const message = `${failure.kind}: ${failure.message}`;
      this.stream.emit({ type: 'query.completed', queryId: query.id, resultCount: 0, durationMs: Date.now() - started, error: message, apiCalls: this.counter.calls - callsBefore });
      return { ok: false, query, refused: false, error: message, kind: failure.kind };
    }
  }
}

function countResults(result: QueryResult): number {
  switch (result.operation) {
    case 'logs.compareWindows':
      return result.baseline.length + result.incident.length;
    case 'ecs.stoppedTasks':
      return result.tasks.length;
    case 'ecs.serviceEvents':
      return result.service.events.length + result.service.deployments.length;
    case 'ecs.taskDefinitionDiff':
      return result.from ? 2 : 1;
    case 'git.commitsBetween':
    case 'git.commitRange':
      return result.commits.length;
    case 'logs.insights':
      return result.result.rows.length;
    case 'k8s.pods':
      return result.pods.length;
    case 'k8s.events':
      return result.events.length;
    case 'k8s.rollout':
      return result.replicaSets.length + 1;
    case 'k8s.nodes':
      return result.nodes.length;
    case 'k8s.objects':
      return result.objects.length;
    case 'cw.alarms':
      return result.alarms.length;
    case 'cw.metrics':
      return result.series.reduce((n, series) => n + series.points.length, 0);
    case 'ecs.clusterActivity':
      return result.tasks.length + result.services.length;
    case 'elb.targetHealth':
      return result.groups.reduce((n, g) => n + g.targets.length, 0);
  }
}

export function abortError(): Error {
  const error = new Error('The investigation was cancelled.');
  error.name = 'AbortError';
  return error;
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}
