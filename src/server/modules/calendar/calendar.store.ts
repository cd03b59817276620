import type { Executor } from '../audit/audit.store.ts';

export async function listAnnouncements(db: Executor) {
  return db.selectFrom('calendar_announcements').selectAll().orderBy('year').execute();
}

export async function findAnnouncement(db: Executor, year: number) {
  return db.selectFrom('calendar_announcements').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function upsertAnnouncement(db: Executor, year: number, data: object, now: Date, by: string) {
  await db
    .insertInto('calendar_announcements')
    .values({ year, data: JSON.stringify(data), updated_at: now, updated_by: by })
    .onConflict((oc) => oc.column('year').doUpdateSet({ data: JSON.stringify(data), updated_at: now, updated_by: by }))
    .execute();
}
