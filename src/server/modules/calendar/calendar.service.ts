import {
  type DateOnly,
  type WorkingCalendar,
  type YearAnnouncement,
  addDays,
  computeDueAt,
  createDefaultWorkingCalendar,
  defaultCalendarYear,
  makeDateOnly,
  parseYearAnnouncement,
  toIsoVn,
} from '../../../domain/calendar/index.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { invalid } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { requirePermission } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import * as store from './calendar.store.ts';

/**
 * The working calendar in force: the rules, the shipped announcements (2026) and whatever
 * administrators entered for other years. Read per use (one small query): no process cache
 * that another server process would not see.
 */
export async function loadWorkingCalendar(db: Executor): Promise<WorkingCalendar> {
  const rows = await store.listAnnouncements(db);
  const announcements = rows.map((r) => r.data as unknown as YearAnnouncement);
  return createDefaultWorkingCalendar({ announcements });
}

/** `congvu calendar due`: the due instant of N working days from a receipt, as the server computes it. */
export function dueAfterWorkingDays(calendar: WorkingCalendar, receivedAt: Date, days: number): string {
  return toIsoVn(computeDueAt({ receivedAt, amount: days, unit: 'working_days', calendar }));
}

export async function describeYear(db: Database, year: number) {
  const row = await store.findAnnouncement(db, year);
  const announcement = row ? (row.data as unknown as YearAnnouncement) : undefined;
  const calendar = await loadWorkingCalendar(db);
  const resolved = defaultCalendarYear(year, announcement ? { announcements: [announcement] } : {});
  const days: { date: string; kind: string; name?: string }[] = [];
  let workingDays = 0;
  for (let d: DateOnly = makeDateOnly(year, 1, 1); d <= makeDateOnly(year, 12, 31); d = addDays(d, 1)) {
    const status = calendar.describeDay(d);
    if (status.working) workingDays++;
    if (status.kind !== 'working-day' && status.kind !== 'weekend') days.push({ date: d, kind: status.kind, ...(status.name ? { name: status.name } : {}) });
  }
  return {
    year,
    workingDays,
    specialDays: days,
    announcement: announcement ?? null,
    source: row ? 'administrator' : resolved.sources.length ? 'shipped' : 'rules',
    sources: resolved.sources,
    updatedAt: row?.updated_at.toISOString() ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}

export async function saveAnnouncement(db: Database, ctx: RequestContext, year: number, body: unknown) {
  requirePermission(ctx.actor, 'calendar.manage');
  const parsed = parseYearAnnouncement(body);
  if (!parsed.ok) throw invalid(parsed.errors.map((e) => ({ field: e.path, message: e.message })));
  if (parsed.value.year !== year) throw invalid([{ field: 'year', message: 'Năm trong nội dung khác năm trên đường dẫn.' }]);
  await inTransaction(db, async (trx) => {
    const before = await store.findAnnouncement(trx, year);
    await store.upsertAnnouncement(trx, year, parsed.value, ctx.now, ctx.actor.username);
    await audit(trx, ctx, {
      action: 'calendar.announce',
      entityType: 'calendar_year',
      entityId: String(year),
      before: before?.data ?? null,
      after: parsed.value,
    });
  });
  return describeYear(db, year);
}
