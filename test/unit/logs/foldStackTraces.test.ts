import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldStackTraces } from '../../../src/core/logs/foldStackTraces';
import { extractCodeLocations } from '../../../src/core/logs/stackFrames';

const lines = (text: string) => text.split('\n');

describe('foldStackTraces', () => {
  it('Java: attaches the exception, frames, Caused by and "... N more" to the log line', () => {
    const folded = foldStackTraces(
      lines(`2024-05-01 10:21:07 ERROR [main] c.a.Worker - request failed
java.lang.IllegalStateException: cache full
\tat com.acme.cache.ThumbnailCache.put(ThumbnailCache.java:42)
\tat com.acme.web.Handler.handle(Handler.java:17)
Caused by: java.lang.OutOfMemoryError: Java heap space
\tat com.acme.cache.Buffer.grow(Buffer.java:88)
\t... 12 more
2024-05-01 10:21:08 INFO [main] c.a.Worker - next request`),
    );
    assert.equal(folded.length, 2);
    assert.equal(folded[0]!.split('\n').length, 7);
    assert.deepEqual(
      extractCodeLocations(folded[0]!).map((l) => `${l.path}:${l.line}`),
      ['com/acme/cache/ThumbnailCache.java:42', 'com/acme/web/Handler.java:17', 'com/acme/cache/Buffer.java:88'],
    );
  });

  it('Node.js: attaches "at" frames to the error line', () => {
    const folded = foldStackTraces(
      lines(`TypeError: Cannot read properties of undefined (reading 'id')
    at OrderService.load (/app/src/orders/service.js:31:18)
    at async Router.handle (/app/src/router.js:12:5)
GET /healthz 200`),
    );
    assert.equal(folded.length, 2);
    assert.deepEqual(extractCodeLocations(folded[0]!).map((l) => l.path), ['/app/src/orders/service.js', '/app/src/router.js']);
  });

  it('Python: attaches the traceback up to its exception line, chained tracebacks included', () => {
    const folded = foldStackTraces(
      lines(`ERROR:root:charge failed
Traceback (most recent call last):
  File "/srv/app/billing/charge.py", line 88, in charge
    amount = cents / count
ZeroDivisionError: division by zero

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/srv/app/billing/api.py", line 12, in handler
    charge(order)
RuntimeError: charge failed
INFO:root:next`),
    );
    assert.equal(folded.length, 2);
    assert.ok(folded[0]!.endsWith('RuntimeError: charge failed'));
    assert.deepEqual(extractCodeLocations(folded[0]!).map((l) => `${l.path}:${l.line}`), ['/srv/app/billing/charge.py:88', '/srv/app/billing/api.py:12']);
    assert.equal(folded[1], 'INFO:root:next');
  });

  it('Go: folds a panic with its goroutine dump', () => {
    const folded = foldStackTraces(
      lines(`panic: runtime error: index out of range [5] with length 3

goroutine 1 [running]:
main.lookup(...)
\t/go/src/app/lookup.go:17 +0x1d
main.main()
\t/go/src/app/main.go:9 +0x25
exit status 2
level=info msg="restarted"`),
    );
    assert.equal(folded.length, 2);
    assert.deepEqual(extractCodeLocations(folded[0]!).map((l) => `${l.path}:${l.line}`), ['/go/src/app/lookup.go:17', '/go/src/app/main.go:9']);
    assert.equal(folded[1], 'level=info msg="restarted"');
  });

  it('.NET: folds frames, inner exceptions and their end markers', () => {
    const folded = foldStackTraces(
      lines(`fail: Shop.Orders[0] Unhandled exception
System.InvalidOperationException: Sequence contains no elements
 ---> System.ArgumentNullException: Value cannot be null.
   at Shop.Orders.Checkout() in /src/Shop/Orders.cs:line 51
   --- End of inner exception stack trace ---
   at Shop.Api.Post() in /src/Shop/Api.cs:line 20
info: Shop.Orders[0] ok`),
    );
    assert.equal(folded.length, 2);
    assert.deepEqual(extractCodeLocations(folded[0]!).map((l) => `${l.path}:${l.line}`), ['/src/Shop/Orders.cs:51', '/src/Shop/Api.cs:20']);
  });

  it('Ruby: folds "from" lines', () => {
    const folded = foldStackTraces(
      lines(`/app/lib/payments/client.rb:23:in \`post': timeout (Net::ReadTimeout)
\tfrom /app/lib/payments/charge.rb:9:in \`call'
from /app/app/jobs/charge_job.rb:4:in \`perform'
Completed 200 OK`),
    );
    assert.equal(folded.length, 2);
    assert.deepEqual(extractCodeLocations(folded[0]!).map((l) => `${l.path}:${l.line}`), ['/app/lib/payments/client.rb:23', '/app/lib/payments/charge.rb:9', '/app/app/jobs/charge_job.rb:4']);
  });

  it('folds events by time: a continuation far from its head stays apart', () => {
    const t = 1_714_558_867_000;
    const events = foldStackTraces([
      { timestamp: t, message: 'ERROR failed' },
      { timestamp: t + 5, message: '\tat com.acme.A.b(A.java:1)' },
      { timestamp: t + 60_000, message: '\tat com.acme.C.d(C.java:2)' },
    ]);
    assert.equal(events.length, 2);
    assert.equal(events[0]!.timestamp, t);
    assert.equal(events[0]!.message, 'ERROR failed\n\tat com.acme.A.b(A.java:1)');
  });

  it('splits a multi-line event message and keeps unrelated lines apart', () => {
    const events = foldStackTraces([{ timestamp: 1, message: 'first line\nsecond line\n    at x (/app/a.js:1:1)' }]);
    assert.deepEqual(events.map((e) => e.message), ['first line', 'second line\n    at x (/app/a.js:1:1)']);
  });

  it('does not join an exception header that has no trace after it', () => {
    assert.equal(foldStackTraces(['ERROR a', 'java.io.IOException: closed', 'INFO b']).length, 3);
  });
});
