/**
 * One investigation as the editor sees it: its event stream folded into state, its runs (the
 * first one and any re-tests, each cancellable), its environment (the providers; for the demo a
 * sandbox kept open while the session is current, so re-tests and remediations still work) and
 * its files. The store holds the current session and re-broadcasts its events to the tree, the
 * panel, the status bar and the log.
 */
import * as vscode from 'vscode';
import type { EventStream, InvestigationEvent } from '../core/events';
import type { CommitRef } from '../core/model';
import type { TriageContext } from '../core/reasoner/types';
import type { MutationHistory } from '../core/safety/policy';
import { applyEvent, emptyState, type InvestigationState } from '../core/state';
import type { InvestigationFiles } from './investigationFiles';
import type { InvestigationEnvironment } from './runtimeApi';

export interface SessionOptions {
  /** Where the incident came from: the bundled demo, the user's environment, or a scratchpad. */
  origin: 'demo' | 'live';
  /** The environment when the session starts with one (a new investigation). */
  environment?: InvestigationEnvironment;
  /**
   * Recreates the environment of a reopened investigation on first need (re-test, remediation).
   * Throws with a message for the user when it cannot (e.g. Restricted Mode).
   */
  reconnect?: () => Promise<InvestigationEnvironment>;
  /** The open workspace's repository when it holds the investigation's commits (trusted only). */
  workspaceRepoDir?: string;
  /** A repository of our own holding the commits, until the environment (which names one) connects. */
  repoDir?: string;
  /** True for a session rebuilt from a scratchpad: nothing runs until the user asks. */
  reopened?: boolean;
}

export class InvestigationSession implements vscode.Disposable {
  readonly state: InvestigationState;
  /** What triage learned (the `context.gathered` event): deployments, terminations, log overview. */
  context: TriageContext | undefined;
  /** Mutations executed in this investigation: the safety policy caps and spaces them. */
  readonly mutationHistory: MutationHistory = { executed: [] };
  /** Commits found besides the evidence's (the suspect range), which Show Commit may open. */
  readonly knownCommits = new Map<string, CommitRef>();
  private readonly eventEmitter = new vscode.EventEmitter<InvestigationEvent>();
  readonly onDidApplyEvent = this.eventEmitter.event;
  private readonly runStateEmitter = new vscode.EventEmitter<void>();
  /** Fires when a run starts or stops (whatever the outcome). */
  readonly onDidChangeRunState = this.runStateEmitter.event;
  private readonly unsubscribe: () => void;
  private readonly detachers: (() => void)[] = [];
  private run: AbortController | undefined;
  private environment: InvestigationEnvironment | undefined;
  private connecting: Promise<InvestigationEnvironment> | undefined;
  private disposed = false;

  constructor(
    readonly stream: EventStream,
    readonly files: InvestigationFiles,
    private readonly log: vscode.LogOutputChannel,
    private readonly options: SessionOptions,
  ) {
    this.environment = options.environment;
    this.state = emptyState(stream.investigationId);
    this.unsubscribe = stream.subscribe(
      (event) => {
        applyEvent(this.state, event);
        if (event.type === 'context.gathered') this.context = event.context;
        this.eventEmitter.fire(event);
      },
      { replay: true },
    );
  }

  get id(): string {
    return this.stream.investigationId;
  }

  get origin(): SessionOptions['origin'] {
    return this.options.origin;
  }

  get reopened(): boolean {
    return this.options.reopened ?? false;
  }

  get incidentId(): string {
    return this.state.incident?.id ?? this.environment?.incident.id ?? this.id;
  }

  /** A repository of our own holding the investigation's commits (safe to run git in, always). */
  get repoDir(): string | undefined {
    return this.environment?.repoDir ?? this.options.repoDir;
  }

  get workspaceRepoDir(): string | undefined {
    return this.options.workspaceRepoDir;
  }

  /** The environment if it is connected; see connect() to (re)create it. */
  get currentEnvironment(): InvestigationEnvironment | undefined {
    return this.environment;
  }

  /** The current run's cancellation (an aborted signal when nothing runs). */
  get signal(): AbortSignal {
    return this.run?.signal ?? AbortSignal.abort(new Error('no run in progress'));
  }

  get isRunning(): boolean {
    return this.run !== undefined;
  }

  /** The environment, reconnecting a reopened investigation's on first need. */
  async connect(): Promise<InvestigationEnvironment> {
    if (this.environment) return this.environment;
    if (!this.options.reconnect) throw new Error('this investigation has no environment to reconnect to');
    this.connecting ??= this.options.reconnect().then(
      (environment) => {
        this.connecting = undefined;
        if (this.disposed) {
          void environment.close();
          throw new Error('the investigation was closed');
        }
        this.environment = environment;
        this.log.info(`[${this.id}] reconnected to its ${environment.kind} environment`);
        return environment;
      },
      (error: unknown) => {
        this.connecting = undefined;
        throw error;
      },
    );
    return this.connecting;
  }

  /** Starts a run (the first one or a re-test); returns its cancellation signal. */
  beginRun(): AbortSignal {
    if (this.run) throw new Error('the investigation is already running');
    this.run = new AbortController();
    this.runStateEmitter.fire();
    return this.run.signal;
  }

  /** Marks the current run as over. */
  finish(): void {
    if (!this.run) return;
    this.run = undefined;
    this.runStateEmitter.fire();
  }

  cancel(reason: string): void {
    if (!this.run || this.run.signal.aborted) return;
    this.log.info(`[${this.id}] cancelling: ${reason}`);
    this.run.abort(new Error(reason));
  }

  /** Runs `detach` when the session is disposed (e.g. the scratchpad writer's unsubscribe). */
  onDispose(detach: () => void): void {
    this.detachers.push(detach);
  }

  hasPendingRemediation(): boolean {
    return (this.state.conclusion?.remediations ?? []).some((proposal) => !this.state.remediations[proposal.id]?.decision);
  }

  async closeEnvironment(reason: string): Promise<void> {
    const environment = this.environment;
    if (!environment) return;
    this.environment = undefined;
    this.log.info(`[${this.id}] closing its ${environment.kind} environment (${reason})`);
    try {
      await environment.close();
    } catch (error) {
      this.log.warn(`[${this.id}] closing the environment failed: ${String(error)}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancel('the investigation was closed');
    this.run = undefined;
    this.unsubscribe();
    for (const detach of this.detachers.splice(0)) {
      try {
        detach();
      } catch (error) {
        this.log.warn(`[${this.id}] detaching failed: ${String(error)}`);
      }
    }
    void this.closeEnvironment('the investigation was closed');
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
  private readonly runStateEmitter = new vscode.EventEmitter<InvestigationSession>();
  /** A run of the current session started or stopped. */
  readonly onDidChangeRunState = this.runStateEmitter.event;

  get current(): InvestigationSession | undefined {
    return this.session;
  }

  /** Makes `session` current; the previous one is disposed (cancelled, environment closed). */
  start(session: InvestigationSession): void {
    this.disposeCurrent();
    this.session = session;
    this.sessionListeners = [
      session.onDidApplyEvent((event) => this.eventEmitter.fire({ session, event })),
      session.onDidChangeRunState(() => this.runStateEmitter.fire(session)),
    ];
    this.sessionEmitter.fire(session);
  }

  /** For deactivate(): cancels the run and waits until the sandbox's server is closed. */
  async shutdown(): Promise<void> {
    const session = this.session;
    if (!session) return;
    session.cancel('VS Code is shutting down');
    await session.closeEnvironment('VS Code is shutting down');
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
    this.runStateEmitter.dispose();
  }
}
