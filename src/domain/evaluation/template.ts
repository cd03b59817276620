export interface ScoreCriterion {
  code: string;
  name: string;
  group: 'general' | 'task';
  max: number;
}

/** The default monthly template from the legal criteria: general 30 (3 × 10) and task results 70. */
export const DEFAULT_CRITERIA: readonly ScoreCriterion[] = [
  { code: 'G1', name: 'Phẩm chất chính trị, đạo đức, lối sống', group: 'general', max: 10 },
  { code: 'G2', name: 'Tác phong, lề lối làm việc, ý thức kỷ luật, văn hóa công vụ', group: 'general', max: 10 },
  { code: 'G3', name: 'Tinh thần trách nhiệm, thái độ phục vụ Nhân dân, đổi mới sáng tạo', group: 'general', max: 10 },
  { code: 'T1', name: 'Kết quả thực hiện nhiệm vụ: số lượng, chất lượng, tiến độ', group: 'task', max: 70 },
];

