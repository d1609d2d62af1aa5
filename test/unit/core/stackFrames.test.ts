import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractCodeLocations, frameMatchesFile } from '../../../src/core/logs/stackFrames';

describe('extractCodeLocations', () => {
  it('reads Node.js frames and skips runtime internals', () => {
    const trace = [
      'ERROR uncaughtException: RangeError: Array buffer allocation failed',
      '    at new ArrayBuffer (<anonymous>)',
      '    at ThumbnailCache.put (/app/src/cache/thumbnailCache.js:27:23)',
      '    at async ResizeHandler.handle (/app/src/handlers/resize.js:31:18)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at Layer.handle (/app/node_modules/express/lib/router/layer.js:95:5)',
    ].join('\n');
    const locations = extractCodeLocations(trace);
    assert.deepEqual(
      locations.map((l) => [l.path, l.line, l.column, l.functionName]),
      [
        ['/app/src/cache/thumbnailCache.js', 27, 23, 'ThumbnailCache.put'],
        ['/app/src/handlers/resize.js', 31, 18, 'ResizeHandler.handle'],
      ],
    );
  });

  it('reads Java, Python, Go, .NET and Ruby frames', () => {
    const text = [
      '\tat com.acme.resizer.cache.ThumbnailCache.put(ThumbnailCache.java:42)',
      '\tat java.base/java.lang.Thread.run(Thread.java:833)',
      '  File "/srv/app/billing/charge.py", line 88, in charge',
      '\t/go/src/app/internal/db/pool.go:117 +0x1d',
      '   at Shop.Orders.Checkout() in /src/Shop/Orders.cs:line 51',
      "/app/lib/payments/client.rb:23:in `post'",
    ].join('\n');
    assert.deepEqual(
      extractCodeLocations(text).map((l) => `${l.path}:${l.line}`),
      ['com/acme/resizer/cache/ThumbnailCache.java:42', '/srv/app/billing/charge.py:88', '/go/src/app/internal/db/pool.go:117', '/src/Shop/Orders.cs:51', '/app/lib/payments/client.rb:23'],
    );
  });

  it('matches container and package paths to repository files by suffix', () => {
    assert.ok(frameMatchesFile('/app/src/cache/thumbnailCache.js', 'src/cache/thumbnailCache.js'));
    assert.ok(frameMatchesFile('com/acme/Foo.java', 'service/src/main/java/com/acme/Foo.java'));
    assert.ok(!frameMatchesFile('/app/src/cache/thumbnailCache.js', 'src/cache/otherCache.js'));
    assert.ok(!frameMatchesFile('/app/src/cache/thumbnailCache.js', 'README.md'));
  });
});

describe('source-mapped Node.js frames', () => {
  it('reads the original file from webpack:// frames', () => {
    const locations = extractCodeLocations('Error: boom\n    at Cart.total (webpack://shop/./src/cart/total.ts:42:13)\n    at webpack-internal:///./src/index.ts:7:1');
    assert.deepEqual(locations.map((l) => `${l.path}:${l.line}`), ['src/cart/total.ts:42', 'src/index.ts:7']);
    assert.ok(frameMatchesFile(locations[0]!.path, 'src/cart/total.ts'));
  });
});
