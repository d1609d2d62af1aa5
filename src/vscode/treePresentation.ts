/**
 * How each tree node looks: label, description, codicon + theme color, Markdown tooltip,
 * contextValue and click command. Pure (no 'vscode' import) so it can be unit-tested;
 * treeView.ts maps the result onto a TreeItem.
 *
 * contextValues (used by the menus' when-clauses in package.json):
 *   rootCause, conclusion.inconclusive,
 *   hypothesis.<status> (hypothesis.pending … hypothesis.unavailable: Prune / Mark as Root Cause / Re-test),
 *   evidence[+query][+code] (tags: Copy Query as CLI, Jump to Code), evidence.code (a code location),
 *   commit, remediation (not yet decided: offers Apply), remediation.decided, query
 */
import type { ConfidenceFactors, Evidence, EvidenceStrength, HypothesisStatus } from '../core/model';
import type { InvestigationState } from '../core/state';
import { baseName } from './pathSuffix';
import { findCommit, findRemediation, type TreeNode } from './treeNodes';

export interface IconPresentation {
  /** Codicon id, e.g. `pass-filled` or `loading~spin`. */
  id: string;
  /** Theme color id, e.g. `testing.iconPassed`; never a hex value. */
  color?: string;
}

export type CommandId = 'runbook.showEvidence' | 'runbook.jumpToCode' | 'runbook.showCommit';

export interface NodePresentation {
  label: string;
  description?: string;
  icon: IconPresentation;
  /** Markdown, with every piece of investigation data escaped. */
  tooltip?: string;
  contextValue: string;
  /** Run on click, with the node as the argument. */
  command?: { id: CommandId; title: string };
}

export const STATUS_ICONS: Record<HypothesisStatus, IconPresentation> = {
  pending: { id: 'circle-outline', color: 'descriptionForeground' },
  testing: { id: 'loading~spin', color: 'charts.blue' },
  supported: { id: 'check', color: 'charts.green' },
  confirmed: { id: 'pass-filled', color: 'testing.iconPassed' },
  pruned: { id: 'circle-slash', color: 'disabledForeground' },
  unavailable: { id: 'warning', color: 'list.warningForeground' },
  inconclusive: { id: 'question', color: 'descriptionForeground' },
};

const STRENGTH_ICONS: Record<EvidenceStrength, string> = { strong: 'star-full', weak: 'star-half', none: 'star-empty' };

const FACTOR_LABELS: Record<'strength' | 'temporal' | 'corroboration' | 'specificity', string> = {
  strength: 'Evidence strength',
  temporal: 'Temporal correlation',
  corroboration: 'Corroboration',
  specificity: 'Specificity',
};

export const FACTOR_NAMES = ['strength', 'temporal', 'corroboration', 'specificity'] as const;

export function factorLabel(name: (typeof FACTOR_NAMES)[number]): string {
  return FACTOR_LABELS[name];
}

export function percent(fraction: number): number {
  return Math.round(Math.max(0, Math.min(1, fraction)) * 100);
}

/** `confirmed · 92%` */
export function statusDescription(status: HypothesisStatus, confidence: number): string {
  return `${status} · ${percent(confidence)}%`;
}

export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
}

/** Escapes text for Markdown so investigation data (log lines, titles) cannot inject links or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '&' ? '&amp;' : `\\${char}`));
}

export function factorsMarkdown(factors: ConfidenceFactors | undefined): string {
  if (!factors) return '';
  const rows = FACTOR_NAMES.map((name) => `| ${FACTOR_LABELS[name]} | ${percent(factors[name])}% |`);
  const explanation = factors.explanation.map((line) => `- ${escapeMarkdown(line)}`);
  return ['| Factor | Score |', '| --- | ---: |', ...rows, '', ...explanation].join('\n');
}

export function presentNode(state: InvestigationState, node: TreeNode, running: boolean): NodePresentation {
  switch (node.kind) {
    case 'rootCause':
      return presentRootCause(state);
    case 'hypothesis':
      return presentHypothesis(state, node.hypothesisId, running);
    case 'evidence':
      return presentEvidence(state.evidence[node.evidenceId]);
    case 'codeLocation':
      return presentCodeLocation(state, node.evidenceId, node.index);
    case 'commit':
      return presentCommit(state, node.sha);
    case 'remediation':
      return presentRemediation(state, node.remediationId);
    case 'query':
      return presentQuery(state, node.queryId, running);
  }
}

function presentRootCause(state: InvestigationState): NodePresentation {
  const conclusion = state.conclusion;
  if (!conclusion) return { label: 'Root cause', icon: { id: 'target' }, contextValue: 'rootCause' };
  const concluded = conclusion.hypothesisId ? state.hypotheses[conclusion.hypothesisId] : undefined;
  const isRootCause = conclusion.status === 'root-cause';
  const status: HypothesisStatus = concluded?.status ?? (isRootCause ? 'confirmed' : 'inconclusive');
  const tooltip = [
    `**${isRootCause ? 'Root cause' : 'Inconclusive'}** — ${escapeMarkdown(statusDescription(status, conclusion.confidence))}`,
    '',
    escapeMarkdown(conclusion.summary),
    '',
    factorsMarkdown(conclusion.factors ?? concluded?.factors),
    ...(conclusion.unchecked.length ? ['', '**Not checked**', ...conclusion.unchecked.map((item) => `- ${escapeMarkdown(item)}`)] : []),
  ].join('\n');
  return {
    label: `${isRootCause ? 'Root cause' : 'Inconclusive'}: ${conclusion.summary}`,
    description: statusDescription(status, conclusion.confidence),
    icon: isRootCause ? { id: 'target', color: 'testing.iconPassed' } : { id: 'question', color: 'list.warningForeground' },
    tooltip,
    contextValue: isRootCause ? 'rootCause' : 'conclusion.inconclusive',
    command: { id: 'runbook.showEvidence', title: 'Show Evidence' },
  };
}

function presentHypothesis(state: InvestigationState, hypothesisId: string, running: boolean): NodePresentation {
  const hypothesis = state.hypotheses[hypothesisId];
  if (!hypothesis) return { label: hypothesisId, icon: { id: 'circle-outline' }, contextValue: 'hypothesis.pending' };
  // A node still "testing" after the investigation stopped (cancelled, failed) must not spin forever.
  const icon = hypothesis.status === 'testing' && !running ? { id: 'debug-pause', color: 'descriptionForeground' } : STATUS_ICONS[hypothesis.status];
  const judgement = state.judgements[hypothesisId];
  const tooltip = [
    `**${escapeMarkdown(hypothesis.id)} · ${escapeMarkdown(hypothesis.title)}**`,
    '',
    `${escapeMarkdown(statusDescription(hypothesis.status, hypothesis.confidence))} · ${escapeMarkdown(hypothesis.category)} · prior ${percent(hypothesis.prior)}%`,
    ...(judgement ? ['', `Your judgement: ${escapeMarkdown(JUDGEMENT_LABELS[judgement.judgement])} (${escapeMarkdown(judgement.by)}, ${escapeMarkdown(judgement.at)})`] : []),
    '',
    escapeMarkdown(hypothesis.rationale),
    '',
    factorsMarkdown(hypothesis.factors),
  ].join('\n');
  const description = statusDescription(hypothesis.status, hypothesis.confidence);
  return {
    label: hypothesis.title,
    description: judgement && judgement.judgement !== 'retest' ? `${description} · ${JUDGEMENT_LABELS[judgement.judgement]}` : description,
    icon,
    tooltip,
    contextValue: `hypothesis.${hypothesis.status}`,
    command: { id: 'runbook.showEvidence', title: 'Show Evidence' },
  };
}

const JUDGEMENT_LABELS = { prune: 'pruned by you', 'root-cause': 'marked by you', retest: 're-test requested' } as const;

function presentEvidence(evidence: Evidence | undefined): NodePresentation {
  if (!evidence) return { label: 'Evidence', icon: { id: 'star-empty' }, contextValue: 'evidence' };
  const color = evidence.strength === 'none' || evidence.kind === 'unavailable' ? 'disabledForeground' : evidence.supports ? 'charts.green' : 'charts.red';
  const tooltip = [
    `**${escapeMarkdown(evidence.summary)}**`,
    '',
    `${evidence.strength} · ${evidence.supports ? 'supports' : 'refutes'} · ${escapeMarkdown(evidence.source)} · ${escapeMarkdown(evidence.kind)}${
      evidence.observedAt ? ` · ${escapeMarkdown(evidence.observedAt)}` : ''
    }`,
  ].join('\n');
  return {
    label: evidence.summary,
    description: evidence.supports ? evidence.strength : `${evidence.strength} · refutes`,
    icon: { id: evidence.kind === 'unavailable' ? 'warning' : STRENGTH_ICONS[evidence.strength], color },
    tooltip,
    contextValue: evidenceContextValue(evidence),
    command: { id: 'runbook.showEvidence', title: 'Show Evidence' },
  };
}

/** `evidence`, tagged `+query` (Copy Query as CLI) and `+code` (Jump to Code) when it has them. */
export function evidenceContextValue(evidence: Evidence): string {
  return `evidence${evidence.queryId ? '+query' : ''}${evidence.codeLocations?.length ? '+code' : ''}`;
}

export function codeLocationLabel(path: string, line: number): string {
  return `${baseName(path)}:${line}`;
}

function presentCodeLocation(state: InvestigationState, evidenceId: string, index: number): NodePresentation {
  const location = state.evidence[evidenceId]?.codeLocations?.[index];
  if (!location) return { label: 'Jump to Code', icon: { id: 'go-to-file' }, contextValue: 'evidence.code' };
  return {
    label: codeLocationLabel(location.path, location.line),
    description: location.functionName ? `${location.functionName} · ${location.path}` : location.path,
    icon: { id: 'go-to-file' },
    tooltip: [`**Jump to Code**`, '', '```', location.raw.replace(/```/g, "'''"), '```'].join('\n'),
    contextValue: 'evidence.code',
    command: { id: 'runbook.jumpToCode', title: 'Jump to Code' },
  };
}

function presentCommit(state: InvestigationState, sha: string): NodePresentation {
  const commit = findCommit(state, sha);
  if (!commit) return { label: sha.slice(0, 7), icon: { id: 'git-commit' }, contextValue: 'commit' };
  return {
    label: `${commit.shortSha} ${truncate(commit.subject, 48)}`,
    description: `${commit.author} · ${commit.date.slice(0, 10)}`,
    icon: { id: 'git-commit' },
    tooltip: [`**${escapeMarkdown(commit.subject)}**`, '', `${escapeMarkdown(commit.sha)} · ${escapeMarkdown(commit.author)} · ${escapeMarkdown(commit.date)}`, '', ...commit.files.map((file) => `- ${escapeMarkdown(file)}`)].join('\n'),
    contextValue: 'commit',
    command: { id: 'runbook.showCommit', title: 'Show Commit' },
  };
}

/** `approved · applied`, `rejected`, `risk: high` */
export function remediationDescription(risk: string, record: InvestigationState['remediations'][string] | undefined): string {
  if (!record?.decision) return `risk: ${risk}`;
  if (record.decision === 'rejected') return 'rejected';
  if (!record.executed) return 'approved · applying…';
  return record.executed.ok ? 'approved · applied' : 'approved · failed';
}

function presentRemediation(state: InvestigationState, remediationId: string): NodePresentation {
  const proposal = findRemediation(state, remediationId);
  if (!proposal) return { label: remediationId, icon: { id: 'tools' }, contextValue: 'remediation.decided' };
  const record = state.remediations[remediationId];
  const tooltip = [
    `**${escapeMarkdown(proposal.title)}**`,
    '',
    '```',
    proposal.apiCall.replace(/```/g, "'''"),
    '```',
    '',
    `Risk: ${escapeMarkdown(proposal.risk)}`,
    '',
    `Undo: ${escapeMarkdown(proposal.undo)}`,
    ...(record?.executed ? ['', escapeMarkdown(record.executed.detail)] : []),
  ].join('\n');
  return {
    label: proposal.title,
    description: remediationDescription(proposal.risk, record),
    icon: record?.executed ? { id: record.executed.ok ? 'pass' : 'error', color: record.executed.ok ? 'testing.iconPassed' : 'errorForeground' } : { id: 'tools' },
    tooltip,
    // Once decided, the inline Apply action disappears: a proposal is approved or rejected once.
    contextValue: record?.decision ? 'remediation.decided' : 'remediation',
  };
}

function presentQuery(state: InvestigationState, queryId: string, running: boolean): NodePresentation {
  const record = state.queries[queryId];
  if (!record) return { label: queryId, icon: { id: 'search' }, contextValue: 'query' };
  const { query } = record;
  const label = `${query.operation} ${query.target}`;
  let description: string;
  let icon: IconPresentation;
  switch (record.state) {
    case 'planned':
      description = running ? 'running' : 'not run';
      icon = running ? { id: 'loading~spin' } : { id: 'circle-outline', color: 'descriptionForeground' };
      break;
    case 'refused':
      description = 'refused';
      icon = { id: 'circle-slash', color: 'list.warningForeground' };
      break;
    case 'failed':
      description = 'failed';
      icon = { id: 'error', color: 'errorForeground' };
      break;
    case 'completed':
      description = `${record.resultCount ?? 0} result${record.resultCount === 1 ? '' : 's'}`;
      icon = { id: 'search' };
      break;
  }
  const tooltip = [
    `**${escapeMarkdown(label)}**`,
    '',
    escapeMarkdown(query.rationale),
    ...(record.refusedReason ? ['', `Refused: ${escapeMarkdown(record.refusedReason)}`] : []),
    ...(record.error ? ['', `Error: ${escapeMarkdown(record.error)}`] : []),
    ...(record.durationMs !== undefined ? ['', `${record.durationMs} ms`] : []),
  ].join('\n');
  return { label, description, icon, tooltip, contextValue: 'query' };
}
