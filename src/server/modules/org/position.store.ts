import type { Selectable } from 'kysely';
import type { Competency, PositionsTable } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.store.ts';

export type PositionRow = Selectable<PositionsTable>;

export async function findPositionById(db: Executor, id: string) {
  return db
    .selectFrom('positions as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .selectAll('p')
    .select('u.path as unit_path')
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function listPositions(db: Executor, opts: { pathPrefix: string; unitId?: string }) {
  let q = db
    .selectFrom('positions as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .selectAll('p')
    .orderBy('p.title');
  if (opts.pathPrefix) q = q.where('u.path', 'like', `${opts.pathPrefix}%`);
  if (opts.unitId) q = q.where('p.unit_id', '=', opts.unitId);
  return q.execute();
}

export interface PositionValues {
  id: string;
  unit_id: string;
  code: string | null;
  title: string;
  job_description: string;
  competencies: Competency[];
}

export async function insertPosition(db: Executor, v: PositionValues, now: Date) {
  await db
    .insertInto('positions')
    .values({ ...v, competencies: JSON.stringify(v.competencies), created_at: now, updated_at: now })
    .execute();
}

export async function updatePositionRow(
  db: Executor,
  id: string,
  v: Partial<Omit<PositionValues, 'id' | 'unit_id'>> & { active?: boolean },
  now: Date,
) {
  const { competencies, ...rest } = v;
  await db
    .updateTable('positions')
    .set({
      ...rest,
      ...(competencies ? { competencies: JSON.stringify(competencies) } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
