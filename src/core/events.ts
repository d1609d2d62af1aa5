/**
 * The one event stream. The engine emits these; the tree view, the webview, the CLI and the
 * JSONL scratchpad all consume the same events (and fold them with `reduceInvestigation`).
 */
import type { Incident } from './incident';
import type { TriageContext } from './reasoner/types';
import type {
  Conclusion,
  ConfidenceFactors,
  Evidence,
  HypothesisNode,
  HypothesisStatus,
  InvestigationPhase,
  QuerySpec,
} from './model';

export type InvestigationOutcome = 'concluded' | 'inconclusive' | 'cancelled' | 'failed';

export type InvestigationEventBody =
  | { type: 'investigation.started'; incident: Incident; reasoner: string }
  | { type: 'phase.changed'; phase: InvestigationPhase }
  /** What triage learned; recorded so a resumed investigation continues from the same facts. */
  | { type: 'context.gathered'; context: TriageContext }
  | { type: 'thought'; text: string; hypothesisId?: string }
  | { type: 'hypothesis.added'; hypothesis: HypothesisNode }
  | {
      type: 'hypothesis.updated';
      hypothesisId: string;
      status: HypothesisStatus;
      confidence: number;
      factors?: ConfidenceFactors;
      reason: string;
    }
  | { type: 'query.planned'; query: QuerySpec }
  | { type: 'query.refused'; query: QuerySpec; reason: string }
  | { type: 'query.completed'; queryId: string; resultCount: number; durationMs: number; error?: string; reusedFrom?: string; apiCalls?: number }
  | { type: 'evidence.added'; evidence: Evidence }
  | { type: 'warning'; message: string }
  | { type: 'conclusion'; conclusion: Conclusion }
  | {
      type: 'remediation.decided';
      remediationId: string;
      decision: 'approved' | 'rejected';
      by: string;
    }
  | { type: 'remediation.executed'; remediationId: string; ok: boolean; detail: string }
  /**
   * The user's judgement from the UI, recorded beside the engine's: prune a hypothesis, mark it
   * as the root cause, or ask for it to be tested again (the next resume re-tests it).
   */
  | { type: 'user.judgement'; hypothesisId: string; judgement: 'prune' | 'root-cause' | 'retest'; by: string; note?: string }
  | { type: 'investigation.completed'; outcome: InvestigationOutcome; error?: string };

export type InvestigationEventType = InvestigationEventBody['type'];

export type InvestigationEvent = InvestigationEventBody & {
  investigationId: string;
  /** Monotonic per investigation, starting at 1. */
  seq: number;
  /** ISO time the event was emitted (engine clock). */
  at: string;
};

export type EventListener = (event: InvestigationEvent) => void;

/**
 * The stream of one investigation: assigns the envelope (id, seq, time) and fans events out
 * synchronously. Listeners run in subscription order; a throwing listener is isolated so one
 * broken front end cannot stop the investigation.
 */
export class EventStream {
  private readonly listeners = new Set<EventListener>();
  private readonly history: InvestigationEvent[] = [];
  private seq = 0;

  constructor(
    readonly investigationId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Emits a new event and returns it with its envelope. */
  emit(body: InvestigationEventBody): InvestigationEvent {
    const event = { ...body, investigationId: this.investigationId, seq: ++this.seq, at: this.clock().toISOString() } as InvestigationEvent;
    this.push(event);
    return event;
  }

  /** Re-publishes an event recorded earlier (scratchpad replay/resume) without changing it. */
  push(event: InvestigationEvent): void {
    this.seq = Math.max(this.seq, event.seq);
    this.history.push(event);
    for (const listener of [...this.listeners]) safeCall(listener, event);
  }

  subscribe(listener: EventListener, options: { replay?: boolean } = {}): () => void {
    if (options.replay) for (const event of this.history) safeCall(listener, event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get events(): readonly InvestigationEvent[] {
    return this.history;
  }
}

function safeCall(listener: EventListener, event: InvestigationEvent): void {
  try {
    listener(event);
  } catch (error) {
    // A front end failing must not kill the investigation; surface it on stderr only.
    console.error(`runbook: event listener failed on ${event.type}:`, error);
  }
}
