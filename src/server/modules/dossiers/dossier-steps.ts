import { randomUUID } from 'node:crypto';
import type { WorkingCalendar } from '../../../domain/calendar/index.ts';
import { handlingStepDue } from '../../../domain/dossiers/step-deadline.ts';
import type { Tx } from '../../db/transaction.ts';
import * as store from './dossier.store.ts';


const CLOSING = new Set(['return_result', 'withdraw', 'stop', 'close_incomplete', 'refuse_reception']);

/**
 * The step trail of a dossier (who holds it now, by when) after an event: the same for a live
 * action and for an imported one, at the event's own time.
 */
export async function recordDossierStep(
  trx: Tx,
  dossierId: string,
  event: { type: string; at: Date; handlerId: string | null; legalDueAt: Date | null; receiverId?: string | null },
  calendar: WorkingCalendar,
) {
  const { type, at, legalDueAt } = event;
  if (type === 'create') {
    await store.insertStep(trx, { id: randomUUID(), dossierId, step: 'reception', officialId: event.receiverId ?? null, startedAt: at, dueAt: null });
    await store.finishOpenSteps(trx, dossierId, at);
  } else if (type === 'assign') {
    await store.finishOpenSteps(trx, dossierId, at);
    await store.insertStep(trx, { id: randomUUID(), dossierId, step: 'handling', officialId: event.handlerId, startedAt: at, dueAt: handlingStepDue(legalDueAt, at, calendar) });
  } else if (type === 'propose') {
    await store.finishOpenSteps(trx, dossierId, at);
    await store.insertStep(trx, { id: randomUUID(), dossierId, step: 'approval', officialId: null, startedAt: at, dueAt: legalDueAt });
  } else if (type === 'decide') {
    await store.finishOpenSteps(trx, dossierId, at);
    await store.insertStep(trx, { id: randomUUID(), dossierId, step: 'return', officialId: null, startedAt: at, dueAt: null });
  } else if (CLOSING.has(type)) {
    await store.finishOpenSteps(trx, dossierId, at);
  }
}
