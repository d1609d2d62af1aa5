/**
 * The "Past Investigations" view: every scratchpad of this workspace (`.runbook/investigations`
 * in its folders, and in the extension's workspace storage for Restricted Mode runs), newest
 * first. Built from the files alone, so it survives a window reload; clicking an entry reopens
 * the investigation from its scratchpad.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OUTCOME_ICONS, pastDescription, sortPastInvestigations, summariseScratchpad, type PastInvestigation } from './history';
import type { SessionStore } from './session';
import { escapeMarkdown } from './treePresentation';

export const HISTORY_VIEW_ID = 'runbook.history';
const INVESTIGATIONS_DIR = path.join('.runbook', 'investigations');
/** Enough for any on-call rotation; older scratchpads stay on disk. */
const MAX_LISTED = 50;

export class HistoryTreeProvider implements vscode.TreeDataProvider<PastInvestigation>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscriptions: vscode.Disposable[];
  private entries: Promise<PastInvestigation[]> | undefined;

  constructor(
    private readonly storageDir: string,
    private readonly sessions: SessionStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.runbook/investigations/*.jsonl');
    this.subscriptions = [
      watcher,
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
      // A finished run changes its entry's outcome; a new session changes which one is open.
      sessions.onDidChangeRunState(() => this.refresh()),
      sessions.onDidChangeSession(() => this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    ];
  }

  refresh(): void {
    this.entries = undefined;
    this.changeEmitter.fire(undefined);
  }

  /** Folders that may hold scratchpads: each workspace folder's, and the extension's own. */
  directories(): string[] {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => path.join(folder.uri.fsPath, INVESTIGATIONS_DIR));
    return [...folders, path.join(this.storageDir, INVESTIGATIONS_DIR)];
  }

  /** Every past investigation, newest first (read once per refresh). */
  list(): Promise<PastInvestigation[]> {
    this.entries ??= this.scan();
    return this.entries;
  }

  private async scan(): Promise<PastInvestigation[]> {
    const files: { file: string; mtime: number }[] = [];
    for (const dir of this.directories()) {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch {
        continue; // no scratchpads there yet
      }
      for (const name of names.filter((n) => n.endsWith('.jsonl'))) {
        const file = path.join(dir, name);
        try {
          files.push({ file, mtime: (await fs.stat(file)).mtimeMs });
        } catch {
          // removed meanwhile
        }
      }
    }
    files.sort((a, b) => b.mtime - a.mtime);
    const entries: PastInvestigation[] = [];
    for (const { file } of files.slice(0, MAX_LISTED)) {
      try {
        const entry = summariseScratchpad(await fs.readFile(file, 'utf8'), file);
        if (entry) entries.push(entry);
      } catch (error) {
        this.log.warn(`past investigations: cannot read ${file} (${String(error)})`);
      }
    }
    return sortPastInvestigations(entries);
  }

  getTreeItem(entry: PastInvestigation): vscode.TreeItem {
    const open = this.sessions.current?.id === entry.investigationId;
    const item = new vscode.TreeItem(`${entry.incidentId}${entry.incidentTitle ? ` · ${entry.incidentTitle}` : ''}`, vscode.TreeItemCollapsibleState.None);
    item.id = `past/${entry.investigationId}`;
    item.description = `${open ? 'open · ' : ''}${pastDescription(entry)}`;
    const icon = OUTCOME_ICONS[entry.outcome ?? 'interrupted'];
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    const tooltip = new vscode.MarkdownString(
      [
        `**${escapeMarkdown(entry.incidentId)}** ${escapeMarkdown(entry.incidentTitle)}`,
        '',
        `${escapeMarkdown(pastDescription(entry))}${entry.service ? ` · service ${escapeMarkdown(entry.service)}` : ''}`,
        ...(entry.rootCause ? ['', `Root cause: ${escapeMarkdown(entry.rootCause)}`] : []),
        ...(entry.judgements ? ['', `${entry.judgements} judgement(s) of yours recorded`] : []),
        '',
        escapeMarkdown(entry.file),
      ].join('\n'),
    );
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.contextValue = open ? 'pastInvestigation.open' : 'pastInvestigation';
    item.command = { command: 'runbook.reopenInvestigation', title: 'Reopen Investigation', arguments: [entry] };
    return item;
  }

  async getChildren(entry?: PastInvestigation): Promise<PastInvestigation[]> {
    return entry ? [] : this.list();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}
