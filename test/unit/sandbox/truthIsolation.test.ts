/**
 * "The engine never reads truth", made checkable: the engine (src/core) and the providers it
 * calls never import src/sandbox, where scenario files — and their `truth` section — are
 * loaded. The engine gets an incident, a clock and providers; nothing else of a scenario.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('truth isolation', () => {
  for (const layer of ['src/core', 'src/providers']) {
    it(`${layer} never imports the sandbox (scenarios and their truth)`, () => {
      const offenders = tsFiles(join(ROOT, layer)).filter((file) => {
        const text = readFileSync(file, 'utf8');
        return /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"][^'"]*\/sandbox(?:\/[^'"]*)?['"]/.test(text);
      });
      assert.deepEqual(offenders.map((file) => relative(ROOT, file)), []);
    });
  }
});
