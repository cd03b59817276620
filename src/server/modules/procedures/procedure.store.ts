import type { Insertable, Selectable } from 'kysely';
import type { ProceduresTable } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';

export type ProcedureRow = Selectable<ProceduresTable> & { unit_name: string; unit_path: string; agency_code: string | null };

const base = (db: Executor) =>
  db
    .selectFrom('procedures as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .selectAll('p')
    .select(['u.name as unit_name', 'u.path as unit_path', 'u.agency_code']);

export async function findProcedureById(db: Executor, id: string): Promise<ProcedureRow | undefined> {
  return base(db).where('p.id', '=', id).executeTakeFirst();
}

export async function findProcedureByCode(db: Executor, unitId: string, code: string): Promise<ProcedureRow | undefined> {
  return base(db).where('p.unit_id', '=', unitId).where('p.code', '=', code).executeTakeFirst();
}

export async function listProcedures(db: Executor, opts: { pathPrefix: string; folded?: string; includeInactive: boolean; limit?: number }) {
  let q = base(db).orderBy('p.field').orderBy('p.name').orderBy('u.name').limit(opts.limit ?? 2000);
  if (opts.pathPrefix) q = q.where('u.path', 'like', `${escapeLike(opts.pathPrefix)}%`);
  if (!opts.includeInactive) q = q.where('p.active', '=', true);
  if (opts.folded) q = q.where('p.search_text', 'like', `%${escapeLike(opts.folded)}%`);
  return q.execute();
}

export async function insertProcedure(db: Executor, row: Insertable<ProceduresTable>) {
  await db.insertInto('procedures').values(row).execute();
}

export async function updateProcedureRow(db: Executor, id: string, patch: Partial<Insertable<ProceduresTable>>) {
  await db.updateTable('procedures').set(patch).where('id', '=', id).execute();
}
