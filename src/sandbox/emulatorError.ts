/**
 * An error the emulator answers with, in the AWS JSON 1.1 shape: HTTP status plus
 * `{"__type": type, "message": message}` — which the real SDK turns into its typed exception.
 */
export class EmulatorError extends Error {
  /** More members of the error body, when the real error has them (e.g. `queryCompileError`). */
  extra?: Record<string, unknown>;

  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

/** `InvalidParameterException` is what both Logs and ECS answer for a malformed request. */
export function invalidParameter(message: string): EmulatorError {
  return new EmulatorError('InvalidParameterException', message);
}

/** Opaque paging tokens: base64url JSON, rejected when they come from another query. */
export function encodeToken(payload: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeToken(token: unknown): Record<string, unknown> {
  if (typeof token !== 'string') throw invalidParameter('The specified nextToken is invalid.');
  try {
    const payload: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (payload && typeof payload === 'object' && !Array.isArray(payload)) return payload as Record<string, unknown>;
  } catch {
    // fall through to the same error as a well-formed but foreign token
  }
  throw invalidParameter('The specified nextToken is invalid.');
}
