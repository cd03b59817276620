/**
 * Property-based fuzzing of every route the app serves (issue 9, "Attack and bad input"): random,
 * malformed and hostile input as every kind of caller, ≥ 10,000 cases per run. Every answer is
 * < 500, every refusal is Vietnamese problem+json, a refused request changes no data, and markup
 * comes back only as JSON data. FUZZ_SEED varies the run (default fixed), FUZZ_RUNS scales it.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createApiKey } from '../../src/server/modules/oversight/api-key.service.ts';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';
import { type CaseContext, type FuzzCase, ROLE_USERS, caseArbitrary } from '../support/fuzz/fuzz-cases.ts';
import { FuzzRunner } from '../support/fuzz/fuzz-runner.ts';
import { rawGet } from '../support/fuzz/raw-http.ts';
import { FORMULA_PAYLOADS, HTML_PAYLOADS } from '../support/fuzz/nasty-strings.ts';
import { loadRealData } from '../support/fuzz/real-values.ts';
import { checkRenderedOutput } from '../support/fuzz/rendered-output.ts';
import { type FuzzRoute, buildCatalogue } from '../support/fuzz/route-catalogue.ts';
import { changedTables, installChangeLog, takeDigest } from '../support/fuzz/table-digest.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_923);
const TOTAL = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Cases per route in phase 1, whose callers can never be allowed (no login, forged, no CSRF). */
const REFUSED_PER_ROUTE = 8;
/** The share of the cases spread evenly over the routes (phase 2a); the rest goes mostly to cheap routes (2b). */
const EVEN_SHARE = 0.3;

/** A route's own seed per phase: adding a route does not change what the others are sent. */
function seedFor(route: FuzzRoute, phase: string): number {
  let h = SEED >>> 0;
  for (const ch of `${phase} ${route.key}`) h = Math.imul(h ^ ch.charCodeAt(0), 16_777_619) >>> 0;
  return h | 0;
}

async function assertProperty(route: FuzzRoute, phase: string, arb: fc.Arbitrary<FuzzCase>, numRuns: number, check: (c: FuzzCase) => Promise<void>) {
  const seed = seedFor(route, phase);
  try {
    await fc.assert(fc.asyncProperty(arb, check), { seed, numRuns, endOnFailure: !process.env.FUZZ_SHRINK, includeErrorInReport: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${route.key}, phase ${phase}, failed — rerun with FUZZ_SEED=${SEED} (FUZZ_SHRINK=1 to shrink)\n${message}`, { cause: error });
  }
}

/** Next to the web app folder, in a folder whose name starts like it: must never be served. */
const SIBLING_SECRET = 'congvu-sibling-secret';

/** A stand-in for the built web app (an index page and one asset) in `dir`/web, beside `dir`/web-secret. */
function fakeWebApp(base: string): string {
  const dir = path.join(base, 'web');
  fs.mkdirSync(path.join(base, 'web-secret'));
  fs.writeFileSync(path.join(base, 'web-secret', 'secret.txt'), SIBLING_SECRET);
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="vi"><title>congvu</title><script type="module" src="/assets/app.js"></script></html>');
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log("congvu");');
  return dir;
}

/** Two real XLSX files with hostile cells, for the import routes (anything else claiming to be XLSX is random bytes). */
async function xlsxSamples(headers: string[]): Promise<Buffer[]> {
  return Promise.all(
    headers.map(async (header, i) => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('Dữ liệu');
      sheet.addRow(header.split(','));
      sheet.addRow(header.split(',').map((_, j) => [HTML_PAYLOADS[j % 4], FORMULA_PAYLOADS[j % 5], 'Nguyễn Văn Ánh'.normalize('NFD')][(i + j) % 3]));
      return Buffer.from(await wb.xlsx.writeBuffer());
    }),
  );
}

describe.each(BACKENDS)('fuzzing every route (%s)', (backend) => {
  let t: TestApp;
  let app: FastifyInstance;
  let ctx: CaseContext;
  const dirs: string[] = [];
  const scratch = (name: string) => {
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), `congvu-fuzz-${name}-`)));
    return dirs.at(-1)!;
  };
  let runner: FuzzRunner;
  let routes: FuzzRoute[];
  let catalogueProblems: string[];
  const arbitraries = new Map<string, fc.Arbitrary<FuzzCase>>();

  beforeAll(async () => {
    t = await startTestApp(backend);
    // The app as `congvu serve` builds it, with a web app folder: its static files and SPA fallback are routes too.
    const dataDir = scratch('files');
    app = await buildApp({ db: t.database.db, config: { ...loadConfig({}), databaseUrl: t.database.url, dataDir }, webDir: fakeWebApp(scratch('web')) });
    await app.ready();
    const sessions = new Map<string, Session>();
    for (const user of ROLE_USERS) sessions.set(user, await login(app, user));
    const admin = sessions.get('admin')!;
    const accounts = (await admin.request('GET', '/api/v1/accounts')).json<{ items: { id: string; username: string }[] }>().items;
    const token = await admin.request('POST', '/api/v1/api-tokens', { name: 'fuzz', accountId: accounts.find((a) => a.username === 'admin')!.id });
    expect(token.statusCode).toBe(201);
    const sheetHeaders: Record<string, string> = {};
    for (const kind of ['officials', 'procedures']) {
      const template = await admin.request('GET', `/api/v1/${kind}/import-template.csv`);
      sheetHeaders[`/api/v1/${kind}/import`] = template.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    }
    ctx = {
      // The callers' own accounts are never fuzzed targets: deactivating them would end the run's sessions.
      real: await loadRealData(t.database.db, accounts.filter((a) => sessions.has(a.username)).map((a) => a.id)),
      openApiKey: (await createApiKey(t.database.db, 'fuzz', 'fuzz-test')).key,
      sheetHeaders,
      xlsxSamples: await xlsxSamples(Object.values(sheetHeaders)),
    };
    ({ routes, problems: catalogueProblems } = buildCatalogue(app));
    for (const route of routes) {
      const arb = caseArbitrary(route, ctx);
      if (typeof arb === 'string') catalogueProblems.push(arb);
      else arbitraries.set(route.key, arb);
    }
    await installChangeLog(t.database.db);
    runner = new FuzzRunner(app, t.database.db, sessions, token.json<{ token: string }>().token, dataDir);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds every served route, and can build requests for each', () => {
    expect(catalogueProblems).toEqual([]);
    expect(routes.length).toBeGreaterThan(120);
    expect(routes.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /api/v1/dossiers', 'GET /health', 'GET /api/openapi.json', 'POST /open311/v2/requests.xml', 'GET /{*}']));
  });

  it(`sends ≥ ${TOTAL} cases: no 5xx, Vietnamese problems, refusals change nothing`, async () => {
    expect(catalogueProblems).toEqual([]);
    const started = performance.now();
    // Phase 1: callers that must be refused (no login, forged credentials, a session without its
    // CSRF token on a write). Every answer a refusal, and a digest of every data table unchanged —
    // a check of the whole database that does not rely on the per-request change log.
    const before = await takeDigest(t.database.db);
    for (const route of routes.filter((r) => !r.public && r.path.startsWith('/api/'))) {
      const write = route.method !== 'GET';
      const callers = fc.constantFrom<Pick<FuzzCase, 'caller' | 'csrf'>>(
        { caller: 'anonymous', csrf: 'ok' },
        { caller: 'forged', csrf: 'ok' },
        ...(write ? ROLE_USERS.flatMap((u) => [{ caller: u, csrf: 'missing' as const }, { caller: u, csrf: 'wrong' as const }]) : []),
      );
      const arb = fc.tuple(arbitraries.get(route.key)!, callers).map(([c, who]) => ({ ...c, ...who }));
      await assertProperty(route, '1', arb, REFUSED_PER_ROUTE, async (c) => {
        const status = await runner.run(route, c);
        if (status < 400) throw new Error(`${route.key} accepted a request from ${c.caller} (csrf ${c.csrf}): ${status}`);
      });
    }
    expect(changedTables(before, await takeDigest(t.database.db))).toEqual([]);

    // Phase 2a: every caller and shape of input, the same number of cases on every route; this
    // also measures what each route costs and which callers it lets in.
    const even = Math.ceil((TOTAL * EVEN_SHARE) / routes.length);
    for (const route of routes) await assertProperty(route, '2a', arbitraries.get(route.key)!, even, async (c) => void (await runner.run(route, c)));

    // Phase 2b: the rest, weighted toward cheap routes (1/√ms per case), the callers each route
    // let in sent four times as often — so the handlers behind the permission checks get hostile input too.
    const sent = () => [...runner.stats.values()].reduce((n, s) => n + s.cases, 0);
    const weight = (r: FuzzRoute) => 1 / Math.sqrt(Math.max(0.5, runner.stats.get(r.key)!.ms / runner.stats.get(r.key)!.cases));
    const sum = routes.reduce((n, r) => n + weight(r), 0);
    const remaining = Math.max(0, TOTAL - sent());
    for (const route of routes) {
      const arb = caseArbitrary(route, ctx, runner.stats.get(route.key)!.callersIn) as fc.Arbitrary<FuzzCase>;
      await assertProperty(route, '2b', arb, Math.ceil((remaining * weight(route)) / sum), async (c) => void (await runner.run(route, c)));
    }

    const stats = [...runner.stats.entries()];
    const total = sent();
    const count = (f: (s: (typeof stats)[number][1]) => number) => stats.reduce((n, [, s]) => n + f(s), 0);
    console.info(`fuzz (${backend}): ${total} cases in ${Math.round((performance.now() - started) / 1000)} s, ${count((s) => s.refused)} refused (none changed data), ${count((s) => s.accepted)} accepted, ${runner.relogins} re-logins after fuzzed logouts`);
    if (process.env.FUZZ_STATS) (await import('node:fs')).writeFileSync(process.env.FUZZ_STATS, JSON.stringify(Object.fromEntries(stats.map(([k, s]) => [k, { ...s, callersIn: [...s.callersIn] }])), null, 1));
    expect(total).toBeGreaterThanOrEqual(TOTAL);
    // Every served route got its share, and got past schema validation at least once (the
    // arbitraries follow its schema), so handlers — not only validators — were exercised everywhere.
    expect(routes.filter((r) => (runner.stats.get(r.key)?.cases ?? 0) < even).map((r) => r.key)).toEqual([]);
    expect(routes.filter((r) => !runner.stats.get(r.key)?.pastValidation).map((r) => r.key)).toEqual([]);
  }, 600_000);

  it('never serves a file outside the web app folder, for raw "../" paths over a real socket', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const segment = fc.constantFrom('..', '%2e%2e', '.%2e', '..%2f', '..%5c', '%2e%2e%2f', 'web-secret', 'secret.txt', 'assets', 'app.js', '.', '', 'etc', 'passwd', '%00', 'index.html');
    const target = fc.array(segment, { minLength: 1, maxLength: 7 }).map((s) => `/${s.join('/')}`);
    await fc.assert(
      fc.asyncProperty(target, async (url) => {
        const res = await rawGet(port, url);
        expect(res.status, url).toBeGreaterThanOrEqual(200);
        expect(res.status, url).toBeLessThan(500);
        expect(res.body, url).not.toContain(SIBLING_SECRET);
        expect(res.body, url).not.toContain('root:x:0:0');
        if (res.status >= 400) expect(res.headers, url).toMatch(/content-type: application\/problem\+json/i);
      }),
      { seed: SEED, numRuns: 150, includeErrorInReport: true },
    );
  });

  it('keeps hostile text inert in rendered output: XML escaped, XLSX without formulas, no raw markup in PDF', async () => {
    await checkRenderedOutput(app, runner);
  }, 120_000);
});
