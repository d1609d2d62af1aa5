/**
 * File paths, with their line numbers when printed: absolute Unix paths under a file-system
 * root or with an extension (so `/api/orders` routes are not files), Windows paths, relative
 * source paths with a line (`src/app.ts:42`), Python's `File "x", line N`.
 */
import type { Scan } from './scan';

const ROOTS = new Set(['etc', 'var', 'usr', 'opt', 'srv', 'app', 'home', 'tmp', 'root', 'mnt', 'data', 'proc', 'sys', 'dev', 'run', 'lib', 'lib64', 'bin', 'sbin', 'go', 'workspace', 'src', 'code', 'config', 'secrets', 'certs', 'nix', 'snap', 'Users', 'private', 'usr', 'node_modules']);

const PYTHON_FRAME = /\bFile "(?<path>[^"]+)", line (?<line>\d+)/g;
const UNIX = /(?<![\w.:/~@$-])(?<path>\/(?:[\w.@+-]+\/)*[\w.@+-]+)(?::(?<line>\d+)(?::\d+)?)?/g;
const WINDOWS = /(?<![\w])(?<path>[A-Za-z]:\\(?:[^\\\s:*?"<>|]+\\)*[^\\\s:*?"<>|]+?)(?::line (?<line>\d+)|:(?<line2>\d+))?(?=[\s"'),;]|$)/g;
const RELATIVE = /(?<![\w./-])(?<path>(?:[\w.-]+\/)+[\w.-]+\.[A-Za-z]{1,6}|[\w-]+\.(?:js|ts|mjs|cjs|jsx|tsx|py|go|java|kt|rb|cs|php|rs|c|cc|cpp|h|scala|swift|ex|exs))(?::(?<line>\d+))(?::\d+)?/g;
/** `GET /x HTTP/1.1`: a request path, not a file. */
const REQUEST_PATH_BEFORE = /\b(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|path[=:]|route[=:]|url[=:]|uri[=:])\s*"?$/i;

export function extractFiles(scan: Scan): void {
  for (const m of scan.matches(PYTHON_FRAME)) {
    scan.add({ kind: 'file', value: m.groups!.path!, line: Number(m.groups!.line) });
    scan.claim(m.index, m.index + m[0].length);
  }
  for (const m of scan.matches(WINDOWS)) {
    const line = m.groups!.line ?? m.groups!.line2;
    scan.add({ kind: 'file', value: m.groups!.path!, ...(line ? { line: Number(line) } : {}) });
    scan.claim(m.index, m.index + m[0].length);
  }
  for (const m of scan.matches(UNIX)) {
    const path = m.groups!.path!.replace(/[.,]+$/, '');
    const first = path.split('/')[1] ?? '';
    const last = path.slice(path.lastIndexOf('/') + 1);
    const before = scan.original.slice(Math.max(0, m.index - 10), m.index);
    if (REQUEST_PATH_BEFORE.test(before)) continue;
    if (!ROOTS.has(first) && !/\.[A-Za-z0-9]{1,8}$/.test(last)) continue;
    scan.add({ kind: 'file', value: path, ...(m.groups!.line ? { line: Number(m.groups!.line) } : {}) });
    scan.claim(m.index, m.index + m[0].length);
  }
  for (const m of scan.matches(RELATIVE)) {
    scan.add({ kind: 'file', value: m.groups!.path!, line: Number(m.groups!.line) });
    scan.claim(m.index, m.index + m[0].length);
  }
}
