import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractCodeLocations } from '../../../src/core/logs/stackFrames';

const where = (text: string) => extractCodeLocations(text).map((l) => `${l.path}:${l.line}${l.functionName ? ` ${l.functionName}` : ''}`);

describe('extractCodeLocations (more frame forms)', () => {
  it('reads Java 9+ frames with a class loader or module prefix', () => {
    assert.deepEqual(where('\tat app//com.acme.orders.OrderService.load(OrderService.java:31)\n\tat com.acme.api@1.2.0/com.acme.api.Router.route(Router.java:12)'), [
      'com/acme/orders/OrderService.java:31 com.acme.orders.OrderService.load',
      'com/acme/api/Router.java:12 com.acme.api.Router.route',
    ]);
  });

  it('skips Java runtime frames with a module prefix', () => {
    assert.deepEqual(where('\tat java.base/java.lang.Thread.run(Thread.java:833)'), []);
  });

  it('reads Node.js ESM frames with file:// URLs', () => {
    assert.deepEqual(where('    at handler (file:///app/src/routes/orders.mjs:40:11)'), ['/app/src/routes/orders.mjs:40 handler']);
  });

  it('names Go frames from the function line before them', () => {
    const dump = 'goroutine 1 [running]:\nmain.lookup(...)\n\t/go/src/app/lookup.go:17 +0x1d\ngithub.com/acme/svc/db.(*Pool).Get(0xc000010000)\n\t/go/src/github.com/acme/svc/db/pool.go:117 +0x25';
    assert.deepEqual(where(dump), ['/go/src/app/lookup.go:17 main.lookup', '/go/src/github.com/acme/svc/db/pool.go:117 github.com/acme/svc/db.(*Pool).Get']);
  });
});
