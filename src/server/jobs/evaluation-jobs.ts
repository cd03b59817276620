import { isStepLate, lateStep } from '../../domain/evaluation/month-steps.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { insertAuditRow } from '../modules/audit/audit.store.ts';
import { type OutgoingMessage, enqueueMessages } from '../modules/notifications/outbox.store.ts';
import { closeScored } from '../modules/evaluation/scorecard.service.ts';
import { runExclusive } from './run-exclusive.ts';

const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

/**
 * Reminds whoever holds a late scoring step, once per step: the official who has not assessed
 * themselves, the peers who have not reviewed, the head who has not scored or closed. One e-mail a
 * person a round, counting their late items; no scores in it. Officials without e-mail are counted.
 */
export async function remindLateScoring(db: Database, config: AppConfig, now: Date) {
  return runExclusive(db, 'evaluation-reminders', async (trx) => {
    const cards = await trx
      .selectFrom('scorecards as s')
      .innerJoin('officials as o', 'o.id', 's.official_id')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select(['s.id', 's.month', 's.status', 's.reminded_step', 's.unit_id', 'u.parent_id', 'o.is_head', 'o.email'])
      .where('s.status', '<>', 'closed')
      .execute();
    const due = cards.filter((c) => {
      const step = lateStep(c.month, c.status, now);
      return step !== null && c.reminded_step !== step;
    });
    const peers = await trx
      .selectFrom('peer_reviews as p')
      .innerJoin('scorecards as s', 's.id', 'p.scorecard_id')
      .innerJoin('officials as o', 'o.id', 'p.reviewer_id')
      .select(['p.scorecard_id', 'p.reviewer_id', 's.month', 'o.email'])
      .where('p.score', 'is', null)
      .where('p.reminded_at', 'is', null)
      .where('s.status', '<>', 'closed')
      .execute();
    const latePeers = peers.filter((p) => isStepLate(p.month, 'peer', now));
    if (!due.length && !latePeers.length) return { reminded: 0, withoutEmail: 0 };

    // The head step belongs to the unit's head; a head's own card goes to the head of the unit above.
    const heads = await trx.selectFrom('officials').select(['unit_id', 'email']).where('is_head', '=', true).where('active', '=', true).execute();
    const headEmails = (unitId: string | null) => heads.filter((h) => h.unit_id === unitId && h.email).map((h) => h.email!);
    const inbox = new Map<string, Map<string, number>>();
    let withoutEmail = 0;
    const add = (emails: (string | null)[], line: string) => {
      const real = emails.filter((e): e is string => Boolean(e));
      if (!real.length) withoutEmail++;
      for (const e of real) {
        const lines = inbox.get(e) ?? new Map<string, number>();
        lines.set(line, (lines.get(line) ?? 0) + 1);
        inbox.set(e, lines);
      }
    };
    for (const c of due) {
      const step = lateStep(c.month, c.status, now)!;
      if (step === 'self') add([c.email], `Tự đánh giá tháng ${monthLabel(c.month)}`);
      else add(headEmails(c.is_head ? c.parent_id : c.unit_id), `Chấm điểm, chốt điểm tháng ${monthLabel(c.month)} (phiếu của cán bộ)`);
    }
    for (const p of latePeers) add([p.email], `Đánh giá chéo tháng ${monthLabel(p.month)}`);

    const messages: OutgoingMessage[] = [...inbox].map(([recipient, lines]) => ({
      channel: 'email',
      recipient,
      kind: 'evaluation_reminder',
      dossierId: null,
      subject: 'Nhắc việc: bước chấm điểm hằng tháng đã quá hạn',
      body: ['Các bước chấm điểm sau đã quá hạn:', ...[...lines].map(([line, n]) => `- ${line}: ${n} phiếu`), '', `Vui lòng thực hiện tại ${config.publicUrl}/danh-gia/phieu-cua-toi.`].join('\n'),
    }));
    await enqueueMessages(trx, messages, now);
    // Marked in one statement per step, not row by row: a province's late month is thousands of cards.
    for (const step of ['self', 'head'] as const) {
      const ids = due.filter((c) => lateStep(c.month, c.status, now) === step).map((c) => c.id);
      if (ids.length) await trx.updateTable('scorecards').set({ reminded_step: step }).where('id', 'in', ids).execute();
    }
    for (let i = 0; i < latePeers.length; i += 1000) {
      const chunk = latePeers.slice(i, i + 1000);
      await trx
        .updateTable('peer_reviews')
        .set({ reminded_at: now })
        .where((eb) => eb(eb.refTuple('scorecard_id', 'reviewer_id'), 'in', chunk.map((p) => eb.tuple(p.scorecard_id, p.reviewer_id))))
        .execute();
    }
    await insertAuditRow(trx, { action: 'evaluation.remind', entityType: 'evaluation_month', entityId: 'reminders', actorAccountId: null, actor: 'system', ip: null, after: { cards: due.length, peerReviews: latePeers.length, messages: messages.length, withoutEmail } }, now);
    return { reminded: messages.length, withoutEmail };
  });
}

/**
 * Closes, once the head's date has passed, the cards the head has scored but not closed, so a
 * forgotten "close" does not hold the month open; cards still waiting for a step stay open (late).
 */
export async function closeScoredMonths(db: Database, _config: AppConfig, now: Date) {
  return runExclusive(db, 'close-scored-months', async (trx) => {
    const months = await trx.selectFrom('scorecards').select('month').distinct().where('status', '=', 'head').execute();
    const closed: Record<string, number> = {};
    for (const { month } of months) {
      if (!isStepLate(month, 'head', now)) continue;
      const result = await closeScored(trx, '', month, now);
      closed[month] = result.closed;
      await insertAuditRow(trx, { action: 'evaluation.close_month', entityType: 'evaluation_month', entityId: month, actorAccountId: null, actor: 'system', ip: null, after: { closed: result.closed, late: result.late } }, now);
    }
    return closed;
  });
}
