// API errors are values made here and turned into metav1.Status objects
// here, so kubectl prints upstream's texts ("Error from server (NotFound):
// pods "x" not found").
import { CompactedError, FutureRevisionError, InvalidContinueError } from '../storage/errors.js';

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Timeout'
  | 'Expired';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): StatusObject {
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
}

/** What a resource is called in messages: "pods", or "deployments.apps". */
export interface Qualified {
  group: string;
  resource: string;
}

const qualifiedName = (r: Qualified) => (r.group ? `${r.resource}.${r.group}` : r.resource);

export const errors = {
  notFound: (r: Qualified, name: string) =>
    new ApiError(404, 'NotFound', `${qualifiedName(r)} "${name}" not found`, { name, group: r.group || undefined, kind: r.resource }),
  alreadyExists: (r: Qualified, name: string) =>
    new ApiError(409, 'AlreadyExists', `${qualifiedName(r)} "${name}" already exists`, {
      name,
      group: r.group || undefined,
      kind: r.resource,
    }),
  conflict: (r: Qualified, name: string, why: string) =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedName(r)} "${name}": ${why}`, {
      name,
      group: r.group || undefined,
      kind: r.resource,
    }),
  /** 422 with field causes: kubectl prints `The Kind "name" is invalid: field: message`. */
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]) =>
    new ApiError(
      422,
      'Invalid',
      `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', ')}`,
      { name, group: group || undefined, kind, causes },
    ),
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  gone: (message: string) => new ApiError(410, 'Expired', message),
  methodNotAllowed: () => new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  notAcceptable: (message: string) => new ApiError(406, 'NotAcceptable', message),
  unsupportedMediaType: (type: string) =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format (${type}) - accepted media types include: application/json, application/yaml, application/merge-patch+json, application/json-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml`,
    ),
  tooLarge: () => new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'),
  internal: (err: unknown) =>
    new ApiError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`),
};

/** Storage errors that reach the API surface as they are (compaction, bad continue tokens). */
export function fromStorageError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof CompactedError) {
    return errors.gone(`too old resource version: ${err.requestedRevision} (${err.compactRevision})`);
  }
  if (err instanceof InvalidContinueError) return errors.badRequest(err.message);
  if (err instanceof FutureRevisionError) {
    return new ApiError(504, 'Timeout', `Too large resource version: ${err.requestedRevision}, current: ${err.currentRevision}`, {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    });
  }
  return errors.internal(err);
}
