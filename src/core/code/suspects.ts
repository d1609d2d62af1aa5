/**
 * Root cause → commits: which commits between the last good and the first bad deployment
 * caused what the evidence implicates (files and lines from stack frames, log statements found
 * by templateSources). Three signals, strongest last:
 *   - the commit touches an implicated file (frame paths are matched by suffix, `/app/src/x.js`
 *     ↔ `src/x.js`, as in stackFrames.frameMatchesFile);
 *   - its diff changes lines right next to an implicated line — deletions included, which blame
 *     cannot show;
 *   - blame of the implicated line at the bad version points at it.
 * Also home of the keyword ranking the rule reasoner's commit-blame rule uses (rankCommits).
 */
import type { GitCommit, GitProvider } from '../../providers/types';
import { frameMatchesFile } from '../logs/stackFrames';
import type { CommitRef } from '../model';
import { changedLines, changePositions } from './patch';

export interface ImplicatedLocation {
  /** A frame path (`/app/src/x.js`), a repository-relative path, or a Java package path. */
  path: string;
  /** 1-based line, when known. */
  line?: number;
}

export interface SuspectCommit {
  commit: CommitRef;
  score: number;
  /** Why it ranks where it does, one sentence each (empty: nothing links it to the evidence). */
  reasons: string[];
  /** Repository paths of implicated files the commit changes. */
  touchedImplicatedFiles: string[];
  /** Lines around the implicated ones that blame at `toCommit` attributes to the commit. */
  blamedLines: number;
}

export interface RankSuspectsOptions {
  git: Pick<GitProvider, 'commitRange' | 'blame' | 'commitPatch'>;
  /** The last good version (exclusive); without it, the latest commits up to `toCommit`. */
  fromCommit?: string;
  /** The first bad version (inclusive): blame reads the files as they are there. */
  toCommit: string;
  implicated: ImplicatedLocation[];
  signal?: AbortSignal;
  /** Lines either side of an implicated line that count as "next to it" (default 3). */
  context?: number;
}

/** Score weights: blame of the exact line beats a nearby change, which beats touching the file. */
const WEIGHT = { file: 2, extraFile: 0.5, nearChange: 2, exactBlame: 3, nearBlame: 0.5, maxNearBlame: 1.5 } as const;
/** Patches read per ranking: only commits that touch an implicated file need one. */
const MAX_PATCHES = 20;

export function toCommitRef(commit: GitCommit): CommitRef {
  return { sha: commit.sha, shortSha: commit.shortSha, subject: commit.subject, author: commit.author, date: commit.date, files: commit.files };
}

interface Candidate {
  commit: GitCommit;
  score: number;
  reasons: string[];
  touched: string[];
  blamed: Set<string>;
}

/** The implicated locations that name a repository file, with the file's repository path. */
function resolveLocations(implicated: readonly ImplicatedLocation[], files: readonly string[]): { file: string; location: ImplicatedLocation }[] {
  const out: { file: string; location: ImplicatedLocation }[] = [];
  const seen = new Set<string>();
  for (const location of implicated) {
    for (const file of files) {
      const key = `${file}:${location.line ?? ''}`;
      if (seen.has(key) || !frameMatchesFile(location.path, file)) continue;
      seen.add(key);
      out.push({ file, location });
    }
  }
  return out;
}

const where = (file: string, line?: number) => (line ? `${file}:${line}` : file);

export async function rankSuspectCommits(options: RankSuspectsOptions): Promise<SuspectCommit[]> {
  const { git, signal } = options;
  const context = Math.max(0, options.context ?? 3);
  const commits = await git.commitRange(options.fromCommit, options.toCommit, signal);
  if (!commits.length) return [];
  const candidates = commits.map((commit): Candidate => ({ commit, score: 0, reasons: [], touched: [], blamed: new Set() }));
  const bySha = new Map(candidates.map((candidate) => [candidate.commit.sha, candidate]));
  const locations = resolveLocations(options.implicated, [...new Set(commits.flatMap((commit) => commit.files))]);

  // 1. Files: a commit that changes an implicated file.
  for (const candidate of candidates) {
    const touched = [...new Set(locations.filter(({ file }) => candidate.commit.files.includes(file)).map(({ file }) => file))];
    if (!touched.length) continue;
    candidate.touched = touched;
    candidate.score += WEIGHT.file + WEIGHT.extraFile * (touched.length - 1);
    candidate.reasons.push(`changes ${touched.join(', ')}, named by the evidence`);
  }

  const lined = locations.filter((entry): entry is { file: string; location: ImplicatedLocation & { line: number } } => Number.isInteger(entry.location.line) && (entry.location.line ?? 0) > 0);

  // 2. Nearby changes, from the diffs of the commits that touch a file with an implicated line.
  const patched = candidates.filter((candidate) => lined.some(({ file }) => candidate.touched.includes(file))).slice(0, MAX_PATCHES);
  for (const candidate of patched) {
    const positions = changePositions(await git.commitPatch(candidate.commit.sha, signal));
    for (const { file, location } of lined) {
      const near = (positions.get(file) ?? []).some((at) => Math.abs(at - location.line) <= context);
      if (!near) continue;
      candidate.score += WEIGHT.nearChange;
      candidate.reasons.push(`changes lines next to ${where(file, location.line)}`);
    }
  }

  // 3. Blame of the implicated lines (with a little context) as the bad version has them.
  for (const { file, location } of lined) {
    let lines: Awaited<ReturnType<typeof git.blame>>;
    try {
      lines = await git.blame(file, Math.max(1, location.line - context), location.line + context, options.toCommit, signal);
    } catch (error) {
      // A file the bad version no longer has (or a blame git refuses) only loses this signal.
      if (signal?.aborted || (error as { kind?: unknown }).kind === 'cancelled') throw error;
      continue;
    }
    const nearCredit = new Map<Candidate, number>();
    for (const blamed of lines) {
      const candidate = bySha.get(blamed.sha);
      if (!candidate) continue; // older than the range: not a suspect
      candidate.blamed.add(`${file}:${blamed.line}`);
      if (blamed.line === location.line) {
        candidate.score += WEIGHT.exactBlame;
        candidate.reasons.push(`blame: ${where(file, location.line)} was last changed by this commit`);
      } else {
        nearCredit.set(candidate, (nearCredit.get(candidate) ?? 0) + 1);
      }
    }
    for (const [candidate, count] of nearCredit) {
      candidate.score += Math.min(WEIGHT.maxNearBlame, WEIGHT.nearBlame * count);
      candidate.reasons.push(`blame: ${count} line(s) around ${where(file, location.line)} were last changed by this commit`);
    }
  }

  // Stable sort: equal scores keep git's order, newest first.
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => b.candidate.score - a.candidate.score || a.index - b.index)
    .map(({ candidate }) => ({
      commit: toCommitRef(candidate.commit),
      score: candidate.score,
      reasons: candidate.reasons,
      touchedImplicatedFiles: candidate.touched,
      blamedLines: candidate.blamed.size,
    }));
}

// ---------------------------------------------------------------- keyword ranking (rule reasoner)

export interface RankedCommit {
  commit: GitCommit;
  touchesImplicatedFile: boolean;
  relevantLines: string[];
  score: number;
}

/**
 * The commit-blame rule's ranking from data it already holds (the range and its patches): a
 * commit touching an implicated file scores 2, one whose changed lines match the failure
 * mode's keyword 1.
 */
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
