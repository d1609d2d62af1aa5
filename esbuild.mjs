// Builds the bundles: the extension (thin activate + lazily loaded runtime and validation chunks),
// the headless CLI, and the evidence-panel webview. `--production` minifies, `--watch` rebuilds.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const nodeCommon = {
  bundle: true,
  platform: 'node',
  // The CLI and tests run on Node 20, code-server's extension host on Node 24: target the lower.
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  // The AWS SDK and Anthropic SDK ship ESM/CJS; prefer the node (CJS) entry points.
  mainFields: ['module', 'main'],
};

const builds = [
  {
    ...nodeCommon,
    // activate() lives here: registrations only, it requires ./runtime.js on first use.
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    external: ['vscode', './runtime', './validation'],
    // First and last statements of the bundle: activation timing counts the bundle's own evaluation.
    banner: { js: 'globalThis.__runbookBundleStart = globalThis.performance ? performance.now() : undefined;' },
    footer: { js: 'globalThis.__runbookBundleEnd = globalThis.performance ? performance.now() : undefined;' },
  },
  { ...nodeCommon, entryPoints: { runtime: 'src/vscode/runtime.ts' }, outdir: 'dist' },
  // The evidence panel's zod gate, required on the panel's first message (not at activation).
  { ...nodeCommon, entryPoints: { validation: 'src/shared/protocolSchemas.ts' }, outdir: 'dist' },
  {
    ...nodeCommon,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`esbuild: built extension, runtime, cli and webview in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
