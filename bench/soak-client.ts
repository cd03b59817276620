/**
 * The soak's HTTP client: every request is timed under a kind (a row of the final table) and
 * checked against the statuses its scenario expects. Anything else — another status, a network
 * error, a timeout, a file that is not what it claims, a failed scenario check — is an error,
 * kept with when, what and the problem's code (never a request body: it may hold personal data).
 */
import { DEMO_PASSWORD } from '../src/server/seed/demo-province.ts';

export interface SoakError {
  /** Seconds since the traffic started. */
  at: number;
  kind: string;
  request: string;
  status: number;
  detail: string;
}

export interface Session {
  username: string;
  cookie: string;
  csrfToken: string;
  officialId: string | null;
  /** The client address the proxy reports for this person (X-Forwarded-For). */
  ip: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely by the scenario
export type Body = any;

export interface Reply {
  status: number;
  body: Body;
  headers: Headers;
}

export interface RequestOptions {
  ip: string;
  session?: Session;
  bearer?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses the scenario expects (default 200). */
  expect?: readonly number[];
  /** A download: its first bytes must be this format's signature. */
  file?: 'pdf' | 'xlsx';
}

const SIGNATURE = { pdf: '%PDF', xlsx: 'PK' } as const;
const TIMEOUT_MS = 30_000;
/** Ids and dossier codes leave the request's name, so errors of one route group together. */
const shape = (path: string) =>
  path
    .split('?')[0]!
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\/public\/dossiers\/[^/]+/, '/public/dossiers/:code');

export interface Timing {
  /** Seconds since the users started. */
  at: number;
  ms: number;
}

export class SoakClient {
  readonly latencies = new Map<string, Timing[]>();
  readonly errors: SoakError[] = [];
  /** Errors are timed from here: reset when the users start. */
  startedAt = Date.now();

  constructor(readonly baseUrl: string) {}

  async request(kind: string, method: 'GET' | 'POST' | 'DELETE', path: string, o: RequestOptions): Promise<Reply | null> {
    const headers: Record<string, string> = { 'x-forwarded-for': o.ip, ...o.headers };
    if (o.session) {
      headers.cookie = o.session.cookie;
      if (method !== 'GET') headers['x-csrf-token'] = o.session.csrfToken;
    }
    if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const name = `${method} ${shape(path)}`;
    const started = performance.now();
    let res: Response;
    let body: Body;
    try {
      res = await fetch(this.baseUrl + path, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (o.file && res.ok) {
        const bytes = Buffer.from(await res.arrayBuffer());
        body = bytes.subarray(0, 4).toString('latin1');
      } else {
        const text = await res.text();
        body = text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
      }
    } catch (error) {
      this.record(kind, performance.now() - started);
      this.fail(kind, name, 0, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      return null;
    }
    this.record(kind, performance.now() - started);
    const expected = o.expect ?? [200];
    if (!expected.includes(res.status)) {
      const problem = typeof body === 'object' && body ? `${body.code ?? ''} ${body.detail ?? body.title ?? ''}`.trim() : String(body).slice(0, 120);
      this.fail(kind, name, res.status, problem || res.statusText);
      return null;
    }
    if (o.file && res.ok && !String(body).startsWith(SIGNATURE[o.file])) {
      this.fail(kind, name, res.status, `tệp không phải ${o.file.toUpperCase()}`);
      return null;
    }
    return { status: res.status, body, headers: res.headers };
  }

  /** A scenario check: false is recorded as an error of this kind. */
  check(kind: string, ok: boolean, detail: string): boolean {
    if (!ok) this.fail(kind, 'kiểm tra', 0, detail);
    return ok;
  }

  async login(username: string, ip: string): Promise<Session | null> {
    const res = await this.request('đăng nhập', 'POST', '/api/v1/auth/login', { ip, body: { username, password: DEMO_PASSWORD } });
    if (!res) return null;
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('congvu_sid='));
    if (!this.check('đăng nhập', !!cookie, `${username}: không có cookie phiên`)) return null;
    return { username, cookie: cookie!, csrfToken: res.body.csrfToken, officialId: res.body.officialId ?? null, ip };
  }

  get seconds(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  private record(kind: string, ms: number) {
    let list = this.latencies.get(kind);
    if (!list) this.latencies.set(kind, (list = []));
    list.push({ at: this.seconds, ms });
  }

  private fail(kind: string, request: string, status: number, detail: string) {
    this.errors.push({ at: Math.round(this.seconds), kind, request, status, detail });
  }
}
