import type { FieldIssue } from '@jiake/shared';

/** An API failure in the one error shape `{ error: { code, message, issues?, params?, requestId } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly params: Record<string, unknown>;
  readonly requestId?: string;
  /** Seconds from the Retry-After header, when the server sent one. */
  readonly retryAfter?: number;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    issues?: FieldIssue[];
    params?: Record<string, unknown>;
    requestId?: string;
    retryAfter?: number;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.issues = init.issues ?? [];
    this.params = init.params ?? {};
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

const API_BASE = '/api/v1';

/** `/customers` + `{ q: 'x', empty: '' }` → `/api/v1/customers?q=x`; empty values are left out. */
export function apiUrl(path: string, query?: QueryParams): string {
  const url = path.startsWith('/api/') ? path : `${API_BASE}${path}`;
  if (!query) return url;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${url}?${s}` : url;
}

const STATUS_CODES: Record<number, string> = {
  400: 'malformed_body',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_file',
  422: 'validation_failed',
  429: 'rate_limited',
};

async function toApiError(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* a proxy or the browser may answer without the JSON body */
  }
  const err = (body as { error?: Record<string, unknown> } | null)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError({
      status: res.status,
      code: err.code,
      message: String(err.message ?? err.code),
      issues: Array.isArray(err.issues) ? (err.issues as FieldIssue[]) : [],
      params: (err.params as Record<string, unknown>) ?? {},
      requestId: typeof err.requestId === 'string' ? err.requestId : undefined,
      retryAfter,
    });
  }
  return new ApiError({
    status: res.status,
    code: STATUS_CODES[res.status] ?? (res.status >= 500 ? 'internal' : 'unknown'),
    message: res.statusText || `HTTP ${res.status}`,
    retryAfter,
  });
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. an Idempotency-Key. */
  headers?: Record<string, string>;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const isForm = opts.body instanceof FormData;
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      signal: opts.signal,
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network', message: (e as Error).message });
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body: body ?? {}, headers }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data upload; the browser sets the boundary. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};

/** A page of a keyset-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
  totalIsEstimate?: boolean;
}
