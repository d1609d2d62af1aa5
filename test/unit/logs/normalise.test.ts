import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseTemplate } from '../../../src/core/logs/miner/normalise';

describe('normaliseTemplate (corrected Loghub convention)', () => {
  it('merges adjacent variables: <*><*>, <*>.<*> and <*> <*>', () => {
    assert.equal(normaliseTemplate('a <*><*> b'), 'a <*> b');
    assert.equal(normaliseTemplate('version <*>.<*>.<*>'), 'version <*>');
    assert.equal(normaliseTemplate('at <*> <*> <*> done'), 'at <*> done');
    assert.equal(normaliseTemplate('[<*> <*>]'), '[<*>]');
  });

  it('turns path-like tokens into <*>', () => {
    assert.equal(normaliseTemplate('Deleting file /var/lib/x/y.log'), 'Deleting file <*>');
    assert.equal(normaliseTemplate("node '/udev/vcs2' removed"), "node '<*>' removed");
    assert.equal(normaliseTemplate('chdir(/tmp/work) failed'), 'chdir(<*>) failed');
  });

  it('turns all-digit tokens and true/false/null into <*>', () => {
    assert.equal(normaliseTemplate('retry 3 of 5'), 'retry <*> of <*>');
    assert.equal(normaliseTemplate('node-12 ok'), 'node-<*> ok');
    assert.equal(normaliseTemplate('enabled=true, ws=null, ok=FALSE'), 'enabled=<*>, ws=<*>, ok=<*>');
  });

  it('keeps words with digits and collapses whitespace', () => {
    assert.equal(normaliseTemplate('  ssh2   via  eth0 '), 'ssh2 via eth0');
  });

  it('is idempotent', () => {
    const once = normaliseTemplate('a 1 2 /x/y <*>.<*> true');
    assert.equal(normaliseTemplate(once), once);
  });
});
