/** Append-only audit trail of approvals, rejections and mutation results (JSONL). */
import { appendFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MutationAction, RiskLevel } from '../model';

export interface AuditRecord {
  at: string;
  investigationId: string;
  incidentId?: string;
  remediationId: string;
  event: 'decision' | 'result' | 'refused';
  decision?: 'approved' | 'rejected';
  by?: string;
  action: MutationAction;
  apiCall: string;
  risk: RiskLevel;
  ok?: boolean;
  detail?: string;
}

export function appendAudit(file: string, record: AuditRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  // One write per line with O_APPEND: records are never rewritten.
  appendFileSync(file, `${JSON.stringify(record)}\n`, { encoding: 'utf8', flag: 'a' });
}

export function readAudit(file: string): AuditRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as AuditRecord);
}
