import type { Level } from './classification.ts';
import { levelFromScore } from './classification.ts';
import type { EvaluationRegime } from './regimes.ts';

/** The year's work of a unit, as the unit-level conditions read it (Decree 233 Arts. 5–7, legal-facts §3.2). */
export interface UnitYear {
  unitId: string;
  /** The unit's score: the mean of its members' closed monthly scores. */
  score: number | null;
  /** Tasks of the unit due so far this year, those done, and those done by their deadline. */
  tasksDue: number;
  tasksDone: number;
  tasksOnTime: number;
  /** A directly subordinate unit was rated "không hoàn thành". */
  childIncomplete: boolean;
}

export interface UnitProposal {
  unitId: string;
  level: Level | 'not_classified';
  reasons: string[];
}

const pct = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

/**
 * The highest level whose every condition holds: "xuất sắc" ≥ 90 with 100% of tasks on time and no
 * subordinate unit "không hoàn thành" (the "≥ 30% exceeding requirements" condition is not in the
 * data and is left to the council, said in the reasons); "tốt" 70–<90 with 100% on time; "hoàn
 * thành" 50–<70 with 100% done and ≤ 20% late; otherwise "không hoàn thành" (< 50, < 70% of the
 * plan, or no level's conditions met).
 */
export function proposeUnitLevel(u: UnitYear, regime: Pick<EvaluationRegime, 'thresholds'>): UnitProposal {
  if (u.score === null) return { unitId: u.unitId, level: 'not_classified', reasons: ['Chưa có điểm tháng nào của đơn vị'] };
  const byScore = levelFromScore(u.score, regime);
  const onTime = pct(u.tasksOnTime, u.tasksDue);
  const done = pct(u.tasksDone, u.tasksDue);
  const lateShare = u.tasksDone === 0 ? 0 : (u.tasksDone - u.tasksOnTime) / u.tasksDone;
  const figures = `điểm ${String(u.score).replace('.', ',')}, ${u.tasksDone}/${u.tasksDue} nhiệm vụ hoàn thành, ${u.tasksOnTime} đúng hạn`;
  if (byScore === 'incomplete') return { unitId: u.unitId, level: 'incomplete', reasons: [`Điểm dưới ${regime.thresholds.complete} (${figures})`] };
  if (done < 0.7) return { unitId: u.unitId, level: 'incomplete', reasons: [`Hoàn thành dưới 70% kế hoạch (${figures})`] };
  const reasons: string[] = [];
  const allOnTime = onTime >= 1;
  if (byScore === 'excellent' && allOnTime && !u.childIncomplete) {
    return { unitId: u.unitId, level: 'excellent', reasons: [`Đạt điều kiện "xuất sắc" (${figures}); Hội đồng xác nhận tỷ lệ nhiệm vụ vượt yêu cầu (≥ 30%)`] };
  }
  if (byScore === 'excellent') reasons.push(u.childIncomplete ? 'Có đơn vị trực thuộc "không hoàn thành": không xếp "xuất sắc"' : 'Chưa 100% nhiệm vụ đúng hạn: không xếp "xuất sắc"');
  if ((byScore === 'excellent' || byScore === 'good') && allOnTime) return { unitId: u.unitId, level: 'good', reasons: [...reasons, `Đạt điều kiện "tốt" (${figures})`] };
  if (byScore !== 'complete') reasons.push('Chưa 100% nhiệm vụ đúng hạn: không xếp "tốt"');
  if (done >= 1 && lateShare <= 0.2) return { unitId: u.unitId, level: 'complete', reasons: [...reasons, `Đạt điều kiện "hoàn thành" (${figures})`] };
  return { unitId: u.unitId, level: 'incomplete', reasons: [...reasons, `Không đạt điều kiện mức "hoàn thành": cần 100% nhiệm vụ hoàn thành, chậm không quá 20% (${figures})`] };
}

/**
 * "Xuất sắc" units at most 20% (25% where outstanding) of those rated "tốt" or better; with fewer
 * than 5 units at most one. The highest scores keep it.
 */
export function capExcellentUnits(proposals: readonly (UnitProposal & { score: number | null })[], share = 0.2): UnitProposal[] {
  const result = proposals.map((p) => ({ ...p, reasons: [...p.reasons] }));
  const good = result.filter((p) => p.level === 'excellent' || p.level === 'good').length;
  const cap = result.length < 5 ? Math.min(1, good) : Math.floor(good * share);
  const excellent = result.filter((p) => p.level === 'excellent').sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  for (const p of excellent.slice(cap)) {
    p.level = 'good';
    p.reasons.push(`Vượt tỷ lệ đơn vị "xuất sắc" (${result.length < 5 ? 'dưới 5 đơn vị: tối đa 1' : `${Math.round(share * 100)}% số "tốt"`}): đề xuất "tốt"`);
  }
  return result.map(({ unitId, level, reasons }) => ({ unitId, level, reasons }));
}
