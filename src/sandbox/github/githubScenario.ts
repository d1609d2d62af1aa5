/**
 * The optional `world.github` section of a scenario: the repository's GitHub coordinates and
 * its pull requests, each listing the commits it contains (usually `{{commit:LABEL}}`
 * placeholders, which scenario.ts checks and resolves like any other string in `world`).
 * The GitHub emulator (githubEmulator.ts) serves it through the REST API.
 *
 * Kept out of scenario.ts so that file only wires it in.
 */
import { z } from 'zod';
import { IsoDate, Name } from '../scenario/scenarioPrimitives';

/** GitHub's own rules: logins are alphanumeric with single inner hyphens, repo names a little freer. */
const Login = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'a GitHub login: letters, digits and inner "-", at most 39');
const RepoName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, ".", "-" and "_", at most 100')
  .refine((name) => name !== '.' && name !== '..' && !name.endsWith('.git'), 'not a usable repository name');
/** A branch name as it appears in `base.ref`/`head.ref`. */
const BranchName = z.string().regex(/^[^\s~^:?*[\\]{1,255}$/, 'a branch name: no spaces or ~ ^ : ? * [ \\');

const PullRequestSchema = z
  .object({
    number: z.number().int().positive(),
    title: Name,
    /** Login of the author, e.g. the commit author's GitHub handle. */
    author: Login,
    state: z.enum(['open', 'closed', 'merged']),
    /** Required for (and only allowed on) a merged pull request. */
    mergedAt: IsoDate.optional(),
    createdAt: IsoDate.optional(),
    body: z.string().optional(),
    baseRef: BranchName.default('main'),
    headRef: BranchName,
    /** The commits it contains: `{{commit:LABEL}}` placeholders (or full shas). */
    commits: z.array(Name).min(1),
  })
  .superRefine((pull, ctx) => {
    if (pull.state === 'merged' && !pull.mergedAt) ctx.addIssue({ code: 'custom', path: ['mergedAt'], message: 'a merged pull request needs mergedAt' });
    if (pull.state !== 'merged' && pull.mergedAt) ctx.addIssue({ code: 'custom', path: ['mergedAt'], message: `only a merged pull request has mergedAt (state is "${pull.state}")` });
  });

export const GitHubWorldSchema = z
  .object({
    owner: Login,
    repo: RepoName,
    pulls: z.array(PullRequestSchema).default([]),
  })
  .superRefine((github, ctx) => {
    const numbers = new Set<number>();
    github.pulls.forEach((pull, index) => {
      if (numbers.has(pull.number)) ctx.addIssue({ code: 'custom', path: ['pulls', index, 'number'], message: `duplicate pull request #${pull.number}` });
      numbers.add(pull.number);
    });
  });

export type ScenarioGitHub = z.output<typeof GitHubWorldSchema>;
export type ScenarioPullRequest = ScenarioGitHub['pulls'][number];
