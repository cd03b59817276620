import { regimeFor } from './regimes.ts';
import { round1, taskScore, type WorkItem } from './scoring.ts';
import type { EvidenceDeductions } from './template.ts';

/** The instants a month (YYYY-MM) covers in Vietnam: [from, to). */
export function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(`${month}-01T00:00:00+07:00`);
  const next = new Date(Date.UTC(y, m, 1));
  const to = new Date(`${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}-01T00:00:00+07:00`);
  return { from, to };
}

/** One official's records of a month, as the evidence reads them. */
export interface MonthRecord {
  dossiers: { id: string; late: boolean }[];
  tasks: { id: string; status: string; completed_at: Date | null; due_at: Date; sent_back: number }[];
  violations: string[];
  complaints: string[];
}

export const EMPTY_RECORD: MonthRecord = { dossiers: [], tasks: [], violations: [], complaints: [] };

/**
 * Scores one official's record: a task sent back counts as a content error, a late one as a
 * delay; each violation and upheld complaint costs the template's deduction from the general
 * criteria. Each figure keeps the ids of the records it came from.
 */
export function scoreEvidence(raw: MonthRecord, month: string, deductions: EvidenceDeductions) {
  const { to } = monthRange(month);
  const items: WorkItem[] = [
    ...raw.dossiers.map((d) => ({ weight: 1, completed: true, errors: 0, delays: d.late ? 1 : 0 })),
    ...raw.tasks.map((t) => ({ weight: 2, completed: t.status === 'done', errors: t.sent_back, delays: t.status === 'done' ? (t.completed_at! > t.due_at ? 1 : 0) : t.due_at < to ? 1 : 0 })),
  ];
  const regime = regimeFor('cong_chuc', `${month}-01`);
  const task = taskScore(items, regime);
  const general = Math.max(0, regime.generalMax - deductions.violation * raw.violations.length - deductions.upheldComplaint * raw.complaints.length);
  return {
    score: task === null ? null : round1(general + task),
    figures: {
      dossiers: { handled: raw.dossiers.length, late: raw.dossiers.filter((d) => d.late).length, ids: raw.dossiers.map((d) => d.id) },
      tasks: { due: raw.tasks.length, done: raw.tasks.filter((t) => t.status === 'done').length, sentBack: raw.tasks.reduce((s, t) => s + t.sent_back, 0), ids: raw.tasks.map((t) => t.id) },
      violations: { count: raw.violations.length, ids: raw.violations },
      upheldComplaints: { count: raw.complaints.length, codes: raw.complaints },
      taskScore: task,
      generalFromEvidence: general,
    },
  };
}

export type Evidence = ReturnType<typeof scoreEvidence>;
