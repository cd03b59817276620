import { type DossierNotice, noticeText } from '../../../domain/dossiers/notifications.ts';
import type { Executor } from '../audit/audit.store.ts';
import { enqueueMessages, type OutgoingMessage } from '../notifications/outbox.store.ts';

export function publicLookupUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/tra-cuu/${encodeURIComponent(code)}`;
}

/** Queues the e-mail (when the applicant gave one) and the SMS for a moment of the lifecycle. */
export async function queueDossierNotice(
  db: Executor,
  kind: DossierNotice,
  d: { id: string; code: string; procedureName: string; unitName: string; email: string | null; phone: string; dueAt?: Date | null; items?: string[]; newDueAt?: Date | null; reason?: string | null },
  publicUrl: string,
  now: Date,
) {
  const text = noticeText(kind, { ...d, lookupUrl: publicLookupUrl(publicUrl, d.code) });
  const messages: OutgoingMessage[] = [{ channel: 'sms', recipient: d.phone, subject: text.subject, body: text.sms, kind, dossierId: d.id }];
  if (d.email) messages.push({ channel: 'email', recipient: d.email, subject: text.subject, body: text.body, kind, dossierId: d.id });
  await enqueueMessages(db, messages, now);
}
