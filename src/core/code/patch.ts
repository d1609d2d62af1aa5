/**
 * Reading unified diffs (GitProvider.commitPatch output) for commit ranking: which lines a
 * commit changed, and where in the new version of a file its changes sit — deletions included,
 * which blame cannot show (a commit that removed an eviction loop owns no surviving line).
 */

/** Added and removed lines of a patch (without the `+++`/`---` headers). */
export function changedLines(patch: string): string[] {
  return patch.split('\n').filter((line) => /^[+-](?![+-])/.test(line));
}

/**
 * New-side line numbers where a patch changes each file: an added line at its own number, a
 * deletion at the line it now sits before. Keyed by the file's new path (old path for a deletion).
 */
export function changePositions(patch: string): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  let file: string | undefined;
  let next = 0;
  let inHunk = false;
  const add = (line: number) => {
    if (!file) return;
    const list = positions.get(file) ?? [];
    if (list[list.length - 1] !== line) list.push(line);
    positions.set(file, list);
  };
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      file = undefined;
      inHunk = false;
      continue;
    }
    if (!inHunk && line.startsWith('--- ')) {
      const old = line.slice(4);
      if (old !== '/dev/null') file = old.replace(/^a\//, '');
      continue;
    }
    if (!inHunk && line.startsWith('+++ ')) {
      const now = line.slice(4);
      if (now !== '/dev/null') file = now.replace(/^b\//, '');
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('+')) add(next++);
    else if (line.startsWith('-')) add(next);
    else if (line.startsWith(' ')) next++;
    else if (!line.startsWith('\\')) inHunk = false; // the next file's header
  }
  return positions;
}
