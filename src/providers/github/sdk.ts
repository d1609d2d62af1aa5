/**
 * The one place that loads @octokit/rest. The package is ESM-only while this project compiles
 * to CommonJS (module Node16), so its values can only come from a dynamic `import()` and its
 * types need `resolution-mode: "import"` — which also keeps it off the activation path: it
 * loads on the first GitHub call. (tsx runs the import natively; esbuild inlines it into the
 * CommonJS bundle.)
 */
import type * as OctokitModule from '@octokit/rest' with { 'resolution-mode': 'import' };

export type OctokitSdk = typeof OctokitModule;
export type OctokitClient = InstanceType<OctokitSdk['Octokit']>;

let loading: Promise<OctokitSdk> | undefined;

export function loadOctokit(): Promise<OctokitSdk> {
  loading ??= import('@octokit/rest').catch((error: unknown) => {
    loading = undefined; // a failed load (e.g. a broken install) may be retried
    throw error;
  });
  return loading;
}
