/**
 * Folds stack traces into the log event they belong to: a trace arrives as many lines (or many
 * CloudWatch events), but it is one event with frames — counting its frames as log lines would
 * drown every other pattern, and its frames are what "jump to code" needs.
 *
 * Language-aware continuation rules: indented lines (Java/Node/.NET/Python frames, Go file
 * lines), `Caused by:`/`Suppressed:`/`... N more`, .NET `--->`/`--- End of …`, Ruby `from …`,
 * Python tracebacks up to their exception line (and chained ones), Go `panic:` goroutine dumps.
 * An exception header (`java.lang.X: msg`, `TypeError: msg`, `Traceback …`, `goroutine 1 […]:`)
 * joins the previous line when a trace follows it and the two are close in time.
 */
import type { LogEvent } from '../../providers/types';

/** Events further apart than this are never one event. */
const SAME_EVENT_MS = 2_000;

const JAVA_EXCEPTION_HEADER = /^(?:Exception in thread "[^"]*" )?(?:[a-zA-Z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable|Failure)\b(?::.*)?$/;
const NAMED_ERROR_HEADER = /^(?:Uncaught )?[A-Z][\w$]*(?:Error|Exception)(?: \[[\w-]+\])?(?::.*)?$/;
const FRAME_LINE = /^\s+(?:at\s|File "|from\s|[^\s].*\.(?:go|rb|py|js|ts|cs):\d+)/;
const CHAIN_MARKER = /^(?:\s*Caused by:|\s*Suppressed:|\s*\.\.\. \d+ (?:more|common frames omitted)|\s*---> |\s*--- End of )/;
const RUBY_FROM = /^\s*from \S+:\d+:in /;
const PY_TRACEBACK = /^Traceback \(most recent call last\):\s*$/;
const PY_CHAIN = /^(?:During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)\s*$/;
const GO_PANIC = /^(?:panic: |fatal error: )/;
const GO_GOROUTINE = /^goroutine \d+ \[[^\]]*\]:\s*$/;
const GO_FUNCTION = /^(?:created by )?[\w./*()$-]+\(.*\)$|^created by /;
const GO_TRAILER = /^(?:\[signal |exit status \d+|\s*$)/;

type State = 'normal' | 'python' | 'pythonEnd' | 'go';

interface Draft {
  event: LogEvent;
  lines: string[];
}

export function foldStackTraces(lines: readonly string[]): string[];
export function foldStackTraces(events: readonly LogEvent[]): LogEvent[];
export function foldStackTraces(input: readonly string[] | readonly LogEvent[]): string[] | LogEvent[] {
  if (input.length === 0) return [];
  if (typeof input[0] === 'string') {
    const events = (input as readonly string[]).map((message) => ({ timestamp: 0, message }));
    return foldEvents(events).map((e) => e.message);
  }
  return foldEvents(input as readonly LogEvent[]);
}

function foldEvents(events: readonly LogEvent[]): LogEvent[] {
  const out: LogEvent[] = [];
  let draft: Draft | undefined;
  let state: State = 'normal';
  const flush = () => {
    if (draft) out.push({ ...draft.event, message: draft.lines.join('\n') });
    draft = undefined;
  };
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    // A multi-line CloudWatch message is already one event; fold its own lines too.
    const parts = event.message.split(/\r?\n/);
    for (let p = 0; p < parts.length; p++) {
      const line = parts[p]!;
      const next = p + 1 < parts.length ? parts[p + 1] : events[i + 1]?.message.split(/\r?\n/, 1)[0];
      const close = draft !== undefined && p === 0 ? closeInTime(draft.event, event) : draft !== undefined;
      const verdict = close ? classify(line, next, state, draft!) : 'new';
      if (verdict.startsWith('continue')) {
        draft!.lines.push(line);
        state = nextState(verdict, line, state);
        continue;
      }
      if (line.trim().length === 0) continue; // blank lines are no events
      flush();
      draft = { event: p === 0 ? event : { ...event }, lines: [line] };
      state = GO_PANIC.test(line) ? 'go' : PY_TRACEBACK.test(line) ? 'python' : 'normal';
    }
  }
  flush();
  return out;
}

type Verdict = 'new' | 'continue' | 'continue:python' | 'continue:pythonEnd' | 'continue:go' | 'continue:normal';

function classify(line: string, next: string | undefined, state: State, draft: Draft): Verdict {
  const blank = line.trim().length === 0;
  switch (state) {
    case 'python':
      if (blank || /^\s/.test(line) || PY_TRACEBACK.test(line) || PY_CHAIN.test(line)) return 'continue';
      return 'continue:pythonEnd'; // the exception line that ends the traceback
    case 'pythonEnd':
      if (blank && next !== undefined && (PY_CHAIN.test(next) || next.trim().length === 0)) return 'continue';
      if (PY_CHAIN.test(line)) return 'continue:python';
      break;
    case 'go':
      if (blank || /^\s/.test(line) || GO_GOROUTINE.test(line) || GO_FUNCTION.test(line) || GO_TRAILER.test(line)) return 'continue';
      return 'new';
    case 'normal':
      break;
  }
  if (blank) return 'new';
  if (/^\s/.test(line) || CHAIN_MARKER.test(line) || RUBY_FROM.test(line)) return 'continue:normal';
  // Headers join the previous line only when a trace follows and it has none yet.
  const traceFollows = next !== undefined && (FRAME_LINE.test(next) || RUBY_FROM.test(next) || CHAIN_MARKER.test(next));
  if (draft.lines.length === 1) {
    if (PY_TRACEBACK.test(line)) return 'continue:python';
    if (GO_GOROUTINE.test(line)) return 'continue:go';
    if (traceFollows && (JAVA_EXCEPTION_HEADER.test(line) || NAMED_ERROR_HEADER.test(line))) return 'continue:normal';
  }
  return 'new';
}

function nextState(verdict: Verdict, _line: string, state: State): State {
  if (verdict === 'continue') return state;
  return verdict.slice('continue:'.length) as State;
}

function closeInTime(a: LogEvent, b: LogEvent): boolean {
  if (a.logStream !== undefined && b.logStream !== undefined && a.logStream !== b.logStream) return false;
  return Math.abs(b.timestamp - a.timestamp) <= SAME_EVENT_MS;
}
