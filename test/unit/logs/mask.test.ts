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
    ['long hex id', 'a489c868f0c37da93b76227c91bb03908ac0e742', '<*>'],
    ['UUID', 'e3871ffd-5cd5-4287-bddd-3529f7b59515', '<*>'],
    ['UUID after a key', 'network-vif-plugged:e3871ffd-5cd5-4287-bddd-3529f7b59515', 'network-vif-plugged:<*>'],
    ['IPv4', '10.251.73.220', '<*>'],
    ['IPv4 with port', '10.251.73.220:50010', '<*>'],
    ['IPv6', 'fe80::1ff:fe23:4567:890a', '<*>'],
    ['host and port', 'proxy.example.com:5070', '<*>'],
    ['Java socket address', 'msra-sa-41/10.190.173.170:8030', '<*>'],
    ['absolute path', '/var/lib/nova/instances/_base', '<*>'],
    ['quoted path', "'/udev/vcs2'", "'<*>'"],
    ['Windows path', 'C:\\Windows\\servicing\\sqm', '<*>'],
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
    ['key:value', 'AssignedReds:0', 'AssignedReds:<*>'],
    ['value with path after =', 'cmp=com.app/.MainActivity', 'cmp=<*>'],
    ['quoted value', "'users'", "'<*>'"],
    ['double-quoted value', '"sparkExecutor"', '"<*>"'],
    ['true', 'true', '<*>'],
    ['null after a key', 'ws=null,', 'ws=<*>,'],
    ['FALSE in parentheses', 'enterQuietMode(FALSE)', 'enterQuietMode(<*>)'],
    ['block id', 'blk_-6952295868487656571', '<*>'],
    ['application attempt id', 'appattempt_1445144423722_0020_000001', '<*>'],
    ['numbered host suffix', 'node-246', 'node-<*>'],
    ['pod name', 'checkout-7d9f8b6c5-x2k9p', 'checkout-<*>'],
    ['dotted counter', 'core.2275', 'core.<*>'],
    ['version', 'v6.1.7601.23505', '<*>'],
    ['source location keeps the file', '[ib_sm_sweep.c:1831]:', '[ib_sm_sweep.c:<*>]:'],
    ['timestamp compound', '00000001@2016/9/27:20:30:31.455', '<*>@<*>/<*>/<*>:<*>:<*>:<*>'],
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
    assert.equal(masked('connection from 24.54.76.216 (24-54-76-216.bflony.adelphia.net) at Fri Jun 17 07:07:00 2005'), 'connection from <*> (<*>) at <*>');
  });

  it('keeps month names that are not next to a value', () => {
    assert.equal(masked('May I have a word'), 'May I have a word');
  });

  it('merges adjacent variables', () => {
    assert.equal(masked('GET /v2/servers/detail HTTP/1.1" status: 200'), 'GET <*>" status: <*>');
    assert.equal(masked('rebalanced [1 2 3]'), 'rebalanced [<*>]');
  });

  it('treats a quoted value with spaces after a key as one token', () => {
    assert.equal(masked('acquire lock=233570404, tag="View Lock", uid=1000'), 'acquire lock=<*>, tag="<*>", uid=<*>');
  });

  it('collapses whitespace', () => {
    assert.equal(masked('  rhost=1.2.3.4   user=root\t'), 'rhost=<*> user=root');
  });
});

describe('maskHash (the hot path) agrees with maskMessage', () => {
  it('hashes exactly the masked signature for every kind of line', () => {
    const lines = [
      'PacketResponder 1 for block blk_38865049064139660 terminating',
      '2024-05-01T10:21:07.123Z ERROR [checkout] Connection to 10.0.0.1:5432 timed out after 3000 ms',
      'acquire lock=233570404, flags=0x1, tag="View Lock", name=com.android.systemui, ws=null, uid=10037',
      'connection from 24.54.76.216 (host.example.net) at Fri Jun 17 07:07:00 2005',
      'proxy.cse.cuhk.edu.hk:5070 close, 451 bytes sent, 18846 bytes (18.4 KB) received, lifetime <1 sec',
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
    assert.equal(maskHash('tag="View Lock" ok', 100), false);
    assert.equal(maskHash('a b c', 2), false);
    assert.equal(maskHash('a b c', 3), true);
  });
});
