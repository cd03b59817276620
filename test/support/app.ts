import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-province.ts';
import { seedDemo } from '../../src/server/seed/seed.ts';
import { type Backend, type TestDatabase, createSeededTestDatabase } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole HTTP app on a fresh database holding the deterministic demo province. */
export async function startTestApp(backend: Backend, env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createSeededTestDatabase(backend, (d) => seedDemo(d.db, { volume: 0.02 }));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-files-'));
  const config = { ...loadConfig({ ...env }), databaseUrl: database.url, dataDir };
  const app = await buildApp({ db: database.db, config });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  username: string;
  cookie: string;
  csrfToken: string;
  /** Sends a request as this user, with the session cookie and (for writes) the CSRF header. */
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return sessionFromLogin(app, res, username);
}

/** The session a successful login response opened: its cookie, and its CSRF token on writes. */
export function sessionFromLogin(app: FastifyInstance, res: LightMyRequestResponse, username: string): Session {
  const setCookie = res.cookies.find((c) => c.name === 'congvu_sid');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `congvu_sid=${setCookie.value}`;
  const csrfToken = res.json<{ csrfToken: string }>().csrfToken;
  return {
    username,
    cookie,
    csrfToken,
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }), ...headers },
        ...(payload === undefined ? {} : typeof payload === 'string' || Buffer.isBuffer(payload) ? { payload } : { payload: payload as object }),
      }),
  };
}
