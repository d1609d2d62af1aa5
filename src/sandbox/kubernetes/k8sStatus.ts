/**
 * Errors the Kubernetes emulator answers with: a `Status` object (kind Status, apiVersion v1)
 * with the HTTP code, a machine-readable `reason` and a message worded like the real API
 * server's, which clients (and kubectl) show to the user.
 */
export class K8sStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: { name?: string; group?: string; kind?: string },
  ) {
    super(message);
    this.name = 'K8sStatusError';
  }

  /** The `Status` body. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }

  static badRequest(message: string): K8sStatusError {
    return new K8sStatusError(400, 'BadRequest', message);
  }

  /** `pods "x" not found`, `deployments.apps "x" not found`. */
  static notFound(resource: string, name: string, group = ''): K8sStatusError {
    return new K8sStatusError(404, 'NotFound', `${resource}${group ? `.${group}` : ''} "${name}" not found`, { name, ...(group ? { group } : {}), kind: resource });
  }

  static invalid(kind: string, name: string, causes: string[]): K8sStatusError {
    return new K8sStatusError(422, 'Invalid', `${kind} "${name}" is invalid: ${causes.join(', ')}`, { name, kind });
  }

  static methodNotAllowed(message: string): K8sStatusError {
    return new K8sStatusError(405, 'MethodNotAllowed', message);
  }
}

/** The error reasons a scenario fault may inject, with the code and message the real server uses. */
export const FAULT_STATUS: Readonly<Record<string, { code: number; message: string }>> = {
  TooManyRequests: { code: 429, message: 'Too many requests, please try again later.' },
  Forbidden: { code: 403, message: 'forbidden: User "system:serviceaccount:oncall:runbook" cannot perform this action' },
  Unauthorized: { code: 401, message: 'Unauthorized' },
  NotFound: { code: 404, message: 'the server could not find the requested resource' },
  InternalError: { code: 500, message: 'Internal error occurred: sandbox fault injection' },
  ServiceUnavailable: { code: 503, message: 'the server is currently unable to handle the request' },
};
