/**
 * The discipline regime a decision falls under (legal-facts §7): Decree 172/2025 for cadres and
 * civil servants from 01/07/2025, Decree 234/2026 for public employees from 01/07/2026, Decree
 * 112/2020 (+71/2023) before.
 */
export function disciplineRegime(kind: 'cong_chuc' | 'vien_chuc' | 'hop_dong', decidedOn: string): string {
  if (kind === 'vien_chuc') return decidedOn >= '2026-07-01' ? '234/2026/NĐ-CP' : '112/2020/NĐ-CP';
  return decidedOn >= '2025-07-01' ? '172/2025/NĐ-CP' : '112/2020/NĐ-CP';
}
