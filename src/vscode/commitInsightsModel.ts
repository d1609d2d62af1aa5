/**
 * Root cause → commits, the pure half: which deployment bounds the suspect range (last good →
 * first bad), which files and lines the evidence implicates, and how the ranked suspects and
 * their pull requests look in the panel. No 'vscode' import; commitInsights.ts does the I/O.
 */
import type { PullRequestLookup } from '../core/code/pullRequests';
import type { ImplicatedLocation, SuspectCommit } from '../core/code/suspects';
import type { SourceMatch } from '../core/code/templateSources';
import type { ChangeRecord, TriageContext } from '../core/reasoner/types';
import type { InvestigationState } from '../core/state';
import type { SuspectCommitView, SuspectsView } from '../shared/protocol';
import { rootCauseCodeLocations, rootCauseEvidence } from './treeNodes';

/** The deployment the root cause is pinned on, with the commits that bound its range. */
export interface SuspectRange {
  change: ChangeRecord;
  /** Last good version's commit (exclusive), when known. */
  fromCommit?: string;
  /** First bad version's commit (inclusive). */
  toCommit: string;
}

/**
 * The bad deployment: the one that shipped a commit the conclusion names, else the one the
 * concluded hypothesis suspects, else the latest deployment before the onset that names a commit.
 */
export function suspectRange(state: InvestigationState, context: TriageContext | undefined): SuspectRange | undefined {
  const changes = (context?.changes ?? []).filter((change) => change.toCommit);
  if (!changes.length) return undefined;
  const named = new Set([...(state.conclusion?.commits ?? []).map((commit) => commit.sha), state.conclusion?.culprit?.id].filter((id): id is string => Boolean(id)));
  const focusAt = concludedChangeAt(state);
  const onset = context?.onset ?? Number.POSITIVE_INFINITY;
  const change =
    changes.find((c) => named.has(c.toCommit!) || (c.toVersion !== undefined && named.has(c.toVersion))) ??
    changes.find((c) => focusAt !== undefined && c.at === focusAt) ??
    [...changes].filter((c) => c.at <= onset).sort((a, b) => b.at - a.at)[0] ??
    changes[0]!;
  return { change, fromCommit: change.fromCommit, toCommit: change.toCommit! };
}

function concludedChangeAt(state: InvestigationState): number | undefined {
  for (let node = state.conclusion?.hypothesisId ? state.hypotheses[state.conclusion.hypothesisId] : undefined; node; node = node.parentId ? state.hypotheses[node.parentId] : undefined) {
    const at = Number(node.focus?.changeAt);
    if (Number.isFinite(at) && at > 0) return at;
  }
  return undefined;
}

/**
 * What the evidence implicates: stack frames of the root cause's evidence, and the lines that
 * print its log patterns (repository-relative, from templateSources).
 */
export function implicatedLocations(state: InvestigationState, templateLines: ReadonlyMap<string, readonly SourceMatch[]>): ImplicatedLocation[] {
  const out: ImplicatedLocation[] = [];
  const seen = new Set<string>();
  const add = (path: string, line: number | undefined): void => {
    const key = `${path}:${line ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path, line });
  };
  for (const { location } of rootCauseCodeLocations(state)) add(location.path, location.line);
  for (const evidence of rootCauseEvidence(state)) {
    for (const pattern of evidence.patterns ?? []) for (const match of (templateLines.get(pattern.template) ?? []).slice(0, 2)) add(match.path, match.line);
  }
  return out;
}

export interface InsightsResult {
  status: 'pending' | 'ready' | 'unavailable';
  note?: string;
  range?: SuspectRange;
  suspects: SuspectCommit[];
  pullRequests: Map<string, PullRequestLookup>;
  /** Whether the deployed commit was found in the workspace's own repository, and how. */
  workspace?: { found: boolean; via: 'git extension' | 'git CLI'; repoDir: string };
  /** Offer "Sign in to GitHub" (a live investigation without a GitHub session). */
  canSignIn?: boolean;
}

/** The panel's "Suspect commits" section. */
export function suspectsView(result: InsightsResult | undefined): SuspectsView | undefined {
  if (!result) return undefined;
  const items: SuspectCommitView[] = result.suspects.map((suspect) => {
    const lookup = result.pullRequests.get(suspect.commit.sha);
    return {
      sha: suspect.commit.sha,
      shortSha: suspect.commit.shortSha,
      subject: suspect.commit.subject,
      author: suspect.commit.author,
      date: suspect.commit.date,
      score: suspect.score,
      reasons: suspect.reasons,
      blamedLines: suspect.blamedLines,
      touchedFiles: suspect.touchedImplicatedFiles,
      pullRequest: lookup?.pullRequest
        ? { number: lookup.pullRequest.number, title: lookup.pullRequest.title, state: lookup.pullRequest.state, author: lookup.pullRequest.author }
        : undefined,
      pullRequestNote: lookup?.pullRequest ? undefined : lookup?.reason,
    };
  });
  const range = result.range;
  return {
    status: result.status,
    note: result.note,
    range: range
      ? {
          label: `${range.change.fromVersion ?? 'previous'} → ${range.change.toVersion}`,
          from: range.fromCommit?.slice(0, 7),
          to: range.toCommit.slice(0, 7),
          at: range.change.at,
          workspace: result.workspace ? (result.workspace.found ? `found in your workspace's repository (via the ${result.workspace.via})` : 'not in your workspace\'s repository') : undefined,
        }
      : undefined,
    items,
    canSignIn: result.canSignIn ?? false,
  };
}
