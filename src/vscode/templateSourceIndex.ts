/**
 * Where the current investigation's log templates are printed, resolved once per template in
 * the background (`git grep -F` through the runtime) and kept for the CodeLens provider and
 * "Find in Code". Git runs in the workspace only when it is trusted; in Restricted Mode only the
 * sandbox's own repository copy is searched, and its files are mapped onto the workspace's by
 * path suffix.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lensSources, sourceMatchesFile, templatesOfInterest, type LensSource } from './codeLensModel';
import type { RunbookRuntime } from './runtimeApi';
import type { InvestigationSession, SessionStore } from './session';
import type { SourceMatch } from '../core/code/templateSources';

/** Batch a burst of evidence into one search round. */
const RESOLVE_DELAY_MS = 400;

export interface ResolvedLine {
  /** The file in the workspace (or the sandbox copy when the workspace has none). */
  uri: vscode.Uri;
  match: SourceMatch;
}

export class TemplateSourceIndex implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  /** template → matches (repository-relative), for the current session. */
  private resolved = new Map<string, SourceMatch[]>();
  /** template → repository root the matches are relative to. */
  private roots = new Map<string, string>();
  private pending = new Set<string>();
  private sessionId: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private abort: AbortController | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly sessions: SessionStore,
    private readonly loadRuntime: () => RunbookRuntime,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      sessions.onDidChangeSession(() => this.reset()),
      sessions.onDidApplyEvent(({ event }) => {
        if (event.type === 'evidence.added' || event.type === 'context.gathered' || event.type === 'user.judgement') this.schedule();
        else if (event.type === 'investigation.completed') this.changeEmitter.fire();
      }),
    ];
  }

  /** Every implicated line of the current investigation (frames and resolved templates). */
  sources(): LensSource[] {
    const session = this.sessions.current;
    if (!session) return [];
    return lensSources(session.state, templatesOfInterest(session.state, session.context), this.resolved);
  }

  /** The lens sources that belong to a workspace document. */
  sourcesFor(document: vscode.TextDocument): LensSource[] {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const relative = folder ? path.posix.relative(folder.uri.path, document.uri.path) : document.uri.path;
    return this.sources().filter((source) => sourceMatchesFile(source, relative));
  }

  /** Every template resolved so far for the current session (repository-relative matches). */
  resolvedMatches(): ReadonlyMap<string, readonly SourceMatch[]> {
    return this.resolved;
  }

  /** The source lines printing `template`, resolving it now if needed; with the files to open. */
  async locate(template: string, token?: vscode.CancellationToken): Promise<ResolvedLine[]> {
    const session = this.sessions.current;
    if (!session) return [];
    if (!this.resolved.has(template)) await this.resolveTemplates(session, [template], token);
    const root = this.roots.get(template);
    const matches = this.resolved.get(template) ?? [];
    if (!root) return [];
    const lines: ResolvedLine[] = [];
    for (const match of matches) lines.push({ uri: await this.workspaceFileFor(root, match.path), match });
    return lines;
  }

  private reset(): void {
    this.abort?.abort();
    this.abort = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.resolved = new Map();
    this.roots = new Map();
    this.pending.clear();
    this.sessionId = this.sessions.current?.id;
    this.changeEmitter.fire();
    if (this.sessions.current) this.schedule();
  }

  private schedule(): void {
    const session = this.sessions.current;
    if (!session) return;
    for (const { template } of templatesOfInterest(session.state, session.context)) if (!this.resolved.has(template)) this.pending.add(template);
    if (!this.pending.size) {
      this.changeEmitter.fire();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const templates = [...this.pending];
      this.pending.clear();
      void this.resolveTemplates(session, templates).then(() => this.changeEmitter.fire());
    }, RESOLVE_DELAY_MS);
  }

  /** Repositories to search: trusted workspace folders, and the investigation's own repository copy. */
  private searchRoots(session: InvestigationSession): string[] {
    const roots = vscode.workspace.isTrusted ? (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath) : [];
    if (session.repoDir && !roots.some((root) => isInside(session.repoDir!, root))) roots.push(session.repoDir);
    return roots;
  }

  private async resolveTemplates(session: InvestigationSession, templates: readonly string[], token?: vscode.CancellationToken): Promise<void> {
    let runtime: RunbookRuntime;
    try {
      runtime = this.loadRuntime();
    } catch {
      return;
    }
    this.abort ??= new AbortController();
    const signal = this.abort.signal;
    const cancel = token?.onCancellationRequested(() => this.abort?.abort());
    try {
      for (const template of templates) {
        if (this.sessionId !== session.id || signal.aborted) return;
        for (const root of this.searchRoots(session)) {
          try {
            const matches = await runtime.findTemplateSources(template, root, signal);
            if (this.sessionId !== session.id) return;
            if (matches.length || !this.resolved.has(template)) {
              this.resolved.set(template, matches);
              this.roots.set(template, root);
            }
            if (matches.length) {
              this.log.info(`[${session.id}] template "${template.slice(0, 80)}" is printed at ${matches.map((m) => `${m.path}:${m.line}`).join(', ')}`);
              break;
            }
          } catch (error) {
            if (!signal.aborted) this.log.warn(`[${session.id}] searching ${root} for a log template failed: ${String(error)}`);
          }
        }
      }
    } finally {
      cancel?.dispose();
    }
  }

  /** The workspace file for a match in `root`, by path suffix when the root is not a workspace folder. */
  private async workspaceFileFor(root: string, relativePath: string): Promise<vscode.Uri> {
    const inRoot = vscode.Uri.file(path.join(root, ...relativePath.split('/')));
    if ((vscode.workspace.workspaceFolders ?? []).some((folder) => isInside(root, folder.uri.fsPath))) return inRoot;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const candidate = vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
      try {
        await vscode.workspace.fs.stat(candidate);
        return candidate;
      } catch {
        // not in this folder
      }
    }
    return inRoot;
  }

  dispose(): void {
    this.abort?.abort();
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
