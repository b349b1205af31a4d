import type { ErrorCode, FieldIssue } from '@jiake/shared';

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  malformed_body: 400,
  too_many_attempts: 429,
  rate_limited: 429,
  not_found: 404,
  validation_failed: 422,
  forbidden_field: 422,
  unsupported_file: 422,
  duplicate_suspected: 409,
  conflict: 409,
  payload_too_large: 413,
  internal: 500,
};

/** The one error type services throw; the HTTP layer turns it into the one error body. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: { issues?: FieldIssue[]; params?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message ?? code);
    this.status = STATUS[code];
  }
}

export const notFound = (what = 'record') => new AppError('not_found', `${what} not found`);
export const invalid = (issues: FieldIssue[], message = 'invalid input') =>
  new AppError('validation_failed', message, { issues });
export const issue = (path: string, code: string, message: string): FieldIssue => ({ path, code, message });
