/**
 * Maps a path as a stack frame names it (container-side, e.g. `/app/src/cache/thumbnailCache.js`)
 * to files of the open workspace by the longest shared trailing path (`src/cache/thumbnailCache.js`).
 * Pure (no 'vscode' import) so it can be unit-tested.
 */

/**
 * Path segments with separators, URL schemes (`file:///`, source-mapped `webpack:///./src/…`),
 * drive letters and `.` segments normalised away.
 */
export function pathSegments(path: string): string[] {
  return path
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/]*\/)?/, '/')
    .replace(/^\/?[A-Za-z]:(?=\/)/, '')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.');
}

/** How many trailing segments two paths share (0 when even the file names differ). */
export function sharedSuffixLength(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[a.length - 1 - shared] === b[b.length - 1 - shared]) shared++;
  return shared;
}

/**
 * Relative suffixes of a frame path, longest first, down to the bare file name:
 * `/app/src/x.js` → `app/src/x.js`, `src/x.js`, `x.js`. Used to probe a folder directly.
 */
export function suffixCandidates(framePath: string): string[] {
  const segments = pathSegments(framePath);
  return segments.map((_, start) => segments.slice(start).join('/'));
}

export interface SuffixMatch<T> {
  item: T;
  /** Number of trailing segments shared with the frame path. */
  score: number;
}

/**
 * The candidates sharing the most trailing segments with the frame path (ties included, in
 * input order). Candidates whose file name differs are never returned. `pathOf` gives each
 * candidate's path relative to its root, so segments above the root do not count.
 */
export function bestSuffixMatches<T>(framePath: string, candidates: readonly T[], pathOf: (candidate: T) => string): SuffixMatch<T>[] {
  const frame = pathSegments(framePath);
  if (frame.length === 0) return [];
  let best = 0;
  let matches: SuffixMatch<T>[] = [];
  for (const item of candidates) {
    const score = sharedSuffixLength(frame, pathSegments(pathOf(item)));
    if (score === 0 || score < best) continue;
    if (score > best) {
      best = score;
      matches = [];
    }
    matches.push({ item, score });
  }
  return matches;
}

export function baseName(path: string): string {
  const segments = pathSegments(path);
  return segments[segments.length - 1] ?? path;
}
