import { randomUUID } from 'node:crypto';
import { foldDiacritics } from '../../../domain/text/fold.ts';
import type { TAccount, TCreateAccountRequest, TRole, TUpdateAccountRequest } from '../../../shared/schemas/access.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { conflict, invalid, notFound } from '../../http/problem.ts';
import { findUnitById } from '../org/unit.store.ts';
import type { RequestContext } from './actor.ts';
import * as store from './access.store.ts';
import { hashPassword } from './password.ts';
import { requirePermission } from './policy.ts';
import { newSecret, sha256 } from './secrets.ts';

export function toAccount(row: store.AccountWithUnit, now: Date): TAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as TRole[],
    unit: { id: row.unit_id, name: row.unit_name },
    officialId: row.official_id,
    active: row.active,
    locked: !!row.locked_until && row.locked_until > now,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

/** What the audit log keeps of an account: never the password hash. */
function snapshot(row: store.AccountRow) {
  return {
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    unitId: row.unit_id,
    officialId: row.official_id,
    active: row.active,
  };
}

export async function listAccounts(db: Database, ctx: RequestContext, q?: string) {
  requirePermission(ctx.actor, 'access.accounts.manage');
  // Accounts are few (one per official at most): fold and filter here, as names need folding.
  const needle = q ? foldDiacritics(q) : '';
  const rows = (await store.listAccounts(db)).filter((r) => !needle || foldDiacritics(`${r.username} ${r.display_name}`).includes(needle));
  return { items: rows.slice(0, 500).map((r) => toAccount(r, ctx.now)) };
}

export async function createAccount(db: Database, ctx: RequestContext, input: TCreateAccountRequest): Promise<TAccount> {
  requirePermission(ctx.actor, 'access.accounts.manage');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    if (await store.findAccountByUsername(trx, input.username)) {
      throw conflict('USERNAME_TAKEN', 'Tên đăng nhập đã được dùng.', [{ field: 'username', message: 'Đã tồn tại.' }]);
    }
    if (!(await findUnitById(trx, input.unitId))) throw invalid([{ field: 'unitId', message: 'Đơn vị không tồn tại.' }]);
    // As in updateAccount: an unknown official is a field error, not a foreign-key failure (500).
    if (input.officialId && !(await trx.selectFrom('officials').select('id').where('id', '=', input.officialId).executeTakeFirst())) {
      throw invalid([{ field: 'officialId', message: 'Không tìm thấy cán bộ.' }]);
    }
    const id = randomUUID();
    await store.insertAccount(trx, {
      id,
      username: input.username,
      passwordHash,
      displayName: input.displayName,
      officialId: input.officialId ?? null,
      unitId: input.unitId,
      roles: [...new Set(input.roles)],
      now: ctx.now,
    });
    const row = (await store.findAccountById(trx, id))!;
    await audit(trx, ctx, { action: 'account.create', entityType: 'account', entityId: id, after: snapshot(row) });
    return toAccount(row, ctx.now);
  });
}

export async function updateAccount(
  db: Database,
  ctx: RequestContext,
  id: string,
  input: TUpdateAccountRequest,
): Promise<TAccount> {
  requirePermission(ctx.actor, 'access.accounts.manage');
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return inTransaction(db, async (trx) => {
    const before = await store.findAccountById(trx, id);
    if (!before) throw notFound('Không tìm thấy tài khoản.');
    if (input.unitId && !(await findUnitById(trx, input.unitId))) {
      throw invalid([{ field: 'unitId', message: 'Đơn vị không tồn tại.' }]);
    }
    if (input.officialId && !(await trx.selectFrom('officials').select('id').where('id', '=', input.officialId).executeTakeFirst())) {
      throw invalid([{ field: 'officialId', message: 'Không tìm thấy cán bộ.' }]);
    }
    if (id === ctx.actor.accountId && (input.active === false || (input.roles && !input.roles.includes('admin')))) {
      throw invalid([{ field: 'roles', message: 'Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình.' }]);
    }
    await store.updateAccountRow(
      trx,
      id,
      {
        ...(input.displayName ? { display_name: input.displayName } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        ...(input.unitId ? { unit_id: input.unitId } : {}),
        ...(input.roles ? { roles: [...new Set(input.roles)] } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.unlock ? { failed_logins: 0, locked_until: null } : {}),
        ...(input.officialId !== undefined ? { official_id: input.officialId } : {}),
      },
      ctx.now,
    );
    // A new password, new roles, a new unit or deactivation ends every open session of the account.
    if (passwordHash || input.roles || input.unitId || input.active === false) await store.deleteSessionsOfAccount(trx, id);
    const after = (await store.findAccountById(trx, id))!;
    await audit(trx, ctx, {
      action: passwordHash ? 'account.password_reset' : input.unlock ? 'account.unlock' : 'account.update',
      entityType: 'account',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return toAccount(after, ctx.now);
  });
}

function toToken(row: { id: string; name: string; username: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }) {
  return {
    id: row.id,
    name: row.name,
    account: row.username,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export async function listApiTokens(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'access.tokens.manage');
  return { items: (await store.listApiTokens(db)).map(toToken) };
}

/** Issues an integration token; only its hash is stored, so it is shown once. */
export async function createApiToken(db: Database, ctx: RequestContext, input: { name: string; accountId: string }) {
  requirePermission(ctx.actor, 'access.tokens.manage');
  return inTransaction(db, async (trx) => {
    const account = await store.findAccountById(trx, input.accountId);
    if (!account || !account.active) throw invalid([{ field: 'accountId', message: 'Tài khoản không tồn tại hoặc đã khóa.' }]);
    const token = `cv_${newSecret()}`;
    const id = randomUUID();
    await store.insertApiToken(trx, { id, name: input.name, tokenHash: sha256(token), accountId: account.id, now: ctx.now });
    await audit(trx, ctx, {
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: id,
      after: { name: input.name, account: account.username },
    });
    return { ...toToken((await store.findApiToken(trx, id))!), token };
  });
}

export async function revokeApiToken(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'access.tokens.manage');
  return inTransaction(db, async (trx) => {
    const before = await store.findApiToken(trx, id);
    if (!before) throw notFound('Không tìm thấy khóa API.');
    if (!before.revoked_at) {
      await store.revokeApiToken(trx, id, ctx.now);
      const after = toToken((await store.findApiToken(trx, id))!);
      await audit(trx, ctx, { action: 'api_token.revoke', entityType: 'api_token', entityId: id, before: toToken(before), after });
    }
    return toToken((await store.findApiToken(trx, id))!);
  });
}
