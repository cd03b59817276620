import type { TLoginResponse, TMe, TRole } from '../../../shared/schemas/access.ts';
import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../http/problem.ts';
import { insertAuditRow } from '../audit/audit.store.ts';
import type { Actor } from './actor.ts';
import * as store from './access.store.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { newSecret, sha256 } from './secrets.ts';

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  previousSessionToken: string | null;
  now: Date;
}

const badCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');

/**
 * Checks the password and opens a new session (a fresh id on every login: no fixation).
 * Failures are counted and audited in their own committed transaction; after
 * `lockoutThreshold` failures in a row the account is locked for `lockoutMinutes`.
 */
export async function login(
  db: Database,
  config: AppConfig,
  input: LoginInput,
): Promise<{ token: string; body: TLoginResponse; expiresAt: Date }> {
  const account = await store.findAccountByUsername(db, input.username);
  const auditFailure = (reason: string, lockedUntil?: Date | null) =>
    inTransaction(db, async (trx) => {
      if (account && reason === 'password') await store.recordFailedLogin(trx, account.id, lockedUntil ?? null);
      await insertAuditRow(
        trx,
        {
          actorAccountId: account?.id ?? null,
          actor: input.username.slice(0, 100),
          action: 'auth.login_failed',
          entityType: 'account',
          entityId: account?.id ?? null,
          after: { reason, ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}) },
          ip: input.ip,
        },
        input.now,
      );
    });

  const locked = (until: Date) => {
    const minutes = Math.ceil((until.getTime() - input.now.getTime()) / 60_000);
    return new AppError(423, 'ACCOUNT_LOCKED', `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau ${minutes} phút.`);
  };

  if (!account || !account.active) {
    // An unknown or deactivated username is counted and "locked" exactly like a real account (same
    // 401, then the same 423 for as long), so neither the answers nor their timing tell what exists.
    await verifyPassword(await decoyHash(), input.password);
    const key = sha256(`login-failures|${input.username}`);
    const seen = await store.findUnknownLoginFailures(db, key);
    const until = seen && seen.count >= config.lockoutThreshold ? new Date(seen.window_start.getTime() + config.lockoutMinutes * 60_000) : null;
    if (until && until > input.now) {
      await auditFailure(account ? 'inactive' : 'unknown_user');
      throw locked(until);
    }
    await store.recordUnknownLoginFailure(db, key, input.now);
    await auditFailure(account ? 'inactive' : 'unknown_user');
    throw badCredentials();
  }
  if (account.locked_until && account.locked_until > input.now) {
    await verifyPassword(await decoyHash(), input.password);
    await auditFailure('locked');
    throw locked(account.locked_until);
  }
  if (!(await verifyPassword(account.password_hash, input.password))) {
    const failures = account.failed_logins + 1;
    const lockedUntil =
      failures >= config.lockoutThreshold ? new Date(input.now.getTime() + config.lockoutMinutes * 60_000) : null;
    await auditFailure('password', lockedUntil);
    throw badCredentials();
  }

  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(input.now.getTime() + config.sessionHours * 3_600_000);
  await inTransaction(db, async (trx) => {
    if (input.previousSessionToken) await store.deleteSession(trx, sha256(input.previousSessionToken));
    await store.deleteExpiredSessions(trx, input.now);
    await store.recordSuccessfulLogin(trx, account.id, input.now);
    await store.insertSession(trx, {
      id: sha256(token),
      accountId: account.id,
      csrfToken,
      now: input.now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await insertAuditRow(
      trx,
      {
        actorAccountId: account.id,
        actor: account.username,
        action: 'auth.login',
        entityType: 'account',
        entityId: account.id,
        ip: input.ip,
      },
      input.now,
    );
  });
  return {
    token,
    expiresAt,
    body: {
      username: account.username,
      displayName: account.display_name,
      roles: account.roles as TRole[],
      unit: { id: account.unit_id, name: account.unit_name },
      officialId: account.official_id,
      csrfToken,
    },
  };
}

export async function logout(db: Database, actor: Actor, ip: string | null, now: Date, everywhere: boolean) {
  await inTransaction(db, async (trx) => {
    if (everywhere) await store.deleteSessionsOfAccount(trx, actor.accountId);
    else if (actor.sessionId) await store.deleteSession(trx, actor.sessionId);
    await insertAuditRow(
      trx,
      {
        actorAccountId: actor.accountId,
        actor: actor.username,
        action: everywhere ? 'auth.logout_everywhere' : 'auth.logout',
        entityType: 'account',
        entityId: actor.accountId,
        ip,
      },
      now,
    );
  });
}

function actorFromRow(
  row: {
    account_id: string;
    username: string;
    display_name: string;
    roles: string[];
    unit_id: string;
    unit_name: string;
    unit_path: string;
    official_id: string | null;
  },
  via: Actor['via'],
  sessionId: string | null,
  csrfToken: string | null,
): Actor {
  return {
    accountId: row.account_id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as TRole[],
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitPath: row.unit_path,
    officialId: row.official_id,
    via,
    sessionId,
    csrfToken,
  };
}

/**
 * Resolves a session cookie to its actor; expired sessions (past their absolute end, or idle longer
 * than `idleMinutes` when set) and inactive accounts resolve to null.
 */
export async function actorFromSession(db: Database, token: string, now: Date, idleMinutes = 0): Promise<Actor | null> {
  const row = await store.findSessionWithAccount(db, sha256(token));
  if (!row || !row.active || row.expires_at <= now) return null;
  // last_seen_at is written at most once a minute, so an idle limit is exact to a minute.
  if (idleMinutes > 0 && now.getTime() - row.last_seen_at.getTime() >= idleMinutes * 60_000) return null;
  // Write the last-seen time at most once a minute: a read must not cost a write every time.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) await store.touchSession(db, row.session_id, now);
  return actorFromRow(row, 'session', row.session_id, row.csrf_token);
}

export async function actorFromApiToken(db: Database, token: string, now: Date): Promise<Actor | null> {
  const row = await store.findTokenWithAccount(db, sha256(token));
  if (!row || row.revoked_at || !row.active) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) await store.touchApiToken(db, row.token_id, now);
  return actorFromRow(row, 'token', null, null);
}

export function toMe(actor: Actor): TMe {
  return {
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    unit: { id: actor.unitId, name: actor.unitName },
    officialId: actor.officialId,
  };
}
