import { sql } from 'kysely';
import { notFound } from '../../http/problem.ts';
import type { Executor } from '../audit/audit.store.ts';
import type { UnitKind, UnitsTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';

export type UnitRow = Selectable<UnitsTable>;

export async function findUnitById(db: Executor, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnitByCode(db: Executor, code: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findRootUnit(db: Executor): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
}

/** Units whose path starts with the prefix ('' = all), with their active officials counted. */
export async function listUnitsInScope(
  db: Executor,
  opts: { prefix: string; folded?: string; parentId?: string; includeInactive: boolean },
) {
  let q = db
    .selectFrom('units as u')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('officials')
          .select(['unit_id', sql<number>`count(*)::int`.as('n')])
          .where('active', '=', true)
          .groupBy('unit_id')
          .as('c'),
      (join) => join.onRef('c.unit_id', '=', 'u.id'),
    )
    .selectAll('u')
    .select(sql<number>`coalesce(c.n, 0)::int`.as('official_count'))
    .orderBy('u.depth')
    .orderBy('u.sort_order')
    .orderBy('u.name');
  if (opts.prefix) q = q.where('u.path', 'like', `${opts.prefix}%`);
  if (!opts.includeInactive) q = q.where('u.active', '=', true);
  if (opts.parentId) q = q.where('u.parent_id', '=', opts.parentId);
  if (opts.folded) q = q.where('u.search_text', 'like', `%${escapeLike(opts.folded)}%`);
  return q.execute();
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface NewUnit {
  id: string;
  parentId: string | null;
  code: string;
  adminCode: string | null;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  path: string;
  depth: number;
  sortOrder: number;
  searchText: string;
  now: Date;
}

export async function insertUnit(db: Executor, u: NewUnit): Promise<void> {
  await db
    .insertInto('units')
    .values({
      id: u.id,
      parent_id: u.parentId,
      code: u.code,
      admin_code: u.adminCode,
      name: u.name,
      short_name: u.shortName,
      kind: u.kind,
      path: u.path,
      depth: u.depth,
      sort_order: u.sortOrder,
      search_text: u.searchText,
      settings: '{}',
      created_at: u.now,
      updated_at: u.now,
    })
    .execute();
}

export async function updateUnitRow(
  db: Executor,
  id: string,
  patch: Partial<Pick<UnitRow, 'code' | 'admin_code' | 'name' | 'short_name' | 'kind' | 'sort_order' | 'active' | 'search_text' | 'parent_id'>>,
  now: Date,
): Promise<void> {
  await db.updateTable('units').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}

/** Moves a subtree: every path under oldPath is rewritten under newPath, depths shift by `depthDelta`. */
export async function rewriteSubtreePaths(db: Executor, oldPath: string, newPath: string, depthDelta: number) {
  await db
    .updateTable('units')
    .set({
      path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
    })
    .where('path', 'like', `${escapeLike(oldPath)}%`)
    .execute();
}

export async function countActiveChildren(db: Executor, id: string): Promise<number> {
  const r = await db
    .selectFrom('units')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('parent_id', '=', id)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function countActiveOfficials(db: Executor, unitId: string): Promise<number> {
  const r = await db
    .selectFrom('officials')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** The path of a unit the caller may reach under `prefix`, or 404: the one check every "unitId=" filter makes. */
export async function unitPathInScope(db: Executor, unitId: string, prefix: string): Promise<string> {
  const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  if (!unit || !(prefix === '' || unit.path.startsWith(prefix))) throw notFound('Không tìm thấy đơn vị.');
  return unit.path;
}
