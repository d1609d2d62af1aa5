/**
 * A demo-like investigation with what the timeline, CodeLens and pattern views read: a triage
 * context (deployment, terminations, log overview), the overview query with its windows, log
 * patterns with stack frames, and a concluded culprit commit. Built through the real reducer.
 */
import { EventStream, type InvestigationEventBody } from '../../../src/core/events';
import type { Evidence } from '../../../src/core/model';
import type { TriageContext } from '../../../src/core/reasoner/types';
import { reduceInvestigation, type InvestigationState } from '../../../src/core/state';
import { COMMIT, hypothesis } from './fixtures';

const at = (hhmm: string): number => Date.parse(`2026-11-20T${hhmm}:00.000Z`);
export const ONSET = at('10:16');
export const NOW = at('10:45');
export const DEPLOY_AT = at('10:12');

export const OOM_EVIDENCE: Evidence = {
  id: 'E2',
  hypothesisId: 'H1',
  queryId: 'Q7',
  source: 'cloudwatch-logs',
  kind: 'log-pattern',
  strength: 'strong',
  supports: true,
  summary: 'oom messages',
  observedAt: '2026-11-20T10:18:00.000Z',
  codeLocations: [{ path: '/app/src/cache/thumbnailCache.js', line: 30, column: 44, functionName: 'ThumbnailCache.put', raw: 'at ThumbnailCache.put (/app/src/cache/thumbnailCache.js:30:44)' }],
  patterns: [
    {
      template: 'ERROR uncaughtException: RangeError: Array buffer allocation failed',
      change: 'new',
      incidentCount: 4210,
      baselineCount: 0,
      firstSeen: '2026-11-20T10:21:00.000Z',
      example: 'ERROR uncaughtException: RangeError: Array buffer allocation failed\n    at ThumbnailCache.put (/app/src/cache/thumbnailCache.js:30:44)',
    },
  ],
};

export function triageContext(overrides: Partial<TriageContext> = {}): TriageContext {
  return {
    incident: incident(),
    onset: ONSET,
    now: NOW,
    taskDefinitions: {},
    changes: [
      {
        kind: 'deployment',
        platform: 'ecs',
        at: DEPLOY_AT,
        summary: 'Deployment of image-resizer:42 (from image-resizer:41)',
        fromVersion: 'image-resizer:41',
        toVersion: 'image-resizer:42',
        toCommit: COMMIT.sha,
        differences: [{ kind: 'image', container: 'app', before: 'image-resizer:4a06bab', after: 'image-resizer:abc1234', text: 'app image image-resizer:4a06bab → image-resizer:abc1234' }],
      },
    ],
    terminations: [
      { platform: 'ecs', unit: 'task-1', version: 'image-resizer:42', reason: 'OutOfMemoryError: Container killed due to memory usage', exitCode: 137, at: at('10:19') },
      { platform: 'ecs', unit: 'task-2', version: 'image-resizer:42', reason: 'OutOfMemoryError: Container killed due to memory usage', exitCode: 137, at: at('10:31') },
      { platform: 'ecs', unit: 'task-3', version: 'image-resizer:41', reason: 'Scaling activity initiated by deployment', at: at('10:13') },
    ],
    nodes: [],
    recentCommits: [],
    logOverview: [
      {
        templateId: 't1',
        template: 'ERROR uncaughtException: RangeError: Array buffer allocation failed',
        change: 'new',
        incidentCount: 4210,
        baselineCount: 0,
        ratio: Infinity,
        firstSeen: at('10:21'),
        level: 'ERROR',
        isException: true,
        example: 'ERROR uncaughtException: RangeError: Array buffer allocation failed',
        codeLocations: [],
      },
      {
        templateId: 't2',
        template: 'WARN thumbnail cache size=<*> entries, heap used <*> MB',
        change: 'new',
        incidentCount: 88,
        baselineCount: 0,
        ratio: Infinity,
        firstSeen: at('10:14'),
        level: 'WARN',
        isException: false,
        example: 'WARN thumbnail cache size=51234 entries, heap used 301 MB',
        codeLocations: [],
      },
      {
        templateId: 't3',
        template: 'ERROR Slow response from payments-api: <*> ms',
        change: 'steady',
        incidentCount: 39,
        baselineCount: 39,
        ratio: 1,
        firstSeen: at('10:06'),
        // The miner reports levels in lower case.
        level: 'error',
        isException: false,
        example: 'ERROR Slow response from payments-api: 1352 ms',
        codeLocations: [],
      },
    ],
    serviceMap: {},
    unavailable: [],
    ...overrides,
  };
}

function incident(): TriageContext['incident'] {
  return {
    id: 'INC-1042',
    title: 'image-resizer 5xx after deploy',
    source: 'demo',
    severity: 'high',
    startedAt: '2026-11-20T10:16:00.000Z',
    service: 'image-resizer',
    target: { platform: 'ecs', cluster: 'prod-east', service: 'image-resizer' },
    symptoms: [],
  };
}

export function incidentEvents(options: { extraEvidence?: Evidence[]; context?: TriageContext } = {}): InvestigationEventBody[] {
  const context = options.context ?? triageContext();
  return [
    { type: 'investigation.started', reasoner: 'rules', incident: context.incident },
    {
      type: 'query.planned',
      query: {
        id: 'Q4',
        hypothesisId: 'context',
        provider: 'cloudwatch-logs',
        operation: 'logs.compareWindows',
        target: '/ecs/image-resizer',
        params: { baselineStart: at('08:06'), baselineEnd: at('09:05') + 59_999 },
        window: { start: at('09:06'), end: NOW },
        rationale: 'overview',
      },
    },
    { type: 'context.gathered', context },
    { type: 'hypothesis.added', hypothesis: hypothesis({ id: 'H1', title: 'Containers run out of memory', status: 'pending', focus: { changeAt: String(DEPLOY_AT) } }) },
    { type: 'hypothesis.added', hypothesis: hypothesis({ id: 'H2', title: 'A dependency is slow', category: 'dependency' }) },
    { type: 'query.planned', query: { id: 'Q7', hypothesisId: 'H1', provider: 'cloudwatch-logs', operation: 'logs.compareWindows', target: '/ecs/image-resizer', params: {}, rationale: 'oom' } },
    { type: 'evidence.added', evidence: OOM_EVIDENCE },
    ...(options.extraEvidence ?? []).map((evidence): InvestigationEventBody => ({ type: 'evidence.added', evidence })),
    { type: 'hypothesis.updated', hypothesisId: 'H1', status: 'confirmed', confidence: 0.95, reason: 'confirmed' },
    { type: 'hypothesis.updated', hypothesisId: 'H2', status: 'pruned', confidence: 0.05, reason: 'no evidence' },
    {
      type: 'conclusion',
      conclusion: { status: 'root-cause', hypothesisId: 'H1', category: 'oom', confidence: 0.95, summary: 'OOM after deploy', commits: [COMMIT], culprit: { kind: 'commit', id: COMMIT.sha }, remediations: [], unchecked: [] },
    },
    { type: 'investigation.completed', outcome: 'concluded' },
  ];
}

export function incidentState(options: Parameters<typeof incidentEvents>[0] = {}): { state: InvestigationState; context: TriageContext; stream: EventStream } {
  const stream = new EventStream('INC-1042-20261120T104500Z', () => new Date(NOW));
  for (const body of incidentEvents(options)) stream.emit(body);
  const gathered = stream.events.find((event) => event.type === 'context.gathered');
  return { state: reduceInvestigation(stream.events), context: gathered?.type === 'context.gathered' ? gathered.context : triageContext(), stream };
}
