/**
 * Show Commit: the commit's changes in the multi-file diff editor through the built-in Git
 * extension (`vscode.git` API: diffBetween + toGitUri, shown with `vscode.changes`) when that
 * extension has the repository open; otherwise its `git show` patch as a virtual document.
 */
import * as vscode from 'vscode';
import type { CommitRef } from '../core/model';
import { commitDocumentUri } from './commitDocument';
import { GIT_STATUS, type GitApi, type GitExtension, type GitRepository } from './gitExtensionApi';

export type CommitViewKind = 'git-extension' | 'patch-document';

export interface CommitRepositories {
  /** A workspace repository holding the commit, for the Git extension (trusted workspaces only). */
  workspaceRepoDir?: string;
  /** A repository of our own holding the commit, for `git show`. */
  patchRepoDir: string;
}

export async function showCommit(commit: CommitRef, repositories: CommitRepositories, log: vscode.LogOutputChannel): Promise<CommitViewKind> {
  // The Git extension runs git in the workspace: never in Restricted Mode.
  if (vscode.workspace.isTrusted && repositories.workspaceRepoDir) {
    try {
      if (await showWithGitExtension(commit, repositories.workspaceRepoDir)) {
        log.info(`show commit ${commit.shortSha}: multi-diff editor via the Git extension`);
        return 'git-extension';
      }
    } catch (error) {
      log.warn(`show commit ${commit.shortSha}: the Git extension could not show it (${String(error)}); falling back to git show`);
    }
  }
  const uri = commitDocumentUri(repositories.patchRepoDir, commit.sha, `${commit.shortSha} ${commit.subject}`);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: true });
  log.info(`show commit ${commit.shortSha}: git show patch (${uri.toString(true)})`);
  return 'patch-document';
}

async function showWithGitExtension(commit: CommitRef, repoDir: string): Promise<boolean> {
  const api = await gitApi();
  // Only a repository the extension already has open (a workspace folder): opening another
  // one would add it to the Source Control view as a side effect.
  const repository: GitRepository | null | undefined = api?.getRepository(vscode.Uri.file(repoDir));
  if (!api || !repository) return false;
  const parent = `${commit.sha}~1`;
  const changes = await repository.diffBetween(parent, commit.sha);
  if (!changes.length) return false;
  const resources = changes.map((change): [vscode.Uri, vscode.Uri | undefined, vscode.Uri | undefined] => {
    const added = change.status === GIT_STATUS.INDEX_ADDED || change.status === GIT_STATUS.UNTRACKED || change.status === GIT_STATUS.INTENT_TO_ADD;
    const deleted = change.status === GIT_STATUS.INDEX_DELETED || change.status === GIT_STATUS.DELETED;
    return [change.uri, added ? undefined : api.toGitUri(change.originalUri, parent), deleted ? undefined : api.toGitUri(change.uri, commit.sha)];
  });
  await vscode.commands.executeCommand('vscode.changes', `${commit.shortSha} ${commit.subject}`, resources);
  return true;
}

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports?.enabled) return undefined;
  const api = exports.getAPI(1);
  return api.state === 'initialized' ? api : undefined;
}
