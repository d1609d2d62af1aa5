/**
 * The few members of the built-in Git extension's API (extension id `vscode.git`, `getAPI(1)`)
 * that Runbook uses, declared here instead of vendoring the whole git.d.ts.
 */
import * as vscode from 'vscode';

/** Values of the Git extension's `Status` enum that matter for a commit's diff. */
export const GIT_STATUS = { INDEX_ADDED: 1, INDEX_DELETED: 2, DELETED: 6, UNTRACKED: 7, INTENT_TO_ADD: 9 } as const;

export interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly renameUri: vscode.Uri | undefined;
  readonly status: number;
}

export interface GitCommitInfo {
  readonly hash: string;
  readonly message: string;
  readonly parents: string[];
  readonly authorDate?: Date;
  readonly authorName?: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD: { readonly name?: string; readonly commit?: string } | undefined;
    readonly remotes: readonly { readonly name: string; readonly fetchUrl?: string; readonly pushUrl?: string }[];
  };
  diffBetween(ref1: string, ref2: string): Promise<GitChange[]>;
  getCommit(ref: string): Promise<GitCommitInfo>;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly repositories: GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

export interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The Git extension's API once it has initialized, or undefined (disabled, missing, not ready). */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports?.enabled) return undefined;
  const api = exports.getAPI(1);
  return api.state === 'initialized' ? api : undefined;
}
