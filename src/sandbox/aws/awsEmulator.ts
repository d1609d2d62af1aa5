/**
 * A loopback HTTP server speaking the AWS JSON 1.1 protocol for CloudWatch Logs and ECS, so the
 * real @aws-sdk clients (unmodified, over real HTTP) can be pointed at a scenario's world.
 *
 * Wire facts (see /work/shared/notes/emulation.md): always `POST /`, the operation is in
 * `x-amz-target` (`Logs_20140328.<Op>` / `AmazonEC2ContainerServiceV20141113.<Op>`), errors are
 * HTTP 4xx/5xx with `{"__type", "message"}`. The signature is not verified, but the access key
 * id in it is, so a client without the sandbox's credentials fails like it would on AWS.
 */
import { closeServer, FaultDelays, listenOnLoopback } from '../loopbackServer';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { EcsWorldState, type RecordedMutation } from './ecsApi';
import { EmulatorError } from '../emulatorError';
import { InsightsQueries } from './insights/queries';
import { LogStore } from './logEvents';
import { filterLogEvents } from './logsApi';
import type { Scenario, ScenarioFault } from '../scenario/scenario';

export type { RecordedMutation, ServiceSnapshot } from './ecsApi';

export interface AwsEmulatorOptions {
  /** The scenario with placeholders already resolved (see resolveScenario). */
  scenario: Scenario;
  /** The emulator's "now" in epoch ms (stamps UpdateService deployments); defaults to the wall clock. */
  clock?: () => number;
  /** When set, requests must be signed with this access key id. */
  accessKeyId?: string;
  /** Defaults to 127.0.0.1 and an ephemeral port. */
  host?: string;
  port?: number;
}

export interface RecordedRequest {
  seq: number;
  service: 'logs' | 'ecs' | 'unknown';
  operation: string;
  /** HTTP status of the answer */
  status: number;
  /** `__type` of the error answer, if any */
  errorType?: string;
  /** The request body (JSON), to check what a provider actually asked for. */
  body: Record<string, unknown>;
}

export interface AwsEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  readonly port: number;
  /** Every mutation applied to the world, in order (copies). */
  mutations(): RecordedMutation[];
  /** Every request received, in order (copies). */
  requests(): RecordedRequest[];
  close(): Promise<void>;
}

const TARGET_PREFIXES: Record<string, 'logs' | 'ecs'> = {
  Logs_20140328: 'logs',
  AmazonEC2ContainerServiceV20141113: 'ecs',
};
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const IAM_PREFIX = { logs: 'logs', ecs: 'ecs' } as const;

class FaultInjector {
  private readonly remaining: (number | undefined)[];

  constructor(private readonly faults: readonly ScenarioFault[]) {
    this.remaining = faults.map((fault) => fault.times);
  }

  /** The first fault matching the request that still has uses left (and uses one). */
  take(service: 'logs' | 'ecs', operation: string): ScenarioFault | undefined {
    for (let i = 0; i < this.faults.length; i++) {
      const fault = this.faults[i];
      if (fault.service !== service || (fault.operation !== undefined && fault.operation !== operation)) continue;
      const left = this.remaining[i];
      if (left === 0) continue;
      if (left !== undefined) this.remaining[i] = left - 1;
      return fault;
    }
    return undefined;
  }
}

function faultError(fault: ScenarioFault, service: 'logs' | 'ecs', operation: string, accountId: string): EmulatorError | undefined {
  switch (fault.error) {
    case undefined:
      return undefined;
    case 'ThrottlingException':
      return new EmulatorError(fault.error, fault.message ?? 'Rate exceeded');
    case 'AccessDeniedException':
      return new EmulatorError(
        fault.error,
        fault.message ?? `User: arn:aws:sts::${accountId}:assumed-role/oncall/runbook is not authorized to perform: ${IAM_PREFIX[service]}:${operation}`,
      );
    case 'ResourceNotFoundException':
      return new EmulatorError(fault.error, fault.message ?? 'The specified resource does not exist.');
    case 'InternalFailure':
      return new EmulatorError(fault.error, fault.message ?? 'The request processing has failed because of an unknown error, exception or failure.', 500);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new EmulatorError('SerializationException', 'Request body too large', 413));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startAwsEmulator(options: AwsEmulatorOptions): Promise<AwsEmulator> {
  const { scenario } = options;
  const clock = options.clock ?? Date.now;
  const logs = new LogStore(scenario.id, scenario.world.logs.groups);
  const insights = new InsightsQueries(logs, scenario.world.aws.accountId);
  const ecs = new EcsWorldState(scenario.world, scenario.id, clock);
  const faults = new FaultInjector(scenario.world.faults);
  const requestLog: RecordedRequest[] = [];
  const delays = new FaultDelays();
  let closed = false;

  const sleep = (ms: number) => delays.sleep(ms);

  const send = (response: ServerResponse, status: number, payload: unknown) => {
    if (response.destroyed || response.writableEnded) return;
    const body = JSON.stringify(payload);
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': randomUUID(),
    });
    response.end(body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const [prefix, operation = ''] = target.split('.');
    const service = TARGET_PREFIXES[prefix];
    const entry: RecordedRequest = { seq: requestLog.length + 1, service: service ?? 'unknown', operation: operation || target, status: 200, body: {} };
    requestLog.push(entry);
    try {
      const text = await readBody(request);
      if (request.method !== 'POST' || !service || !operation) {
        throw new EmulatorError('UnknownOperationException', `The sandbox does not serve ${request.method} ${request.url} with x-amz-target "${target}"`);
      }
      if (options.accessKeyId) {
        const credential = /Credential=([^/,\s]+)\//.exec(String(request.headers.authorization ?? ''));
        if (!credential) throw new EmulatorError('MissingAuthenticationTokenException', 'Missing Authentication Token');
        if (credential[1] !== options.accessKeyId) {
          throw new EmulatorError('UnrecognizedClientException', 'The security token included in the request is invalid.');
        }
      }
      let body: unknown;
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        throw new EmulatorError('SerializationException', 'The request body is not valid JSON');
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new EmulatorError('SerializationException', 'The request body must be a JSON object');
      entry.body = body as Record<string, unknown>;

      const fault = faults.take(service, operation);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (closed) return;
      const injected = fault && faultError(fault, service, operation, scenario.world.aws.accountId);
      if (injected) throw injected;

      let result: unknown;
      if (service === 'logs') {
        result = operation === 'FilterLogEvents' ? filterLogEvents(logs, entry.body) : insights.handle(operation, entry.body);
      } else {
        result = ecs.handle(operation, entry.body);
      }
      if (result === undefined) {
        throw new EmulatorError('UnknownOperationException', `${target} is not implemented by the Runbook AI sandbox`);
      }
      send(response, 200, result);
    } catch (error) {
      const failure =
        error instanceof EmulatorError ? error : new EmulatorError('InternalFailure', `sandbox bug: ${(error as Error)?.message ?? String(error)}`, 500);
      entry.status = failure.status;
      entry.errorType = failure.type;
      send(response, failure.status, { __type: failure.type, message: failure.message, ...failure.extra });
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  const { host, port } = await listenOnLoopback(server, options.port, options.host);

  return {
    endpoint: `http://${host}:${port}`,
    port,
    mutations: () => ecs.mutations(),
    requests: () => structuredClone(requestLog),
    close: async () => {
      if (closed) return;
      closed = true;
      await closeServer(server, delays);
    },
  };
}
