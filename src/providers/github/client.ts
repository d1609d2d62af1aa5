/**
 * Builds the GitHub provider. In VS Code the token comes from the user's GitHub session
 * (vscode.authentication, in src/vscode) and owner/repo from the workspace's remote
 * (parseGitHubRemote); the sandbox passes its emulator's baseUrl and token.
 */
import { type GitHubConnection, OctokitGitHubProvider } from './provider';

export { OctokitGitHubProvider, toPullRequestRef, webBaseUrl, type GitHubConnection } from './provider';
export { parseGitHubRemote, type GitHubRemote } from './remote';

/** Synchronous and cheap: Octokit loads on the first call. */
export function createGitHubProvider(options: GitHubConnection): OctokitGitHubProvider {
  return new OctokitGitHubProvider(options);
}
