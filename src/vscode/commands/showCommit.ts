/** runbook.showCommit: opens a commit the investigation blames (or cites) as a diff. */
import * as vscode from 'vscode';
import type { CommitRef } from '../../core/model';
import { shaFrom } from '../commandArgs';
import { showCommit as openCommit, type CommitViewKind } from '../commitViewer';
import type { Services } from '../services';
import { findCommit } from '../treeNodes';

export async function showCommit(services: Services, arg?: unknown): Promise<{ sha: string; view: CommitViewKind } | undefined> {
  const session = services.sessions.current;
  if (!session) {
    void vscode.window.showInformationMessage('Runbook: no investigation yet. Open an incident first.');
    return undefined;
  }
  const sha = shaFrom(arg) ?? session.state.conclusion?.commits[0]?.sha;
  // Only commits of this investigation: a sha from the webview is never trusted on its own.
  const commit = sha ? (findCommit(session.state, sha) ?? knownCommit(session.knownCommits, sha)) : undefined;
  if (!commit) {
    void vscode.window.showWarningMessage(sha ? `Runbook: commit ${sha} is not part of this investigation.` : 'Runbook: this investigation names no commit.');
    return undefined;
  }
  try {
    return { sha: commit.sha, view: await openCommit(commit, { workspaceRepoDir: session.workspaceRepoDir, ownRepoDir: session.repoDir }, services.log) };
  } catch (error) {
    services.log.error(`show commit ${commit.shortSha} failed: ${String(error)}`);
    void vscode.window.showErrorMessage(`Runbook: could not show commit ${commit.shortSha} (${error instanceof Error ? error.message : String(error)}).`);
    return undefined;
  }
}

/** A suspect commit found for this investigation (full or abbreviated sha). */
function knownCommit(known: ReadonlyMap<string, CommitRef>, sha: string): CommitRef | undefined {
  return known.get(sha) ?? [...known.values()].find((commit) => commit.sha.startsWith(sha) || commit.shortSha === sha);
}
