import type { DeadlineUnit, OfficeHours, ReceiptCutoff, SupplementMode } from '../calendar/index.ts';

/**
 * The rules a dossier is handled under, copied from its procedure and the regime in force when it
 * was received. A dossier keeps them: a later change of the procedure or of the law does not move
 * its deadlines (legal-facts §0, "versioned by effective date").
 */
export interface DossierRules {
  /** The one-stop regime, e.g. "118/2025/NĐ-CP". */
  regime: string;
  processingAmount: number;
  processingUnit: DeadlineUnit;
  supplementMode: SupplementMode;
  cutoff: ReceiptCutoff;
  officeHours: OfficeHours;
  /** Working days an incomplete dossier waits for the citizen before it is closed. */
  incompleteCloseWorkingDays: number;
}

export interface OneStopRegime {
  id: string;
  effectiveFrom: string;
  supplementMode: SupplementMode;
}

/** Decree 61/2018 paused the clock; Decree 118/2025 (from 01/07/2025) restarts it. */
export const ONE_STOP_REGIMES: readonly OneStopRegime[] = [
  { id: '61/2018/NĐ-CP', effectiveFrom: '2018-06-21', supplementMode: 'pause' },
  { id: '118/2025/NĐ-CP', effectiveFrom: '2025-07-01', supplementMode: 'restart' },
];

/** The regime in force on a date (YYYY-MM-DD, Vietnam). */
export function regimeInForce(date: string): OneStopRegime {
  let found = ONE_STOP_REGIMES[0]!;
  for (const regime of ONE_STOP_REGIMES) if (regime.effectiveFrom <= date) found = regime;
  return found;
}
