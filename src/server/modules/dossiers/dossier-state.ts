import type { PausedClock } from '../../../domain/calendar/index.ts';
import type { DossierRules } from '../../../domain/dossiers/rules.ts';
import { type DossierStatus, NATIONAL_STATUS_CODE } from '../../../domain/dossiers/status.ts';
import type { DossierState } from '../../../domain/dossiers/transitions.ts';
import type { DossierRow } from './dossier.store.ts';

type StoredClock = Omit<PausedClock, 'pausedAt'> & { pausedAt: string };

/** The columns that hold a dossier's lifecycle state. */
export type StateColumns = Pick<
  DossierRow,
  | 'status' | 'received_at' | 'legal_due_at' | 'due_at' | 'supplement_count' | 'supplement_requested_at' | 'paused_clock'
  | 'incomplete_close_at' | 'apology_count' | 'handler_id' | 'outcome' | 'finished_at' | 'returned_at' | 'visits' | 'paid_vnd'
>;

export function stateOf(row: StateColumns): DossierState {
  const clock = row.paused_clock as StoredClock | null;
  return {
    status: row.status as DossierStatus,
    receivedAt: row.received_at,
    legalDueAt: row.legal_due_at,
    dueAt: row.due_at,
    supplementCount: row.supplement_count,
    supplementRequestedAt: row.supplement_requested_at,
    pausedClock: clock ? ({ ...clock, pausedAt: new Date(clock.pausedAt) } as PausedClock) : null,
    incompleteCloseAt: row.incomplete_close_at,
    apologyCount: row.apology_count,
    handlerId: row.handler_id,
    outcome: row.outcome,
    finishedAt: row.finished_at,
    returnedAt: row.returned_at,
    visits: row.visits,
    paidVnd: row.paid_vnd,
  };
}

export function rulesOf(row: Pick<DossierRow, 'rules'>): DossierRules {
  return row.rules as unknown as DossierRules;
}

/** The columns a state writes back. */
export function columnsOf(state: DossierState, now: Date) {
  return {
    status: state.status,
    status_code: NATIONAL_STATUS_CODE[state.status],
    received_at: state.receivedAt,
    legal_due_at: state.legalDueAt,
    due_at: state.dueAt,
    supplement_count: state.supplementCount,
    supplement_requested_at: state.supplementRequestedAt,
    paused_clock: state.pausedClock ? JSON.stringify({ ...state.pausedClock, pausedAt: state.pausedClock.pausedAt.toISOString() }) : null,
    incomplete_close_at: state.incompleteCloseAt,
    apology_count: state.apologyCount,
    handler_id: state.handlerId,
    outcome: state.outcome,
    finished_at: state.finishedAt,
    returned_at: state.returnedAt,
    visits: state.visits,
    paid_vnd: state.paidVnd,
    updated_at: now,
  };
}
