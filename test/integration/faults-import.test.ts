/**
 * Issue 9, faults: `congvu import dossiers` killed with SIGKILL in the middle of a large import,
 * then run again with the same file. Each batch of 2,000 dossiers is one transaction: the batches
 * committed before the kill stay whole, the one in flight leaves nothing behind, and the second run
 * adds exactly the rest — every dossier once, with all its events, rollups and audit chain intact.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImportFile } from '../../bench/import-bench.ts';
import type { Database } from '../../src/server/db/database.ts';
import { pathInScope } from '../../src/server/modules/access/policy.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/verify-audit.ts';
import { verifyMetrics } from '../../src/server/modules/metrics/metrics.service.ts';
import { BACKENDS } from '../support/databases.ts';
import { type CongvuProcess, type DiskDatabase, createDiskDatabase, killHard, runCongvu } from '../support/crash.ts';

const SOURCE = 'faults';
// The CLI's batch (dossiers per transaction): 2,000 on PGlite, 5,000 on PostgreSQL (src/cli/import.ts).
// PGlite writes a batch in ~5 s on this machine, PostgreSQL (COPY) in ~4 s: sizes that keep the
// kill well inside the import on both within the time budget.
const PLAN = { pglite: { dossiers: 6_000, killAfterBatches: 1, batch: 2_000 }, postgres: { dossiers: 20_000, killAfterBatches: 2, batch: 5_000 } };

/** The seeded procedures with the officials who may handle each (as bench/import-bench.ts reads them). */
async function catalogueOf(db: Database) {
  const procedures = await db.selectFrom('procedures as p').innerJoin('units as u', 'u.id', 'p.unit_id').select(['p.code', 'u.code as unit_code', 'u.path as unit_path']).orderBy('u.code').orderBy('p.code').execute();
  const officials = await db.selectFrom('officials as o').innerJoin('units as u', 'u.id', 'o.unit_id').select(['o.id_number', 'u.path as unit_path']).orderBy('o.id_number').execute();
  return procedures
    .map((p) => ({ code: p.code, unitCode: p.unit_code, handlers: officials.filter((o) => pathInScope(o.unit_path, p.unit_path)).map((o) => o.id_number) }))
    .filter((p) => p.handlers.length > 0);
}

/** Events per source dossier code, as the file has them. */
function eventsInFile(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const code = (JSON.parse(line) as { ma_ho_so: string }).ma_ho_so;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/** Events per imported dossier, as stored, and how many audit rows each dossier's import wrote. */
async function stored(db: Database) {
  const prefix = `${SOURCE}:`;
  const { rows } = await sql<{ code: string; events: number; audits: number }>`
    select substr(d.external_ref, ${prefix.length + 1}) as code, coalesce(e.n, 0) as events, coalesce(a.n, 0) as audits
    from dossiers d
    left join (select dossier_id, count(*)::int as n from dossier_events group by dossier_id) e on e.dossier_id = d.id
    left join (select entity_id, count(*)::int as n from audit_log where action like 'dossier.import%' group by entity_id) a on a.entity_id = d.id::text
    where d.external_ref like ${`${prefix}%`}`.execute(db);
  return { events: new Map(rows.map((r) => [r.code, r.events])), audits: rows.map((r) => r.audits), dossiers: rows.length };
}

describe.each(BACKENDS)('SIGKILL during `congvu import dossiers` on %s', (backend) => {
  const plan = PLAN[backend];
  let database: DiskDatabase;
  let dir: string;
  let file: string;
  let expected: Map<string, number>;
  const runs: CongvuProcess[] = [];
  const run = (args: string[]) => {
    const started = runCongvu(args, database.env);
    runs.push(started);
    return started;
  };

  beforeAll(async () => {
    database = await createDiskDatabase(backend);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-faults-import-'));
    file = path.join(dir, 'ho-so.jsonl');
    const handle = await database.open();
    try {
      const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
      await generateImportFile(file, plan.dossiers, await catalogueOf(handle.db), today);
    } finally {
      await handle.close();
    }
    expected = eventsInFile(file);
    expect(expected.size).toBe(plan.dossiers);
  }, 180_000);

  afterAll(async () => {
    // A failed test may leave a run going: it must not outlive the database.
    for (const run of runs) await killHard(run.child);
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the committed batches whole, leaves nothing of the batch in flight, and the re-run adds exactly the rest', async () => {
    const args = ['import', 'dossiers', file, '--source', SOURCE, '--progress-every', '1000', '--json'];
    const first = run(args);
    // A progress line is printed once a batch has committed.
    await first.waitFor(new RegExp(`(Đã xử lý \\d+/\\d+ dòng…[^]*){${plan.killAfterBatches}}`), 90_000);
    await killHard(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');

    // After the kill: whole batches only, and every dossier there has all of its events and one audit row.
    let handle = await database.open();
    let after: Awaited<ReturnType<typeof stored>>;
    try {
      after = await stored(handle.db);
      expect((await verifyAuditChain(handle.db)).problem).toBeNull();
    } finally {
      await handle.close();
    }
    expect(after.dossiers).toBeGreaterThanOrEqual(plan.killAfterBatches * plan.batch);
    expect(after.dossiers).toBeLessThan(plan.dossiers);
    expect(after.dossiers % plan.batch).toBe(0);
    expect([...after.events].filter(([code, n]) => n !== expected.get(code))).toEqual([]);
    expect(after.audits.every((n) => n === 1)).toBe(true);

    // The same command again: what is there is skipped, the rest is added.
    const second = run(args);
    const { code } = await second.exited;
    expect(code, second.stderr()).toBe(0);
    const summary = JSON.parse(second.stdout()) as { dossiersCreated: number; dossiersUpdated: number; eventsAdded: number; eventsSkipped: number; errors: unknown[] };
    const skipped = [...after.events.values()].reduce((a, b) => a + b, 0);
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(summary).toEqual({ dossiersCreated: plan.dossiers - after.dossiers, dossiersUpdated: 0, eventsAdded: total - skipped, eventsSkipped: skipped, errors: [] });

    handle = await database.open();
    try {
      const final = await stored(handle.db);
      expect(final.dossiers).toBe(plan.dossiers);
      expect(final.events).toEqual(expected);
      expect(final.audits.every((n) => n === 1)).toBe(true);
      expect((await verifyMetrics(handle.db)).differences).toEqual([]);
      expect((await verifyAuditChain(handle.db)).problem).toBeNull();
    } finally {
      await handle.close();
    }
  }, 150_000);
});
