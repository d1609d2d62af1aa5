/**
 * Opaque paging tokens for the AWS signal emulators: base64url JSON of an offset pinned to the
 * request's filter (`key`), refused with the service's own error code when they come from
 * another request, as the real (opaque) ones are.
 */
import { EmulatorError } from '../emulatorError';

export function encodePageToken(key: string, offset: number): string {
  return Buffer.from(JSON.stringify({ k: key, o: offset })).toString('base64url');
}

export function decodePageToken(token: unknown, key: string, errorType: string, message = 'The specified next token is invalid.'): number {
  if (typeof token === 'string') {
    try {
      const payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; o?: unknown };
      if (payload && payload.k === key && typeof payload.o === 'number' && Number.isInteger(payload.o) && payload.o >= 0) return payload.o;
    } catch {
      // the same error as a well-formed but foreign token
    }
  }
  throw new EmulatorError(errorType, message);
}
