/**
 * A small scenario for unit tests: every value the tests assert on is visible here, so the
 * expectations do not depend on the demo's story. Returns fresh JSON each call (tests mutate it).
 */
import type { ScenarioInput } from '../../../src/sandbox/scenario/scenario';

export const MINI_NOW = '2026-01-15T12:00:00Z';
export const MINI_GROUP = '/ecs/web';
/** The paging generator: one event per second for 2500 s from PAGING_FROM. */
export const PAGING_FROM = '2026-01-15T10:00:00Z';
export const PAGING_COUNT = 2500;

export interface MiniOptions {
  stoppedTasks?: number;
  faults?: NonNullable<ScenarioInput['world']['faults']>;
}

export function miniScenario(options: MiniOptions = {}): ScenarioInput {
  const stopped = Array.from({ length: options.stoppedTasks ?? 3 }, (_, i) => ({
    id: `stopped${String(i).padStart(4, '0')}`,
    service: 'web',
    taskDefinition: 'web:2',
    lastStatus: 'STOPPED' as const,
    desiredStatus: 'STOPPED' as const,
    startedAt: '2026-01-15T11:00:00Z',
    // One second apart, so "newest first" has a single right order.
    stoppedAt: new Date(Date.parse('2026-01-15T11:10:00Z') + i * 1000).toISOString(),
    stoppedReason: 'Essential container in task exited',
    stopCode: 'EssentialContainerExited' as const,
    containers: [{ name: 'web', exitCode: 1, reason: 'Error' }],
  }));
  return {
    id: 'mini-test',
    title: 'Mini test scenario',
    description: 'Fixture for unit tests.',
    clock: { now: MINI_NOW },
    incident: {
      id: 'INC-1',
      title: 'web: errors',
      source: 'scenario',
      severity: 'high',
      startedAt: '2026-01-15T11:30:00Z',
      service: 'web',
      target: { platform: 'ecs', cluster: 'c1', service: 'web', logGroup: MINI_GROUP, region: 'eu-west-1' },
      symptoms: ['errors'],
    },
    world: {
      aws: { region: 'eu-west-1', accountId: '111122223333' },
      ecs: {
        taskDefinitions: [
          { family: 'web', revision: 1, registeredAt: '2026-01-14T09:00:00Z', memory: 512, containers: [{ name: 'web', image: 'registry.example/web:{{short:one}}', environment: [{ name: 'GIT_SHA', value: '{{commit:one}}' }] }] },
          { family: 'web', revision: 2, registeredAt: '2026-01-15T11:00:00Z', memory: '512', containers: [{ name: 'web', image: 'registry.example/web:{{short:two}}', memory: 512, environment: [{ name: 'GIT_SHA', value: '{{commit:two}}' }] }] },
        ],
        clusters: [
          {
            name: 'c1',
            services: [
              {
                name: 'web',
                desiredCount: 2,
                runningCount: 1,
                pendingCount: 1,
                taskDefinition: 'web:2',
                deployments: [
                  { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: 'web:2', desiredCount: 2, runningCount: 1, createdAt: '2026-01-15T11:00:30Z', updatedAt: '2026-01-15T11:05:00Z', rolloutState: 'IN_PROGRESS' },
                  { id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: 'web:1', desiredCount: 0, runningCount: 0, createdAt: '2026-01-14T09:01:00Z', updatedAt: '2026-01-15T11:00:30Z', rolloutState: 'COMPLETED' },
                ],
                events: [
                  { createdAt: '2026-01-14T09:05:00Z', message: '(service web) has reached a steady state.' },
                  { id: 'ev-2', createdAt: '2026-01-15T11:01:00Z', message: '(service web) has started 2 tasks.' },
                ],
              },
              { name: 'other', desiredCount: 1, runningCount: 1, pendingCount: 0, taskDefinition: 'web:1', deployments: [{ id: 'ecs-svc/9', status: 'PRIMARY', taskDefinition: 'web:1', desiredCount: 1, runningCount: 1, createdAt: '2026-01-14T09:01:00Z', updatedAt: '2026-01-14T09:01:00Z' }] },
            ],
            tasks: [
              { id: 'running0001', service: 'web', taskDefinition: 'web:2', lastStatus: 'RUNNING', desiredStatus: 'RUNNING', startedAt: '2026-01-15T11:01:00Z', containers: [{ name: 'web' }] },
              { id: 'otherrun001', service: 'other', taskDefinition: 'web:1', lastStatus: 'RUNNING', desiredStatus: 'RUNNING', startedAt: '2026-01-14T09:02:00Z', containers: [{ name: 'web' }] },
              ...stopped,
            ],
          },
        ],
      },
      logs: {
        groups: [
          {
            name: MINI_GROUP,
            defaultStream: 'web/main',
            events: [
              { at: '2026-01-15T11:00:00Z', message: 'ERROR OutOfMemoryError in worker' },
              { at: '2026-01-15T11:00:01Z', message: 'error lowercase outofmemoryerror' },
              { at: '2026-01-15T11:00:02Z', message: 'WARN heap out of memory soon', stream: 'web/other' },
              { at: '2026-01-15T11:00:03Z', message: 'ERROR Exception: boom\n    at handler (/app/x.js:1:1)' },
              { at: '2026-01-15T11:00:04Z', message: 'INFO healthcheck ERROR-free' },
              { at: '2026-01-15T11:00:05Z', message: 'INFO GET / 200' },
            ],
            generators: [{ template: 'tick {int:1-9} {pick:a|b}', from: PAGING_FROM, to: '2026-01-15T10:41:40Z', everySeconds: 1 }],
          },
        ],
      },
      git: {
        commits: [
          { label: 'one', message: 'First commit', author: 'Ann Author', email: 'ann@example.test', date: '2026-01-14T08:00:00Z', files: { 'README.md': '# web\n', 'src/app.js': 'module.exports = 1;\n' } },
          { label: 'two', message: 'Second commit\n\nWith a body.', author: 'Bob Builder', email: 'bob@example.test', date: '2026-01-15T10:30:00Z', files: { 'src/app.js': 'module.exports = 2;\n', 'README.md': null } },
        ],
      },
      faults: options.faults ?? [],
    },
    truth: { category: 'bad-deploy', culprit: { kind: 'commit', id: '{{commit:two}}' }, remediation: 'roll back to web:1' },
  };
}
