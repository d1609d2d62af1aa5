/**
 * Extracts source locations from stack traces and log lines, so evidence can jump to code.
 * Language-aware but dependency-free: Node.js/TypeScript, Java, Python, Go, .NET and Ruby frames.
 * Runtime-internal frames (node:internal, <anonymous>, java.*, site-packages) are skipped:
 * they never point at the user's code.
 */
import type { CodeLocation } from '../model';

interface FramePattern {
  regex: RegExp;
  toLocation(match: RegExpExecArray, raw: string): CodeLocation | undefined;
}

const PATTERNS: FramePattern[] = [
  {
    // Node.js: "at fn (/app/src/x.js:42:23)" or "at /app/src/x.js:42:23"; ESM frames carry a
    // file:// URL ("at fn (file:///app/src/x.mjs:42:23)"); source-mapped bundles name the
    // original file under webpack:// ("at fn (webpack://shop/./src/x.ts:42:23)").
    regex: /^\s*at (?:(?:async )?([^\s(]+(?: \[as [^\]]+\])?) \()?(?:file:\/\/|webpack(?:-internal)?:\/\/\/?(?:[^/\s()]*\/)?(?:\.\/)?)?((?:[A-Za-z]:)?[^():\s]+\.(?:[cm]?[jt]sx?)):(\d+):(\d+)\)?\s*$/,
    toLocation: (m, raw) => ({ path: m[2]!, line: Number(m[3]), column: Number(m[4]), functionName: m[1], raw }),
  },
  {
    // Python: File "/app/svc/x.py", line 42, in handler
    regex: /^\s*File "([^"]+\.py)", line (\d+)(?:, in (\S+))?/,
    toLocation: (m, raw) => ({ path: m[1]!, line: Number(m[2]), functionName: m[3], raw }),
  },
  {
    // .NET: "at Ns.Type.Method() in /src/X.cs:line 42"
    regex: /^\s*at (\S+?)\(.*\) in (.+\.(?:cs|fs|vb)):line (\d+)/,
    toLocation: (m, raw) => ({ path: m[2]!, line: Number(m[3]), functionName: m[1], raw }),
  },
  {
    // Java/Kotlin/Scala: "at com.acme.Foo.bar(Foo.java:42)" → package path + file name. Java 9+
    // may prefix a class loader and/or module: "at app//com.acme.Foo.bar(…)",
    // "at com.acme.app@1.2/com.acme.Foo.bar(…)".
    regex: /^\s*at (?:[\w.$@-]*\/\/?)?((?:[\w$]+\.)+)([\w$<>]+)\(([\w$]+\.(?:java|kt|scala|groovy)):(\d+)\)/,
    toLocation: (m, raw) => {
      const qualified = m[1]!.replace(/\.$/, '');
      const packageParts = qualified.split('.');
      packageParts.pop(); // the class name; the file name is authoritative
      const path = [...packageParts, m[3]!].join('/');
      return { path, line: Number(m[4]), functionName: `${qualified}.${m[2]}`, raw };
    },
  },
  {
    // Go: "\t/go/src/app/handler.go:42 +0x1d"
    regex: /^\s*((?:[A-Za-z]:)?\/?[^\s:]+\.go):(\d+)(?: \+0x[0-9a-f]+)?\s*$/,
    toLocation: (m, raw) => ({ path: m[1]!, line: Number(m[2]), raw }),
  },
  {
    // Ruby: "/app/lib/x.rb:42:in `method'"
    regex: /^\s*(?:from )?([^\s:]+\.rb):(\d+):in [`'](.+?)'/,
    toLocation: (m, raw) => ({ path: m[1]!, line: Number(m[2]), functionName: m[3], raw }),
  },
];

const INTERNAL_PATH = /^(?:node:|internal\/|<anonymous>|native)|\/node_modules\/|site-packages\/|dist-packages\/|^java\/|^javax\/|^sun\/|^jdk\/|\/usr\/local\/go\/src\/|\/gems\//;

/** A Go goroutine-dump function line (`main.lookup(...)`, `github.com/x/y.(*T).Do(0x1)`). */
const GO_FUNCTION_LINE = /^(?:created by )?(\S+?)(?:\([^()]*\))?(?: in goroutine \d+)?$/;

/** Every user-code frame in a (multi-line) message, top of stack first, without duplicates. */
export function extractCodeLocations(message: string): CodeLocation[] {
  const found: CodeLocation[] = [];
  const seen = new Set<string>();
  let previous = '';
  for (const line of message.split(/\r?\n/)) {
    const before = previous;
    previous = line;
    const location = parseFrame(line);
    if (!location || INTERNAL_PATH.test(location.path)) continue;
    // Go prints the function on the line before its file:line.
    if (location.functionName === undefined && location.path.endsWith('.go')) {
      const fn = GO_FUNCTION_LINE.exec(before.trim());
      if (fn && !before.startsWith('\t') && !before.startsWith(' ')) location.functionName = fn[1];
    }
    const key = `${location.path}:${location.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(location);
  }
  return found;
}

export function parseFrame(line: string): CodeLocation | undefined {
  const raw = line.trim();
  for (const pattern of PATTERNS) {
    const match = pattern.regex.exec(line);
    if (match) return pattern.toLocation(match, raw);
  }
  return undefined;
}

/**
 * Whether a repository-relative file is the one a frame path names: container paths like
 * `/app/src/x.js` match `src/x.js`; Java package paths match `src/main/java/<pkg>/X.java`.
 */
export function frameMatchesFile(framePath: string, repoRelativeFile: string): boolean {
  const frame = normalise(framePath);
  const file = normalise(repoRelativeFile);
  return frame === file || frame.endsWith(`/${file}`) || file.endsWith(`/${frame}`);
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^[A-Za-z]:/, '').replace(/^\.?\//, '');
}
