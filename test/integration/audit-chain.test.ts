/**
 * The hash-chained, append-only audit log: what appends a row, what verifyAuditChain reports after
 * each kind of tampering, the append-only trigger, and the `congvu audit verify` CLI contract.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Selectable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '../../src/domain/audit/chain.ts';
import { type Database, openDatabase } from '../../src/server/db/database.ts';
import type { AuditLogTable } from '../../src/server/db/schema.ts';
import { inTransaction } from '../../src/server/db/transaction.ts';
import { insertAuditRow } from '../../src/server/modules/audit/audit.store.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/verify-audit.ts';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';
import { type Unit, auditHeadSeq, auditRowCount, expectProblem, unitsByCode } from './org-helpers.ts';
import { runCli } from '../support/cli.ts';

type AuditRow = Selectable<AuditLogTable>;


/** Runs `work` with the append-only trigger off, as the database superuser could. */
async function withTriggerDisabled(db: Database, work: () => Promise<void>) {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  try {
    await work();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
  }
}

async function readRow(db: Database, seq: number): Promise<AuditRow> {
  return db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}

async function reinsert(db: Database, row: AuditRow) {
  await db
    .insertInto('audit_log')
    .values({
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
    })
    .execute();
}

async function editAfter(db: Database, seq: number, after: unknown) {
  await withTriggerDisabled(db, async () => {
    await db.updateTable('audit_log').set({ after: JSON.stringify(after) }).where('seq', '=', seq).execute();
  });
}

describe.each(BACKENDS)('audit chain on %s', (backend) => {
  let t: TestApp;
  let admin: Session;
  let db: Database;
  let units: Map<string, Unit>;

  beforeAll(async () => {
    t = await startTestApp(backend);
    db = t.database.db;
    admin = await login(t.app, 'admin');
    units = await unitsByCode(admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  const rowsAfter = (seq: number) => db.selectFrom('audit_log').selectAll().where('seq', '>', seq).orderBy('seq').execute();

  it('every login, failed login, logout and mutation appends one row; refused requests append none', async () => {
    const lanhdaoId = (await db.selectFrom('accounts').select('id').where('username', '=', 'lanhdao').executeTakeFirstOrThrow()).id;
    const stp1 = units.get('STP.1')!;
    const start = await auditHeadSeq(db);
    const t0 = Date.now();

    const chuyenvien = await login(t.app, 'chuyenvien');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lanhdao', password: 'sai-mat-khau' } });
    expect(wrong.statusCode).toBe(401);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'khong.ton.tai', password: 'x' } });
    expect(unknown.statusCode).toBe(401);
    // Refused and invalid writes leave no trace in the log.
    expectProblem(await chuyenvien.request('PATCH', `/api/v1/units/${stp1.id}`, { name: 'Không được' }), 403);
    expectProblem(await admin.request('PATCH', `/api/v1/units/${stp1.id}`, { parentId: stp1.id }), 422);
    expect((await chuyenvien.request('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    const renamed = await admin.request('PATCH', `/api/v1/units/${stp1.id}`, { name: `${stp1.name} (đổi tên)` });
    expect(renamed.statusCode).toBe(200);
    const t1 = Date.now();

    const rows = await rowsAfter(start);
    expect(rows.map((r) => [r.seq, r.action, r.actor])).toEqual([
      [start + 1, 'auth.login', 'chuyenvien'],
      [start + 2, 'auth.login_failed', 'lanhdao'],
      [start + 3, 'auth.login_failed', 'khong.ton.tai'],
      [start + 4, 'auth.logout', 'chuyenvien'],
      [start + 5, 'unit.update', 'admin'],
    ]);
    const [login1, failed, unknownRow, logout, mutation] = rows as [AuditRow, AuditRow, AuditRow, AuditRow, AuditRow];
    for (const r of rows) {
      expect(r.at.getTime()).toBeGreaterThanOrEqual(t0 - 1);
      expect(r.at.getTime()).toBeLessThanOrEqual(t1 + 1);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(login1).toMatchObject({ entity_type: 'account', entity_id: login1.actor_account_id });
    expect(login1.actor_account_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed).toMatchObject({ entity_type: 'account', entity_id: lanhdaoId, actor_account_id: lanhdaoId, after: { reason: 'password' } });
    expect(unknownRow).toMatchObject({ entity_id: null, actor_account_id: null, after: { reason: 'unknown_user' } });
    expect(logout).toMatchObject({ entity_type: 'account', entity_id: login1.actor_account_id });
    expect(mutation).toMatchObject({
      entity_type: 'unit',
      entity_id: stp1.id,
      before: { name: stp1.name },
      after: { name: `${stp1.name} (đổi tên)` },
    });
    // The password typed never reaches the log.
    expect(JSON.stringify(rows)).not.toContain('sai-mat-khau');
    // Each row links to the one before it.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('concurrent mutations still make one gapless chain, one row each', async () => {
    const start = await auditHeadSeq(db);
    const targets = ['SNV.1', 'SNV.2', 'SNV.3', 'STC.1', 'STC.2', 'STC.3', 'SXD.1', 'SXD.2', 'SCT.1', 'SCT.2', 'SYT.1', 'SYT.2'].map((c) => units.get(c)!);
    const results = await Promise.all(targets.map((u) => admin.request('PATCH', `/api/v1/units/${u.id}`, { shortName: `Tên ngắn ${u.code}` })));
    expect(results.map((r) => r.statusCode)).toEqual(targets.map(() => 200));
    const rows = await rowsAfter(start);
    expect(rows.map((r) => r.seq)).toEqual(targets.map((_, i) => start + i + 1));
    expect(new Set(rows.map((r) => r.entity_id))).toEqual(new Set(targets.map((u) => u.id)));
    expect((await verifyAuditChain(db)).problem).toBeNull();
  });

  it('verifyAuditChain finds nothing wrong with an intact log', async () => {
    const result = await verifyAuditChain(db);
    expect(result.problem).toBeNull();
    expect(result.rows).toBe(await auditRowCount(db));
    expect(result.rows).toBe(await auditHeadSeq(db));
    expect(result.rows).toBeGreaterThan(5);
    // Small batches walk the same chain.
    expect(await verifyAuditChain(db, 2)).toEqual(result);
  });

  it('the append-only trigger refuses a plain UPDATE and DELETE', async () => {
    const row = await readRow(db, 2);
    await expect(sql`update audit_log set actor = 'ke-gian' where seq = 2`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 2`.execute(db)).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    expect(await readRow(db, 2)).toEqual(row);
    expect((await verifyAuditChain(db)).problem).toBeNull();
  });

  describe('tampering as the database superuser', () => {
    it("an edited row is named with reason 'hash'", async () => {
      const n = Math.floor((await auditHeadSeq(db)) / 2);
      const original = await readRow(db, n);
      await editAfter(db, n, { reason: 'đã bị sửa' });
      expect((await verifyAuditChain(db)).problem).toEqual({ seq: n, reason: 'hash' });
      expect((await verifyAuditChain(db, 1)).problem).toEqual({ seq: n, reason: 'hash' });
      // Putting the original back makes the chain whole again: the check is about content, not about touching.
      await editAfter(db, n, original.after);
      expect((await verifyAuditChain(db)).problem).toBeNull();
    });

    it("an edited actor or time is caught too", async () => {
      const n = 3;
      const original = await readRow(db, n);
      await withTriggerDisabled(db, async () => {
        await db.updateTable('audit_log').set({ at: new Date(original.at.getTime() + 1000) }).where('seq', '=', n).execute();
      });
      expect((await verifyAuditChain(db)).problem).toEqual({ seq: n, reason: 'hash' });
      await withTriggerDisabled(db, async () => {
        await db.updateTable('audit_log').set({ at: original.at, actor: 'nguoi-khac' }).where('seq', '=', n).execute();
      });
      expect((await verifyAuditChain(db)).problem).toEqual({ seq: n, reason: 'hash' });
      await withTriggerDisabled(db, async () => {
        await db.updateTable('audit_log').set({ actor: original.actor }).where('seq', '=', n).execute();
      });
      expect((await verifyAuditChain(db)).problem).toBeNull();
    });

    it("an edited row with a recomputed hash breaks the next row's link ('prev_hash')", async () => {
      const n = 4;
      const original = await readRow(db, n);
      const forgedAfter = { forged: true };
      const forgedHash = auditHash(original.prev_hash, {
        seq: original.seq,
        at: original.at.toISOString(),
        actorAccountId: original.actor_account_id,
        actor: original.actor,
        action: original.action,
        entityType: original.entity_type,
        entityId: original.entity_id,
        before: original.before ?? null,
        after: forgedAfter,
        ip: original.ip,
      });
      await withTriggerDisabled(db, async () => {
        await db.updateTable('audit_log').set({ after: JSON.stringify(forgedAfter), hash: forgedHash }).where('seq', '=', n).execute();
      });
      expect((await verifyAuditChain(db)).problem).toEqual({ seq: n + 1, reason: 'prev_hash' });
      await withTriggerDisabled(db, async () => {
        await db
          .updateTable('audit_log')
          .set({ after: original.after === null ? null : JSON.stringify(original.after), hash: original.hash })
          .where('seq', '=', n)
          .execute();
      });
      expect((await verifyAuditChain(db)).problem).toBeNull();
    });

    it("a deleted middle row is a 'gap' named at the next row", async () => {
      const n = Math.floor((await auditHeadSeq(db)) / 2) + 1;
      const original = await readRow(db, n);
      await withTriggerDisabled(db, async () => {
        await db.deleteFrom('audit_log').where('seq', '=', n).execute();
      });
      expect((await verifyAuditChain(db)).problem).toEqual({ seq: n + 1, reason: 'gap', expectedSeq: n });
      await reinsert(db, original);
      expect((await verifyAuditChain(db)).problem).toBeNull();
    });

    it("a deleted first row is a 'gap' too", async () => {
      const original = await readRow(db, 1);
      await withTriggerDisabled(db, async () => {
        await db.deleteFrom('audit_log').where('seq', '=', 1).execute();
      });
      expect((await verifyAuditChain(db)).problem).toEqual({ seq: 2, reason: 'gap', expectedSeq: 1 });
      await reinsert(db, original);
      expect((await verifyAuditChain(db)).problem).toBeNull();
    });

    it("a deleted tail is 'head_mismatch' naming the first missing row", async () => {
      const last = await auditHeadSeq(db);
      const tail = [await readRow(db, last - 1), await readRow(db, last)];
      await withTriggerDisabled(db, async () => {
        await db.deleteFrom('audit_log').where('seq', '>=', last - 1).execute();
      });
      expect((await verifyAuditChain(db)).problem).toEqual({ seq: last - 1, reason: 'head_mismatch' });
      for (const r of tail) await reinsert(db, r);
      expect((await verifyAuditChain(db)).problem).toBeNull();
    });
  });

  describe('CLI: node bin/congvu.mjs audit verify', () => {
    if (backend === 'postgres') {
      it('exits 0 on the intact log and non-zero naming the broken row after tampering (PostgreSQL)', async () => {
        const env = { DATABASE_URL: t.database.url! };
        const ok = await runCli(['audit', 'verify'], env);
        expect(ok.code, ok.stderr).toBe(0);
        expect(ok.stdout).toMatch(new RegExp(`nguyên vẹn: ${await auditRowCount(db)} dòng`));

        const n = 3;
        const original = await readRow(db, n);
        await editAfter(db, n, { reason: 'sửa lén' });
        try {
          const broken = await runCli(['audit', 'verify'], env);
          expect(broken.code).not.toBe(0);
          expect(broken.stderr).toMatch(new RegExp(`\\bseq ${n}\\b`));
          expect(broken.stderr).toContain(`Dòng nhật ký ${n} bị sửa`);
        } finally {
          await editAfter(db, n, original.after);
        }
        expect((await runCli(['audit', 'verify'], env)).code).toBe(0);
      });
    } else {
      let dataDir: string;
      beforeAll(() => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-audit-cli-'));
      });
      afterAll(() => {
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      });

      it('exits 0 on the intact log and non-zero naming the broken row after tampering (PGlite data dir)', async () => {
        const env = { CONGVU_DATA_DIR: dataDir };
        const seeded = await runCli(['seed'], env);
        expect(seeded.code, seeded.stderr).toBe(0);

        // Add rows so that a middle row can be broken.
        let handle = await openDatabase({ dataDir });
        try {
          await inTransaction(handle.db, async (trx) => {
            for (const action of ['test.one', 'test.two', 'test.three']) {
              await insertAuditRow(trx, { actorAccountId: null, actor: 'kiem-thu', action, entityType: 'test', entityId: null, after: { action } }, new Date());
            }
          });
        } finally {
          await handle.close();
        }
        const ok = await runCli(['audit', 'verify'], env);
        expect(ok.code, ok.stderr).toBe(0);
        expect(ok.stdout).toContain('nguyên vẹn: 4 dòng');

        handle = await openDatabase({ dataDir });
        try {
          await editAfter(handle.db, 2, { action: 'test.sua' });
        } finally {
          await handle.close();
        }
        const broken = await runCli(['audit', 'verify'], env);
        expect(broken.code).not.toBe(0);
        expect(broken.stderr).toMatch(/\bseq 2\b/);
        expect(broken.stderr).toContain('Dòng nhật ký 2 bị sửa');
      }, 180_000); // a full demo seed into a data folder
    }
  });
});
