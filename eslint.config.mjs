// ESLint flat config: typescript-eslint recommended + the one architectural rule we enforce:
// src/core, src/providers and src/sandbox stay free of the VS Code API so they run headless.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'src/core, src/providers and src/sandbox must not import vscode; put editor code in src/vscode.' }],
    patterns: [{ group: ['**/vscode/**', '../vscode/*', '../../vscode/*'], message: 'Headless modules must not import the VS Code layer.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', '.e2e/**', '.e2e-artifacts/**', '.vscode-test/**', '.runbook/**', '.runbook-sandbox/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/core/**/*.ts', 'src/providers/**/*.ts', 'src/sandbox/**/*.ts', 'src/cli.ts'], rules: noVscode },
  { files: ['**/*.mjs', 'scripts/**/*.js', 'test/e2e/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', __dirname: 'readonly', AbortSignal: 'readonly', AbortController: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } } },
  { files: ['test/vscode-electron/suite/**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly' } } },
);
