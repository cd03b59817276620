import { sql, type Selectable } from 'kysely';
import type { OfficialsTable } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from './unit.store.ts';

export type OfficialRow = Selectable<OfficialsTable>;
export type OfficialWithUnit = OfficialRow & { unit_name: string; unit_path: string; position_title: string | null };

function selectOfficials(db: Executor) {
  return db
    .selectFrom('officials as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .leftJoin('positions as p', 'p.id', 'o.position_id')
    .selectAll('o')
    .select(['u.name as unit_name', 'u.path as unit_path', 'p.title as position_title']);
}

export async function findOfficialById(db: Executor, id: string): Promise<OfficialWithUnit | undefined> {
  return selectOfficials(db).where('o.id', '=', id).executeTakeFirst();
}

export async function findOfficialByIdNumber(db: Executor, idNumber: string): Promise<OfficialRow | undefined> {
  return db.selectFrom('officials').selectAll().where('id_number', '=', idNumber).executeTakeFirst();
}

export async function findOfficialsByIdNumbers(db: Executor, idNumbers: string[]): Promise<OfficialRow[]> {
  if (idNumbers.length === 0) return [];
  return db.selectFrom('officials').selectAll().where('id_number', 'in', idNumbers).execute();
}

/**
 * One page of officials under a path prefix, ordered by (sort_key, id) so the cursor is stable.
 * `folded` is matched against the folded search column, so "nguyen van" finds "Nguyễn Văn".
 */
export async function listOfficialsPage(
  db: Executor,
  opts: { pathPrefix: string; unitId?: string; folded?: string; includeInactive: boolean; after?: [string, string]; limit: number },
): Promise<OfficialWithUnit[]> {
  let q = selectOfficials(db).orderBy('o.sort_key').orderBy('o.id').limit(opts.limit);
  if (opts.unitId) q = q.where('o.unit_id', '=', opts.unitId);
  if (opts.pathPrefix) q = q.where('u.path', 'like', `${escapeLike(opts.pathPrefix)}%`);
  if (!opts.includeInactive) q = q.where('o.active', '=', true);
  if (opts.folded) q = q.where('o.search_text', 'like', `%${escapeLike(opts.folded)}%`);
  if (opts.after) {
    const [key, id] = opts.after;
    q = q.where(sql<boolean>`(o.sort_key, o.id) > (${key}, ${id}::uuid)`);
  }
  return q.execute();
}

export type OfficialValues = Omit<OfficialRow, 'created_at' | 'updated_at'>;

export async function insertOfficial(db: Executor, v: OfficialValues, now: Date): Promise<void> {
  await db.insertInto('officials').values({ ...v, created_at: now, updated_at: now }).execute();
}

export async function updateOfficialRow(db: Executor, id: string, v: Partial<OfficialValues>, now: Date): Promise<void> {
  await db.updateTable('officials').set({ ...v, updated_at: now }).where('id', '=', id).execute();
}
