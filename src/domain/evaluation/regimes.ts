/**
 * Evaluation regimes by effective date (legal-facts §3): civil servants under Decree 335/2025 from
 * 01/01/2026; public employees under Decree 233/2026 from 01/07/2026 (its Art. 20 lets 2025–H1 2026
 * fall back); Decree 90/2020 (+48/2023) before. A period is evaluated under the regime in force on
 * its first day.
 */
export type EmploymentKind = 'cong_chuc' | 'vien_chuc' | 'hop_dong';

export interface EvaluationRegime {
  id: string;
  appliesTo: readonly EmploymentKind[];
  effectiveFrom: string;
  /** Points: general criteria and task results. */
  generalMax: number;
  taskMax: number;
  /** Lower bounds of the levels, from the top. */
  thresholds: { excellent: number; good: number; complete: number };
  /** "Xuất sắc" at most this share of those rated "tốt" (and the raised share for outstanding units). */
  excellentCap: number;
  excellentCapOutstanding: number;
  /** Deducted from a product's quality or timeliness points for each error or delay. */
  deductionPerError: number;
  /** Fewer months worked in the year than this → not classified. */
  minMonthsWorked: number;
  /** The head's level may not be above the unit's. */
  headNotAboveUnit: boolean;
  monthly: boolean;
}

const SCORED = { generalMax: 30, taskMax: 70, thresholds: { excellent: 90, good: 70, complete: 50 }, excellentCap: 0.2, excellentCapOutstanding: 0.25, deductionPerError: 0.25, minMonthsWorked: 6 };

export const EVALUATION_REGIMES: readonly EvaluationRegime[] = [
  { id: '90/2020/NĐ-CP', appliesTo: ['cong_chuc', 'vien_chuc', 'hop_dong'], effectiveFrom: '2020-08-10', ...SCORED, headNotAboveUnit: false, monthly: false },
  { id: '335/2025/NĐ-CP', appliesTo: ['cong_chuc', 'hop_dong'], effectiveFrom: '2026-01-01', ...SCORED, headNotAboveUnit: true, monthly: true },
  { id: '233/2026/NĐ-CP', appliesTo: ['vien_chuc'], effectiveFrom: '2026-07-01', ...SCORED, headNotAboveUnit: true, monthly: true },
];

export function regimeFor(kind: EmploymentKind, periodStart: string): EvaluationRegime {
  let found = EVALUATION_REGIMES[0]!;
  for (const r of EVALUATION_REGIMES) if (r.appliesTo.includes(kind) && r.effectiveFrom <= periodStart) found = r;
  return found;
}
