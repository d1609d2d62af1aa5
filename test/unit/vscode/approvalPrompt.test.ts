import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvalPrompt, decisionFromAnswer } from '../../../src/vscode/approvalPrompt';
import { ROLLBACK } from './fixtures';

test('the approval dialog names the action and shows the exact call, risk and undo', () => {
  const { message, detail } = approvalPrompt(ROLLBACK);
  assert.equal(message, 'Apply remediation "Roll back to image-resizer:41" to ECS service prod-east/image-resizer?');
  assert.ok(detail.startsWith('ecs.UpdateService({cluster:"prod-east",service:"image-resizer",taskDefinition:"image-resizer:41"})\n'));
  assert.match(detail, /^Risk: high$/m);
  assert.match(detail, /^Undo: ecs\.UpdateService back to image-resizer:42$/m);
});

test('only an explicit Approve approves', () => {
  assert.equal(decisionFromAnswer('Approve'), 'approved');
  assert.equal(decisionFromAnswer('Reject'), 'rejected');
  assert.equal(decisionFromAnswer(undefined), 'rejected');
});
