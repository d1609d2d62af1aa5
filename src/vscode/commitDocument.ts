/**
 * Read-only documents of a repository of our own (the sandbox's copy, or a trusted workspace
 * when the built-in Git extension is unavailable), under the `runbook-commit:` scheme:
 *
 *   runbook-commit:/src/cache/thumbnailCache.js?repo=…&ref=<sha>&file=…   a file as of a commit
 *   runbook-commit:/8e62d2f Keep thumbnails cached.diff?repo=…&sha=…      `git show` patch text
 *
 * Show Commit puts two file documents side by side in VS Code's diff editor; the patch is the
 * last resort when the commit lists no files.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

export const COMMIT_SCHEME = 'runbook-commit';

const REF = /^[0-9a-f]{4,64}(?:~\d+|\^)?$/i;

/** `runbook-commit:/8e62d2f Keep thumbnails cached.diff?repo=…&sha=…` — the `.diff` picks the language. */
export function commitDocumentUri(repoDir: string, sha: string, title: string): vscode.Uri {
  const fileName = `${title.replace(/[/\\?#%]+/g, ' ').slice(0, 80).trim()}.diff`;
  return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${fileName}`, query: new URLSearchParams({ repo: repoDir, sha }).toString() });
}

/** A repository file as of `ref` (a sha, or `sha~1` for its parent); the path keeps the file name for the tab and language. */
export function commitFileUri(repoDir: string, ref: string, file: string): vscode.Uri {
  return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${file.replace(/^\/+/, '')}`, query: new URLSearchParams({ repo: repoDir, ref, file }).toString() });
}

export class CommitDocumentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const repo = query.get('repo');
    const ref = query.get('ref');
    const file = query.get('file');
    if (repo && ref && file !== null) {
      // A file path starting with "-" or holding ".." is not one this extension produced.
      if (!REF.test(ref) || !file || file.startsWith('-') || file.split('/').includes('..')) return '';
      try {
        return await git(repo, ['show', `${ref}:${file}`], token);
      } catch {
        // Added in this commit (absent from the parent) or deleted by it: an empty side.
        return '';
      }
    }
    const sha = query.get('sha');
    if (!repo || !sha || !REF.test(sha)) return 'Runbook: this commit link is malformed.';
    try {
      // No pager, colors or external diff/textconv drivers: plain patch text only.
      return await git(repo, ['show', '--no-color', '--no-ext-diff', '--no-textconv', '--stat', '--patch', '--format=fuller', sha, '--'], token);
    } catch (error) {
      return `Runbook: could not run "git show ${sha}" in ${repo}:\n${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

function git(repo: string, args: string[], token: vscode.CancellationToken): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', ['-C', repo, '--no-pager', ...args], { maxBuffer: 16 * 1024 * 1024, timeout: 20_000, windowsHide: true }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr.trim() || error.message)) : resolve(stdout),
    );
    token.onCancellationRequested(() => child.kill());
  });
}
