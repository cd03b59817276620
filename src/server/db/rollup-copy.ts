import { type Kysely, sql } from 'kysely';
import { runStatements } from './run-statements.ts';

/** Each level of the rollups and the column (also the date_trunc unit) that keys its rows. */
export const ROLLUP_KEY = { daily: 'day', monthly: 'month', yearly: 'year' } as const;
export type RollupLevel = keyof typeof ROLLUP_KEY;

/**
 * Coarser copies of both rollups (`dossier_` and `activity_`; daily → monthly, monthly → yearly),
 * kept by statement-level triggers on the finer table: every writer (live actions, imports,
 * seeds, repairs after `metrics verify`) moves both in the same transaction, and the daily tables
 * stay the one thing the code writes. Used by migrations 0011 and 0014.
 */
export async function createRollupCopies(db: Kysely<unknown>, from: Exclude<RollupLevel, 'yearly'>, to: Exclude<RollupLevel, 'daily'>): Promise<void> {
  for (const kind of ['dossier', 'activity']) await createCopy(db, kind, from, to);
}

async function createCopy(db: Kysely<unknown>, kind: string, from: RollupLevel, to: RollupLevel): Promise<void> {
  const source = `${kind}_${from}`;
  const target = `${kind}_${to}`;
  const trigger = `${source}_to_${to}`;
  const sourceKey = ROLLUP_KEY[from];
  const targetKey = ROLLUP_KEY[to];
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
     where table_schema = current_schema() and table_name = ${source} and column_name not in ('unit_id', ${sourceKey})
     order by ordinal_position`.execute(db);
  const fields = rows.map((r) => r.column_name);
  const list = fields.join(', ');
  // Adds a set of signed rows, summed per unit and period, to the copy; rows in (unit, period)
  // order so concurrent writers lock them in the same order.
  const addRows = (signedRows: string) => `
    insert into ${target} (unit_id, ${targetKey}, ${list})
    select unit_id, date_trunc('${targetKey}', ${sourceKey})::date, ${fields.map((f) => `sum(${f})`).join(', ')}
      from (${signedRows}) x group by 1, 2 order by 1, 2
    on conflict (unit_id, ${targetKey}) do update set ${fields.map((f) => `${f} = ${target}.${f} + excluded.${f}`).join(', ')};`;
  const negated = `select unit_id, ${sourceKey}, ${fields.map((f) => `-${f} as ${f}`).join(', ')} from old_rows`;
  await runStatements(db, [
    `create table ${target} (like ${source} including defaults)`,
    `alter table ${target} rename column ${sourceKey} to ${targetKey}`,
    `alter table ${target} add primary key (unit_id, ${targetKey})`,
    `alter table ${target} add foreign key (unit_id) references units(id)`,
    addRows(`select * from ${source}`),
    // Statement-level, over the transition tables: a bulk write (an import batch, a seed, a
    // repair) moves each period once per statement, not once per row.
    `create function ${trigger}() returns trigger language plpgsql as $$
     begin
       if tg_op = 'INSERT' then ${addRows('select * from new_rows')}
       elsif tg_op = 'UPDATE' then ${addRows(`select unit_id, ${sourceKey}, ${list} from new_rows union all ${negated}`)}
       else ${addRows(negated)}
       end if;
       return null;
     end $$`,
    `create trigger ${trigger}_insert after insert on ${source} referencing new table as new_rows for each statement execute function ${trigger}()`,
    `create trigger ${trigger}_update after update on ${source} referencing old table as old_rows new table as new_rows for each statement execute function ${trigger}()`,
    `create trigger ${trigger}_delete after delete on ${source} referencing old table as old_rows for each statement execute function ${trigger}()`,
  ]);
}
