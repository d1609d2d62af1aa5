/**
 * The one place that loads @kubernetes/client-node. The package is ESM-only while this project
 * compiles to CommonJS (module Node16), so TypeScript only allows a dynamic `import()` for its
 * values and `resolution-mode: "import"` for its types. That suits us anyway: the client is the
 * largest dependency and loads on the first Kubernetes call, not when the extension activates.
 * (tsx runs the import natively; esbuild inlines it into the CommonJS bundle.)
 */
export type * as K8s from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import type * as K8sModule from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

export type KubernetesSdk = typeof K8sModule;

let loading: Promise<KubernetesSdk> | undefined;

export function loadKubernetesSdk(): Promise<KubernetesSdk> {
  loading ??= import('@kubernetes/client-node').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
