import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { insertAuditRow } from '../audit/audit.store.ts';
import { newSecret, sha256 } from '../access/secrets.ts';
import type { Executor } from '../audit/audit.store.ts';

/** Creates an Open311 api_key; only its hash is stored, the key itself is returned once. */
export async function createApiKey(db: Database, name: string, actor: string, now = new Date()) {
  const key = `o311_${newSecret(24)}`;
  const id = randomUUID();
  await inTransaction(db, async (trx) => {
    await trx.insertInto('api_keys').values({ id, name, key_hash: sha256(key), created_at: now }).execute();
    await insertAuditRow(trx, { actorAccountId: null, actor, action: 'api_key.create', entityType: 'api_key', entityId: id, after: { name } }, now);
  });
  return { id, name, key };
}

export async function revokeApiKey(db: Database, idOrName: string, actor: string, now = new Date()) {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('api_keys')
      .select(['id', 'name', 'revoked_at'])
      .where((eb) => eb.or([eb('name', '=', idOrName), eb(eb.cast('id', 'text'), '=', idOrName)]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    await trx.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', row.id).execute();
    await insertAuditRow(trx, { actorAccountId: null, actor, action: 'api_key.revoke', entityType: 'api_key', entityId: row.id, before: { name: row.name } }, now);
    return row;
  });
}

export async function listApiKeys(db: Executor) {
  return db.selectFrom('api_keys').select(['id', 'name', 'created_at', 'revoked_at']).orderBy('created_at').execute();
}

export async function apiKeyId(db: Executor, key: string): Promise<string | null> {
  const row = await db.selectFrom('api_keys').select('id').where('key_hash', '=', sha256(key)).where('revoked_at', 'is', null).executeTakeFirst();
  return row?.id ?? null;
}
