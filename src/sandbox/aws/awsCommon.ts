/**
 * What every AWS emulator of the sandbox shares whatever its wire protocol (JSON 1.0/1.1, Query):
 * the request journal (one sequence across all of them), scenario fault injection, the
 * credential check and body reading.
 */
import type { IncomingMessage } from 'node:http';
import { EmulatorError } from '../emulatorError';
import type { ScenarioFault } from '../scenario/scenario';

export type AwsServiceId = 'logs' | 'ecs' | 'cloudwatch' | 'elb' | 'autoscaling';

export interface RecordedRequest {
  seq: number;
  service: AwsServiceId | 'unknown';
  operation: string;
  /** HTTP status of the answer */
  status: number;
  /** Error code of the answer (`__type`, or the Query protocol's `Code`), if any */
  errorType?: string;
  /** The request parameters: the JSON body, or the Query protocol's form fields (`Names.member.1` → value). */
  body: Record<string, unknown>;
}

/** One request log shared by the sandbox's AWS emulators, so `seq` orders requests across services. */
export class RequestJournal {
  private readonly entries: RecordedRequest[] = [];

  open(service: AwsServiceId | 'unknown', operation: string): RecordedRequest {
    const entry: RecordedRequest = { seq: this.entries.length + 1, service, operation, status: 200, body: {} };
    this.entries.push(entry);
    return entry;
  }

  list(): RecordedRequest[] {
    return structuredClone(this.entries);
  }
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** IAM action prefixes, for AccessDenied messages that name the missing permission. */
export const IAM_PREFIX: Record<AwsServiceId, string> = {
  logs: 'logs',
  ecs: 'ecs',
  cloudwatch: 'cloudwatch',
  elb: 'elasticloadbalancing',
  autoscaling: 'application-autoscaling',
};

export class FaultInjector {
  private readonly remaining: (number | undefined)[];

  constructor(private readonly faults: readonly ScenarioFault[]) {
    this.remaining = faults.map((fault) => fault.times);
  }

  /** The first fault matching the request that still has uses left (and uses one). */
  take(service: AwsServiceId, operation: string): ScenarioFault | undefined {
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

/**
 * The error a fault answers with, in the service's own codes: JSON services say
 * `ThrottlingException` / `AccessDeniedException`; CloudWatch and ELB (AWS Query codes) say
 * `Throttling` / `AccessDenied` (HTTP 403). `notFound` is the service's not-found code.
 */
export function faultError(fault: ScenarioFault, service: AwsServiceId, operation: string, accountId: string, notFound?: { type: string; status?: number; message: string }): EmulatorError | undefined {
  const query = service === 'cloudwatch' || service === 'elb';
  switch (fault.error) {
    case undefined:
      return undefined;
    case 'ThrottlingException':
    case 'Throttling':
      return new EmulatorError(query ? 'Throttling' : 'ThrottlingException', fault.message ?? 'Rate exceeded');
    case 'AccessDeniedException':
    case 'AccessDenied':
      return new EmulatorError(
        query ? 'AccessDenied' : 'AccessDeniedException',
        fault.message ?? `User: arn:aws:sts::${accountId}:assumed-role/oncall/runbook is not authorized to perform: ${IAM_PREFIX[service]}:${operation}`,
        query ? 403 : 400,
      );
    case 'ResourceNotFoundException':
      if (notFound) return new EmulatorError(notFound.type, fault.message ?? notFound.message, notFound.status ?? 400);
      return new EmulatorError(fault.error, fault.message ?? 'The specified resource does not exist.');
    case 'InternalFailure':
      return new EmulatorError(query ? 'InternalFailure' : fault.error, fault.message ?? 'The request processing has failed because of an unknown error, exception or failure.', 500);
    default:
      return new EmulatorError('InternalFailure', `sandbox: fault error ${fault.error} does not apply to ${service}`, 500);
  }
}

export function readBody(request: IncomingMessage): Promise<string> {
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

/** The signature is not verified, but its access key id is: a client with other keys fails as on AWS. */
export function checkCredential(request: IncomingMessage, accessKeyId: string | undefined, codes = { missing: 'MissingAuthenticationTokenException', invalid: 'UnrecognizedClientException' }): void {
  if (!accessKeyId) return;
  const credential = /Credential=([^/,\s]+)\//.exec(String(request.headers.authorization ?? ''));
  if (!credential) throw new EmulatorError(codes.missing, 'Missing Authentication Token', 403);
  if (credential[1] !== accessKeyId) throw new EmulatorError(codes.invalid, 'The security token included in the request is invalid.', 403);
}

/** Parses a JSON protocol body: `{}` when empty, an object or a SerializationException. */
export function parseJsonBody(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new EmulatorError('SerializationException', 'The request body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new EmulatorError('SerializationException', 'The request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Drops undefined fields: the real services omit unset members rather than sending null. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
