/**
 * gRPC status codes (all 17), as the common clients print them:
 *   Go        rpc error: code = Unavailable desc = connection error: …
 *   Python    StatusCode.UNAVAILABLE / status = StatusCode.UNAVAILABLE
 *   Node      14 UNAVAILABLE: No connection established
 *   Java      io.grpc.StatusRuntimeException: UNAVAILABLE: io exception / Status{code=UNAVAILABLE, …}
 *   C#        Status(StatusCode="Unavailable", Detail="…")
 *   logging   grpc.code=Unavailable, grpc_code=14, grpc-status: 14
 */
import type { FailureCategory } from '../model';
import type { EntityKind, Strength, TaxonomyEntry } from './types';

const SOURCE = 'https://grpc.github.io/grpc/core/md_doc_statuscodes.html';

interface GrpcCode {
  num: number;
  /** Canonical upper-snake name (Python, Node, Java). */
  name: string;
  /** CamelCase spellings: Go's codes.Code.String() and C#'s StatusCode (they differ for CANCELLED). */
  camel: readonly string[];
  category: FailureCategory | 'symptom';
  strength: Strength;
  names?: EntityKind;
  description: string;
}

const CODES: readonly GrpcCode[] = [
  { num: 0, name: 'OK', camel: ['OK'], category: 'unknown', strength: 'weak', description: 'Success; listed so a status field reading OK is recognised, not a failure.' },
  { num: 1, name: 'CANCELLED', camel: ['Canceled', 'Cancelled'], category: 'symptom', strength: 'weak', description: 'The caller gave up on the call, often because its own deadline or its client went away.' },
  { num: 2, name: 'UNKNOWN', camel: ['Unknown'], category: 'symptom', strength: 'weak', description: 'The server raised an error that did not map to a status; look at the server logs.' },
  { num: 3, name: 'INVALID_ARGUMENT', camel: ['InvalidArgument'], category: 'symptom', strength: 'weak', description: 'The request was rejected as malformed regardless of system state; can signal a contract change.' },
  { num: 4, name: 'DEADLINE_EXCEEDED', camel: ['DeadlineExceeded'], category: 'dependency', strength: 'weak', names: 'dependency', description: 'The call did not finish before its deadline: a slow or overloaded callee, or a too-tight deadline.' },
  { num: 5, name: 'NOT_FOUND', camel: ['NotFound'], category: 'symptom', strength: 'weak', description: 'The requested entity does not exist on the server.' },
  { num: 6, name: 'ALREADY_EXISTS', camel: ['AlreadyExists'], category: 'symptom', strength: 'weak', description: 'The entity the call tried to create is already there.' },
  { num: 7, name: 'PERMISSION_DENIED', camel: ['PermissionDenied'], category: 'permissions', strength: 'strong', names: 'identity', description: 'The caller is known but not allowed to perform the call.' },
  { num: 8, name: 'RESOURCE_EXHAUSTED', camel: ['ResourceExhausted'], category: 'rate-limit', strength: 'weak', names: 'quota', description: 'A quota, rate limit, message-size limit or server resource ran out.' },
  { num: 9, name: 'FAILED_PRECONDITION', camel: ['FailedPrecondition'], category: 'symptom', strength: 'weak', description: 'The system is not in the state the call requires.' },
  { num: 10, name: 'ABORTED', camel: ['Aborted'], category: 'symptom', strength: 'weak', description: 'The call was aborted by a concurrency conflict (transaction abort, sequencer check).' },
  { num: 11, name: 'OUT_OF_RANGE', camel: ['OutOfRange'], category: 'symptom', strength: 'weak', description: 'The call addressed past the valid range (seek beyond the end of a stream).' },
  { num: 12, name: 'UNIMPLEMENTED', camel: ['Unimplemented'], category: 'bad-deploy', strength: 'weak', names: 'dependency', description: 'The server does not implement the method: often client and server versions out of step.' },
  { num: 13, name: 'INTERNAL', camel: ['Internal'], category: 'symptom', strength: 'weak', description: 'An invariant broke inside the server or the transport; an effect, not a cause.' },
  { num: 14, name: 'UNAVAILABLE', camel: ['Unavailable'], category: 'dependency', strength: 'weak', names: 'dependency', description: 'The server could not be reached or refused work right now; usually transient and retryable.' },
  { num: 15, name: 'DATA_LOSS', camel: ['DataLoss'], category: 'storage', strength: 'weak', description: 'Unrecoverable data loss or corruption was detected.' },
  { num: 16, name: 'UNAUTHENTICATED', camel: ['Unauthenticated'], category: 'permissions', strength: 'strong', names: 'identity', description: 'The call carried no valid credentials (missing, expired or rotated token).' },
];

function patternsFor(code: GrpcCode): RegExp[] {
  const camel = code.camel.join('|');
  return [
    new RegExp(`\\bcode = (?:${camel})\\b(?: desc = (?<detail>.*))?`),
    new RegExp(`\\bStatusCode\\.${code.name}\\b`),
    new RegExp(`(?:^|[^\\w.])${code.num} ${code.name}:(?<detail> .*)?`),
    new RegExp(`\\bStatus\\{code=${code.name}\\b(?:, description=(?<detail>[^,}]*))?`),
    new RegExp(`Status(?:Runtime)?Exception: ${code.name}\\b(?:: (?<detail>.*))?`),
    new RegExp(`StatusCode="(?:${camel})"(?:, Detail="(?<detail>[^"]*)")?`),
    new RegExp(`\\bgrpc[._-](?:code|status)"?\\s*[:=]\\s*"?(?:${camel}|${code.name}|${code.num})(?![\\w.])`, 'i'),
  ];
}

export const GRPC: readonly TaxonomyEntry[] = CODES.map((code) => ({
  id: `grpc.${code.name}`,
  vocabulary: 'grpc',
  patterns: patternsFor(code),
  category: code.category,
  ...(code.names ? { names: code.names } : {}),
  strength: code.strength,
  description: code.description,
  source: SOURCE,
}));
