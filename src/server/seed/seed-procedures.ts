import { type Insertable, sql } from 'kysely';
import { foldDiacritics } from '../../domain/text/fold.ts';
import type { ProceduresTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';
import { COMMUNE_PROCEDURES, DEPARTMENT_PROCEDURES, type DemoProcedure } from './demo-procedures.ts';
import type { Prng } from './prng.ts';
import type { SeededOrg, SeededUnit } from './seed-org.ts';

export interface SeededProcedure {
  id: string;
  unit: SeededUnit;
  demo: DemoProcedure;
}

/**
 * Gives each department and commune its agency identifier (demo values in the shape of
 * QCVN 102:2016 identifiers, "000.00.NN.H47"), and its procedure catalogue.
 */
export async function seedProcedures(trx: Tx, org: SeededOrg, rng: Prng, now: Date): Promise<SeededProcedure[]> {
  const result: SeededProcedure[] = [];
  const rows: Insertable<ProceduresTable>[] = [];
  const agencies: { id: string; agency: string }[] = [];
  let department = 0;
  let commune = 0;
  for (const unit of org.units.values()) {
    let list: DemoProcedure[] | undefined;
    let agency: string | undefined;
    if (unit.kind === 'commune') {
      commune++;
      agency = `000.${String(Math.floor(commune / 100)).padStart(2, '0')}.${String(commune % 100).padStart(2, '0')}.H47`;
      list = COMMUNE_PROCEDURES;
    } else if (unit.kind === 'department' || (unit.kind === 'center' && unit.parentId === org.units.get(org.rootCode)!.id)) {
      department++;
      agency = `000.00.${String(department).padStart(2, '0')}.H47`;
      list = DEPARTMENT_PROCEDURES[unit.code] ?? [];
    } else if (unit.code === org.rootCode) {
      agency = '000.00.00.H47';
    }
    if (agency) agencies.push({ id: unit.id, agency });
    for (const p of list ?? []) {
      const id = rng.uuid();
      result.push({ id, unit, demo: p });
      rows.push({
          id,
          code: p.code,
          name: p.name,
          search_text: foldDiacritics(`${p.code} ${p.name} ${p.field}`),
          field: p.field,
          unit_id: unit.id,
          processing_amount: p.amount,
          processing_unit: p.unit,
          fee_vnd: p.feeVnd,
          required_documents: JSON.stringify(p.documents),
          supplement_mode: null,
          cutoff: JSON.stringify(p.cutoff ?? { kind: 'none' }),
          online_level: p.online ?? null,
          created_at: now,
          updated_at: now,
        });
    }
  }
  // One statement for all agency codes: a VALUES list joined on id.
  if (agencies.length) {
    // Fees are paid to the agency's account: a demo BIDV account (BIN 970418) per agency.
    const bank = (a: { agency: string }) =>
      JSON.stringify({ bank: { bin: '970418', bankName: 'BIDV', account: `8899${a.agency.replace(/\D/g, '').slice(-6)}`, accountName: 'Thu phí, lệ phí TTHC' } });
    await sql`update units set agency_code = v.agency, settings = units.settings || v.bank::jsonb from (values ${sql.join(
      agencies.map((a) => sql`(${a.id}::uuid, ${a.agency}, ${bank(a)})`),
    )}) as v(id, agency, bank) where units.id = v.id`.execute(trx);
  }
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('procedures').values(rows.slice(i, i + 500)).execute();
  return result;
}
