import type { EvaluationRegime } from './regimes.ts';

export const LEVELS = ['excellent', 'good', 'complete', 'incomplete'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_VI: Record<Level, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  complete: 'Hoàn thành nhiệm vụ',
  incomplete: 'Không hoàn thành nhiệm vụ',
};
const RANK: Record<Level, number> = { excellent: 3, good: 2, complete: 1, incomplete: 0 };

export function levelFromScore(score: number, regime: Pick<EvaluationRegime, 'thresholds'>): Level {
  if (score >= regime.thresholds.excellent) return 'excellent';
  if (score >= regime.thresholds.good) return 'good';
  if (score >= regime.thresholds.complete) return 'complete';
  return 'incomplete';
}

/** The forced "không hoàn thành" triggers (legal-facts §3.1, §3.2): any one is enough. */
export interface ForcedTriggers {
  degradation: boolean;
  disciplinedForDuty: boolean;
  unitCorruptionUnderCharge: boolean;
}

export interface ProposalInput {
  officialId: string;
  monthlyScores: readonly number[];
  monthsWorked: number;
  isHead: boolean;
  taskGroup: string;
  triggers: ForcedTriggers;
}

export interface Proposal {
  officialId: string;
  average: number | null;
  level: Level | 'not_classified';
  reasons: string[];
}

/** One official's proposal from the year's monthly scores and the legal conditions. */
export function proposeLevel(p: ProposalInput, regime: EvaluationRegime): Proposal {
  const reasons: string[] = [];
  if (p.monthsWorked < regime.minMonthsWorked) {
    return { officialId: p.officialId, average: null, level: 'not_classified', reasons: [`Công tác ${p.monthsWorked} tháng trong năm (dưới ${regime.minMonthsWorked} tháng): không xếp loại`] };
  }
  const average = p.monthlyScores.length ? Math.round((p.monthlyScores.reduce((s, x) => s + x, 0) / p.monthlyScores.length) * 10) / 10 : null;
  if (p.triggers.degradation) reasons.push('Suy thoái tư tưởng chính trị, đạo đức, lối sống');
  if (p.triggers.disciplinedForDuty) reasons.push('Bị kỷ luật trong năm do vi phạm liên quan đến thực thi công vụ');
  if (p.triggers.unitCorruptionUnderCharge) reasons.push('Đơn vị phụ trách trực tiếp xảy ra tham nhũng, lãng phí');
  if (reasons.length) return { officialId: p.officialId, average, level: 'incomplete', reasons };
  if (average === null) return { officialId: p.officialId, average, level: 'not_classified', reasons: ['Không có điểm tháng nào'] };
  return { officialId: p.officialId, average, level: levelFromScore(average, regime), reasons: [`Điểm trung bình năm ${average}`] };
}

/**
 * "Xuất sắc" at most 20% (25% in an outstanding unit) of those rated "tốt" or better in the same
 * unit and task group: the highest averages keep it, the others are proposed "tốt" with the reason.
 */
export function applyExcellentCap(proposals: readonly (Proposal & { taskGroup: string })[], regime: EvaluationRegime, outstandingUnit: boolean): Proposal[] {
  const share = outstandingUnit ? regime.excellentCapOutstanding : regime.excellentCap;
  const result = proposals.map((p) => ({ ...p, reasons: [...p.reasons] }));
  const groups = new Set(result.map((p) => p.taskGroup));
  for (const group of groups) {
    const members = result.filter((p) => p.taskGroup === group);
    const good = members.filter((p) => p.level === 'good' || p.level === 'excellent').length;
    const cap = Math.floor(good * share);
    const excellent = members.filter((p) => p.level === 'excellent').sort((x, y) => (y.average ?? 0) - (x.average ?? 0));
    for (const p of excellent.slice(cap)) {
      p.level = 'good';
      p.reasons.push(`Vượt tỷ lệ "xuất sắc" (${Math.round(share * 100)}% số "tốt" trong nhóm): đề xuất "tốt"`);
    }
  }
  return result;
}

/** A head is not rated above the unit they lead (Decree 233 Art. 12(7); configurable by regime). */
export function capHeadByUnit(level: Level | 'not_classified', unitLevel: Level | null, regime: EvaluationRegime): { level: Level | 'not_classified'; capped: boolean } {
  if (!regime.headNotAboveUnit || level === 'not_classified' || !unitLevel) return { level, capped: false };
  return RANK[level] > RANK[unitLevel] ? { level: unitLevel, capped: true } : { level, capped: false };
}
