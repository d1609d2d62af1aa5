/**
 * A loopback HTTP server speaking the Kubernetes REST API (the subset Runbook AI and kubectl
 * use) over a scenario's `world.kubernetes`, so @kubernetes/client-node — and kubectl itself —
 * can be pointed at it unmodified.
 *
 * Faithful where clients look: discovery documents, `…List` kinds with `metadata.resourceVersion`
 * and `continue` paging, label and field selectors, `Status` bodies for errors (401 for a wrong
 * bearer token, 404 NotFound, 422 Invalid, 415 for an unknown patch type), text/plain logs,
 * the three patch types, the scale subresource, and `as=Table` answers for kubectl's printing.
 * Served resources: see k8sResources.ts (workloads, Services and Endpoints, config, storage,
 * networking, autoscaling, policy, batch, and metrics.k8s.io when the scenario has metrics).
 * Not served: watch, create/delete, other resources (404 like an API server without them).
 */
import { closeServer, FaultDelays, listenOnLoopback } from '../loopbackServer';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { discoveryDocument } from './k8sDiscovery';
import type { LogQuery } from './k8sLogs';
import type { ApiObject } from './k8sShapes';
import { PATCH_TYPES, type PatchType } from './k8sPatch';
import { type K8sRoute, routeRequest } from './k8sRoutes';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './k8sSelectors';
import { apiVersionOf, resourceDef, supportedFields } from './k8sResources';
import { FAULT_STATUS, K8sStatusError } from './k8sStatus';
import { toTable, wantsTable } from './k8sTables';
import { type K8sRecordedMutation, type K8sResource, K8sWorld } from './k8sWorld';
import type { Scenario, ScenarioFault } from '../scenario/scenario';

export type { DeploymentSnapshot, K8sRecordedMutation } from './k8sWorld';

export interface K8sEmulatorOptions {
  /** The scenario with placeholders resolved; must have `world.kubernetes`. */
  scenario: Scenario;
  /** Bearer token every request must carry (except `/version`). */
  token: string;
  /** The emulator's "now" in epoch ms (ages, sinceSeconds, mutation times); default: the wall clock. */
  clock?: () => number;
  host?: string;
  port?: number;
  /**
   * Serve HTTPS with this PEM key and certificate. kubectl (client-go) never sends a bearer
   * token over plain HTTP (kubernetes/kubectl#744), so a kubectl pointed at the emulator needs
   * TLS; @kubernetes/client-node sends it either way.
   */
  tls?: { key: string; cert: string };
}

export interface K8sRecordedRequest {
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** listPods, podLogs, patchDeployment, … ('unknown' for paths the emulator does not serve) */
  operation: string;
  status: number;
  /** `reason` of the Status answer, if any */
  reason?: string;
  contentType?: string;
  /** Parsed JSON body of a PATCH/PUT. */
  body?: unknown;
}

export interface K8sEmulator {
  /** `http://127.0.0.1:PORT` (https:// with `tls`) */
  readonly server: string;
  readonly port: number;
  mutations(): K8sRecordedMutation[];
  requests(): K8sRecordedRequest[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 3 * 1024 * 1024;
class FaultInjector {
  private readonly faults: ScenarioFault[];
  private readonly remaining: (number | undefined)[];

  constructor(faults: readonly ScenarioFault[]) {
    this.faults = faults.filter((fault) => fault.service === 'kubernetes');
    this.remaining = this.faults.map((fault) => fault.times);
  }

  /** The first matching fault with uses left (and uses one). */
  take(operation: string): ScenarioFault | undefined {
    for (let i = 0; i < this.faults.length; i++) {
      const fault = this.faults[i];
      if (fault.operation !== undefined && fault.operation !== operation) continue;
      const left = this.remaining[i];
      if (left === 0) continue;
      if (left !== undefined) this.remaining[i] = left - 1;
      return fault;
    }
    return undefined;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new K8sStatusError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function intParam(query: URLSearchParams, name: string, min: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new K8sStatusError(422, 'Invalid', `${name}: Invalid value: ${raw}: must be an integer >= ${min}`);
  return value;
}

const boolParam = (query: URLSearchParams, name: string) => query.get(name) === 'true' || query.get(name) === '1';

/** Continue tokens pin the offset to one query, like the real (opaque) ones. */
function encodeContinue(offset: number, key: string): string {
  return Buffer.from(JSON.stringify({ o: offset, k: key })).toString('base64url');
}

function decodeContinue(token: string, key: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; k?: unknown };
    if (payload.k === key && typeof payload.o === 'number') return payload.o;
  } catch {
    // same answer as a foreign token
  }
  throw new K8sStatusError(400, 'BadRequest', 'continue key is not valid: the continue token does not belong to this query');
}

/** Items of a list omit kind/apiVersion (the list's kind says it), as the API server serialises them. */
function listItem(object: ApiObject): Omit<ApiObject, 'kind' | 'apiVersion'> {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
  return rest;
}

export async function startK8sEmulator(options: K8sEmulatorOptions): Promise<K8sEmulator> {
  const { scenario } = options;
  if (!scenario.world.kubernetes) throw new Error(`scenario ${scenario.id} has no world.kubernetes`);
  const clock = options.clock ?? Date.now;
  const world = new K8sWorld(scenario.id, scenario.world.kubernetes, clock);
  const faults = new FaultInjector(scenario.world.faults);
  const routeOptions = { metrics: world.hasMetrics };
  const requestLog: K8sRecordedRequest[] = [];
  const delays = new FaultDelays();
  let serverAddress = '';
  let closed = false;

  const sleep = (ms: number) => delays.sleep(ms);

  const send = (response: ServerResponse, status: number, body: string, contentType: string) => {
    if (response.destroyed || response.writableEnded) return;
    response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-cache, private' });
    response.end(body);
  };

  const list = (route: K8sRoute, query: URLSearchParams, accept: string | undefined) => {
    const resource = route.resource as K8sResource;
    const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
    const def = resourceDef(resource);
    const fields = parseFieldSelector(query.get('fieldSelector') ?? undefined, supportedFields(def), def.group ? `${def.resource}.${def.group}` : def.resource);
    const matching = world.list(resource, route.namespace).filter((object) => matchesLabels(labels, object.metadata.labels) && matchesFields(fields, object));
    const key = `${resource}|${route.namespace ?? ''}|${query.get('labelSelector') ?? ''}|${query.get('fieldSelector') ?? ''}`;
    const offset = query.get('continue') ? decodeContinue(query.get('continue') as string, key) : 0;
    const limit = intParam(query, 'limit', 0) || undefined;
    const page = limit === undefined ? matching.slice(offset) : matching.slice(offset, offset + limit);
    const next = offset + page.length;
    const more = next < matching.length;
    const resourceVersion = world.resourceVersion();
    if (wantsTable(accept)) {
      return toTable(resource, page, { now: clock(), resourceVersion, includeObject: query.get('includeObject') ?? undefined, continueToken: more ? encodeContinue(next, key) : undefined });
    }
    return {
      kind: `${def.kind}List`,
      apiVersion: apiVersionOf(def),
      metadata: { resourceVersion, ...(more ? { continue: encodeContinue(next, key), remainingItemCount: matching.length - next } : {}) },
      items: page.map(listItem),
    };
  };

  const podLogQuery = (query: URLSearchParams): LogQuery => {
    const sinceSeconds = intParam(query, 'sinceSeconds', 1);
    const sinceTime = query.get('sinceTime');
    if (sinceSeconds !== undefined && sinceTime) throw new K8sStatusError(422, 'Invalid', 'PodLogOptions "" is invalid: at most one of `sinceTime` or `sinceSeconds` may be specified');
    let since: number | undefined;
    if (sinceSeconds !== undefined) since = clock() - sinceSeconds * 1000;
    else if (sinceTime) {
      since = Date.parse(sinceTime);
      if (Number.isNaN(since)) throw K8sStatusError.badRequest(`sinceTime: invalid RFC 3339 time "${sinceTime}"`);
    }
    return {
      previous: boolParam(query, 'previous'),
      timestamps: boolParam(query, 'timestamps'),
      tailLines: intParam(query, 'tailLines', 0),
      limitBytes: intParam(query, 'limitBytes', 1),
      since,
    };
  };

  const patchType = (request: IncomingMessage): PatchType => {
    const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!(PATCH_TYPES as readonly string[]).includes(type)) {
      throw new K8sStatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`);
    }
    return type as PatchType;
  };

  /** Answers one routed request: [status, body, content type]. */
  const dispatch = (route: K8sRoute, request: IncomingMessage, query: URLSearchParams, body: unknown): [number, string, string] => {
    const json = (value: unknown): [number, string, string] => [200, JSON.stringify(value), 'application/json'];
    const accept = request.headers.accept;
    if (route.discovery) return json(discoveryDocument(new URL(request.url ?? '/', 'http://x').pathname.replace(/\/+$/, '') || '/', serverAddress, routeOptions));
    const resource = route.resource as K8sResource;
    const name = route.name as string;
    const dryRun = query.get('dryRun') === 'All';
    if (query.get('watch') === 'true' || query.get('watch') === '1') throw K8sStatusError.methodNotAllowed('watch is not supported by the Runbook AI sandbox');
    switch (route.operation) {
      case 'podLogs':
        return [200, world.podLog(route.namespace as string, name, query.get('container') ?? undefined, podLogQuery(query)), 'text/plain'];
      case 'getScale':
        return json(world.scale(route.namespace as string, name));
      case 'patchScale':
        return json(world.patchScale(route.namespace as string, name, patchType(request), body, dryRun));
      case 'replaceScale':
        return json(world.replaceScale(route.namespace as string, name, body, dryRun));
      case 'patchDeployment':
        return json(world.patchDeployment(route.namespace as string, name, patchType(request), body, dryRun));
    }
    if (route.name === undefined) return json(list(route, query, accept));
    const object = world.get(resource, route.namespace, name);
    if (wantsTable(accept)) return json(toTable(resource, [object], { now: clock(), resourceVersion: world.resourceVersion(), includeObject: query.get('includeObject') ?? undefined }));
    return json(object);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    const method = request.method ?? 'GET';
    const route = routeRequest(method, url.pathname, routeOptions);
    const entry: K8sRecordedRequest = {
      seq: requestLog.length + 1,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      operation: route?.operation ?? 'unknown',
      status: 200,
      ...(request.headers['content-type'] ? { contentType: String(request.headers['content-type']) } : {}),
    };
    requestLog.push(entry);
    try {
      const text = await readBody(request);
      if (url.pathname !== '/version') {
        const auth = String(request.headers.authorization ?? '');
        if (auth !== `Bearer ${options.token}`) throw new K8sStatusError(401, 'Unauthorized', 'Unauthorized');
      }
      if (!route) {
        // A known path with another verb is 405; an unknown path is the server's generic 404.
        if (routeRequest('GET', url.pathname, routeOptions)) throw K8sStatusError.methodNotAllowed('the server does not allow this method on the requested resource');
        throw new K8sStatusError(404, 'NotFound', 'the server could not find the requested resource');
      }
      let body: unknown;
      if (method === 'PATCH' || method === 'PUT') {
        try {
          body = JSON.parse(text);
        } catch {
          throw K8sStatusError.badRequest('the request body is not valid JSON');
        }
        entry.body = body;
      }

      const fault = faults.take(route.operation);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (closed) return;
      if (fault?.error) {
        const status = FAULT_STATUS[fault.error] ?? FAULT_STATUS.InternalError;
        throw new K8sStatusError(status.code, fault.error, fault.message ?? status.message);
      }

      const [status, payload, contentType] = dispatch(route, request, url.searchParams, body);
      entry.status = status;
      send(response, status, payload, contentType);
    } catch (error) {
      const failure = error instanceof K8sStatusError ? error : new K8sStatusError(500, 'InternalError', `sandbox bug: ${(error as Error)?.message ?? String(error)}`);
      entry.status = failure.code;
      entry.reason = failure.reason;
      send(response, failure.code, JSON.stringify(failure.toStatus()), 'application/json');
    }
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => void handle(request, response);
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  const { host, port } = await listenOnLoopback(server, options.port, options.host);
  serverAddress = `${host}:${port}`;

  return {
    server: `${options.tls ? 'https' : 'http'}://${serverAddress}`,
    port,
    mutations: () => world.mutations(),
    requests: () => structuredClone(requestLog),
    close: async () => {
      if (closed) return;
      closed = true;
      await closeServer(server, delays);
    },
  };
}
