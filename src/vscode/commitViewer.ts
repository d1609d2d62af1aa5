/**
 * Show Commit: the commit's changes in VS Code's diff editor — one file: the side-by-side diff
 * editor; several: the multi-file diff editor (`vscode.changes`). Through the built-in Git
 * extension (`vscode.git` API: diffBetween + toGitUri) when it has the repository open (trusted
 * workspaces only); otherwise from our own `runbook-commit:` documents (git CLI in a repository
 * of our own), and as a last resort the commit's patch as text.
 */
import * as vscode from 'vscode';
import type { CommitRef } from '../core/model';
import { commitDocumentUri, commitFileUri } from './commitDocument';
import { GIT_STATUS, gitApi, type GitRepository } from './gitExtensionApi';

export type CommitViewKind = 'git-extension' | 'diff-editor' | 'patch-document';

export interface CommitRepositories {
  /** A workspace repository holding the commit, for the Git extension (trusted workspaces only). */
  workspaceRepoDir?: string;
  /** A repository of our own holding the commit, for the git CLI. */
  ownRepoDir?: string;
}

type Resource = [vscode.Uri, vscode.Uri | undefined, vscode.Uri | undefined];

export async function showCommit(commit: CommitRef, repositories: CommitRepositories, log: vscode.LogOutputChannel): Promise<CommitViewKind> {
  const title = `${commit.shortSha} ${commit.subject}`;
  // The Git extension runs git in the workspace: never in Restricted Mode.
  if (vscode.workspace.isTrusted && repositories.workspaceRepoDir) {
    try {
      const resources = await gitExtensionResources(commit, repositories.workspaceRepoDir);
      if (resources?.length) {
        await openDiff(title, resources);
        log.info(`show commit ${commit.shortSha}: diff editor via the Git extension (${resources.length} file(s))`);
        return 'git-extension';
      }
    } catch (error) {
      log.warn(`show commit ${commit.shortSha}: the Git extension could not show it (${String(error)}); falling back to the git CLI`);
    }
  }
  const repoDir = repositories.ownRepoDir ?? (vscode.workspace.isTrusted ? repositories.workspaceRepoDir : undefined);
  if (!repoDir) throw new Error('no repository holding this commit is available (open the service\'s repository in a trusted workspace)');
  if (commit.files.length) {
    const resources = commit.files.map((file): Resource => [
      commitFileUri(repoDir, commit.sha, file),
      commitFileUri(repoDir, `${commit.sha}~1`, file),
      commitFileUri(repoDir, commit.sha, file),
    ]);
    await openDiff(title, resources);
    log.info(`show commit ${commit.shortSha}: diff editor from ${repoDir} (${resources.length} file(s))`);
    return 'diff-editor';
  }
  const uri = commitDocumentUri(repoDir, commit.sha, title);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  log.info(`show commit ${commit.shortSha}: git show patch (${uri.toString(true)})`);
  return 'patch-document';
}

/** One file: the classic side-by-side diff editor; several: the multi-file diff editor. */
async function openDiff(title: string, resources: Resource[]): Promise<void> {
  const [only] = resources;
  if (resources.length === 1 && only && only[1] && only[2]) {
    await vscode.commands.executeCommand('vscode.diff', only[1], only[2], `${title} — ${only[0].path.split('/').pop() ?? ''}`, { preview: true });
    return;
  }
  await vscode.commands.executeCommand('vscode.changes', title, resources);
}

async function gitExtensionResources(commit: CommitRef, repoDir: string): Promise<Resource[] | undefined> {
  const api = await gitApi();
  // Only a repository the extension already has open (a workspace folder): opening another
  // one would add it to the Source Control view as a side effect.
  const repository: GitRepository | null | undefined = api?.getRepository(vscode.Uri.file(repoDir));
  if (!api || !repository) return undefined;
  const parent = `${commit.sha}~1`;
  const changes = await repository.diffBetween(parent, commit.sha);
  return changes.map((change): Resource => {
    const added = change.status === GIT_STATUS.INDEX_ADDED || change.status === GIT_STATUS.UNTRACKED || change.status === GIT_STATUS.INTENT_TO_ADD;
    const deleted = change.status === GIT_STATUS.INDEX_DELETED || change.status === GIT_STATUS.DELETED;
    return [change.uri, added ? undefined : api.toGitUri(change.originalUri, parent), deleted ? undefined : api.toGitUri(change.uri, commit.sha)];
  });
}
