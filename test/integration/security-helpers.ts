/**
 * Helpers of the security tests: apps with their own configuration over one seeded database,
 * logins from chosen client addresses (the login route is rate limited per address), the list of
 * routes, and a fingerprint of every table and stored file to prove a refused request changed nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/database.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-province.ts';
import { type Session, sessionFromLogin } from '../support/app.ts';
import type { TestDatabase } from '../support/databases.ts';

export interface SecurityApp {
  app: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

/** The whole app over `database` with its own environment, file folder and (optionally) log sink. */
export async function buildSecurityApp(
  database: TestDatabase,
  env: NodeJS.ProcessEnv,
  opts: { logLines?: string[]; webDir?: string } = {},
): Promise<SecurityApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-sec-'));
  const config = { ...loadConfig(env), databaseUrl: database.url, dataDir };
  const logLines = opts.logLines;
  const app = await buildApp({
    db: database.db,
    config,
    webDir: opts.webDir,
    ...(logLines ? { logger: { stream: { write: (line: string) => void logLines.push(line) } } } : {}),
  });
  await app.ready();
  return {
    app,
    dataDir,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let lastAddress = 0;
/** A client address of its own (TEST-NET, never a trusted proxy), so rate limits of one test do not touch another. */
export function freshAddress(): string {
  lastAddress += 1;
  return `198.51.${100 + Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
}

export function postLogin(app: FastifyInstance, username: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}, remoteAddress = freshAddress()) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers, remoteAddress });
}

/** Every secret the tests handle, so the log test can prove none was written. */
export const handledSecrets = new Set<string>();

/** A session from a successful login response, sending its cookie and (for writes) its CSRF token. */
export function sessionOf(app: FastifyInstance, res: LightMyRequestResponse, username = ''): Session {
  expect(res.statusCode, res.body).toBe(200);
  const session = sessionFromLogin(app, res, username);
  handledSecrets.add(session.cookie.slice('congvu_sid='.length)).add(session.csrfToken);
  return session;
}

export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  return sessionOf(app, await postLogin(app, username, password), username);
}

export function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{ code: string; detail: string; status: number }>();
  expect(body).toMatchObject({ status, code });
  // Vietnamese detail: at least one letter with a diacritic.
  expect(body.detail).toMatch(/[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i);
}

/**
 * Method and path of every route, read from Fastify's route tree (commonPrefix off: each line's
 * path continues its parent's), so a route added later is listed without touching the tests.
 */
export function listRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const url = (depth > 0 ? stack[depth - 1]! : '') + m[2]!;
    stack.push(url);
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

/** Fills path parameters with values of the right shape that name nothing. */
export function concreteUrl(url: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => (name === 'code' ? 'KHONG-CO-MA-NAY' : '00000000-0000-4000-8000-000000000000'));
}

/**
 * Row count and newest row version (xmin) of every table except the two a read may touch (session
 * last-seen, rate counters): any insert, update or delete changes one of the two.
 */
export async function tablesFingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not in ('sessions', 'rate_limits')
    order by 1`.execute(db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number; h: string }>`
      select count(*)::int as n, coalesce(max(t.xmin::text::bigint), 0)::text as h from ${sql.table(name)} t`.execute(db);
    out[name] = `${r.rows[0]!.n}:${r.rows[0]!.h}`;
  }
  return out;
}

export function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : [];
}
