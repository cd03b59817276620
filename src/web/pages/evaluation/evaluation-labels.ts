import { levelFromScore, type Level } from '../../../domain/evaluation/classification.ts';
import { EVALUATION_REGIMES } from '../../../domain/evaluation/regimes.ts';
import { needsReason } from '../../../domain/evaluation/scoring.ts';
import { DEFAULT_TEMPLATE } from '../../../domain/evaluation/template.ts';
import type { ClassLevel, DisciplineForm, FlatReason, ScorecardStatus, TCardTemplate, TEvidence, UnitKind } from '../../api/evaluation.queries.ts';
import type { Lang, TFunction, TKey } from '../../i18n/i18n.tsx';
import { formatDate, vnWallClock } from '../../lib/format.ts';

export const EVAL_MANAGERS = ['unit_head', 'leader', 'admin'] as const;
export const EVAL_LEADERS = ['leader', 'admin'] as const;

/** The regime in force now: its maxima and level thresholds (the same 30 + 70 and 50/70/90 in every regime so far). */
export const CURRENT_REGIME = EVALUATION_REGIMES[EVALUATION_REGIMES.length - 1]!;
export const GENERAL_MAX = CURRENT_REGIME.generalMax;
export const TASK_MAX = CURRENT_REGIME.taskMax;
export const THRESHOLDS = CURRENT_REGIME.thresholds;
/**
 * How far from the evidence the head may score without a written reason: the card's template
 * says (per unit kind); cards made before templates existed use the default template's margin.
 */
export const marginOf = (template: Pick<TCardTemplate, 'headReasonMargin'> | null | undefined) => template?.headReasonMargin ?? DEFAULT_TEMPLATE.headReasonMargin;

export const headNeedsReason = (total: number, evidenceScore: number | null, margin: number) => evidenceScore !== null && needsReason(total, evidenceScore, margin);

/** The unit kinds a template may be made for, in the order of the organisation (null = the default for all). */
export const TEMPLATE_KINDS: readonly (UnitKind | null)[] = [null, 'province', 'department', 'commune', 'division', 'center', 'other'];
export const unitKindKey = (kind: UnitKind | null): TKey => `evaluation.kind.${kind ?? 'default'}`;

/**
 * A step's deadline for display: the server gives the instant the step becomes late (midnight
 * after the due day, Vietnam time), people read the due day itself ("03/12/2026").
 */
export const dueDayLabel = (instant: string) => formatDate(new Date(Date.parse(instant) - 1).toISOString());

export const LEVELS: readonly ClassLevel[] = ['excellent', 'good', 'complete', 'incomplete', 'not_classified'];
export const LEVEL_COLOR: Record<ClassLevel, string> = { excellent: 'green', good: 'blue', complete: 'gold', incomplete: 'red', not_classified: 'default' };
export const levelKey = (level: ClassLevel): TKey => `evaluation.level.${level}`;

export function levelOf(score: number | null | undefined, regimeId?: string): Level | null {
  if (score === null || score === undefined) return null;
  const regime = EVALUATION_REGIMES.find((r) => r.id === regimeId) ?? CURRENT_REGIME;
  return levelFromScore(score, regime);
}

export const STATUS_COLOR: Record<ScorecardStatus, string> = { self: 'orange', peer: 'blue', head: 'purple', closed: 'green' };
export const statusKey = (status: ScorecardStatus): TKey => `evaluation.status.${status}`;
export const flatReasonKey = (reason: FlatReason): TKey => `evaluation.flat.${reason}`;

export const DISCIPLINE_FORMS: readonly DisciplineForm[] = ['reprimand', 'warning', 'demotion', 'removal', 'forced_resignation', 'dismissal'];
export const disciplineFormKey = (form: DisciplineForm): TKey => `evaluation.discipline.form.${form}`;

/** This month in Vietnam, 'YYYY-MM'. */
export function currentMonth(now: Date = new Date()): string {
  return (vnWallClock(now)?.date ?? now.toISOString()).slice(0, 7);
}

/** Last month in Vietnam, 'YYYY-MM': the month being scored in the first days of this one. */
export function previousMonth(now: Date = new Date()): string {
  const [y, m] = currentMonth(now).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function currentYear(now: Date = new Date()): number {
  return Number(currentMonth(now).slice(0, 4));
}

export const isMonth = (value: string | null | undefined): value is string => Boolean(value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value));

/** 'YYYY-MM' → "Tháng 11/2026" / "11/2026" (a label on its own). */
export function monthLabel(t: TFunction, month: string): string {
  const [y = '', m = ''] = month.split('-');
  return t('evaluation.monthLabel', { m, y });
}

/** 'YYYY-MM' → "tháng 11/2026" / "11/2026" (inside a sentence). */
export function monthInline(t: TFunction, month: string): string {
  const [y = '', m = ''] = month.split('-');
  return t('evaluation.monthInline', { m, y });
}

/** A score with one decimal in the language's notation (83,5 in Vietnamese). */
export function formatScore(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
}

/** True when the card carries the month's figures (cards made before they were collected hold `{}`). */
export const hasEvidence = (e: TEvidence | null | undefined): e is Required<Pick<TEvidence, 'dossiers' | 'tasks' | 'violations' | 'upheldComplaints'>> & TEvidence =>
  Boolean(e && e.dossiers && e.tasks && e.violations && e.upheldComplaints);

/** How far a score sits from the evidence, signed ("+12,5"). */
export function signedDiff(value: number, lang: Lang): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${formatScore(Math.abs(rounded), lang)}`;
}
