import { type Kysely, sql } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A coarser copy of a rollup table (daily → monthly, monthly → yearly), kept by statement-level
 * triggers on the finer table: every writer (live actions, imports, seeds, repairs after
 * `metrics verify`) moves both in the same transaction, and the daily tables stay the one thing
 * the code writes. Used by migrations 0011 and 0014.
 */
export async function createRollupCopy(
  db: Kysely<unknown>,
  o: { source: string; target: string; sourceKey: string; targetKey: string; unit: 'month' | 'year'; trigger: string },
): Promise<void> {
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
     where table_schema = current_schema() and table_name = ${o.source} and column_name not in ('unit_id', ${o.sourceKey})
     order by ordinal_position`.execute(db);
  const fields = rows.map((r) => r.column_name);
  const list = fields.join(', ');
  // Adds a set of signed rows, summed per unit and period, to the copy; rows in (unit, period)
  // order so concurrent writers lock them in the same order.
  const addRows = (source: string) => `
    insert into ${o.target} (unit_id, ${o.targetKey}, ${list})
    select unit_id, date_trunc('${o.unit}', ${o.sourceKey})::date, ${fields.map((f) => `sum(${f})`).join(', ')}
      from (${source}) x group by 1, 2 order by 1, 2
    on conflict (unit_id, ${o.targetKey}) do update set ${fields.map((f) => `${f} = ${o.target}.${f} + excluded.${f}`).join(', ')};`;
  const negated = `select unit_id, ${o.sourceKey}, ${fields.map((f) => `-${f} as ${f}`).join(', ')} from old_rows`;
  await runStatements(db, [
    `create table ${o.target} (like ${o.source} including defaults)`,
    `alter table ${o.target} rename column ${o.sourceKey} to ${o.targetKey}`,
    `alter table ${o.target} add primary key (unit_id, ${o.targetKey})`,
    `alter table ${o.target} add foreign key (unit_id) references units(id)`,
    addRows(`select * from ${o.source}`),
    // Statement-level, over the transition tables: a bulk write (an import batch, a seed, a
    // repair) moves each period once per statement, not once per row.
    `create function ${o.trigger}() returns trigger language plpgsql as $$
     begin
       if tg_op = 'INSERT' then ${addRows('select * from new_rows')}
       elsif tg_op = 'UPDATE' then ${addRows(`select unit_id, ${o.sourceKey}, ${list} from new_rows union all ${negated}`)}
       else ${addRows(negated)}
       end if;
       return null;
     end $$`,
    `create trigger ${o.trigger}_insert after insert on ${o.source} referencing new table as new_rows for each statement execute function ${o.trigger}()`,
    `create trigger ${o.trigger}_update after update on ${o.source} referencing old table as old_rows new table as new_rows for each statement execute function ${o.trigger}()`,
    `create trigger ${o.trigger}_delete after delete on ${o.source} referencing old table as old_rows for each statement execute function ${o.trigger}()`,
  ]);
}
