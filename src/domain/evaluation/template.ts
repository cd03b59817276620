import type { EvaluationRegime } from './regimes.ts';

export interface ScoreCriterion {
  code: string;
  name: string;
  group: 'general' | 'task';
  max: number;
}

/** Points lost from the general criteria per violation found and per upheld complaint in the month. */
export interface EvidenceDeductions {
  violation: number;
  upheldComplaint: number;
}

/** A unit type's monthly template: its criteria, the evidence deductions and the head's reason margin. */
export interface ScoreTemplate {
  criteria: readonly ScoreCriterion[];
  deductions: EvidenceDeductions;
  /** The head must explain a score further than this from the evidence. */
  headReasonMargin: number;
}

/** The default monthly template from the legal criteria: general 30 (3 × 10) and task results 70. */
export const DEFAULT_CRITERIA: readonly ScoreCriterion[] = [
  { code: 'G1', name: 'Phẩm chất chính trị, đạo đức, lối sống', group: 'general', max: 10 },
  { code: 'G2', name: 'Tác phong, lề lối làm việc, ý thức kỷ luật, văn hóa công vụ', group: 'general', max: 10 },
  { code: 'G3', name: 'Tinh thần trách nhiệm, thái độ phục vụ Nhân dân, đổi mới sáng tạo', group: 'general', max: 10 },
  { code: 'T1', name: 'Kết quả thực hiện nhiệm vụ: số lượng, chất lượng, tiến độ', group: 'task', max: 70 },
];

export const DEFAULT_TEMPLATE: ScoreTemplate = { criteria: DEFAULT_CRITERIA, deductions: { violation: 2, upheldComplaint: 3 }, headReasonMargin: 10 };

export interface TemplateError {
  field: string;
  message: string;
}

/**
 * A template must keep the legal structure (general criteria summing to 30, task results to 70),
 * with distinct codes and sane deductions; otherwise the 100-point levels would lose their meaning.
 */
export function templateErrors(t: ScoreTemplate, regime: Pick<EvaluationRegime, 'generalMax' | 'taskMax'>): TemplateError[] {
  const errors: TemplateError[] = [];
  const codes = new Set<string>();
  t.criteria.forEach((c, i) => {
    if (codes.has(c.code)) errors.push({ field: `criteria.${i}.code`, message: `Mã tiêu chí "${c.code}" bị trùng.` });
    codes.add(c.code);
    if (!(c.max > 0)) errors.push({ field: `criteria.${i}.max`, message: 'Điểm tối đa phải lớn hơn 0.' });
  });
  const sum = (group: ScoreCriterion['group']) => t.criteria.filter((c) => c.group === group).reduce((s, c) => s + c.max, 0);
  if (sum('general') !== regime.generalMax) errors.push({ field: 'criteria', message: `Tổng điểm tối đa các tiêu chí chung phải bằng ${regime.generalMax} (hiện ${sum('general')}).` });
  if (sum('task') !== regime.taskMax) errors.push({ field: 'criteria', message: `Tổng điểm tối đa kết quả thực hiện nhiệm vụ phải bằng ${regime.taskMax} (hiện ${sum('task')}).` });
  for (const key of ['violation', 'upheldComplaint'] as const) {
    const v = t.deductions[key];
    if (!(v >= 0 && v <= regime.generalMax)) errors.push({ field: `deductions.${key}`, message: `Điểm trừ từ 0 đến ${regime.generalMax}.` });
  }
  if (!(t.headReasonMargin >= 1 && t.headReasonMargin <= 50)) errors.push({ field: 'headReasonMargin', message: 'Ngưỡng chênh lệch phải ghi lý do từ 1 đến 50 điểm.' });
  return errors;
}
