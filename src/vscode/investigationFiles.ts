/**
 * Where an investigation's files live and how it is named. Pure (node:path only, no 'vscode').
 *
 *   <base>/.runbook/investigations/<investigationId>.jsonl   scratchpad (every event)
 *   <base>/.runbook/audit/approvals.jsonl                    approvals and rejections
 *
 * <base> is the first workspace folder when the workspace is trusted, else the extension's
 * global storage: in Restricted Mode nothing is written into the workspace.
 */
import * as path from 'node:path';

export const DEMO_SCENARIO_ID = 'demo-oom';
export const DEMO_INCIDENT_ID = 'INC-1042';
/** Written by `runbook sandbox init DIR` into the demo workspace. */
export const SANDBOX_MARKER = '.runbook/sandbox.json';

export function investigationId(incidentId: string, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const safeIncident = incidentId.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'incident';
  return `${safeIncident}-${stamp}`;
}

export interface InvestigationFiles {
  scratchpadFile: string;
  auditFile: string;
}

export function investigationFiles(baseDir: string, id: string): InvestigationFiles {
  return {
    scratchpadFile: path.join(baseDir, '.runbook', 'investigations', `${id}.jsonl`),
    auditFile: path.join(baseDir, '.runbook', 'audit', 'approvals.jsonl'),
  };
}

export interface SandboxMarker {
  scenarioId: string;
  commits: Record<string, string>;
}

/** The demo workspace's marker, or undefined when the text is not one. */
export function parseSandboxMarker(text: string): SandboxMarker | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { scenarioId, commits } = value as { scenarioId?: unknown; commits?: unknown };
  if (typeof scenarioId !== 'string' || !scenarioId) return undefined;
  const commitMap: Record<string, string> = {};
  if (typeof commits === 'object' && commits !== null) {
    for (const [label, sha] of Object.entries(commits)) if (typeof sha === 'string') commitMap[label] = sha;
  }
  return { scenarioId, commits: commitMap };
}

/**
 * Where the sandbox materializes the demo's repository: a folder of the extension's own storage.
 * Never the open demo workspace: materializing empties the target folder first, which would
 * delete the workspace's scratchpads, audit log and drafted runbooks.
 */
export function sandboxRepoDir(storageDir: string, scenarioId: string): string {
  return path.join(storageDir, 'sandbox', scenarioId);
}

/**
 * Whether the demo workspace holds the same history as the sandbox's repository (scenario repos
 * are materialized with pinned identities and dates, so the shas match when the scenario does):
 * then its commits can be shown from the workspace's own repository.
 */
export function sameCommits(workspace: Record<string, string>, sandbox: Record<string, string>): boolean {
  const labels = Object.keys(sandbox);
  return labels.length > 0 && labels.length === Object.keys(workspace).length && labels.every((label) => workspace[label] === sandbox[label]);
}
