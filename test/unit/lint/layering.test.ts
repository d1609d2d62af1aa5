/** The layering rule is real: ESLint rejects `vscode` in headless modules and allows it in src/vscode. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const source = "import * as vscode from 'vscode';\nexport const x = vscode.version;\n";

describe('layering lint rule', () => {
  const eslint = new ESLint({ cwd: process.cwd() });

  for (const file of ['src/core/engine/example.ts', 'src/providers/aws/example.ts', 'src/sandbox/example.ts']) {
    it(`rejects a vscode import in ${file}`, async () => {
      const [result] = await eslint.lintText(source, { filePath: file });
      assert.ok(result!.messages.some((m) => m.ruleId === 'no-restricted-imports'), JSON.stringify(result!.messages));
    });
  }

  it('allows it in src/vscode', async () => {
    const [result] = await eslint.lintText(source, { filePath: 'src/vscode/example.ts' });
    assert.equal(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length, 0);
  });
});
