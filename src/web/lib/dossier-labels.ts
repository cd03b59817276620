import type { TDossierSummary, TProcedure } from '../../shared/schemas/dossiers.ts';
import { OPEN_STATUSES, type Channel, type DossierStatus } from '../../domain/dossiers/status.ts';
import type { TFunction, TKey } from '../i18n/i18n.tsx';
import { formatNumber } from './format.ts';

export type { Channel, DossierStatus };

export const statusKey = (s: DossierStatus): TKey => `dossierStatus.${s}`;
export const channelKey = (c: Channel): TKey => `channel.${c}`;

/** Tag colour of each status: blue while handled, orange when waiting for the citizen, green when done, red when refused or stopped. */
export const STATUS_COLOR: Record<DossierStatus, string> = {
  submitted: 'default',
  received: 'blue',
  processing: 'geekblue',
  awaiting_supplement: 'orange',
  awaiting_payment: 'gold',
  result_ready: 'cyan',
  returned: 'green',
  refused: 'red',
  withdrawn: 'default',
  stopped: 'red',
};

const EVENT_TYPES = new Set([
  'create', 'import', 'receive', 'refuse_reception', 'assign', 'request_supplement', 'complete_supplement', 'request_payment',
  'record_payment', 'apologize', 'propose', 'decide', 'return_result', 'withdraw', 'stop', 'close_incomplete', 'record_visit',
  'file_attached', 'notified', 'rating',
]);

/** The timeline label of an event in the current language; unknown types keep the server's label. */
export function eventLabel(t: TFunction, type: string, serverLabel?: string): string {
  return EVENT_TYPES.has(type) ? t(`event.${type}` as TKey) : (serverLabel ?? type);
}

export function formatVnd(t: TFunction, amount: number): string {
  return t('money.vnd', { amount: formatNumber(amount) });
}

export function feeLabel(t: TFunction, amount: number): string {
  return amount > 0 ? formatVnd(t, amount) : t('money.free');
}

/** "10 ngày làm việc", or "Trong ngày" for same-day procedures. */
export function processingLabel(t: TFunction, p: Pick<TProcedure, 'processingDays' | 'processingUnit'>): string {
  if (p.processingDays === 0) return t('procUnit.sameDay');
  return t(`procUnit.${p.processingUnit}`, { n: formatNumber(p.processingDays) });
}

export type Cutoff = { kind: 'none' } | { kind: 'time'; at: string } | { kind: 'last-working-hours'; hours: number };

export function asCutoff(value: unknown): Cutoff {
  const v = value as Partial<Cutoff> | null | undefined;
  if (v?.kind === 'time' && typeof (v as { at?: unknown }).at === 'string') return { kind: 'time', at: (v as { at: string }).at };
  if (v?.kind === 'last-working-hours' && typeof (v as { hours?: unknown }).hours === 'number') {
    return { kind: 'last-working-hours', hours: (v as { hours: number }).hours };
  }
  return { kind: 'none' };
}

export function cutoffLabel(t: TFunction, value: unknown): string | null {
  const c = asCutoff(value);
  if (c.kind === 'time') return t('cutoff.describeTime', { at: c.at });
  if (c.kind === 'last-working-hours') return t('cutoff.describeHours', { hours: c.hours });
  return null;
}

export const isOpen = (s: DossierStatus) => OPEN_STATUSES.has(s);

/** Overdue or due within three days (the server's due_soon window), judged on the legal due date. */
export function dueState(d: Pick<TDossierSummary, 'status' | 'legalDueAt' | 'dueAt'>, now = Date.now()): 'overdue' | 'soon' | null {
  const due = d.legalDueAt ?? d.dueAt;
  if (!due || !isOpen(d.status)) return null;
  const at = Date.parse(due);
  if (at < now) return 'overdue';
  if (at <= now + 3 * 86_400_000) return 'soon';
  return null;
}
