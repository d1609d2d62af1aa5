/** Plain-text rendering of the investigation for the terminal (and for tests). */
import type { InvestigationEvent } from '../core/events';
import type { HypothesisNode, HypothesisStatus } from '../core/model';
import { ancestryOf, childHypotheses, type InvestigationState } from '../core/state';

const STATUS_MARK: Record<HypothesisStatus, string> = {
  pending: '○',
  testing: '◌',
  supported: '◆',
  pruned: '✗',
  confirmed: '✔',
  inconclusive: '?',
  unavailable: '!',
};

export function renderTree(state: InvestigationState): string {
  const lines: string[] = [];
  const walk = (parentId: string | undefined, indent: string) => {
    const nodes = childHypotheses(state, parentId);
    nodes.forEach((node, index) => {
      const last = index === nodes.length - 1;
      lines.push(`${indent}${last ? '└─' : '├─'} ${describeNode(node)}`);
      walk(node.id, `${indent}${last ? '   ' : '│  '}`);
    });
  };
  walk(undefined, '');
  return lines.join('\n');
}

export function describeNode(node: HypothesisNode): string {
  return `${STATUS_MARK[node.status]} ${node.id} ${node.title} [${node.status} · ${Math.round(node.confidence * 100)}%]`;
}

/** One line per notable event, or undefined for events the tree printout already shows. */
export function describeEvent(event: InvestigationEvent, state: InvestigationState): string | undefined {
  switch (event.type) {
    case 'investigation.started':
      return `Investigating ${event.incident.id}: ${event.incident.title} (reasoner: ${event.reasoner})`;
    case 'phase.changed':
      return `\n== ${event.phase} ==`;
    case 'context.gathered': {
      const c = event.context;
      const fresh = c.logOverview.filter((p) => p.change === 'new' || p.change === 'surged');
      return `  · Triage: ${c.changes.length} recent change(s), ${c.terminations.length} stopped task(s)/container(s), ${fresh.length} new or surging log pattern(s)${fresh[0] ? ` (top: "${fresh[0].template}" ×${fresh[0].incidentCount})` : ''}.`;
    }
    case 'thought':
      return `  · ${event.text}`;
    case 'hypothesis.added':
      return `  + ${event.hypothesis.id} ${event.hypothesis.title} (prior ${Math.round(event.hypothesis.prior * 100)}%)`;
    case 'query.planned':
      return `  ? ${event.query.id} [${event.query.hypothesisId}] ${event.query.operation} ${event.query.target}${event.query.params.filterPattern ? ` filter=${String(event.query.params.filterPattern)}` : ''} — ${event.query.rationale}`;
    case 'query.refused':
      return `  ⊘ ${event.query.id} refused: ${event.reason}`;
    case 'query.completed':
      return event.error ? `    ${event.queryId} failed: ${event.error}` : `    ${event.queryId} → ${event.resultCount} result(s) in ${event.durationMs} ms`;
    case 'evidence.added':
      return `    ${event.evidence.id} ${event.evidence.supports ? 'supports' : 'refutes'} ${event.evidence.hypothesisId} (${event.evidence.strength}): ${event.evidence.summary}`;
    case 'hypothesis.updated': {
      if (event.status === 'testing') return `  > testing ${event.hypothesisId}`;
      return `  = ${event.hypothesisId} ${event.status} at ${Math.round(event.confidence * 100)}% (${event.reason})\n${indent(renderTree(state), '    ')}`;
    }
    case 'warning':
      return `  ! ${event.message}`;
    case 'conclusion':
      return undefined;
    case 'remediation.decided':
      return `  remediation ${event.remediationId} ${event.decision} by ${event.by}`;
    case 'user.judgement':
      return `  user ${event.by}: ${event.judgement} ${event.hypothesisId}${event.note ? ` — ${event.note}` : ''}`;
    case 'remediation.executed':
      return `  remediation ${event.remediationId} ${event.ok ? 'done' : 'not done'}: ${event.detail}`;
    case 'investigation.completed':
      return `\nInvestigation ${event.outcome}${event.error ? `: ${event.error}` : ''}.`;
  }
}

export function renderConclusion(state: InvestigationState): string {
  const conclusion = state.conclusion;
  if (!conclusion) return 'No conclusion.';
  const lines: string[] = [];
  if (conclusion.status === 'root-cause') {
    lines.push(`ROOT CAUSE (${Math.round(conclusion.confidence * 100)}% confidence): ${conclusion.summary}`);
  } else {
    lines.push(`INCONCLUSIVE: ${conclusion.summary}`);
  }
  for (const explanation of conclusion.factors?.explanation ?? []) lines.push(`  - ${explanation}`);
  const node = conclusion.hypothesisId ? state.hypotheses[conclusion.hypothesisId] : undefined;
  if (node) {
    lines.push('Evidence:');
    for (const current of ancestryOf(state, node).reverse()) {
      for (const id of current.evidenceIds) {
        const evidence = state.evidence[id];
        if (!evidence || !evidence.supports) continue;
        lines.push(`  [${evidence.strength}] ${evidence.source}: ${evidence.summary}`);
        for (const location of evidence.codeLocations?.slice(0, 3) ?? []) lines.push(`      at ${location.path}:${location.line}${location.functionName ? ` (${location.functionName})` : ''}`);
      }
    }
  }
  for (const commit of conclusion.commits) lines.push(`Commit: ${commit.shortSha} "${commit.subject}" by ${commit.author} — ${commit.files.join(', ')}`);
  for (const remediation of conclusion.remediations) {
    lines.push(`Remediation ${remediation.id} (${remediation.risk} risk, needs approval): ${remediation.title}`);
    lines.push(`  call: ${remediation.apiCall}`);
    lines.push(`  undo: ${remediation.undo}`);
  }
  if (conclusion.unchecked.length) {
    lines.push('Not checked:');
    for (const item of conclusion.unchecked) lines.push(`  - ${item}`);
  }
  return lines.join('\n');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
