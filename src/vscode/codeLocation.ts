/**
 * Jump to Code: opens the workspace file a stack frame names, at its line. Frames carry
 * container-side paths (`/app/src/cache/thumbnailCache.js`), so files are matched by the longest
 * shared path suffix (`src/cache/thumbnailCache.js`); ties are offered in a quick pick.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodeLocation } from '../core/model';
import { baseName, bestSuffixMatches, suffixCandidates } from './pathSuffix';

interface Candidate {
  uri: vscode.Uri;
  /** Relative to its root: only these segments count for matching. */
  relativePath: string;
  rootName: string;
}

const MAX_CANDIDATES = 500;

/**
 * Opens the best match for `location`. `extraRoots` are folders searched when the workspace has
 * no match (the sandbox's repository copy when no demo workspace is open). Returns the opened file.
 */
export async function openCodeLocation(location: CodeLocation, extraRoots: readonly string[]): Promise<vscode.Uri | undefined> {
  // The workspace first; folders outside it only when the workspace has no match (the demo's
  // own repository copy would otherwise tie with the demo workspace's files).
  let candidates = await workspaceCandidates(location.path);
  if (bestSuffixMatches(location.path, candidates, (candidate) => candidate.relativePath).length === 0) {
    candidates = await folderCandidates(location.path, extraRoots);
  }
  const matches = bestSuffixMatches(location.path, candidates, (candidate) => candidate.relativePath);
  let chosen: Candidate | undefined;
  if (matches.length === 1) chosen = matches[0]!.item;
  else if (matches.length > 1) {
    const picked = await vscode.window.showQuickPick(
      matches.map(({ item }) => ({ label: item.relativePath, description: item.rootName, candidate: item })),
      { title: `Runbook: which file is ${location.path}:${location.line}?`, placeHolder: 'Several files match the stack frame' },
    );
    chosen = picked?.candidate;
    if (!chosen) return undefined;
  }
  if (!chosen) {
    void vscode.window.showWarningMessage(
      `Runbook: no file in the workspace matches ${location.path} (line ${location.line}). Open the service's repository to jump to its code.`,
    );
    return undefined;
  }
  await showAtLine(chosen.uri, location.line, location.column);
  return chosen.uri;
}

async function workspaceCandidates(framePath: string): Promise<Candidate[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const name = baseName(framePath);
  if (!folders.length || !name) return [];
  // Glob metacharacters in a file name would change the pattern's meaning; match them as "?".
  const pattern = `**/${name.replace(/[[\]{}*?!]/g, '?')}`;
  const found = await Promise.all(
    folders.map(async (folder) => {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, pattern), '**/node_modules/**', MAX_CANDIDATES);
      return uris.map((uri) => ({ uri, relativePath: path.posix.relative(folder.uri.path, uri.path), rootName: folder.name }));
    }),
  );
  return found.flat();
}

/** Probes `root/<suffix>` for each suffix of the frame path, longest first: no search needed. */
async function folderCandidates(framePath: string, roots: readonly string[]): Promise<Candidate[]> {
  const workspaceRoots = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const found: Candidate[] = [];
  for (const root of roots) {
    // Already searched as a workspace folder.
    if (workspaceRoots.some((workspaceRoot) => isInside(root, workspaceRoot))) continue;
    for (const suffix of suffixCandidates(framePath)) {
      const uri = vscode.Uri.file(path.join(root, ...suffix.split('/')));
      if (await isFile(uri)) {
        found.push({ uri, relativePath: suffix, rootName: path.basename(root) });
        break;
      }
    }
  }
  return found;
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export async function showAtLine(uri: vscode.Uri, line: number, column: number | undefined): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const lineIndex = Math.min(Math.max(line - 1, 0), Math.max(document.lineCount - 1, 0));
  const character = column !== undefined ? Math.max(column - 1, 0) : document.lineAt(lineIndex).firstNonWhitespaceCharacterIndex;
  const position = new vscode.Position(lineIndex, character);
  const editor = await vscode.window.showTextDocument(document, { preview: true, selection: new vscode.Range(position, position) });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
}
