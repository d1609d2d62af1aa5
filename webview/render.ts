/**
 * Renders an EvidenceView into the panel with DOM APIs and textContent only. Actions post typed
 * messages to the host; when the panel is detached from its investigation they are disabled.
 */
import type {
  CodeLinkView,
  CommitLinkView,
  EvidenceItemView,
  EvidenceView,
  FactorView,
  PatternView,
  RemediationView,
  SuspectsView,
  TerminationGroupView,
  WebviewToHost,
} from '../src/shared/protocol';
import { el } from './dom';
import { renderTimeline } from './timeline';
import { badge, button, divider } from './toolkit';
import { renderSparkline } from './sparkline';

export interface RenderContext {
  post(message: WebviewToHost): void;
  /** Set when the panel's investigation is gone: show why, disable actions. */
  detachedReason?: string;
  /** Width available to the timeline, in CSS pixels. */
  width: number;
}

export function renderView(root: HTMLElement, view: EvidenceView, context: RenderContext): void {
  const actionsEnabled = context.detachedReason === undefined;
  const incident = view.incident ? `${view.incident.id} · ${view.incident.service}` : undefined;
  const children: (Node | undefined)[] = [
    el(
      'header',
      { className: 'header' },
      el('div', { className: 'eyebrow', text: [view.kindLabel, incident].filter(Boolean).join(' · ') }),
      el('h1', { text: view.title }),
      el(
        'div',
        { className: 'meta' },
        view.status ? statusBadge(view.status) : null,
        view.confidence !== undefined ? el('span', { className: 'confidence', text: `${view.confidence}% confidence` }) : null,
        view.live ? el('span', { className: 'live', text: 'investigating…' }) : null,
      ),
    ),
    context.detachedReason ? el('p', { className: 'notice', text: context.detachedReason }) : undefined,
    view.judgement ? el('p', { className: 'notice judgement', text: view.judgement }) : undefined,
    view.timeline ? section('Timeline', renderTimeline(view.timeline, context.width)) : undefined,
    view.factors.length || view.explanation.length ? section('Confidence', factorTable(view.factors), explanationList(view.explanation)) : undefined,
    view.rationale ? section('Why', el('p', { text: view.rationale })) : undefined,
    view.codeLinks.length ? section('Code', codeLinks(view.codeLinks, context, actionsEnabled)) : undefined,
    view.commits.length ? section('Commits', commitLinks(view.commits, context, actionsEnabled)) : undefined,
    view.suspects ? section('Suspect commits', suspectList(view.suspects, context, actionsEnabled)) : undefined,
    view.remediations.length ? section('Remediation', ...view.remediations.map((item) => remediationCard(item, context, actionsEnabled))) : undefined,
    view.terminations.length ? section('Stopped tasks and pods', terminationTable(view.terminations)) : undefined,
    view.evidence.length
      ? section(`Evidence (${view.evidence.length})`, ...view.evidence.map((item) => evidenceCard(item, context, actionsEnabled, view.evidence.length > 1)))
      : section('Evidence', el('p', { className: 'muted', text: view.live ? 'No evidence yet.' : 'No evidence was gathered for this node.' })),
    view.queries.length
      ? section(
          'Queries',
          el(
            'ul',
            { className: 'queries' },
            ...view.queries.map((query) =>
              el(
                'li',
                {},
                el('span', { className: `query-state ${query.state}`, text: query.state }),
                el('code', { text: query.label }),
                button('Copy as CLI', () => context.post({ type: 'copyQuery', queryId: query.id }), { disabled: !actionsEnabled, title: 'Copy the aws / kubectl / git command that asks the same question', className: 'inline-action' }),
                el('div', { className: 'muted', text: query.detail }),
              ),
            ),
          ),
        )
      : undefined,
    view.unchecked.length ? section('Not checked', el('ul', {}, ...view.unchecked.map((item) => el('li', { text: item })))) : undefined,
  ];
  root.replaceChildren(...children.filter((child): child is Node => child !== undefined));
}

export function renderMessage(root: HTMLElement, text: string): void {
  root.replaceChildren(el('p', { className: 'empty', text }));
}

function section(title: string, ...content: (Node | null)[]): HTMLElement {
  return el('section', {}, divider(), el('h2', { text: title }), ...content);
}

function statusBadge(status: string): HTMLElement {
  const element = badge(status);
  element.classList.add(`status-${status}`);
  return element;
}

function factorTable(factors: FactorView[]): HTMLElement | null {
  if (!factors.length) return null;
  return el(
    'div',
    { className: 'factors' },
    ...factors.map((factor) => {
      const fill = el('div', { className: 'fill' });
      // CSSOM, not a style attribute: allowed by the CSP without 'unsafe-inline'.
      fill.style.width = `${factor.percent}%`;
      const bar = el('div', { className: 'bar' }, fill);
      bar.setAttribute('role', 'meter');
      bar.setAttribute('aria-valuemin', '0');
      bar.setAttribute('aria-valuemax', '100');
      bar.setAttribute('aria-valuenow', String(factor.percent));
      bar.setAttribute('aria-label', factor.label);
      return el('div', { className: 'factor' }, el('span', { className: 'factor-label', text: factor.label }), bar, el('span', { className: 'factor-value', text: `${factor.percent}%` }));
    }),
  );
}

function explanationList(lines: string[]): HTMLElement | null {
  return lines.length ? el('ul', { className: 'explanation' }, ...lines.map((line) => el('li', { text: line }))) : null;
}

function codeLinks(links: CodeLinkView[], context: RenderContext, enabled: boolean): HTMLElement {
  return el(
    'div',
    { className: 'links' },
    ...links.map((link) =>
      button(`Jump to ${link.label}`, () => context.post({ type: 'openCode', evidenceId: link.evidenceId, index: link.index }), {
        disabled: !enabled,
        title: link.detail,
      }),
    ),
  );
}

function commitLinks(commits: CommitLinkView[], context: RenderContext, enabled: boolean): HTMLElement {
  return el(
    'div',
    { className: 'links commits' },
    ...commits.map((commit) =>
      el(
        'div',
        { className: 'commit' },
        button(`${commit.shortSha} ${commit.subject}`, () => context.post({ type: 'openCommit', sha: commit.sha }), { disabled: !enabled, title: `Show commit ${commit.sha}` }),
        el('span', { className: 'muted', text: `${commit.author} · ${commit.date}` }),
      ),
    ),
  );
}

function remediationCard(item: RemediationView, context: RenderContext, enabled: boolean): HTMLElement {
  const decided = item.decision !== undefined;
  const outcome = !decided
    ? null
    : el('p', { className: item.executed?.ok === false ? 'outcome failed' : 'outcome', text: outcomeText(item) });
  return el(
    'article',
    { className: 'card remediation' },
    el('div', { className: 'card-head' }, el('strong', { text: item.title }), badge(`risk: ${item.risk}`)),
    el('pre', { className: 'api-call', text: item.apiCall }),
    el('p', { text: `Undo: ${item.undo}` }),
    el('p', { className: 'muted', text: item.rationale }),
    outcome,
    button('Apply Remediation…', () => context.post({ type: 'applyRemediation', remediationId: item.id }), {
      appearance: 'primary',
      disabled: !enabled || decided,
      title: 'Asks for your approval first',
    }),
  );
}

function outcomeText(item: RemediationView): string {
  if (item.decision === 'rejected') return 'Rejected: nothing was changed.';
  if (!item.executed) return 'Approved: applying…';
  return `${item.executed.ok ? 'Applied' : 'Failed'}: ${item.executed.detail}`;
}

function evidenceCard(item: EvidenceItemView, context: RenderContext, enabled: boolean, showLinks: boolean): HTMLElement {
  const facts = [item.supports ? 'supports' : 'refutes', item.kind, item.source, item.observedAt ? `observed ${item.observedAt}` : undefined].filter(Boolean).join(' · ');
  return el(
    'article',
    { className: `card evidence strength-${item.strength}` },
    el('div', { className: 'card-head' }, badge(item.strength), el('strong', { text: item.summary })),
    el('div', { className: 'muted', text: facts }),
    item.data.length ? el('dl', { className: 'data' }, ...item.data.flatMap(({ key, value }) => [el('dt', { text: key }), el('dd', { text: value })])) : null,
    item.patterns.length ? patternTable(item, context, enabled) : null,
    item.series ? renderSparkline(item.series) : null,
    // Raw log text: a <pre> filled with textContent, so markup in it stays text.
    item.excerpt ? el('pre', { className: 'excerpt', text: item.excerpt }) : null,
    showLinks && item.codeLinks.length ? codeLinks(item.codeLinks, context, enabled) : null,
    showLinks && item.commits.length ? commitLinks(item.commits, context, enabled) : null,
    item.queryId
      ? el('div', { className: 'links' }, button('Copy query as CLI', () => context.post({ type: 'copyQuery', queryId: item.queryId! }), { disabled: !enabled, title: `Copy ${item.queryId} as aws / kubectl / git commands` }))
      : null,
  );
}

/** The pattern diff: each template with its baseline → incident counts and onset. */
function patternTable(item: EvidenceItemView, context: RenderContext, enabled: boolean): HTMLElement {
  const head = el('tr', {}, ...['Change', 'Log template', 'Baseline', 'Incident', 'First seen', ''].map((label) => el('th', { text: label })));
  return el(
    'table',
    { className: 'patterns' },
    el('thead', {}, head),
    el(
      'tbody',
      {},
      ...item.patterns.map((pattern, index) =>
        el(
          'tr',
          {},
          el('td', {}, changeBadge(pattern)),
          el('td', { className: 'template' }, el('code', { text: pattern.template })),
          el('td', { className: 'count', text: pattern.baselineCount.toLocaleString('en-US') }),
          el('td', { className: 'count', text: pattern.incidentCount.toLocaleString('en-US') }),
          el('td', { className: 'time', text: pattern.firstSeen ? `${pattern.firstSeen.slice(11, 16)} UTC` : '—' }),
          el('td', {}, button('Find in Code', () => context.post({ type: 'findTemplate', evidenceId: item.id, index }), { disabled: !enabled, title: 'Open the source line that prints this log line', className: 'inline-action' })),
        ),
      ),
    ),
  );
}

function changeBadge(pattern: PatternView): HTMLElement {
  const element = badge(pattern.change);
  element.classList.add(`change-${pattern.change}`);
  return element;
}

function terminationTable(groups: TerminationGroupView[]): HTMLElement {
  const time = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)}`;
  return el(
    'div',
    { className: 'terminations' },
    ...groups.map((group) =>
      el(
        'article',
        { className: `card termination${group.waiting ? ' waiting' : ''}` },
        el('div', { className: 'card-head' }, badge(`×${group.count}`), el('strong', { text: group.reason })),
        el(
          'div',
          {
            className: 'muted',
            text: [
              group.waiting ? 'waiting' : group.platform === 'ecs' ? 'stopped tasks' : 'terminated containers',
              group.exitCodes.length ? `exit ${group.exitCodes.join(', ')}` : undefined,
              group.versions.length ? group.versions.join(', ') : undefined,
              group.first === group.last ? `${time(group.first)} UTC` : `${time(group.first)}–${time(group.last)} UTC`,
            ]
              .filter(Boolean)
              .join(' · '),
          },
        ),
        el('pre', { className: 'units', text: group.units.join('\n') }),
      ),
    ),
  );
}

/** The deployment's commits ranked by the evidence, with blame and pull request links. */
function suspectList(suspects: SuspectsView, context: RenderContext, enabled: boolean): HTMLElement {
  const range = suspects.range;
  return el(
    'div',
    { className: 'suspects' },
    range
      ? el('p', {
          className: 'muted',
          text: `Deployment ${range.label} at ${new Date(range.at).toISOString().slice(11, 16)} UTC — commits ${range.from ? `${range.from}..` : 'up to '}${range.to}${range.workspace ? `; ${range.to} ${range.workspace}` : ''}.`,
        })
      : null,
    suspects.note ? el('p', { className: suspects.status === 'pending' ? 'muted live' : 'muted', text: suspects.note }) : null,
    ...suspects.items.map((suspect) =>
      el(
        'article',
        { className: `card suspect${suspect.score > 0 ? ' implicated' : ''}` },
        el(
          'div',
          { className: 'card-head' },
          button(`${suspect.shortSha} ${suspect.subject}`, () => context.post({ type: 'openCommit', sha: suspect.sha }), { disabled: !enabled, title: `Show commit ${suspect.sha} in the diff editor` }),
          badge(suspect.score > 0 ? `score ${suspect.score}` : 'unrelated'),
        ),
        el('div', { className: 'muted', text: `${suspect.author} · ${suspect.date}${suspect.blamedLines ? ` · blame: ${suspect.blamedLines} implicated line(s)` : ''}` }),
        suspect.reasons.length ? el('ul', { className: 'explanation' }, ...suspect.reasons.map((reason) => el('li', { text: reason }))) : null,
        suspect.pullRequest
          ? el(
              'div',
              { className: 'links' },
              button(`#${suspect.pullRequest.number} ${suspect.pullRequest.title} (${suspect.pullRequest.state})`, () => context.post({ type: 'openPullRequest', sha: suspect.sha }), {
                disabled: !enabled,
                title: `Open pull request #${suspect.pullRequest.number} by ${suspect.pullRequest.author} on GitHub`,
              }),
            )
          : suspect.pullRequestNote
            ? el('div', { className: 'muted', text: `Pull request: ${suspect.pullRequestNote}` })
            : null,
      ),
    ),
    suspects.canSignIn ? el('div', { className: 'links' }, button('Sign in to GitHub', () => context.post({ type: 'signInGitHub' }), { disabled: !enabled, title: 'Use your VS Code GitHub account to link commits to pull requests' })) : null,
  );
}
