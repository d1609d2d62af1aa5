/**
 * Activation time, measured inside the extension host: evaluating dist/extension.js (between a
 * banner and a footer esbuild puts at its first and last line) plus activate() itself — the cost
 * this extension adds. The wait in between (VS Code preparing the ExtensionContext, its storage)
 * is reported apart. Logged to the output channel; appended as a JSON line to
 * $RUNBOOK_ACTIVATION_TIMING_FILE when set (scripts/bench-extension.mjs reads it).
 * No 'vscode' import.
 */
import { appendFileSync } from 'node:fs';

export const TIMING_FILE_ENV = 'RUNBOOK_ACTIVATION_TIMING_FILE';

export interface ActivationTiming {
  /** Evaluating the bundle (its imports), if the banner/footer marks are there. */
  loadMs?: number;
  /** activate() itself. */
  activateMs: number;
  /** The extension's own cost: load + activate. */
  totalMs: number;
  /** VS Code's part between loading the bundle and calling activate(), for information. */
  hostWaitMs?: number;
}

export interface BundleMarks {
  start?: number;
  end?: number;
}

/** When dist/extension.js started and finished evaluating (set by the esbuild banner/footer), if known. */
export function bundleMarks(): BundleMarks {
  const marks = globalThis as { __runbookBundleStart?: unknown; __runbookBundleEnd?: unknown };
  return {
    start: typeof marks.__runbookBundleStart === 'number' ? marks.__runbookBundleStart : undefined,
    end: typeof marks.__runbookBundleEnd === 'number' ? marks.__runbookBundleEnd : undefined,
  };
}

export function activationTiming(activateStart: number, activateEnd: number, marks: BundleMarks = bundleMarks()): ActivationTiming {
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  const known = marks.start !== undefined && marks.end !== undefined && marks.start <= marks.end && marks.end <= activateStart;
  const loadMs = known ? marks.end! - marks.start! : undefined;
  const activateMs = activateEnd - activateStart;
  return {
    loadMs: loadMs === undefined ? undefined : round(loadMs),
    activateMs: round(activateMs),
    totalMs: round(activateMs + (loadMs ?? 0)),
    hostWaitMs: known ? round(activateStart - marks.end!) : undefined,
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
