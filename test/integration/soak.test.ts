/**
 * Issue 9, the soak in CI: the traffic of `npm run soak` (bench/soak-traffic.ts: citizens' lookups
 * and ratings, the one-stop desk's whole dossier flow, dashboards, reports, the inspector, imports
 * through the integration API, a scraper hitting the rate limit) for 45 s against a real
 * `congvu serve` on a fresh demo province, with the scheduled jobs and notifications on. One
 * backend: PostgreSQL when TEST_DATABASE_URL is set, otherwise PGlite. The full ten minutes run
 * through `npm run soak`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soakTable } from '../../bench/soak-report.ts';
import { type SoakDatabase, type SoakResult, runSoak } from '../../bench/soak-run.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { seedDemo } from '../../src/server/seed/seed.ts';
import { type Backend, type TestDatabase, createSeededTestDatabase } from '../support/databases.ts';

const backend: Backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const SECONDS = 45;

describe(`soak, short form (${SECONDS} s) on ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let result: SoakResult;

  beforeAll(async () => {
    const seeded = await createSeededTestDatabase(backend, (d) => seedDemo(d.db, { volume: 0.02 }));
    let target: SoakDatabase;
    if (backend === 'postgres') {
      database = seeded;
      target = { backend, databaseUrl: seeded.url! };
    } else {
      // The server process opens its own data directory: write the seeded province into one.
      const dump = await seeded.dumpDataDir!();
      await seeded.drop();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-soak-'));
      await (await openDatabase({ dataDir, loadDataDir: dump })).close();
      target = { backend, dataDir };
    }
    result = await runSoak(target, {
      seconds: SECONDS,
      users: { citizens: 5, desks: 2, leaders: 1, unitStaff: 1, inspectors: 1, importers: 1, scrapers: 1 },
      pace: 0.7,
      importEveryMs: 6_000,
      scrapeEveryMs: 40_000,
      rssEveryMs: 2_000,
      heapEveryMs: 3_000,
      jobsEveryMs: 5_000,
      // Archiving last month's reports (~150 XLSX and PDF files, most of a minute of CPU) would be
      // the whole short run; metric-reports.test.ts covers the job, and `npm run soak` runs it.
      skipJobs: ['monthly-reports'],
      rssTolerance: { share: 0.15, mb: 30 },
      heapTolerance: { share: 0.15, mb: 15 },
      log: () => {},
    });
    console.log(soakTable(result));
  }, 150_000);

  afterAll(async () => {
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers every request as the scenario expects (the listed 4xx only) while every kind of user works', () => {
    const { client, tally } = result.traffic;
    expect(client.errors).toEqual([]);
    expect(result.serverErrors).toEqual([]);
    expect(result.serverExited).toBe(false);
    // The scenario ran end to end, not only its first steps.
    expect(tally.returned).toBeGreaterThanOrEqual(3);
    expect(tally.supplements).toBeGreaterThanOrEqual(1);
    expect(tally.rated).toBeGreaterThanOrEqual(1);
    expect(tally.importRounds).toBeGreaterThanOrEqual(3);
    expect(tally.scrapes).toBeGreaterThanOrEqual(1);
    for (const kind of ['tra cứu hồ sơ công khai', 'bảng điều hành, xếp hạng', 'thanh tra đọc', 'nhập hồ sơ qua API', 'tra cứu dồn dập (429 dự kiến)'])
      expect(client.latencies.get(kind)?.length ?? 0, kind).toBeGreaterThan(0);
  });

  it('keeps memory flat after warm-up: resident size and the heap left after a full collection', () => {
    expect(result.rss, 'RSS samples').not.toBeNull();
    expect(result.heap, 'heap samples').not.toBeNull();
    expect(result.rss!.growthMb).toBeLessThanOrEqual(result.rss!.limitMb);
    expect(result.heap!.growthMb).toBeLessThanOrEqual(result.heap!.limitMb);
  });

  it('delivers notifications while serving: the outbox worker sent them through the gateways, none failed', () => {
    expect(result.notifications.failed).toBe(0);
    expect(result.notifications.sent).toBeGreaterThan(0);
    expect(result.notifications.webhookCalls).toBeGreaterThan(0);
  });

  it('leaves a database whose audit chain and metric rollups verify (congvu audit verify, congvu metrics verify)', () => {
    for (const v of result.verifications) expect(v, v.name).toMatchObject({ ok: true });
  });
});
