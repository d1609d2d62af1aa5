/**
 * The few members of the built-in Git extension's API (extension id `vscode.git`, `getAPI(1)`)
 * that Show Commit uses, declared here instead of vendoring the whole git.d.ts.
 */
import type * as vscode from 'vscode';

/** Values of the Git extension's `Status` enum that matter for a commit's diff. */
export const GIT_STATUS = { INDEX_ADDED: 1, INDEX_DELETED: 2, DELETED: 6, UNTRACKED: 7, INTENT_TO_ADD: 9 } as const;

export interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly renameUri: vscode.Uri | undefined;
  readonly status: number;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  diffBetween(ref1: string, ref2: string): Promise<GitChange[]>;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  getRepository(uri: vscode.Uri): GitRepository | null;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

export interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}
