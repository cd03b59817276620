import { randomUUID } from 'node:crypto';
import { CITIZEN_ID_MESSAGES, checkCitizenId } from '../../../domain/org/citizen-id.ts';
import { maskIdNumber, officialSortKey } from '../../../domain/org/official-name.ts';
import { foldDiacritics } from '../../../domain/text/fold.ts';
import type {
  TCreateOfficialRequest,
  TOfficial,
  TOfficialSummary,
  TUpdateOfficialRequest,
} from '../../../shared/schemas/org.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { type FieldError, conflict, invalid, notFound } from '../../http/problem.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission, scopePrefix } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import * as store from './official.store.ts';
import { findPositionById } from './position.store.ts';
import { getUnitInScope } from './unit.service.ts';

function toSummary(row: store.OfficialWithUnit): TOfficialSummary {
  return {
    id: row.id,
    fullName: row.full_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    positionTitle: row.position_title,
    rank: row.rank,
    isHead: row.is_head,
    partyRole: row.party_role,
    active: row.active,
  };
}

function toOfficial(row: store.OfficialWithUnit, showIdentity: boolean): TOfficial {
  return {
    ...toSummary(row),
    positionId: row.position_id,
    idNumber: showIdentity ? row.id_number : maskIdNumber(row.id_number),
    gender: row.gender,
    birthDate: row.birth_date,
    email: row.email,
    phone: showIdentity ? row.phone : null,
    employmentType: row.employment_type,
    startedOn: row.started_on,
  };
}

/** The audit snapshot: the full record, as administrators need to see what changed. */
function snapshot(row: store.OfficialRow) {
  const { created_at: _c, updated_at: _u, search_text: _s, sort_key: _k, ...rest } = row;
  return rest;
}

export async function listOfficials(
  db: Database,
  ctx: RequestContext,
  query: { q?: string; unitId?: string; direct?: 'true' | 'false'; includeInactive?: 'true' | 'false'; cursor?: string; limit: number },
) {
  const prefix = requirePermission(ctx.actor, 'org.read');
  let pathPrefix = prefix;
  if (query.unitId) pathPrefix = (await getUnitInScope(db, ctx, query.unitId, prefix)).path;
  const after = query.cursor ? decodeCursor(query.cursor, 2, ['string', 'uuid']) : undefined;
  const rows = await store.listOfficialsPage(db, {
    pathPrefix,
    unitId: query.unitId && query.direct === 'true' ? query.unitId : undefined,
    folded: query.q ? foldDiacritics(query.q) : undefined,
    includeInactive: query.includeInactive === 'true',
    after: after as [string, string] | undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_key, last.id]) : null,
  };
}

async function getOfficialInScope(db: Executor, id: string, prefix: string) {
  const row = await store.findOfficialById(db, id);
  if (!row || !pathInScope(row.unit_path, prefix)) throw notFound('Không tìm thấy cán bộ.');
  return row;
}

export async function getOfficial(db: Database, ctx: RequestContext, id: string): Promise<TOfficial> {
  const prefix = requirePermission(ctx.actor, 'org.read');
  const row = await getOfficialInScope(db, id, prefix);
  const identityPrefix = scopePrefix(ctx.actor, 'org.officials.read_identity');
  return toOfficial(row, identityPrefix !== null && pathInScope(row.unit_path, identityPrefix));
}

/** Checks what zod cannot: the identity number's structure against the person, the position's unit. */
export async function checkOfficialFacts(
  db: Executor,
  v: { idNumber: string; birthDate?: string | null; gender?: 'male' | 'female' | null; positionId?: string | null; unitId: string },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const problem = checkCitizenId(v.idNumber, {
    birthYear: v.birthDate ? Number(v.birthDate.slice(0, 4)) : null,
    gender: v.gender ?? null,
  });
  if (problem) errors.push({ field: 'idNumber', message: CITIZEN_ID_MESSAGES[problem] });
  if (v.positionId) {
    const position = await findPositionById(db, v.positionId);
    if (!position || position.unit_id !== v.unitId) {
      errors.push({ field: 'positionId', message: 'Vị trí việc làm không thuộc đơn vị đã chọn.' });
    }
  }
  return errors;
}

export function officialValues(id: string, input: TCreateOfficialRequest): store.OfficialValues {
  return {
    id,
    unit_id: input.unitId,
    position_id: input.positionId ?? null,
    full_name: input.fullName,
    search_text: foldDiacritics(input.fullName),
    sort_key: officialSortKey(input.fullName),
    id_number: input.idNumber,
    gender: input.gender ?? null,
    birth_date: input.birthDate ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    rank: input.rank ?? null,
    employment_type: input.employmentType,
    party_role: input.partyRole,
    is_head: input.isHead,
    started_on: input.startedOn ?? null,
    active: true,
  };
}

async function requireWritableUnit(db: Executor, ctx: RequestContext, unitId: string, prefix: string) {
  try {
    return await getUnitInScope(db, ctx, unitId, prefix);
  } catch {
    throw invalid([{ field: 'unitId', message: 'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý của bạn.' }]);
  }
}

export async function createOfficial(db: Database, ctx: RequestContext, input: TCreateOfficialRequest): Promise<TOfficial> {
  const prefix = requirePermission(ctx.actor, 'org.officials.write');
  return inTransaction(db, async (trx) => {
    await requireWritableUnit(trx, ctx, input.unitId, prefix);
    const errors = await checkOfficialFacts(trx, input);
    if (errors.length) throw invalid(errors);
    if (await store.findOfficialByIdNumber(trx, input.idNumber)) {
      throw conflict('ID_NUMBER_TAKEN', 'Số định danh cá nhân này đã có trong hệ thống.', [
        { field: 'idNumber', message: 'Đã có cán bộ mang số định danh này.' },
      ]);
    }
    const id = randomUUID();
    const values = officialValues(id, input);
    await store.insertOfficial(trx, values, ctx.now);
    await audit(trx, ctx, { action: 'official.create', entityType: 'official', entityId: id, after: values });
    return toOfficial((await store.findOfficialById(trx, id))!, true);
  });
}

export async function updateOfficial(
  db: Database,
  ctx: RequestContext,
  id: string,
  input: TUpdateOfficialRequest,
): Promise<TOfficial> {
  const prefix = requirePermission(ctx.actor, 'org.officials.write');
  return inTransaction(db, async (trx) => {
    const before = await getOfficialInScope(trx, id, prefix);
    const unitId = input.unitId ?? before.unit_id;
    if (input.unitId && input.unitId !== before.unit_id) await requireWritableUnit(trx, ctx, input.unitId, prefix);
    const merged: TCreateOfficialRequest = {
      unitId,
      positionId:
        input.positionId !== undefined ? input.positionId : unitId === before.unit_id ? before.position_id : null,
      fullName: input.fullName ?? before.full_name,
      idNumber: input.idNumber ?? before.id_number,
      gender: input.gender !== undefined ? input.gender : before.gender,
      birthDate: input.birthDate !== undefined ? input.birthDate : before.birth_date,
      email: input.email !== undefined ? input.email : before.email,
      phone: input.phone !== undefined ? input.phone : before.phone,
      rank: input.rank !== undefined ? input.rank : before.rank,
      employmentType: input.employmentType ?? before.employment_type,
      partyRole: input.partyRole ?? before.party_role,
      isHead: input.isHead ?? before.is_head,
      startedOn: input.startedOn !== undefined ? input.startedOn : before.started_on,
    };
    const errors = await checkOfficialFacts(trx, merged);
    if (errors.length) throw invalid(errors);
    if (merged.idNumber !== before.id_number) {
      const other = await store.findOfficialByIdNumber(trx, merged.idNumber);
      if (other && other.id !== id) {
        throw conflict('ID_NUMBER_TAKEN', 'Số định danh cá nhân này đã có trong hệ thống.', [
          { field: 'idNumber', message: 'Đã có cán bộ mang số định danh này.' },
        ]);
      }
    }
    const { id: _id, ...values } = officialValues(id, merged);
    await store.updateOfficialRow(trx, id, { ...values, active: input.active ?? before.active }, ctx.now);
    const after = (await store.findOfficialById(trx, id))!;
    const action =
      input.active === false ? 'official.deactivate' : unitId !== before.unit_id ? 'official.move' : 'official.update';
    await audit(trx, ctx, { action, entityType: 'official', entityId: id, before: snapshot(before), after: snapshot(after) });
    return toOfficial(after, true);
  });
}
