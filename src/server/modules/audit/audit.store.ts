import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AuditLogTable, DB } from '../../db/schema.ts';
import { type AuditRecord, auditHashOfHead, auditRecordHead } from '../../../domain/audit/chain.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

export interface AuditEntry {
  actorAccountId: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

export type AuditHead = { seq: number; hash: string };

/** Entries rendered for chaining (prepareAuditEntries): all but their place in the chain. */
export interface PreparedAuditEntries {
  at: Date;
  records: Omit<AuditRecord, 'seq'>[];
  heads: string[];
  /** before and after as the jsonb columns take them. */
  json: { before: string | null; after: string | null }[];
}

/** Renders entries ahead of chaining: the costly part, which needs no lock. */
export function prepareAuditEntries(entries: readonly AuditEntry[], at: Date): PreparedAuditEntries {
  const atText = at.toISOString();
  const records = entries.map((entry) => ({
    at: atText,
    actorAccountId: entry.actorAccountId,
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
  }));
  return {
    at,
    records,
    heads: records.map(auditRecordHead),
    json: records.map((r) => ({ before: r.before === null ? null : JSON.stringify(r.before), after: r.after === null ? null : JSON.stringify(r.after) })),
  };
}

/**
 * The rows that append prepared entries to the chain after `head`, and the new head. Pure, so
 * one entry or a whole batch is chained the same way and written in one statement.
 */
export function chainPreparedAudit(head: AuditHead, prepared: PreparedAuditEntries): { rows: Insertable<AuditLogTable>[]; head: AuditHead } {
  const rows: Insertable<AuditLogTable>[] = [];
  let prev = head;
  for (const [i, record] of prepared.records.entries()) {
    const seq = prev.seq + 1;
    const hash = auditHashOfHead(prev.hash, prepared.heads[i]!, seq);
    rows.push({
      seq,
      at: prepared.at,
      actor_account_id: record.actorAccountId,
      actor: record.actor,
      action: record.action,
      entity_type: record.entityType,
      entity_id: record.entityId,
      before: prepared.json[i]!.before,
      after: prepared.json[i]!.after,
      ip: record.ip,
      prev_hash: prev.hash,
      hash,
    });
    prev = { seq, hash };
  }
  return { rows, head: prev };
}

/** The rows that append `entries` to the chain after `head`, all at `at`, and the new head. */
export function chainAuditRows(head: AuditHead, entries: readonly AuditEntry[], at: Date): { rows: Insertable<AuditLogTable>[]; head: AuditHead } {
  return chainPreparedAudit(head, prepareAuditEntries(entries, at));
}

/** Locks the chain's single head row: writers across processes append one after another. */
export async function lockAuditHead(trx: Transaction<DB>): Promise<AuditHead> {
  return trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
}

export async function saveAuditHead(trx: Transaction<DB>, head: AuditHead) {
  await trx.updateTable('audit_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
}

/**
 * Appends one row to the hash chain inside the caller's transaction. Locking the single head row
 * serialises writers across processes, so seq stays gapless and each row links to the one before.
 */
export async function insertAuditRow(trx: Transaction<DB>, entry: AuditEntry, at: Date): Promise<number> {
  const chained = chainAuditRows(await lockAuditHead(trx), [entry], at);
  await trx.insertInto('audit_log').values(chained.rows).execute();
  await saveAuditHead(trx, chained.head);
  return chained.head.seq;
}

export async function readAuditHead(db: Executor) {
  return db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}

export async function readAuditBatch(db: Executor, afterSeq: number, limit: number) {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    actorAccountId: r.actor_account_id,
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export async function listAuditRows(
  db: Executor,
  opts: { beforeSeq?: number; limit: number; entityType?: string; entityId?: string },
) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(opts.limit);
  if (opts.beforeSeq !== undefined) q = q.where('seq', '<', opts.beforeSeq);
  if (opts.entityType) q = q.where('entity_type', '=', opts.entityType);
  if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
  return q.execute();
}
