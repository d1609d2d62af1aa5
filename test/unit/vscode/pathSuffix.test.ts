import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseName, bestSuffixMatches, pathSegments, sharedSuffixLength, suffixCandidates } from '../../../src/vscode/pathSuffix';

test('pathSegments normalises separators, drive letters and dot segments', () => {
  assert.deepEqual(pathSegments('/app/src/cache/thumbnailCache.js'), ['app', 'src', 'cache', 'thumbnailCache.js']);
  assert.deepEqual(pathSegments('C:\\svc\\src\\x.cs'), ['svc', 'src', 'x.cs']);
  assert.deepEqual(pathSegments('./src//x.js'), ['src', 'x.js']);
});

test('sharedSuffixLength counts trailing segments in common', () => {
  assert.equal(sharedSuffixLength(['app', 'src', 'cache', 'a.js'], ['src', 'cache', 'a.js']), 3);
  assert.equal(sharedSuffixLength(['app', 'a.js'], ['b.js']), 0);
});

test('suffixCandidates lists the frame path from longest to the file name', () => {
  assert.deepEqual(suffixCandidates('/app/src/x.js'), ['app/src/x.js', 'src/x.js', 'x.js']);
});

test('a container path matches the workspace file with the longest shared suffix', () => {
  const files = ['test/cache/thumbnailCache.js', 'src/cache/thumbnailCache.js', 'src/cache/other.js'];
  const matches = bestSuffixMatches('/app/src/cache/thumbnailCache.js', files, (file) => file);
  assert.deepEqual(matches, [{ item: 'src/cache/thumbnailCache.js', score: 3 }]);
});

test('ties are all returned (the caller asks the user), different file names never', () => {
  const files = ['a/util.js', 'b/util.js', 'util.ts'];
  const matches = bestSuffixMatches('/app/lib/util.js', files, (file) => file);
  assert.deepEqual(
    matches.map((match) => match.item),
    ['a/util.js', 'b/util.js'],
  );
  assert.deepEqual(bestSuffixMatches('/app/none.js', files, (file) => file), []);
});

test('baseName gives the file name', () => {
  assert.equal(baseName('/app/src/cache/thumbnailCache.js'), 'thumbnailCache.js');
});

test('URL-style and source-mapped frame paths match workspace files', () => {
  assert.deepEqual(pathSegments('webpack:///./src/handlers/resize.ts'), ['src', 'handlers', 'resize.ts']);
  assert.deepEqual(pathSegments('webpack://image-resizer/./src/app.ts'), ['src', 'app.ts']);
  assert.deepEqual(pathSegments('file:///app/src/x.mjs'), ['app', 'src', 'x.mjs']);
  assert.deepEqual(pathSegments('file:///C:/work/src/x.ts'), ['work', 'src', 'x.ts']);
  assert.deepEqual(pathSegments('C:\\work\\src\\X.cs'), ['work', 'src', 'X.cs']);
  const files = ['src/handlers/resize.ts', 'test/handlers/resize.ts', 'src/app.ts'];
  assert.deepEqual(bestSuffixMatches('webpack:///./src/handlers/resize.ts', files, (f) => f).map((m) => m.item), ['src/handlers/resize.ts']);
  // A Java frame names the package path: it matches the Maven layout's file.
  assert.deepEqual(bestSuffixMatches('com/acme/cart/CartService.java', ['src/main/java/com/acme/cart/CartService.java', 'src/test/java/com/acme/CartService.java'], (f) => f).map((m) => m.item), ['src/main/java/com/acme/cart/CartService.java']);
});
