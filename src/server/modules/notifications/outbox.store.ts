import { randomUUID } from 'node:crypto';
import type { Executor } from '../audit/audit.store.ts';

export interface OutgoingMessage {
  channel: 'email' | 'sms' | 'zalo';
  recipient: string;
  subject: string;
  body: string;
  kind: string;
  dossierId: string | null;
}

/** Written in the caller's transaction: nothing is sent for a change that rolls back. */
export async function enqueueMessages(db: Executor, messages: OutgoingMessage[], now: Date) {
  if (messages.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        id: randomUUID(),
        created_at: now,
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        kind: m.kind,
        dossier_id: m.dossierId,
        next_attempt_at: now,
      })),
    )
    .execute();
}

/** Claims due messages for this worker; SKIP LOCKED keeps two processes from taking the same one. */
export async function claimDueMessages(db: Executor, now: Date, lockUntil: Date, limit: number) {
  return db
    .updateTable('outbox')
    .set({ locked_until: lockUntil, attempts: (eb) => eb('attempts', '+', 1) })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export async function markSent(db: Executor, id: string, at: Date) {
  await db.updateTable('outbox').set({ status: 'sent', sent_at: at, locked_until: null, last_error: null }).where('id', '=', id).execute();
}

export async function markFailedAttempt(db: Executor, id: string, error: string, nextAttemptAt: Date | null) {
  await db
    .updateTable('outbox')
    .set({
      locked_until: null,
      last_error: error.slice(0, 500),
      ...(nextAttemptAt ? { next_attempt_at: nextAttemptAt } : { status: 'failed' as const }),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Hands back claimed messages this worker did not get to (its lock would run out first): the lock
 * is cleared and the claim's attempt uncounted. Only rows still under this worker's own lock
 * (`lockUntil`) change, so a row another worker has since claimed is left alone.
 */
export async function releaseClaims(db: Executor, ids: string[], lockUntil: Date) {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ locked_until: null, attempts: (eb) => eb('attempts', '-', 1) })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where('locked_until', '=', lockUntil)
    .execute();
}
