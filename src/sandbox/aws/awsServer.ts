/**
 * A loopback server for one AWS service of the sandbox, in the wire protocol its real SDK
 * client uses: AWS JSON 1.0 / 1.1 (`x-amz-target: <Prefix>.<Operation>`, JSON bodies, errors
 * `{"__type", "message"}`; with `queryCompatible`, also the `x-amzn-query-error: Code;Sender`
 * header CloudWatch sends so the SDK reports the Query error code) or AWS Query (form body,
 * XML answers; see queryProtocol.ts). Faults, credentials and the request journal are handled
 * here; the service only maps (operation, parameters) to a result.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { EmulatorError } from '../emulatorError';
import { closeServer, FaultDelays, listenOnLoopback } from '../loopbackServer';
import type { ScenarioFault } from '../scenario/scenario';
import { type AwsServiceId, checkCredential, FaultInjector, faultError, parseJsonBody, readBody, type RecordedRequest, RequestJournal } from './awsCommon';
import { parseQueryBody, queryError, queryResponse } from './queryProtocol';

export type AwsProtocol =
  | { kind: 'json'; version: '1.0' | '1.1'; targetPrefix: string; queryCompatible?: boolean; errorNamespace?: string }
  | { kind: 'query'; version: string; xmlNamespace: string };

export interface AwsServiceServerOptions {
  service: AwsServiceId;
  protocol: AwsProtocol;
  /** Answers one operation: a result object, or undefined when the operation is not emulated. Throws EmulatorError. */
  handle(operation: string, params: Record<string, unknown>): unknown;
  /** The service's code for a `ResourceNotFoundException` fault on an operation. */
  notFound?(operation: string): { type: string; status?: number; message: string };
  faults: readonly ScenarioFault[];
  accountId: string;
  accessKeyId?: string;
  journal?: RequestJournal;
  host?: string;
  port?: number;
}

export interface AwsServiceServer {
  readonly endpoint: string;
  readonly port: number;
  requests(): RecordedRequest[];
  close(): Promise<void>;
}

export async function startAwsServiceServer(options: AwsServiceServerOptions): Promise<AwsServiceServer> {
  const { protocol } = options;
  const journal = options.journal ?? new RequestJournal();
  const faults = new FaultInjector(options.faults);
  const delays = new FaultDelays();
  let closed = false;

  const write = (response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}) => {
    if (response.destroyed || response.writableEnded) return;
    response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
    response.end(body);
  };

  const sendResult = (response: ServerResponse, operation: string, result: unknown, requestId: string) => {
    if (protocol.kind === 'json') {
      write(response, 200, `application/x-amz-json-${protocol.version}`, JSON.stringify(result), { 'x-amzn-requestid': requestId });
    } else {
      write(response, 200, 'text/xml', queryResponse(operation, protocol.xmlNamespace, result as Record<string, unknown>, requestId), { 'x-amzn-requestid': requestId });
    }
  };

  const sendError = (response: ServerResponse, error: EmulatorError, requestId: string) => {
    if (protocol.kind === 'json') {
      const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
      if (protocol.queryCompatible) headers['x-amzn-query-error'] = `${error.type};${error.status >= 500 ? 'Receiver' : 'Sender'}`;
      const type = protocol.errorNamespace ? `${protocol.errorNamespace}#${error.type}` : error.type;
      write(response, error.status, `application/x-amz-json-${protocol.version}`, JSON.stringify({ __type: type, message: error.message, ...error.extra }), headers);
    } else {
      write(response, error.status, 'text/xml', queryError(protocol.xmlNamespace, error, requestId), { 'x-amzn-requestid': requestId });
    }
  };

  /** The operation and its parameters, from the target header (JSON) or the form's Action (Query). */
  const route = (request: IncomingMessage, text: string): { operation: string; params: Record<string, unknown> } => {
    if (request.method !== 'POST') throw new EmulatorError('UnknownOperationException', `The sandbox does not serve ${request.method} ${request.url}`, 404);
    if (protocol.kind === 'json') {
      const target = String(request.headers['x-amz-target'] ?? '');
      const [prefix, operation = ''] = target.split('.');
      if (prefix !== protocol.targetPrefix || !operation) throw new EmulatorError('UnknownOperationException', `The sandbox does not serve x-amz-target "${target}" here`);
      return { operation, params: parseJsonBody(text) };
    }
    const params = parseQueryBody(text);
    const { Action: operation, Version: version, ...rest } = params;
    if (!operation) throw new EmulatorError('MissingAction', 'Missing Action');
    if (version !== protocol.version) throw new EmulatorError('InvalidAction', `Could not find operation ${operation} for version ${version ?? '(none)'}`);
    return { operation, params: rest };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    const entry = journal.open(options.service, '');
    try {
      const text = await readBody(request);
      const { operation, params } = route(request, text);
      entry.operation = operation;
      entry.body = params;
      checkCredential(request, options.accessKeyId, protocol.kind === 'json' && !protocol.queryCompatible ? undefined : { missing: 'MissingAuthenticationToken', invalid: 'InvalidClientTokenId' });

      const fault = faults.take(options.service, operation);
      if (fault?.delayMs) await delays.sleep(fault.delayMs);
      if (closed) return;
      const injected = fault && faultError(fault, options.service, operation, options.accountId, options.notFound?.(operation));
      if (injected) throw injected;

      const result = options.handle(operation, params);
      if (result === undefined) {
        throw new EmulatorError(protocol.kind === 'query' ? 'InvalidAction' : 'UnknownOperationException', `${operation} is not implemented by the Runbook AI sandbox`);
      }
      sendResult(response, operation, result, requestId);
    } catch (error) {
      const failure = error instanceof EmulatorError ? error : new EmulatorError('InternalFailure', `sandbox bug: ${(error as Error)?.message ?? String(error)}`, 500);
      entry.status = failure.status;
      entry.errorType = failure.type;
      sendError(response, failure, requestId);
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  const { host, port } = await listenOnLoopback(server, options.port, options.host);
  return {
    endpoint: `http://${host}:${port}`,
    port,
    requests: () => journal.list().filter((request) => request.service === options.service),
    close: async () => {
      if (closed) return;
      closed = true;
      await closeServer(server, delays);
    },
  };
}
