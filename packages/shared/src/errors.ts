/** Stable error codes; the web app translates them. Body: { error: { code, message, params?, issues?, requestId } } */
export const ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  'malformed_body',
  'invalid_credentials',
  'too_many_attempts',
  'not_found',
  'validation_failed',
  'conflict',
  'duplicate_suspected',
  'payload_too_large',
  'unsupported_file',
  'forbidden_field',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    params?: Record<string, unknown>;
    issues?: FieldIssue[];
    requestId: string;
  };
}
