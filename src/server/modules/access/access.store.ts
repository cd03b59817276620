import type { Selectable } from 'kysely';
import type { AccountsTable } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.store.ts';

export type AccountRow = Selectable<AccountsTable>;

const accountWithUnit = (db: Executor) =>
  db
    .selectFrom('accounts as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .selectAll('a')
    .select(['u.name as unit_name', 'u.path as unit_path']);

export type AccountWithUnit = AccountRow & { unit_name: string; unit_path: string };

export async function findAccountByUsername(db: Executor, username: string): Promise<AccountWithUnit | undefined> {
  return accountWithUnit(db).where('a.username', '=', username).executeTakeFirst();
}

export async function findAccountById(db: Executor, id: string): Promise<AccountWithUnit | undefined> {
  return accountWithUnit(db).where('a.id', '=', id).executeTakeFirst();
}

export async function listAccounts(db: Executor) {
  return accountWithUnit(db).orderBy('a.username').limit(5000).execute();
}

/** Session joined with its account and unit: one query per authenticated request. */
export async function findSessionWithAccount(db: Executor, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'a.id as account_id',
      'a.username',
      'a.display_name',
      'a.roles',
      'a.active',
      'a.official_id',
      'a.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function findTokenWithAccount(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      't.id as token_id',
      't.name as token_name',
      't.revoked_at',
      't.last_used_at',
      'a.id as account_id',
      'a.username',
      'a.display_name',
      'a.roles',
      'a.active',
      'a.official_id',
      'a.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function insertSession(
  db: Executor,
  s: { id: string; accountId: string; csrfToken: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      account_id: s.accountId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      expires_at: s.expiresAt,
      last_seen_at: s.now,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfAccount(db: Executor, accountId: string) {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

export async function touchSession(db: Executor, id: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function recordFailedLogin(db: Executor, accountId: string, lockUntil: Date | null) {
  await db
    .updateTable('accounts')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), ...(lockUntil ? { locked_until: lockUntil } : {}) }))
    .where('id', '=', accountId)
    .execute();
}

/**
 * Failed logins of a username without a usable account, so it locks like a real one. They live in
 * the rate-limit counters (hashed key; window_start = the last counted failure), purged after a day.
 */
export async function findUnknownLoginFailures(db: Executor, key: string) {
  return db.selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst();
}

export async function recordUnknownLoginFailure(db: Executor, key: string, now: Date) {
  await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1), window_start: now })))
    .execute();
}

export async function recordSuccessfulLogin(db: Executor, accountId: string, now: Date) {
  await db
    .updateTable('accounts')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now })
    .where('id', '=', accountId)
    .execute();
}

export async function insertAccount(
  db: Executor,
  v: {
    id: string;
    username: string;
    passwordHash: string;
    displayName: string;
    officialId: string | null;
    unitId: string;
    roles: string[];
    now: Date;
  },
) {
  await db
    .insertInto('accounts')
    .values({
      id: v.id,
      username: v.username,
      password_hash: v.passwordHash,
      display_name: v.displayName,
      official_id: v.officialId,
      unit_id: v.unitId,
      roles: v.roles,
      created_at: v.now,
      updated_at: v.now,
    })
    .execute();
}

export async function updateAccountRow(
  db: Executor,
  id: string,
  patch: Partial<Pick<AccountRow, 'display_name' | 'password_hash' | 'unit_id' | 'roles' | 'active' | 'failed_logins' | 'locked_until' | 'official_id'>>,
  now: Date,
) {
  await db.updateTable('accounts').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}

export async function insertApiToken(db: Executor, v: { id: string; name: string; tokenHash: string; accountId: string; now: Date }) {
  await db
    .insertInto('api_tokens')
    .values({ id: v.id, name: v.name, token_hash: v.tokenHash, account_id: v.accountId, created_at: v.now })
    .execute();
}

export async function listApiTokens(db: Executor) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(['t.id', 't.name', 't.created_at', 't.last_used_at', 't.revoked_at', 'a.username'])
    .orderBy('t.created_at', 'desc')
    .execute();
}

export async function findApiToken(db: Executor, id: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(['t.id', 't.name', 't.created_at', 't.last_used_at', 't.revoked_at', 'a.username'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function revokeApiToken(db: Executor, id: string, now: Date) {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
}

export async function touchApiToken(db: Executor, id: string, now: Date) {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
