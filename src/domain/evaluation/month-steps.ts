/**
 * When each step of a month's scoring is due. The decrees leave the calendar to each agency's
 * regulation; congvu's default: self-assessment by the 3rd of the next month, peers by the 5th,
 * the head by the 8th (end of day, Vietnam time). A step still open after its date is late.
 */
export type ScoreStep = 'self' | 'peer' | 'head';
export const STEP_DUE_DAY: Record<ScoreStep, number> = { self: 3, peer: 5, head: 8 };

/** The instant a step of `month` (YYYY-MM) falls due: the end of that day of the following month. */
export function stepDueAt(month: string, step: ScoreStep): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m, 1));
  const day = String(STEP_DUE_DAY[step] + 1).padStart(2, '0');
  const mm = String(next.getUTCMonth() + 1).padStart(2, '0');
  return new Date(`${next.getUTCFullYear()}-${mm}-${day}T00:00:00+07:00`);
}

export function isStepLate(month: string, step: ScoreStep, now: Date): boolean {
  return now.getTime() >= stepDueAt(month, step).getTime();
}

/**
 * Officials who came last in their unit (at least `minPeers` scored), clearly behind their peers
 * (at least `behind` points under the unit's median, 8 by default), in `times` or more closed months: the seeds'
 * "thay thế, điều chuyển" list, next to those who did not complete their tasks. Every unit has a
 * lowest score; only one that keeps trailing the team is singled out.
 */
export function repeatedlyLast(monthly: readonly { month: string; unitId: string; officialId: string; score: number }[], opts = { times: 3, minPeers: 3, behind: 8 }) {
  const groups = new Map<string, { officialId: string; score: number }[]>();
  for (const r of monthly) {
    const key = `${r.month}|${r.unitId}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const lastCount = new Map<string, string[]>();
  for (const [key, members] of groups) {
    if (members.length < opts.minPeers) continue;
    const sorted = members.map((m) => m.score).sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    const last = members.filter((m) => m.score === sorted[0]);
    if (last.length !== 1 || median - sorted[0]! < opts.behind) continue; // a tie, or close to the team: nobody singled out
    const month = key.split('|')[0]!;
    lastCount.set(last[0]!.officialId, [...(lastCount.get(last[0]!.officialId) ?? []), month]);
  }
  return [...lastCount].filter(([, months]) => months.length >= opts.times).map(([officialId, months]) => ({ officialId, months: months.sort() }));
}

/** The step a card waits for: its owner's self-assessment, then the head (who also closes it). */
export function pendingStep(status: 'self' | 'peer' | 'head' | 'closed'): ScoreStep | null {
  if (status === 'self') return 'self';
  return status === 'closed' ? null : 'head';
}

/** The card's late step, if the step it waits for is past its date. */
export function lateStep(month: string, status: 'self' | 'peer' | 'head' | 'closed', now: Date): ScoreStep | null {
  const step = pendingStep(status);
  return step && isStepLate(month, step, now) ? step : null;
}

export const stepDeadlines = (month: string) => ({ self: stepDueAt(month, 'self').toISOString(), peer: stepDueAt(month, 'peer').toISOString(), head: stepDueAt(month, 'head').toISOString() });

/** The last complete calendar month before `now` in Vietnam (YYYY-MM): what "last month" means for the flat-unit check. */
export function lastCompleteMonth(now: Date): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
