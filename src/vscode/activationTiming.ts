/**
 * Activation time, measured inside the extension host. Marks set while dist/extension.js
 * evaluates (an esbuild banner at its first line, apiMark.ts after the first `require('vscode')`,
 * an esbuild footer at its last line) split the time into:
 *   apiMs       VS Code building this extension's API object (every extension pays it),
 *   loadMs      evaluating our own modules,
 *   hostWaitMs  VS Code preparing the ExtensionContext (storage) before calling activate(),
 *   activateMs  activate() itself.
 * totalMs = loadMs + activateMs is what this extension adds and what the 50 ms budget is about.
 * Logged to the output channel; appended as a JSON line to $RUNBOOK_ACTIVATION_TIMING_FILE when
 * set (scripts/bench-extension.mjs and the e2e suite read it). No 'vscode' import.
 */
import { appendFileSync } from 'node:fs';

export const TIMING_FILE_ENV = 'RUNBOOK_ACTIVATION_TIMING_FILE';

export interface ActivationTiming {
  apiMs?: number;
  loadMs?: number;
  hostWaitMs?: number;
  activateMs: number;
  totalMs: number;
}

export interface BundleMarks {
  /** First line of the bundle. */
  start?: number;
  /** After the first require('vscode'). */
  apiReady?: number;
  /** Last line of the bundle. */
  end?: number;
}

export function bundleMarks(): BundleMarks {
  const marks = globalThis as { __runbookBundleStart?: unknown; __runbookApiReady?: unknown; __runbookBundleEnd?: unknown };
  const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
  return { start: num(marks.__runbookBundleStart), apiReady: num(marks.__runbookApiReady), end: num(marks.__runbookBundleEnd) };
}

export function activationTiming(activateStart: number, activateEnd: number, marks: BundleMarks = bundleMarks()): ActivationTiming {
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  const ordered = marks.start !== undefined && marks.end !== undefined && marks.start <= marks.end && marks.end <= activateStart;
  const api = ordered && marks.apiReady !== undefined && marks.apiReady >= marks.start! && marks.apiReady <= marks.end! ? marks.apiReady - marks.start! : undefined;
  const loadMs = ordered ? marks.end! - marks.start! - (api ?? 0) : undefined;
  const activateMs = activateEnd - activateStart;
  return {
    apiMs: api === undefined ? undefined : round(api),
    loadMs: loadMs === undefined ? undefined : round(loadMs),
    hostWaitMs: ordered ? round(activateStart - marks.end!) : undefined,
    activateMs: round(activateMs),
    totalMs: round(activateMs + (loadMs ?? 0)),
  };
}

/** Appends the timing to the file named by the environment, if any; never throws. */
export function recordActivationTiming(timing: ActivationTiming, extra: Record<string, string>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[TIMING_FILE_ENV];
  if (!file) return undefined;
  try {
    appendFileSync(file, `${JSON.stringify({ ...timing, ...extra, at: new Date().toISOString() })}\n`);
    return file;
  } catch {
    return undefined;
  }
}
