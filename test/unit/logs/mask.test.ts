import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskMessage, maskToken } from '../../../src/core/logs/miner/mask';
import { hashTokens, maskHash, signatureHash } from '../../../src/core/logs/miner/signature';

const masked = (message: string) => maskMessage(message).join(' ');

describe('maskToken: each kind of variable becomes <*>', () => {
  const cases: [kind: string, input: string, expected: string][] = [
    ['integer', '1234', '<*>'],
    ['negative and decimal', '-27', '<*>'],
    ['decimal with trailing comma', '0.25,', '<*>,'],
    ['number in brackets', '[42]', '[<*>]'],
    ['hex literal', '0x7fed806eb5d', '<*>'],
    ['long hex id', '3f9d2c71be08a4e65d1c9f07b2ae4d38c6e1f590', '<*>'],
    ['UUID', '7c1e9a42-0b6d-4f38-9e21-5a7d3c8b1f06', '<*>'],
    ['UUID after a key', 'volume-attached:7c1e9a42-0b6d-4f38-9e21-5a7d3c8b1f06', 'volume-attached:<*>'],
    ['IPv4', '10.42.7.19', '<*>'],
    ['IPv4 with port', '10.42.7.19:6379', '<*>'],
    ['IPv6', 'fe80::a1b2:c3ff:fe44:5566', '<*>'],
    ['host and port', 'gateway.example.com:8443', '<*>'],
    ['Java socket address', 'worker-7/10.42.7.19:8443', '<*>'],
    ['absolute path', '/var/lib/app/cache/_shards', '<*>'],
    ['quoted path', "'/dev/loop3'", "'<*>'"],
    ['Windows path', 'C:\\ProgramData\\acme\\logs', '<*>'],
    ['URL', 'https://api.example.com/v1/orders?id=3', '<*>'],
    ['URL as a value', 'url=http://example.com/x,', 'url=<*>,'],
    ['duration', '12ms', '<*>'],
    ['duration with decimals', '1.5s', '<*>'],
    ['bounded duration', '<1', '<*>'],
    ['clock time', '07:07:00', '<*>'],
    ['ISO timestamp', '2024-05-01T10:21:07.123Z', '<*>'],
    ['ISO date', '2016-09-28', '<*>'],
    ['key=value', 'duration_ms=45', 'duration_ms=<*>'],
    ['bracketed key=value', '(uid=0)', '(uid=<*>)'],
    ['key:value', 'PendingJobs:0', 'PendingJobs:<*>'],
    ['value with path after =', 'cmp=com.example.app/.CheckoutActivity', 'cmp=<*>'],
    ['quoted value', "'users'", "'<*>'"],
    ['double-quoted value', '"billingWorker"', '"<*>"'],
    ['true', 'true', '<*>'],
    ['null after a key', 'ws=null,', 'ws=<*>,'],
    ['FALSE in parentheses', 'setDryRun(FALSE)', 'setDryRun(<*>)'],
    ['block id', 'chunk_-4410928376650012837', '<*>'],
    ['application attempt id', 'jobrun_1714558867000_0042_000003', '<*>'],
    ['numbered host suffix', 'node-113', 'node-<*>'],
    ['pod name', 'checkout-7d9f8b6c5-x2k9p', 'checkout-<*>'],
    ['dotted counter', 'dump.4821', 'dump.<*>'],
    ['version', 'v3.12.4071.88', '<*>'],
    ['source location keeps the file', '[sched_loop.c:2217]:', '[sched_loop.c:<*>]:'],
    ['timestamp compound', '00000042@2024/5/1:10:21:07.123', '<*>@<*>/<*>/<*>:<*>:<*>:<*>'],
  ];
  for (const [kind, input, expected] of cases) {
    it(kind, () => assert.equal(maskToken(input), expected));
  }

  it('keeps identifiers that merely contain a digit (the miner decides if they vary)', () => {
    for (const word of ['ssh2', 'eth0', 'jk2_init()', 'SOCKS5', 'L3', 'IPv6', 'hadoop-metrics2.properties']) assert.equal(maskToken(word), word);
  });

  it('keeps plain words and punctuation untouched', () => {
    for (const word of ['Connection', 'refused', 'user=root', '[preauth]', 'failed;', "can't"]) assert.equal(maskToken(word), word);
  });
});

describe('maskMessage', () => {
  it('masks a date spread over tokens into one variable', () => {
    assert.equal(masked('login from 198.51.100.23 (198-51-100-23.dsl.example.net) at Tue Mar 05 14:22:09 2024'), 'login from <*> (<*>) at <*>');
  });

  it('keeps month names that are not next to a value', () => {
    assert.equal(masked('May I have a word'), 'May I have a word');
  });

  it('merges adjacent variables', () => {
    assert.equal(masked('GET /api/orders/17 HTTP/1.1" status: 200'), 'GET <*>" status: <*>');
    assert.equal(masked('rebalanced [1 2 3]'), 'rebalanced [<*>]');
  });

  it('treats a quoted value with spaces after a key as one token', () => {
    assert.equal(masked('hold lease=90817, owner="batch runner", pid=4242'), 'hold lease=<*>, owner="<*>", pid=<*>');
  });

  it('collapses whitespace', () => {
    assert.equal(masked('  client=192.0.2.8   user=ops\t'), 'client=<*> user=ops');
  });
});

describe('maskHash (the hot path) agrees with maskMessage', () => {
  it('hashes exactly the masked signature for every kind of line', () => {
    const lines = [
      'Replica 2 for chunk chunk_5512093847761230 flushed',
      '2024-05-01T10:21:07.123Z ERROR [checkout] Connection to 10.0.0.1:5432 timed out after 3000 ms',
      'hold lease=90817, flags=0x4, owner="batch runner", name=com.example.worker, ws=null, uid=10042',
      'login from 198.51.100.23 (host.example.net) at Tue Mar 05 14:22:09 2024',
      'cdn.example.org:443 closed, 512 bytes in, 20480 bytes (20.0 KB) out, age <1 sec',
      '{"level":"info","msg":"order placed","amount":12.5}',
      'user=root path=/api/v1/orders status=200 a<1 b>=2 (uid=0) [3] #4 50%',
      '',
      'x'.repeat(50),
    ];
    for (const line of lines) {
      const tokens = maskMessage(line);
      hashTokens(tokens);
      const expected = { ...signatureHash };
      if (maskHash(line, 1000)) assert.deepEqual({ ...signatureHash }, expected, line);
    }
  });

  it('hands lines that need neighbour rules to the token path', () => {
    assert.equal(maskHash('at Fri Jun 17 07:07:00 2005', 100), false);
    assert.equal(maskHash('owner="batch runner" ok', 100), false);
    assert.equal(maskHash('a b c', 2), false);
    assert.equal(maskHash('a b c', 3), true);
  });
});
