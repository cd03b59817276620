import fs from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../../src/server/db/database.ts';
import { type Session, login } from '../app.ts';
import { DEMO_PASSWORD } from '../../../src/server/seed/demo-province.ts';
import type { CallerName, FuzzCase } from './fuzz-cases.ts';
import { responseProblems } from './response-checks.ts';
import type { FuzzRoute } from './route-catalogue.ts';
import { takeChanges } from './table-digest.ts';

const FORGERIES: Record<string, string>[] = [
  { cookie: `congvu_sid=${'a'.repeat(43)}` },
  { cookie: 'congvu_sid=%E0%A4%A; congvu_sid=x; =; ;' },
  { cookie: "congvu_sid=' OR 1=1--" },
  { authorization: 'Bearer forged-token' },
  { authorization: 'Bearer ' },
  { authorization: 'Basic YWRtaW46Y29uZ3Z1LWRlbW8=' },
  { authorization: `Bearer ${'x'.repeat(4_000)}` },
];

export interface RouteStats {
  cases: number;
  /** Cases that got past schema validation (any answer but a 400 validation or JSON error). */
  pastValidation: number;
  refused: number;
  accepted: number;
  statuses: Record<number, number>;
  ms: number;
  /** Callers the route let past authentication and authorisation at least once. */
  callersIn: Set<CallerName>;
}

/** Sends fuzz cases as their callers, checks each answer, and checks that refused requests changed nothing. */
export class FuzzRunner {
  readonly stats = new Map<string, RouteStats>();
  /** Records created by accepted POSTs (their text is fuzzed), for the rendered-output sweep afterwards. */
  readonly createdIds: { path: string; id: string }[] = [];
  relogins = 0;

  constructor(
    private readonly app: FastifyInstance,
    private readonly db: Database,
    private readonly sessions: Map<string, Session>,
    private readonly apiToken: string,
    /** The app's data folder: a refused upload must not leave a file there either. */
    private readonly dataDir: string,
  ) {}

  private storedFiles(): string {
    return fs.existsSync(this.dataDir) ? (fs.readdirSync(this.dataDir, { recursive: true }) as string[]).sort().join('\n') : '';
  }

  private credentials(c: FuzzCase, method: string): Record<string, string> {
    if (c.caller === 'anonymous') return {};
    if (c.caller === 'forged') return FORGERIES[c.url.length % FORGERIES.length]!;
    if (c.caller === 'token') return { authorization: `Bearer ${this.apiToken}` };
    const s = this.sessions.get(c.caller)!;
    const headers: Record<string, string> = { cookie: s.cookie };
    if (method !== 'GET' && c.csrf !== 'missing') headers['x-csrf-token'] = c.csrf === 'ok' ? s.csrfToken : `${s.csrfToken.slice(0, -2)}xx`;
    return headers;
  }

  private async send(route: FuzzRoute, c: FuzzCase): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...c.headers, ...this.credentials(c, route.method) };
    if (c.body?.contentType) headers['content-type'] = c.body.contentType;
    return this.app.inject({ method: route.method as 'GET', url: c.url, headers, ...(c.body ? { payload: c.body.payload } : {}) });
  }

  /**
   * One case: send it, check the answer, and — when it was refused — that it left no trace in the
   * data tables. Throws with the route, the case and the broken rules; fast-check adds seed and path.
   */
  async run(route: FuzzRoute, c: FuzzCase): Promise<number> {
    const started = performance.now();
    const filesBefore = route.bodyKind === 'file' ? this.storedFiles() : '';
    let res = await this.send(route, c);
    if (res.statusCode === 401 && this.sessions.has(c.caller) && !(await this.sessionAlive(c.caller))) {
      // An accepted logout, deactivation or password change ended this caller's session: log in again and resend.
      await takeChanges(this.db);
      this.sessions.set(c.caller, await loginFrom(this.app, c.caller, `127.1.0.${++this.relogins % 250}`));
      res = await this.send(route, c);
    }
    const changes = await takeChanges(this.db);
    const s = this.stats.get(route.key) ?? { cases: 0, pastValidation: 0, refused: 0, accepted: 0, statuses: {}, ms: 0, callersIn: new Set<CallerName>() };
    this.stats.set(route.key, s);
    s.cases++;
    s.ms += performance.now() - started;
    s.statuses[res.statusCode] = (s.statuses[res.statusCode] ?? 0) + 1;
    const code = res.statusCode === 400 ? (safeCode(res.body) ?? '') : '';
    if (!['VALIDATION_FAILED', 'BAD_JSON', 'BAD_REQUEST'].includes(code)) s.pastValidation++;
    if (res.statusCode < 400 || (c.shape !== 'bad-path' && [404, 409, 422].includes(res.statusCode))) s.callersIn.add(c.caller);
    const problems = responseProblems(c.url, res);
    if (res.statusCode >= 400) {
      s.refused++;
      if (changes.length) problems.push(`refused with ${res.statusCode} but changed data: ${changes.join(', ')}`);
      if (route.bodyKind === 'file' && this.storedFiles() !== filesBefore) problems.push(`refused with ${res.statusCode} but left a file in the data folder`);
    } else {
      s.accepted++;
      if (route.method === 'GET' && changes.length) problems.push(`a GET changed data: ${changes.join(', ')}`);
      if (route.method === 'POST' && res.statusCode === 201) {
        const id = (safeJson(res.body) as { id?: unknown } | undefined)?.id;
        if (typeof id === 'string') this.createdIds.push({ path: route.path, id });
      }
    }
    if (problems.length) {
      const sent = c.body ? ` body (${c.body.contentType ?? 'no type'}): ${String(c.body.payload).slice(0, 300)}` : '';
      throw new Error(`${route.key} as ${c.caller} (csrf ${c.csrf}, ${c.shape}): ${route.method} ${c.url.slice(0, 300)}${sent}\n→ ${res.statusCode} ${String(res.headers['content-type'])}: ${res.body.slice(0, 300)}\n${problems.map((p) => `  ✗ ${p}`).join('\n')}`);
    }
    return res.statusCode;
  }

  private async sessionAlive(username: string): Promise<boolean> {
    const res = await this.sessions.get(username)!.request('GET', '/api/v1/me');
    return res.statusCode === 200;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function safeCode(text: string): string | undefined {
  const code = (safeJson(text) as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Logs in like `login` in test/support/app.ts, but from a client address of its own: the fuzzer's
 * accepted logouts end sessions often, and re-logins from one address would meet the login rate limit.
 */
export async function loginFrom(app: FastifyInstance, username: string, address: string): Promise<Session> {
  return login(app, username, DEMO_PASSWORD, { 'x-forwarded-for': address });
}
