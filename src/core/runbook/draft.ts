/**
 * Drafts a runbook from a finished investigation: frontmatter for the knowledge index, the
 * symptoms, the diagnosis steps with the queries that found the cause, the remediation with
 * its undo, and links to the incident and commits. Log excerpts are quoted, never trusted.
 */
import type { Evidence, HypothesisNode } from '../model';
import { ancestryOf, type InvestigationState } from '../state';

export interface RunbookDraft {
  /** Workspace-relative: runbooks/<service>/<slug>.md */
  relativePath: string;
  content: string;
}

export function draftRunbook(state: InvestigationState, options: { commitUrl?: (sha: string) => string | undefined } = {}): RunbookDraft {
  const incident = state.incident;
  const conclusion = state.conclusion;
  if (!incident || !conclusion) throw new Error('The investigation has not concluded yet; there is nothing to draft.');
  const service = slugify(incident.service) || 'service';
  const rootCause = conclusion.hypothesisId ? state.hypotheses[conclusion.hypothesisId] : undefined;
  const title = conclusion.status === 'root-cause' ? `${incident.service}: ${conclusion.summary}` : `${incident.service}: ${incident.title} (inconclusive)`;
  const slug = slugify(conclusion.status === 'root-cause' ? `${conclusion.category ?? 'incident'} ${conclusion.summary}` : incident.title).slice(0, 60).replace(/-+$/, '');
  const chain = rootCause ? ancestryOf(state, rootCause) : [];
  const chainEvidence = chain.flatMap((node) => node.evidenceIds.map((id) => state.evidence[id]!).filter((e) => e && e.supports && e.strength !== 'none'));
  const pruned = state.hypothesisOrder.map((id) => state.hypotheses[id]!).filter((n) => n.status === 'pruned');

  const lines: string[] = [];
  lines.push('---');
  lines.push(`title: ${yamlString(title)}`);
  lines.push(`service: ${yamlString(incident.service)}`);
  lines.push(`category: ${conclusion.category ?? 'unknown'}`);
  lines.push(`incident: ${yamlString(incident.id)}`);
  lines.push(`investigation: ${state.investigationId}`);
  lines.push(`confidence: ${conclusion.confidence}`);
  if (conclusion.commits.length) lines.push(`commits: [${conclusion.commits.map((c) => c.shortSha).join(', ')}]`);
  lines.push(`symptoms: [${incident.symptoms.map(yamlString).join(', ')}]`);
  lines.push(`drafted: ${state.finishedAt ?? new Date().toISOString()}`);
  lines.push('---', '');
  lines.push(`# ${title}`, '');
  lines.push(`Drafted by Runbook AI from investigation \`${state.investigationId}\` of ${incident.url ? `[${incident.id}](${incident.url})` : incident.id} (${incident.title}). Review before relying on it.`, '');

  lines.push('## Symptoms', '');
  for (const symptom of incident.symptoms.length ? incident.symptoms : [incident.title]) lines.push(`- ${symptom}`);
  lines.push(`- Started ${incident.startedAt}`, '');

  lines.push('## Diagnosis', '');
  lines.push('Check these in order; each step is the query that confirmed the cause last time.', '');
  let step = 1;
  for (const node of chain) {
    for (const queryId of node.queryIds) {
      const record = state.queries[queryId];
      if (!record || record.state !== 'completed') continue;
      const found = node.evidenceIds.map((id) => state.evidence[id]!).filter((e) => e?.queryId === queryId);
      lines.push(`${step++}. **${record.query.rationale}**`);
      lines.push(`   - Query: \`${describeQuery(record.query)}\``);
      for (const evidence of found) lines.push(`   - Found (${evidence.strength}): ${oneLine(evidence.summary)}`);
    }
  }
  if (step === 1) lines.push('_No query confirmed the cause; see the ruled-out list below._');
  lines.push('');
  if (chainEvidence.some((e) => e.excerpt)) {
    lines.push('### What it looked like', '');
    for (const evidence of chainEvidence.filter((e) => e.excerpt).slice(0, 2)) {
      lines.push('```text', sanitizeFence(evidence.excerpt!), '```', '');
    }
  }
  if (pruned.length) {
    lines.push('### Ruled out', '');
    for (const node of pruned) lines.push(`- ${node.title} — ${prunedReason(state, node)}`);
    lines.push('');
  }

  lines.push('## Root cause', '');
  lines.push(conclusion.status === 'root-cause' ? `${conclusion.summary} (confidence ${Math.round(conclusion.confidence * 100)}%).` : conclusion.summary);
  for (const explanation of conclusion.factors?.explanation ?? []) lines.push(`- ${explanation}`);
  for (const commit of conclusion.commits) {
    const url = options.commitUrl?.(commit.sha);
    lines.push(`- Commit ${url ? `[${commit.shortSha}](${url})` : `\`${commit.shortSha}\``} "${oneLine(commit.subject)}" by ${commit.author} (${commit.date}): ${commit.files.join(', ')}`);
  }
  lines.push('');

  lines.push('## Remediation', '');
  if (!conclusion.remediations.length) lines.push('_No automatic remediation was proposed._');
  for (const remediation of conclusion.remediations) {
    const record = state.remediations[remediation.id];
    lines.push(`### ${remediation.title}`, '');
    lines.push(remediation.rationale, '');
    lines.push(`- Call (risk **${remediation.risk}**, needs approval):`, '', '  ```', `  ${remediation.apiCall}`, '  ```', '');
    lines.push(`- Undo: ${remediation.undo}`);
    if (record?.decision) lines.push(`- Last time: ${record.decision}${record.executed ? ` — ${record.executed.ok ? 'succeeded' : 'failed'}: ${oneLine(record.executed.detail)}` : ''}`);
    lines.push('');
  }
  if (conclusion.unchecked.length) {
    lines.push('## Not checked', '');
    for (const item of conclusion.unchecked) lines.push(`- ${oneLine(item)}`);
    lines.push('');
  }
  return { relativePath: `runbooks/${service}/${slug || 'incident'}.md`, content: lines.join('\n') };
}

function prunedReason(state: InvestigationState, node: HypothesisNode): string {
  const evidence = node.evidenceIds.map((id) => state.evidence[id]).filter((e): e is Evidence => !!e);
  return evidence.length ? oneLine(evidence[0]!.summary) : 'no evidence found';
}

function describeQuery(query: { provider: string; operation: string; target: string; params: Record<string, unknown> }): string {
  const pattern = query.params.filterPattern ? ` filter=${String(query.params.filterPattern)}` : '';
  return `${query.operation} ${query.target}${pattern}`.replace(/`/g, "'");
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Untrusted excerpts must not be able to close the code fence and inject Markdown. */
function sanitizeFence(text: string): string {
  return text.replace(/```/g, "'''");
}
