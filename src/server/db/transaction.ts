import type { Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { DB } from './schema.ts';
import { type AuditEntry, insertAuditRow } from '../modules/audit/audit.store.ts';
import type { RequestContext } from '../modules/access/actor.ts';

export type Tx = Transaction<DB>;

/** Runs `work` in one transaction: the change and its audit rows commit together or not at all. */
export function inTransaction<T>(db: Database, work: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

/** Appends an audit row for the request's actor inside the transaction. */
export function audit(
  trx: Tx,
  ctx: RequestContext,
  entry: Omit<AuditEntry, 'actorAccountId' | 'actor' | 'ip'>,
): Promise<number> {
  return insertAuditRow(
    trx,
    { ...entry, actorAccountId: ctx.actor.accountId, actor: ctx.actor.username, ip: ctx.ip },
    ctx.now,
  );
}
