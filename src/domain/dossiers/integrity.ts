import type { WorkingCalendar } from '../calendar/index.ts';
import { vnDateOf } from '../calendar/index.ts';

/**
 * A known way to hide lateness: withdraw a dossier that is late or about to be, then receive the
 * same applicant's same procedure again, which starts a fresh clock. Flag the new dossier when the
 * withdrawn one was past due, or within `nearDueWorkingDays` of it, and the new receipt follows
 * within `windowDays` calendar days.
 */
export interface WithdrawnDossier {
  code: string;
  withdrawnAt: Date;
  legalDueAt: Date | null;
}

export const RESUBMISSION_RULE = { nearDueWorkingDays: 1, windowDays: 30 } as const;

export function isSuspiciousResubmission(
  previous: WithdrawnDossier,
  receivedAt: Date,
  calendar: WorkingCalendar,
  rule: { nearDueWorkingDays: number; windowDays: number } = RESUBMISSION_RULE,
): boolean {
  if (!previous.legalDueAt) return false;
  const gapMs = receivedAt.getTime() - previous.withdrawnAt.getTime();
  if (gapMs < 0 || gapMs > rule.windowDays * 86_400_000) return false;
  if (previous.withdrawnAt >= previous.legalDueAt) return true;
  const left = calendar.countWorkingDays(vnDateOf(previous.withdrawnAt), vnDateOf(previous.legalDueAt));
  return left <= rule.nearDueWorkingDays;
}
