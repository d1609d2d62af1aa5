/** Who sends the traffic: requester fields in JSON and key=value lines, and when one caller dominates. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dominantRequester, requestersOf } from '../../../src/core/logs/requesters';

describe('requesters in log lines', () => {
  it('reads client, tenant and API-key fields in JSON and key=value form, nothing else', () => {
    assert.deepEqual(requestersOf('{"level":"warn","msg":"Too Many Requests","client_id":"partner-globex","status":429}'), [['client_id', 'partner-globex']]);
    assert.deepEqual(requestersOf('WARN throttled tenant=acme api_key_id=k-123 path=/v1/x'), [['tenant', 'acme'], ['api_key_id', 'k-123']]);
    assert.deepEqual(requestersOf('GET /v1/items 200 user=bob status=200'), []);
  });

  it('one caller behind most new lines is the requester; a caller already there, or a mix, is not', () => {
    const spike = [
      { text: '{"msg":"rate limit exceeded","client_id":"batch-7"}', weight: 900 },
      { text: '{"msg":"request processed","client_id":"web-app"}', weight: 100 },
    ];
    assert.deepEqual(dominantRequester(spike), { key: 'client_id', value: 'batch-7', share: 0.9 });
    assert.equal(dominantRequester(spike, ['{"msg":"request processed","client_id":"batch-7"}']), undefined);
    assert.equal(dominantRequester([{ text: 'client=a', weight: 50 }, { text: 'client=b', weight: 50 }]), undefined);
  });
});
