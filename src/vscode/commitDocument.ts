/**
 * Fallback for Show Commit: a read-only virtual document (`runbook-commit:` scheme) with the
 * output of `git show <sha>`, used when the built-in Git extension cannot show the commit
 * (disabled, Restricted Mode, or the repository is not one it has open).
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

export const COMMIT_SCHEME = 'runbook-commit';

const SHA = /^[0-9a-f]{4,64}$/i;

/** `runbook-commit:/abc1234 Keep thumbnails cached.diff?repo=…&sha=…` — the `.diff` picks the language. */
export function commitDocumentUri(repoDir: string, sha: string, title: string): vscode.Uri {
  const fileName = `${title.replace(/[/\\?#%]+/g, ' ').slice(0, 80).trim()}.diff`;
  return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${fileName}`, query: new URLSearchParams({ repo: repoDir, sha }).toString() });
}

export class CommitDocumentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const repo = query.get('repo');
    const sha = query.get('sha');
    if (!repo || !sha || !SHA.test(sha)) return 'Runbook: this commit link is malformed.';
    try {
      return await gitShow(repo, sha, token);
    } catch (error) {
      return `Runbook: could not run "git show ${sha}" in ${repo}:\n${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

function gitShow(repo: string, sha: string, token: vscode.CancellationToken): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      // No pager, colors or external diff/textconv drivers: plain patch text only.
      ['-C', repo, '--no-pager', 'show', '--no-color', '--no-ext-diff', '--no-textconv', '--stat', '--patch', '--format=fuller', sha, '--'],
      { maxBuffer: 16 * 1024 * 1024, timeout: 20_000, windowsHide: true },
      (error, stdout, stderr) => (error ? reject(new Error(stderr.trim() || error.message)) : resolve(stdout)),
    );
    token.onCancellationRequested(() => child.kill());
  });
}
