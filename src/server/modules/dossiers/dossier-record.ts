import { type DossierAction, applyDossierAction, isRefusal } from '../../../domain/dossiers/transitions.ts';
import type { AppConfig } from '../../config.ts';
import type { Tx } from '../../db/transaction.ts';
import { AppError } from '../../http/problem.ts';
import { insertAuditRow } from '../audit/audit.store.ts';
import { loadWorkingCalendar } from '../calendar/calendar.service.ts';
import { queueDossierNotice } from './dossier-notices.ts';
import { columnsOf, rulesOf, stateOf } from './dossier-state.ts';
import { recordDossierStep } from './dossier-steps.ts';
import * as store from './dossier.store.ts';

/** Who acts: a person's account, or the system (scheduled jobs) with no account. */
export interface Who {
  accountId: string | null;
  label: string;
  ip: string | null;
}

/**
 * Applies a lifecycle action to a locked dossier row and records everything it implies, inside the
 * caller's transaction: the new state, the event, the step trail, the citizen's notice, the audit
 * row. Authorisation is the caller's job (a person's role and scope, or a scheduled job's rule).
 */
export async function recordDossierAction(trx: Tx, config: AppConfig, who: Who, row: store.DossierRow, action: DossierAction, now: Date) {
  const id = row.id;
  const calendar = await loadWorkingCalendar(trx);
  const result = applyDossierAction(stateOf(row), action, { now, rules: rulesOf(row), calendar });
  if (isRefusal(result)) {
    throw new AppError(result.status, result.code, result.message, result.field ? [{ field: result.field, message: result.message }] : undefined);
  }
  const { next, event } = result;
  await store.updateDossierRow(trx, id, columnsOf(next, now));
  await store.appendEvent(trx, { dossier_id: id, at: now, actor_account_id: who.accountId, actor: who.label, type: event.type, status: next.status, data: JSON.stringify(event.data) });

  await recordDossierStep(trx, id, { type: action.type, at: now, handlerId: action.type === 'assign' ? action.handlerId : null, legalDueAt: next.legalDueAt }, calendar);

  const detail = (await store.findDossierById(trx, id))!;
  const notice = { id, code: row.code, procedureName: detail.procedure_name, unitName: detail.unit_name, email: row.applicant_email, phone: row.applicant_phone };
  if (action.type === 'request_supplement') await queueDossierNotice(trx, 'supplement_requested', { ...notice, items: action.items }, config.publicUrl, now);
  if (action.type === 'apologize') await queueDossierNotice(trx, 'apology', { ...notice, newDueAt: action.newDueAt, reason: action.reason }, config.publicUrl, now);
  if (action.type === 'decide') await queueDossierNotice(trx, 'result_ready', notice, config.publicUrl, now);

  await insertAuditRow(
    trx,
    {
      actorAccountId: who.accountId,
      actor: who.label,
      action: `dossier.${action.type}`,
      entityType: 'dossier',
      entityId: id,
      before: { status: row.status, dueAt: row.due_at?.toISOString() ?? null, supplementCount: row.supplement_count, apologyCount: row.apology_count },
      after: { status: next.status, dueAt: next.dueAt?.toISOString() ?? null, ...event.data },
      ip: who.ip,
    },
    now,
  );
  return detail;
}
