/** A small investigation, built through the real event stream and reducer, for the vscode-layer unit tests. */
import { EventStream, type InvestigationEventBody } from '../../../src/core/events';
import type { Evidence, HypothesisNode, RemediationProposal } from '../../../src/core/model';
import { reduceInvestigation, type InvestigationState } from '../../../src/core/state';

export const clock = (): Date => new Date('2026-11-21T03:00:00.000Z');

export function hypothesis(overrides: Partial<HypothesisNode> & Pick<HypothesisNode, 'id' | 'title'>): HypothesisNode {
  return {
    depth: 0,
    category: 'oom',
    rationale: 'Tasks are being killed.',
    prior: 0.4,
    status: 'pending',
    confidence: 0.1,
    evidenceIds: [],
    queryIds: [],
    ...overrides,
  };
}

export const STACK_EVIDENCE: Evidence = {
  id: 'E1',
  hypothesisId: 'H1a',
  queryId: 'Q1',
  source: 'cloudwatch-logs',
  kind: 'log-pattern',
  strength: 'strong',
  supports: true,
  summary: '312 "JavaScript heap out of memory" errors after the deploy',
  observedAt: '2026-11-21T02:41:00.000Z',
  excerpt: '<script>alert(1)</script> FATAL ERROR: heap out of memory\n    at getThumbnail (/app/src/cache/thumbnailCache.js:42:17)',
  codeLocations: [
    { path: '/app/src/cache/thumbnailCache.js', line: 42, column: 17, functionName: 'getThumbnail', raw: 'at getThumbnail (/app/src/cache/thumbnailCache.js:42:17)' },
    { path: '/app/src/handlers/resize.js', line: 10, raw: 'at /app/src/handlers/resize.js:10:3' },
  ],
  data: { count: 312, rate: 0.4 },
};

export const COMMIT = {
  sha: 'abc1234def5678abc1234def5678abc1234def56',
  shortSha: 'abc1234',
  subject: 'Keep thumbnails cached in memory for faster responses',
  author: 'Dana Dev',
  date: '2026-11-21T02:10:00Z',
  files: ['src/cache/thumbnailCache.js'],
};

export const ROLLBACK: RemediationProposal = {
  id: 'R1',
  title: 'Roll back to image-resizer:41',
  rationale: 'Revision 42 introduced the leak.',
  action: { kind: 'ecs.updateService', cluster: 'prod-east', service: 'image-resizer', taskDefinition: 'image-resizer:41' },
  apiCall: 'ecs.UpdateService({cluster:"prod-east",service:"image-resizer",taskDefinition:"image-resizer:41"})',
  risk: 'high',
  undo: 'ecs.UpdateService back to image-resizer:42',
};

export function demoEvents(options: { conclude?: boolean } = {}): InvestigationEventBody[] {
  const bodies: InvestigationEventBody[] = [
    {
      type: 'investigation.started',
      reasoner: 'rules',
      incident: {
        id: 'INC-1042',
        title: 'image-resizer 5xx after deploy',
        source: 'demo',
        severity: 'high',
        startedAt: '2026-11-21T02:40:00Z',
        service: 'image-resizer',
        target: { platform: 'ecs', cluster: 'prod-east', service: 'image-resizer' },
        symptoms: [],
      },
    },
    { type: 'hypothesis.added', hypothesis: hypothesis({ id: 'H1', title: 'Tasks run out of memory' }) },
    { type: 'hypothesis.added', hypothesis: hypothesis({ id: 'H2', title: 'Downstream dependency fails', category: 'dependency' }) },
    { type: 'hypothesis.updated', hypothesisId: 'H1', status: 'testing', confidence: 0.3, reason: 'testing' },
    { type: 'hypothesis.added', hypothesis: hypothesis({ id: 'H1a', parentId: 'H1', depth: 1, title: 'Thumbnail cache grows without bound' }) },
    {
      type: 'query.planned',
      query: { id: 'Q1', hypothesisId: 'H1a', provider: 'cloudwatch-logs', operation: 'filterLogEvents', target: '/ecs/image-resizer', params: {}, rationale: 'Look for heap errors' },
    },
    { type: 'query.completed', queryId: 'Q1', resultCount: 312, durationMs: 40 },
    { type: 'evidence.added', evidence: STACK_EVIDENCE },
    {
      type: 'evidence.added',
      evidence: { id: 'E2', hypothesisId: 'H1a', source: 'git', kind: 'commit', strength: 'strong', supports: true, summary: 'Commit abc1234 added an unbounded cache', commits: [COMMIT] },
    },
    { type: 'hypothesis.updated', hypothesisId: 'H2', status: 'pruned', confidence: 0.05, reason: 'no errors downstream' },
    {
      type: 'hypothesis.updated',
      hypothesisId: 'H1a',
      status: 'confirmed',
      confidence: 0.92,
      factors: { strength: 1, temporal: 1, corroboration: 0.8, specificity: 1, explanation: ['Evidence: 2 supporting item(s), strongest strong.', 'Timing: the change landed 30 min before symptoms began.'] },
      reason: 'confirmed',
    },
  ];
  if (options.conclude !== false) {
    bodies.push({
      type: 'conclusion',
      conclusion: {
        status: 'root-cause',
        hypothesisId: 'H1a',
        category: 'oom',
        confidence: 0.92,
        summary: 'Unbounded thumbnail cache exhausts task memory',
        commits: [COMMIT],
        remediations: [ROLLBACK],
        unchecked: [],
      },
    });
  }
  return bodies;
}

export function demoState(options: { conclude?: boolean } = {}): InvestigationState {
  const stream = new EventStream('INV-1', clock);
  for (const body of demoEvents(options)) stream.emit(body);
  return reduceInvestigation(stream.events);
}
