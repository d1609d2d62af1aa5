/**
 * Child rule shared by deploy-related hypotheses: which commit in the deployed range caused
 * it? Commits that touch files named by the evidence's stack frames rank first; a diff that
 * changes settings related to the failure mode (memory, pools, timeouts) adds weight.
 */
import { rankCommits, toCommitRef } from '../../code/suspects';
import type { EvidenceDraft } from '../types';
import { clock, excerpt, type FailureRule } from './common';

// The ranking lives with the other commit-ranking code (core/code/suspects.ts); re-exported for existing importers.
export { rankCommits, toCommitRef, type RankedCommit } from '../../code/suspects';

/** Changed lines that matter for each failure mode. */
const KEYWORDS: Record<string, RegExp> = {
  oom: /cache|memory|heap|buffer|max_?entries|maxsize|size|ttl|evict|pool|limit/i,
  'cpu-saturation': /loop|while|for ?\(|sort|regex|RegExp|hash|crypto|json|parse|sync|interval|retry/i,
  'disk-full': /write|file|tmp|temp|log|disk|path|fs\.|spool|rotate/i,
  'health-check': /health|ready|live|probe|startup|warm|listen|port/i,
  'crash-loop': /process\.env|getenv|environ|config|require|import|entrypoint|cmd|main/i,
  dependency: /pool|timeout|retry|connect|client|url|host/i,
  'bad-deploy': /throw|error|exception|null|undefined|return|if ?\(|catch/i,
};

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
    const keyword = KEYWORDS[hypothesis.focus.blameKind ?? 'bad-deploy'] ?? KEYWORDS['bad-deploy']!;
    const ranked = rankCommits(result.commits, files, result.patches, keyword);
    const top = ranked[0]!;
    const blamed = top.score > 0 ? ranked.filter((r) => r.score === top.score) : result.commits.length === 1 ? ranked.slice(0, 1) : [];
    if (!blamed.length) {
      return [{ kind: 'commit', strength: 'weak', supports: true, summary: `${result.commits.length} commit(s) shipped in the deploy; none touches the failing code.`, commits: result.commits.map(toCommitRef) }];
    }
    const quoted = tokensQuotedBy(result.patches[top.commit.sha] ?? '', hypothesis.focus.examples ?? '');
    const onlyOne = result.commits.length === 1;
    // Strong when the diff touches the failing code, when the failing messages quote what the
    // diff changed (a renamed flag, a new key), or when it is the only thing the deploy shipped.
    const strong = top.touchesImplicatedFile || quoted.length > 0 || onlyOne;
    const summary = blamed
      .map((r) => `${r.commit.shortSha} "${r.commit.subject}" (${r.commit.author}, ${clock(Date.parse(r.commit.date))})${r.touchesImplicatedFile ? ' touches the file in the stack trace' : ''}${r.relevantLines.length ? ` and changes ${r.relevantLines.length} related line(s)` : ''}`)
      .join('; ')
      .concat(quoted.length ? `; the failing messages quote what it changed (${quoted.slice(0, 3).join(', ')})` : onlyOne ? '; it is the only commit the deploy shipped' : '');
    return [
      {
        kind: 'commit',
        strength: strong ? 'strong' : 'weak',
        supports: true,
        summary: `Blamed commit: ${summary}. ${result.commits.length - blamed.length} other commit(s) in the range are unrelated.`,
        observedAt: top.commit.date,
        excerpt: excerpt(top.relevantLines, 10),
        commits: blamed.map((r) => toCommitRef(r.commit)),
        culprit: blamed.length === 1 || strong ? { kind: 'commit', id: top.commit.sha } : undefined,
        data: { commitsInRange: result.commits.length },
      },
    ];
  },
};

const COMMON_TOKENS = new Set(['const', 'return', 'function', 'import', 'export', 'string', 'error', 'value', 'false', 'true', 'null', 'undefined', 'class', 'public', 'private', 'static', 'final', 'async', 'await', 'default', 'config', 'require', 'module', 'package', 'self', 'this', 'else', 'elif', 'while', 'print', 'logger', 'info', 'debug', 'warn']);

/** Identifiers, flags and keys the diff added or removed that the failing messages mention. */
export function tokensQuotedBy(patch: string, examples: string): string[] {
  if (!patch || !examples) return [];
  const found = new Set<string>();
  for (const line of patch.split('\n')) {
    if (!/^[+-](?![+-])/.test(line)) continue;
    for (const token of line.slice(1).match(/-{1,2}[a-z][\w-]{2,}|[A-Za-z_][\w.-]{4,}/g) ?? []) {
      const bare = token.replace(/[.-]+$/, '');
      if (bare.length < 5 || COMMON_TOKENS.has(bare.toLowerCase())) continue;
      if (examples.includes(bare)) found.add(bare);
    }
  }
  return [...found];
}
