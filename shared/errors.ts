import type { SerializedError } from './domain/jobs';

/**
 * Stable error codes: expected errors the user can act on carry one of these, a message that
 * names the file, line and field, and a hint. Anything else is a bug (`INTERNAL`).
 */
export const ERROR_CODES = {
  INVALID_REQUEST: 'the request did not match its schema',
  UNKNOWN_CHANNEL: 'no such request channel',
  UNAUTHORIZED: 'missing or wrong access token',
  NO_WORKSPACE: 'no workspace is open',
  WORKSPACE_LOCKED: 'the workspace is in use by another Vigil process',
  NOT_FOUND: 'not found',
  PARSE_ERROR: 'the input could not be parsed',
  UNSUPPORTED_FORMAT: 'the file format was not recognised',
  EMPTY_INPUT: 'the input holds no data',
  INVALID_SETTINGS: 'the settings are not valid',
  JOB_CANCELLED: 'the job was cancelled',
  WORKER_CRASHED: 'a worker stopped unexpectedly',
  INTERNAL: 'internal error',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** An error the user can act on. Thrown by core and services, serialized across transports. */
export class VigilError extends Error {
  readonly code: ErrorCode;
  readonly where: SerializedError['where'];
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, opts: { where?: SerializedError['where']; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'VigilError';
    this.code = code;
    this.where = opts.where;
    this.hint = opts.hint;
  }
}

/** `file:line:column (field)` prefix used in every input error message. */
export function locate(where: SerializedError['where']): string {
  if (!where) return '';
  let s = where.file ?? '';
  if (where.line !== undefined) s += `:${where.line}`;
  if (where.column !== undefined) s += `:${where.column}`;
  if (where.field !== undefined) s += ` (${where.field})`;
  return s;
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof VigilError) {
    const out: SerializedError = { code: e.code, message: e.message };
    if (e.where) out.where = e.where;
    if (e.hint) out.hint = e.hint;
    return out;
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message, internal: true };
}

/** Rebuilds a thrown error on the receiving side of a transport. */
export function deserializeError(s: SerializedError): VigilError {
  const code = (s.code in ERROR_CODES ? s.code : 'INTERNAL') as ErrorCode;
  const opts: { where?: SerializedError['where']; hint?: string } = {};
  if (s.where) opts.where = s.where;
  if (s.hint) opts.hint = s.hint;
  return new VigilError(code, s.message, opts);
}
