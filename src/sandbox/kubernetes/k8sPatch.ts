/**
 * The three PATCH flavours the API server accepts from kubectl and the client libraries:
 *
 *   application/json-patch+json            RFC 6902 operations (kubectl rollout undo)
 *   application/merge-patch+json           RFC 7386: objects merge, null deletes, the rest replaces
 *   application/strategic-merge-patch+json  merge patch, except lists with a merge key
 *                                           (containers by name, env by name, …) merge per item
 *                                           (kubectl rollout restart, set image)
 *
 * Enough of the strategic merge rules for pod templates; `$patch: replace|delete` directives on
 * maps are honoured, `$retainKeys` and `$setElementOrder` are ignored (they only order or prune).
 * Server-side apply is not supported (415, as for any unknown patch type).
 */
import { K8sStatusError } from './k8sStatus';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'] as const;
export type PatchType = (typeof PATCH_TYPES)[number];

/** Lists the strategic merge patch merges item by item, keyed by this field (from the Go types' patchMergeKey). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  conditions: 'type',
  hostAliases: 'ip',
  ownerReferences: 'uid',
};

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case 'application/json-patch+json':
      return applyJsonPatch(target, patch);
    case 'application/merge-patch+json':
      if (!isObject(patch)) throw K8sStatusError.badRequest('a merge patch must be a JSON object');
      return mergePatch(target as Json, patch, false);
    case 'application/strategic-merge-patch+json':
      if (!isObject(patch)) throw K8sStatusError.badRequest('a strategic merge patch must be a JSON object');
      return mergePatch(target as Json, patch, true);
  }
}

// ---------------------------------------------------------------- merge / strategic merge

function mergePatch(target: Json, patch: Json, strategic: boolean, key?: string): Json {
  if (!isObject(patch)) {
    if (strategic && Array.isArray(patch) && Array.isArray(target) && key && MERGE_KEYS[key]) return mergeList(target, patch, MERGE_KEYS[key]);
    return structuredClone(patch);
  }
  if (strategic && patch.$patch === 'replace') {
    const { $patch: _directive, ...rest } = patch;
    return structuredClone(rest);
  }
  const out: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [name, value] of Object.entries(patch)) {
    if (strategic && name.startsWith('$')) continue;
    if (value === null) delete out[name];
    else out[name] = mergePatch(out[name] ?? null, value, strategic, name);
  }
  return out;
}

/** Strategic merge of a keyed list: items merge by key, `$patch: delete` removes one, new keys append. */
function mergeList(target: Json[], patch: Json[], mergeKey: string): Json[] {
  const out = structuredClone(target);
  for (const item of patch) {
    if (!isObject(item) || item[mergeKey] === undefined) {
      throw K8sStatusError.badRequest(`strategic merge patch: every item of this list needs its merge key "${mergeKey}"`);
    }
    const index = out.findIndex((candidate) => isObject(candidate) && candidate[mergeKey] === item[mergeKey]);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) {
      out[index] = mergePatch(out[index], item, true);
    } else {
      out.push(mergePatch(null, item, true));
    }
  }
  return out;
}

// ---------------------------------------------------------------- JSON patch (RFC 6902)

function pointer(path: unknown): string[] {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) throw K8sStatusError.badRequest(`json patch: invalid path ${JSON.stringify(path)}`);
  return path === '' ? [] : path.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The container of the last token, which must exist (RFC 6902: the parent of a target must exist). */
function parentOf(document: Json, tokens: string[], path: string): Json[] | JsonObject {
  let current: Json = document;
  for (const token of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(current) ? current[Number(token)] : isObject(current) ? current[token] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') throw K8sStatusError.badRequest(`json patch: path ${path} does not exist`);
    current = next;
  }
  if (typeof current !== 'object' || current === null) throw K8sStatusError.badRequest(`json patch: path ${path} does not exist`);
  return current;
}

function getAt(document: Json, tokens: string[], path: string): Json {
  if (tokens.length === 0) return document;
  const parent = parentOf(document, tokens, path);
  const last = tokens[tokens.length - 1];
  const value = Array.isArray(parent) ? parent[Number(last)] : parent[last];
  if (value === undefined) throw K8sStatusError.badRequest(`json patch: path ${path} does not exist`);
  return value;
}

function arrayIndex(parent: Json[], token: string, path: string, forInsert: boolean): number {
  if (forInsert && token === '-') return parent.length;
  const index = Number(token);
  if (!/^\d+$/.test(token) || index > parent.length || (!forInsert && index === parent.length)) {
    throw K8sStatusError.badRequest(`json patch: index out of range in ${path}`);
  }
  return index;
}

function removeAt(document: Json, tokens: string[], path: string): Json {
  if (tokens.length === 0) throw K8sStatusError.badRequest('json patch: cannot remove the whole document');
  getAt(document, tokens, path);
  const parent = parentOf(document, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, path, false), 1)[0];
  const value = parent[last];
  delete parent[last];
  return value;
}

function addAt(document: Json, tokens: string[], path: string, value: Json): Json {
  if (tokens.length === 0) return value;
  const parent = parentOf(document, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, path, true), 0, value);
  else parent[last] = value;
  return document;
}

function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw K8sStatusError.badRequest('a json patch must be an array of operations');
  let document = structuredClone(target) as Json;
  for (const operation of patch) {
    if (!isObject(operation)) throw K8sStatusError.badRequest('json patch: every operation must be an object');
    const path = String(operation.path);
    const tokens = pointer(operation.path);
    switch (operation.op) {
      case 'add':
        document = addAt(document, tokens, path, structuredClone(operation.value ?? null));
        break;
      case 'remove':
        removeAt(document, tokens, path);
        break;
      case 'replace':
        getAt(document, tokens, path);
        if (tokens.length === 0) document = structuredClone(operation.value ?? null);
        else {
          removeAt(document, tokens, path);
          document = addAt(document, tokens, path, structuredClone(operation.value ?? null));
        }
        break;
      case 'test':
        if (JSON.stringify(getAt(document, tokens, path)) !== JSON.stringify(operation.value)) {
          throw new K8sStatusError(422, 'Invalid', `json patch: test failed at ${path}`);
        }
        break;
      case 'move':
      case 'copy': {
        const from = String(operation.from);
        const fromTokens = pointer(operation.from);
        const value = operation.op === 'move' ? removeAt(document, fromTokens, from) : structuredClone(getAt(document, fromTokens, from));
        document = addAt(document, tokens, path, value);
        break;
      }
      default:
        throw K8sStatusError.badRequest(`json patch: unknown op ${JSON.stringify(operation.op)}`);
    }
  }
  return document;
}
