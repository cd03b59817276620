/**
 * Whom to inspect next, by surprise: a score from risk signals with the reasons shown, plus a random
 * component so that nobody can predict the next visit from their own figures.
 */
export interface RiskSignals {
  unitId: string;
  /** Share of finished dossiers that were late (0–1), null when none finished. */
  lateRate: number | null;
  /** Share of ratings that were "không hài lòng" (0–1), null when none. */
  dissatisfiedRate: number | null;
  complaints: number;
  upheldComplaints: number;
  violations: number;
  /** Days since the unit was last inspected; null = never. */
  daysSinceInspection: number | null;
}

export interface RiskReason {
  signal: keyof Omit<RiskSignals, 'unitId'> | 'random';
  points: number;
  text: string;
}

export interface RiskScore {
  unitId: string;
  score: number;
  reasons: RiskReason[];
}

// Vietnamese decimal comma, as the score beside it is printed (21,4%, not 21.4%).
const pct = (x: number) => `${String(Math.round(x * 1000) / 10).replace('.', ',')}%`;

/** Deterministic given `random` (pass a cryptographic source in production, a seeded one in tests). */
export function scoreRisk(signals: RiskSignals, random: () => number, randomWeight = 15): RiskScore {
  const reasons: RiskReason[] = [];
  const add = (signal: RiskReason['signal'], points: number, text: string) => {
    if (points > 0) reasons.push({ signal, points: Math.round(points * 10) / 10, text });
  };
  if (signals.lateRate !== null) add('lateRate', Math.min(30, signals.lateRate * 150), `Tỷ lệ hồ sơ trễ hạn ${pct(signals.lateRate)}`);
  if (signals.dissatisfiedRate !== null) add('dissatisfiedRate', Math.min(20, signals.dissatisfiedRate * 200), `Tỷ lệ không hài lòng ${pct(signals.dissatisfiedRate)}`);
  add('complaints', Math.min(10, signals.complaints * 2), `${signals.complaints} phản ánh của người dân`);
  add('upheldComplaints', Math.min(20, signals.upheldComplaints * 8), `${signals.upheldComplaints} phản ánh được xác minh là đúng`);
  add('violations', Math.min(15, signals.violations * 5), `${signals.violations} vi phạm đã phát hiện`);
  const days = signals.daysSinceInspection;
  add('daysSinceInspection', days === null ? 15 : Math.min(15, days / 24), days === null ? 'Chưa từng được kiểm tra' : `${days} ngày kể từ lần kiểm tra gần nhất`);
  add('random', random() * randomWeight, 'Yếu tố ngẫu nhiên (để không đoán trước được)');
  return { unitId: signals.unitId, score: Math.round(reasons.reduce((s, r) => s + r.points, 0) * 10) / 10, reasons };
}

export function rankTargets(all: readonly RiskSignals[], random: () => number, limit = 10): RiskScore[] {
  return all
    .map((s) => scoreRisk(s, random))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
