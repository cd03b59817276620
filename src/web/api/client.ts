import type { TProblem } from '../../shared/schemas/common.ts';

/** A refusal from the API (RFC 9457 problem details) or a transport failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: TProblem;

  constructor(problem: TProblem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): { field: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export const API_BASE = '/api/v1';
const CSRF_STORAGE_KEY = 'congvu.csrf';

let csrfToken: string | null = readStoredCsrf();
let csrfRequest: Promise<string | null> | null = null;
const unauthorizedListeners = new Set<() => void>();

function readStoredCsrf(): string | null {
  try {
    return sessionStorage.getItem(CSRF_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Keeps the session's CSRF token in memory and in sessionStorage (cleared on logout). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  try {
    if (token) sessionStorage.setItem(CSRF_STORAGE_KEY, token);
    else sessionStorage.removeItem(CSRF_STORAGE_KEY);
  } catch {
    // Storage unavailable: memory only.
  }
}

/** True when this tab holds a session's CSRF token (a hint that a session may exist). */
export function hasStoredCsrf(): boolean {
  return csrfToken !== null;
}

/** Called on every 401 except the login call itself; the app clears the session and shows login. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function fetchCsrfToken(): Promise<string | null> {
  csrfRequest ??= (async () => {
    try {
      const res = await fetch(`${API_BASE}/auth/csrf`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!res.ok) return null;
      const body = (await res.json()) as { csrfToken?: string };
      setCsrfToken(body.csrfToken ?? null);
      return body.csrfToken ?? null;
    } catch {
      return null;
    } finally {
      csrfRequest = null;
    }
  })();
  return csrfRequest;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (e.g. an uploaded file) with `contentType`. */
  body?: Blob | ArrayBuffer | string;
  contentType?: string;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  // Paths are relative to /api/v1 ("/units"); full paths ("/api/v1/...") pass through.
  const url = path.startsWith('/api/') ? path : `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

function isProblem(value: unknown): value is TProblem {
  return typeof value === 'object' && value !== null && 'status' in value && ('detail' in value || 'title' in value);
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  if (isProblem(body)) {
    return new ApiError({
      type: body.type ?? 'about:blank',
      title: body.title ?? res.statusText,
      status: body.status ?? res.status,
      detail: body.detail ?? body.title ?? res.statusText,
      code: body.code ?? `HTTP_${res.status}`,
      errors: Array.isArray(body.errors) ? body.errors : undefined,
    });
  }
  return new ApiError({
    type: 'about:blank',
    title: res.statusText || 'Lỗi',
    status: res.status,
    detail: res.status >= 500 ? 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.' : `Yêu cầu không thành công (mã ${res.status}).`,
    code: `HTTP_${res.status}`,
  });
}

const networkError = () =>
  new ApiError({
    type: 'about:blank',
    title: 'Không kết nối được máy chủ',
    status: 0,
    detail: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    code: 'NETWORK',
  });

async function send(path: string, options: RequestOptions, retryCsrf: boolean): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    if (options.contentType) headers['Content-Type'] = options.contentType;
    body = options.body;
  }
  // Logging in starts the session, so there is no token to send yet.
  if (method !== 'GET' && !path.endsWith('/auth/login')) {
    const token = csrfToken ?? (await fetchCsrfToken());
    if (token) headers['X-CSRF-Token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  // A stale CSRF token (e.g. a new session in another tab): fetch the current one and retry once.
  if (retryCsrf && method !== 'GET' && res.status === 403) {
    const peek = (await res.clone().json().catch(() => null)) as { code?: string } | null;
    if (peek?.code && /CSRF/i.test(peek.code)) {
      setCsrfToken(null);
      if (await fetchCsrfToken()) return send(path, options, false);
    }
  }
  return res;
}

/** Calls the API and returns the parsed JSON body; throws ApiError with the problem details. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, options, true);
  if (!res.ok) {
    const error = await toApiError(res);
    if (error.status === 401 && !path.endsWith('/auth/login')) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Phản hồi không hợp lệ',
      status: 502,
      detail: 'Máy chủ trả về dữ liệu không đọc được. Vui lòng thử lại sau.',
      code: 'BAD_RESPONSE',
    });
  }
}

export const api = {
  get: <T,>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T,>(path: string, json?: unknown, query?: Record<string, QueryValue>) =>
    apiRequest<T>(path, { method: 'POST', json: json ?? {}, query }),
  patch: <T,>(path: string, json: unknown) => apiRequest<T>(path, { method: 'PATCH', json }),
  delete: <T,>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};
