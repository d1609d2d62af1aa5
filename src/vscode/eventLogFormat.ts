/**
 * One line per investigation event for the "Runbook AI" LogOutputChannel. Pure (no 'vscode'
 * import). Raw evidence excerpts are left out: the scratchpad keeps them, the log stays readable.
 */
import type { InvestigationEvent } from '../core/events';

export type LogLevel = 'trace' | 'info' | 'warn' | 'error';

export interface LogLine {
  level: LogLevel;
  text: string;
}

const pct = (value: number): string => `${Math.round(value * 100)}%`;

export function describeEvent(event: InvestigationEvent): LogLine {
  const prefix = `[${event.investigationId} #${event.seq}]`;
  const line = (level: LogLevel, text: string): LogLine => ({ level, text: `${prefix} ${text}` });
  switch (event.type) {
    case 'investigation.started':
      return line('info', `started ${event.incident.id} "${event.incident.title}" (service ${event.incident.service}, reasoner ${event.reasoner})`);
    case 'phase.changed':
      return line('info', `phase → ${event.phase}`);
    case 'context.gathered':
      return line(
        'info',
        `triage: ${event.context.changes.length} change(s), ${event.context.terminations.length} stopped task(s)/container(s), ${event.context.logOverview.length} log pattern(s) new or steady${event.context.unavailable.length ? `, unavailable: ${event.context.unavailable.length}` : ''}`,
      );
    case 'thought':
      return line('info', `thought${event.hypothesisId ? ` (${event.hypothesisId})` : ''}: ${event.text}`);
    case 'hypothesis.added':
      return line(
        'info',
        `hypothesis ${event.hypothesis.id}${event.hypothesis.parentId ? ` under ${event.hypothesis.parentId}` : ''} [${event.hypothesis.category}] "${event.hypothesis.title}" prior ${pct(event.hypothesis.prior)}`,
      );
    case 'hypothesis.updated':
      return line('info', `hypothesis ${event.hypothesisId} → ${event.status} ${pct(event.confidence)}: ${event.reason}`);
    case 'query.planned':
      return line('info', `query ${event.query.id} for ${event.query.hypothesisId}: ${event.query.provider} ${event.query.operation} ${event.query.target}`);
    case 'query.refused':
      return line('warn', `query ${event.query.id} refused: ${event.reason}`);
    case 'query.completed':
      return event.error
        ? line('warn', `query ${event.queryId} failed after ${event.durationMs} ms: ${event.error}`)
        : line('info', `query ${event.queryId} → ${event.resultCount} result(s) in ${event.durationMs} ms`);
    case 'evidence.added':
      return line(
        'info',
        `evidence ${event.evidence.id} for ${event.evidence.hypothesisId}: ${event.evidence.strength}, ${event.evidence.supports ? 'supports' : 'refutes'} — ${event.evidence.summary}`,
      );
    case 'warning':
      return line('warn', event.message);
    case 'conclusion':
      return line(
        'info',
        `conclusion (${event.conclusion.status}, ${pct(event.conclusion.confidence)}): ${event.conclusion.summary}${
          event.conclusion.commits.length ? ` — commits ${event.conclusion.commits.map((commit) => commit.shortSha).join(', ')}` : ''
        }`,
      );
    case 'remediation.decided':
      return line('info', `remediation ${event.remediationId} ${event.decision} by ${event.by}`);
    case 'user.judgement':
      return line('info', `user ${event.by}: ${event.judgement} ${event.hypothesisId}${event.note ? ` — ${event.note}` : ''}`);
    case 'remediation.executed':
      return line(event.ok ? 'info' : 'error', `remediation ${event.remediationId} ${event.ok ? 'applied' : 'failed'}: ${event.detail}`);
    case 'investigation.completed':
      return line(
        event.outcome === 'failed' ? 'error' : event.outcome === 'concluded' ? 'info' : 'warn',
        `completed: ${event.outcome}${event.error ? ` — ${event.error}` : ''}`,
      );
  }
}
