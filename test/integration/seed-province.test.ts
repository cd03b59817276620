/**
 * `congvu seed --scale province` at a small size (issue 8): the same code path as the 5,000,000
 * dossier province — organisation of 2,000 units and 20,000 officials, dossiers streamed through
 * COPY, then tasks, oversight, scores and figures — seeded twice with the same clock into two
 * databases: identical data (deterministic), realistic shape (working days only, Tết-season skew,
 * busy and quiet units), and a database the audit and metrics checks accept. PostgreSQL only: the
 * province scale needs it (the CLI refuses PGlite).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultWorkingCalendar } from '../../src/domain/calendar/default-calendar.ts';
import { seedProvince } from '../../src/server/seed/seed-province.ts';
import { runCli } from '../support/cli.ts';
import { type TestDatabase, createTestDatabase } from '../support/databases.ts';

const DOSSIERS = 6_000;
const NOW = new Date('2026-11-20T03:00:00Z');

describe.skipIf(!process.env.TEST_DATABASE_URL)('province-scale seed at a small size (skipped: TEST_DATABASE_URL is not set)', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let counts: Record<string, number>;
  const lines: string[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres')]);
    const [first] = await Promise.all([
      seedProvince(a.db, { databaseUrl: a.url!, dossiers: DOSSIERS, now: NOW, log: (l) => lines.push(l) }),
      seedProvince(b.db, { databaseUrl: b.url!, dossiers: DOSSIERS, now: NOW }),
    ]);
    counts = first;
  }, 300_000);
  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop()]);
  });

  it('makes a province: about 2,000 units, 20,000 officials, the dossiers asked for, and says how far it is', async () => {
    expect(counts.units).toBeGreaterThanOrEqual(2_000);
    expect(counts.officials).toBeGreaterThanOrEqual(20_000);
    expect(Math.abs(counts.dossiers! - DOSSIERS) / DOSSIERS).toBeLessThan(0.05);
    expect(counts.dossier_events).toBeGreaterThan(counts.dossiers! * 3);
    const stored = await a.db.selectFrom('dossiers').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(counts.dossiers);
    for (const table of ['tasks', 'inspections', 'complaints', 'scorecards', 'dossier_daily', 'activity_daily'] as const) {
      expect(counts[table], table).toBeGreaterThan(0);
    }
    expect(lines.some((l) => l.includes('tổ chức'))).toBe(true);
    expect(lines.some((l) => l.includes('hồ sơ:'))).toBe(true);
  });

  it('is deterministic: the same clock gives the same dossiers, events and scores', async () => {
    const digest = async (db: TestDatabase) => {
      const { rows } = await sql<{ dossiers: string; events: string; scores: string }>`
        select (select md5(string_agg(concat_ws('|', id, code, unit_id, status, received_at, due_at, finished_at, applicant_name), ',' order by code)) from dossiers) as dossiers,
               (select md5(string_agg(concat_ws('|', dossier_id, seq, type, at), ',' order by dossier_id, seq)) from dossier_events) as events,
               (select md5(string_agg(concat_ws('|', official_id, month, status, final_score), ',' order by official_id, month)) from scorecards) as scores`.execute(db.db);
      return rows[0]!;
    };
    const [x, y] = await Promise.all([digest(a), digest(b)]);
    expect(x.dossiers).toBeTruthy();
    expect(x).toEqual(y);
  });

  it('receives dossiers on working days only, more in the weeks after Tết than in January, and unevenly across units', async () => {
    const { rows: days } = await sql<{ day: string }>`
      select distinct to_char(received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as day from dossiers where received_at is not null`.execute(a.db);
    const calendar = createDefaultWorkingCalendar();
    const offDays = days.map((d) => d.day).filter((d) => !calendar.isWorkingDay(d as never));
    expect(offDays).toEqual([]);
    // Tết Bính Ngọ: 17/02/2026; the holiday week has no receipts at all.
    expect(days.some((d) => d.day >= '2026-02-14' && d.day <= '2026-02-22')).toBe(false);

    const { rows: months } = await sql<{ month: string; n: number }>`
      select to_char(received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month, count(*)::int as n
      from dossiers where received_at is not null group by 1`.execute(a.db);
    const inMonth = (m: string) => months.find((r) => r.month === m)?.n ?? 0;
    expect(inMonth('2026-03')).toBeGreaterThan(inMonth('2026-01') * 1.2);

    const { rows: units } = await sql<{ n: number }>`select count(*)::int as n from dossiers group by unit_id order by 1`.execute(a.db);
    const median = units[Math.floor(units.length / 2)]!.n;
    expect(units.at(-1)!.n).toBeGreaterThan(median * 3);
  });

  it('passes `congvu audit verify` and `congvu metrics verify`', async () => {
    for (const check of [['audit', 'verify'], ['metrics', 'verify']]) {
      const run = await runCli(check, { DATABASE_URL: a.url! });
      expect(run.code, `${check.join(' ')}: ${run.stdout}${run.stderr}`).toBe(0);
    }
  }, 120_000);
});
