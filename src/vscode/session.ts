/**
 * One investigation as the editor sees it: its event stream folded into state, its cancellation,
 * its sandbox (kept open while a remediation may still be applied) and its files. The store holds
 * the current session and re-broadcasts its events to the tree, the panel and the log.
 */
import * as vscode from 'vscode';
import type { EventStream, InvestigationEvent } from '../core/events';
import type { MutationHistory } from '../core/safety/policy';
import { applyEvent, emptyState, type InvestigationState } from '../core/state';
import type { InvestigationFiles } from './investigationFiles';
import type { DemoEnvironment } from './runtimeApi';

export class InvestigationSession implements vscode.Disposable {
  readonly state: InvestigationState;
  /** Mutations executed in this investigation: the safety policy caps and spaces them. */
  readonly mutationHistory: MutationHistory = { executed: [] };
  private readonly eventEmitter = new vscode.EventEmitter<InvestigationEvent>();
  readonly onDidApplyEvent = this.eventEmitter.event;
  private readonly runStateEmitter = new vscode.EventEmitter<void>();
  /** Fires when the investigation stops running (whatever the outcome). */
  readonly onDidFinish = this.runStateEmitter.event;
  private readonly abortController = new AbortController();
  private readonly unsubscribe: () => void;
  private readonly detachers: (() => void)[] = [];
  private running = true;
  private sandboxOpen = true;

  constructor(
    readonly stream: EventStream,
    private readonly environment: DemoEnvironment,
    readonly files: InvestigationFiles,
    private readonly log: vscode.LogOutputChannel,
    /** The open demo workspace when it holds the same commits (trusted workspaces only). */
    readonly workspaceRepoDir?: string,
  ) {
    this.state = emptyState(stream.investigationId);
    this.unsubscribe = stream.subscribe(
      (event) => {
        applyEvent(this.state, event);
        this.eventEmitter.fire(event);
      },
      { replay: true },
    );
  }

  get id(): string {
    return this.stream.investigationId;
  }

  get incidentId(): string {
    return this.environment.incident.id;
  }

  /** The sandbox's own copy of the scenario repository (safe to run git in, always). */
  get repoDir(): string {
    return this.environment.repoDir;
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** The ECS provider of the still-open sandbox, or undefined once it was closed. */
  get ecs(): DemoEnvironment['providers']['ecs'] {
    return this.sandboxOpen ? this.environment.providers.ecs : undefined;
  }

  /** Runs `detach` when the session is disposed (e.g. the scratchpad writer's unsubscribe). */
  onDispose(detach: () => void): void {
    this.detachers.push(detach);
  }

  cancel(reason: string): void {
    if (!this.running || this.abortController.signal.aborted) return;
    this.log.info(`[${this.id}] cancelling: ${reason}`);
    this.abortController.abort(new Error(reason));
  }

  /** Marks the run as over; closes the sandbox unless a remediation is still pending. */
  finish(): void {
    if (!this.running) return;
    this.running = false;
    if (!this.hasPendingRemediation()) void this.closeSandbox('no remediation pending');
    this.runStateEmitter.fire();
  }

  hasPendingRemediation(): boolean {
    return (this.state.conclusion?.remediations ?? []).some((proposal) => !this.state.remediations[proposal.id]?.decision);
  }

  async closeSandbox(reason: string): Promise<void> {
    if (!this.sandboxOpen) return;
    this.sandboxOpen = false;
    this.log.info(`[${this.id}] closing the sandbox (${reason})`);
    try {
      await this.environment.close();
    } catch (error) {
      this.log.warn(`[${this.id}] closing the sandbox failed: ${String(error)}`);
    }
  }

  dispose(): void {
    this.cancel('the investigation was closed');
    this.running = false;
    this.unsubscribe();
    for (const detach of this.detachers.splice(0)) {
      try {
        detach();
      } catch (error) {
        this.log.warn(`[${this.id}] detaching failed: ${String(error)}`);
      }
    }
    void this.closeSandbox('the investigation was closed');
    this.eventEmitter.dispose();
    this.runStateEmitter.dispose();
  }
}

/** The current investigation (one at a time) and a single place to listen to it. */
export class SessionStore implements vscode.Disposable {
  private session: InvestigationSession | undefined;
  private sessionListeners: vscode.Disposable[] = [];
  private readonly sessionEmitter = new vscode.EventEmitter<InvestigationSession | undefined>();
  readonly onDidChangeSession = this.sessionEmitter.event;
  private readonly eventEmitter = new vscode.EventEmitter<{ session: InvestigationSession; event: InvestigationEvent }>();
  readonly onDidApplyEvent = this.eventEmitter.event;
  private readonly finishEmitter = new vscode.EventEmitter<InvestigationSession>();
  readonly onDidFinish = this.finishEmitter.event;

  get current(): InvestigationSession | undefined {
    return this.session;
  }

  /** Makes `session` current; the previous one is disposed (cancelled, sandbox closed). */
  start(session: InvestigationSession): void {
    this.disposeCurrent();
    this.session = session;
    this.sessionListeners = [
      session.onDidApplyEvent((event) => this.eventEmitter.fire({ session, event })),
      session.onDidFinish(() => this.finishEmitter.fire(session)),
    ];
    this.sessionEmitter.fire(session);
  }

  /** For deactivate(): cancels the run and waits until the sandbox's server is closed. */
  async shutdown(): Promise<void> {
    const session = this.session;
    if (!session) return;
    session.cancel('VS Code is shutting down');
    await session.closeSandbox('VS Code is shutting down');
  }

  clear(): void {
    if (!this.session) return;
    this.disposeCurrent();
    this.sessionEmitter.fire(undefined);
  }

  private disposeCurrent(): void {
    for (const listener of this.sessionListeners) listener.dispose();
    this.sessionListeners = [];
    this.session?.dispose();
    this.session = undefined;
  }

  dispose(): void {
    this.disposeCurrent();
    this.sessionEmitter.dispose();
    this.eventEmitter.dispose();
    this.finishEmitter.dispose();
  }
}
