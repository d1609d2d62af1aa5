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
import { checkCredential, FaultInjector, faultError, parseJsonBody, readBody, RequestJournal, type RecordedRequest } from './awsCommon';
import { EcsWorldState, type RecordedMutation } from './ecsApi';
import { elbArns } from './elbApi';
import { EmulatorError } from '../emulatorError';
import { InsightsQueries } from './insights/queries';
import { LogStore } from './logEvents';
import { filterLogEvents } from './logsApi';
import type { Scenario } from '../scenario/scenario';

export type { RecordedMutation, ServiceSnapshot } from './ecsApi';
export type { RecordedRequest } from './awsCommon';

export interface AwsEmulatorOptions {
  /** The scenario with placeholders already resolved (see resolveScenario). */
  scenario: Scenario;
  /** The emulator's "now" in epoch ms (stamps UpdateService deployments, ages stopped tasks); defaults to the scenario's clock.now running on. */
  clock?: () => number;
  /** Shared with the sandbox's other AWS emulators; a private one when omitted. */
  journal?: RequestJournal;
  /** When set, requests must be signed with this access key id. */
  accessKeyId?: string;
  /** Defaults to 127.0.0.1 and an ephemeral port. */
  host?: string;
  port?: number;
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

export async function startAwsEmulator(options: AwsEmulatorOptions): Promise<AwsEmulator> {
  const { scenario } = options;
  const startedAt = Date.now();
  const clock = options.clock ?? (() => Date.parse(scenario.clock.now) + (Date.now() - startedAt));
  const logs = new LogStore(scenario.id, scenario.world.logs.groups);
  const insights = new InsightsQueries(logs, scenario.world.aws.accountId);
  const ecs = new EcsWorldState(scenario.world, scenario.id, clock, elbArns(scenario).targetGroupArnByName);
  const faults = new FaultInjector(scenario.world.faults);
  const journal = options.journal ?? new RequestJournal();
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
    const entry: RecordedRequest = journal.open(service ?? 'unknown', operation || target);
    try {
      const text = await readBody(request);
      if (request.method !== 'POST' || !service || !operation) {
        throw new EmulatorError('UnknownOperationException', `The sandbox does not serve ${request.method} ${request.url} with x-amz-target "${target}"`);
      }
      checkCredential(request, options.accessKeyId);
      entry.body = parseJsonBody(text);

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
    requests: () => journal.list(),
    close: async () => {
      if (closed) return;
      closed = true;
      await closeServer(server, delays);
    },
  };
}
