/**
 * Child rule shared by deploy-related hypotheses: which commit in the deployed range caused
 * it? Commits that touch files named by the evidence's stack frames rank first; a diff that
 * changes settings related to the failure mode (memory, pools, timeouts) adds weight.
 */
import type { GitCommit } from '../../../providers/types';
import { frameMatchesFile } from '../../logs/stackFrames';
import type { CommitRef } from '../../model';
import type { EvidenceDraft } from '../types';
import { clock, excerpt, type FailureRule } from './common';

const KEYWORDS: Record<string, RegExp> = {
  memory: /cache|memory|heap|buffer|max_?entries|maxsize|size|ttl|evict|pool|limit/i,
  error: /throw|error|exception|null|undefined|return/i,
};

export interface RankedCommit {
  commit: GitCommit;
  touchesImplicatedFile: boolean;
  relevantLines: string[];
  score: number;
}

export function rankCommits(commits: readonly GitCommit[], implicatedFiles: readonly string[], patches: Record<string, string>, keyword: RegExp): RankedCommit[] {
  return commits
    .map((commit) => {
      const touchesImplicatedFile = commit.files.some((file) => implicatedFiles.some((frame) => frameMatchesFile(frame, file)));
      const relevantLines = changedLines(patches[commit.sha] ?? '').filter((line) => keyword.test(line));
      const score = (touchesImplicatedFile ? 2 : 0) + (relevantLines.length ? 1 : 0);
      return { commit, touchesImplicatedFile, relevantLines, score };
    })
    .sort((a, b) => b.score - a.score);
}

function changedLines(patch: string): string[] {
  return patch.split('\n').filter((line) => /^[+-](?![+-])/.test(line));
}

export function toCommitRef(commit: GitCommit): CommitRef {
  return { sha: commit.sha, shortSha: commit.shortSha, subject: commit.subject, author: commit.author, date: commit.date, files: commit.files };
}

export const commitBlameRule: FailureRule = {
  id: 'commit-blame',
  category: 'bad-deploy',
  plan(hypothesis) {
    const { toCommit, fromCommit } = hypothesis.focus;
    if (!toCommit) return [];
    return [
      {
        provider: 'git',
        operation: 'git.commitRange',
        target: 'workspace',
        params: { fromCommit: fromCommit || undefined, toCommit },
        rationale: `Which commit shipped between ${fromCommit ? fromCommit.slice(0, 7) : 'the previous deploy'} and ${toCommit.slice(0, 7)} explains it?`,
      },
    ];
  },
  interpret(hypothesis, _query, result): EvidenceDraft[] {
    if (result.operation !== 'git.commitRange') return [];
    if (!result.commits.length) {
      return [{ kind: 'commit', strength: 'none', supports: false, summary: 'No commits found in the deployed range (is the open repository the service\'s?).' }];
    }
    const files = (hypothesis.focus.files ?? '').split('\n').filter(Boolean);
    const keyword = KEYWORDS[hypothesis.focus.blameKind ?? 'error'] ?? KEYWORDS.error!;
    const ranked = rankCommits(result.commits, files, result.patches, keyword);
    const top = ranked[0]!;
    const blamed = ranked.filter((r) => r.score === top.score && r.score > 0);
    if (!blamed.length) {
      return [{ kind: 'commit', strength: 'weak', supports: true, summary: `${result.commits.length} commit(s) shipped in the deploy; none touches the failing code.`, commits: result.commits.map(toCommitRef) }];
    }
    const strong = top.touchesImplicatedFile;
    const summary = blamed
      .map((r) => `${r.commit.shortSha} "${r.commit.subject}" (${r.commit.author}, ${clock(Date.parse(r.commit.date))})${r.touchesImplicatedFile ? ' touches the file in the stack trace' : ''}${r.relevantLines.length ? ` and changes ${r.relevantLines.length} related line(s)` : ''}`)
      .join('; ');
    return [
      {
        kind: 'commit',
        strength: strong ? 'strong' : 'weak',
        supports: true,
        summary: `Blamed commit: ${summary}. ${result.commits.length - blamed.length} other commit(s) in the range are unrelated.`,
        observedAt: top.commit.date,
        excerpt: excerpt(top.relevantLines, 10),
        commits: blamed.map((r) => toCommitRef(r.commit)),
        data: { commitsInRange: result.commits.length },
      },
    ];
  },
};
