/**
 * `runbook logs …`: the log analyzer on files (the interface outside checks use — keep stable).
 *
 *   runbook logs templates FILE [--json]
 *       One log message per line. --json prints a JSON array with one
 *       `{ "templateId", "template" }` per input line, in input order; without it, the
 *       templates with their line counts, most frequent first.
 *   runbook logs diff --baseline FILE --incident FILE [--json] [--limit N]
 *       The ranked pattern diff of the incident file against the baseline file. A line may start
 *       with an ISO-8601 timestamp; without timestamps the two files are the two windows and
 *       rates are per line. --json prints the ranked entries as a JSON array (`ratio` is null
 *       for a new pattern: JSON has no Infinity).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LogEvent } from '../providers/types';
import { mineTemplates } from '../core/logs/miner/miner';
import { parseLogLine } from '../core/logs/miner/structured';
import { analyzePatterns, describePatternChange, type PatternDiffEntry } from '../core/logs/patternDiff';

export const LOGS_USAGE = `Usage:
  runbook logs templates FILE [--json]
      Group the lines of FILE (one log message per line) into templates.
  runbook logs diff --baseline FILE --incident FILE [--json] [--limit N]
      What is new, gone, surged or dropped in the incident log compared with the baseline.`;

class UsageError extends Error {}

let pipeGuarded = false;

/** `runbook logs templates big.log | head`: a closed pipe ends the output, not with a stack trace. */
function quietOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

export async function runLogsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  quietOnClosedPipe();
  try {
    switch (sub) {
      case 'templates':
        return templates(rest);
      case 'diff':
        return diff(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(LOGS_USAGE);
        return sub === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown subcommand "${sub}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`runbook logs: ${error.message}\n\n${LOGS_USAGE}`);
      return 2;
    }
    if (error instanceof FileError) {
      console.error(`runbook logs: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function templates(args: string[]): number {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const file = positionals[0];
  if (!file) throw new UsageError('templates needs a FILE');
  if (positionals.length > 1) throw new UsageError(`templates takes one FILE, got ${positionals.length}`);
  const lines = readLines(file);
  const result = mineTemplates(lines);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const counts = new Map<string, { template: string; count: number }>();
  for (const r of result) {
    const entry = counts.get(r.templateId);
    if (entry) entry.count++;
    else counts.set(r.templateId, { template: r.template, count: 1 });
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1].count - a[1].count);
  console.log(`${lines.length} lines, ${sorted.length} templates`);
  const width = String(sorted[0]?.[1].count ?? 0).length;
  for (const [id, { template, count }] of sorted) console.log(`${String(count).padStart(width)}  ${id}  ${template}`);
  return 0;
}

function diff(args: string[]): number {
  const { values, positionals } = parse(args, {
    baseline: { type: 'string' },
    incident: { type: 'string' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.baseline || !values.incident) throw new UsageError('diff needs --baseline FILE and --incident FILE');
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit must be a positive integer, got "${values.limit}"`);
  const baseline = toEvents(readLines(values.baseline));
  const incident = toEvents(readLines(values.incident));
  const analysis = analyzePatterns(baseline, incident, limit !== undefined ? { limit } : {});
  if (values.json) {
    process.stdout.write(`${JSON.stringify(analysis.entries)}\n`);
    return 0;
  }
  printDiff(analysis.entries, analysis.baselineEvents.length, analysis.incidentEvents.length);
  return 0;
}

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

class FileError extends Error {}

/** The file's lines; a final newline does not make an extra (empty) line. */
function readLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new FileError(`cannot read ${file}: ${reason}`);
  }
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Lines as events: a leading ISO timestamp becomes the event time; a line without one (a stack
 * frame, a continuation) takes the time of the line before it; 0 when the file has none.
 */
function toEvents(lines: readonly string[]): LogEvent[] {
  let last = 0;
  return lines.map((line) => {
    const parsed = parseLogLine(line);
    if (parsed.timestamp === undefined) return { timestamp: last, message: line };
    last = parsed.timestamp;
    return { timestamp: parsed.timestamp, message: line.trimStart().startsWith('{') ? line : parsed.message };
  });
}

/** Changed patterns in rank order, each with its evidence line and code locations; steady ones counted. */
function printDiff(entries: readonly PatternDiffEntry[], baselineEvents: number, incidentEvents: number): void {
  const changed = entries.filter((e) => e.change !== 'steady');
  console.log(`baseline ${baselineEvents} events, incident ${incidentEvents} events (stack traces folded): ${entries.length} patterns, ${changed.length} changed`);
  console.log(`${'change'.padEnd(7)} ${'incident'.padStart(8)}  ${'baseline'.padEnd(8)}  pattern`);
  for (const e of changed) {
    const flags = [e.level, e.isException ? 'exception' : undefined].filter(Boolean).join(', ');
    console.log(`${e.change.padEnd(7)} ${String(e.incidentCount).padStart(8)}  ${String(e.baselineCount).padEnd(8)}  ${flags ? `[${flags}] ` : ''}${e.template}`);
    console.log(`${' '.repeat(28)}${describePatternChange(e)}${e.significant ? '' : ' (not significant)'}`);
    for (const location of e.codeLocations.slice(0, 3)) console.log(`${' '.repeat(28)}at ${location.path}:${location.line}${location.functionName ? ` (${location.functionName})` : ''}`);
  }
  const steady = entries.length - changed.length;
  if (steady > 0) console.log(`${steady} steady pattern${steady === 1 ? '' : 's'} not shown (--json lists every pattern)`);
}
