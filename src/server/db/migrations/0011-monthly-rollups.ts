import { type Kysely, sql } from 'kysely';
import { runStatements } from '../run-statements.ts';

// Month-level copies of the two daily rollups (issue 8): a year's dashboard for a province of
// 2,000 units reads 12 rows per unit instead of 365. They are kept by statement-level triggers on
// the daily tables, so every writer (live actions, imports, seeds, repairs after `metrics verify`) moves
// both in the same transaction, and the daily tables stay the one thing the code writes.
const TABLES = [
  { daily: 'dossier_daily', monthly: 'dossier_monthly' },
  { daily: 'activity_daily', monthly: 'activity_monthly' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { daily, monthly } of TABLES) {
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
       where table_schema = current_schema() and table_name = ${daily} and column_name not in ('unit_id', 'day')
       order by ordinal_position`.execute(db);
    const fields = rows.map((r) => r.column_name);
    const list = fields.join(', ');
    // Adds a set of signed daily rows, summed per unit and month, to the monthly table; rows in
    // (unit, month) order so concurrent writers lock them in the same order.
    const addRows = (source: string) => `
      insert into ${monthly} (unit_id, month, ${list})
      select unit_id, date_trunc('month', day)::date, ${fields.map((f) => `sum(${f})`).join(', ')}
        from (${source}) x group by 1, 2 order by 1, 2
      on conflict (unit_id, month) do update set ${fields.map((f) => `${f} = ${monthly}.${f} + excluded.${f}`).join(', ')};`;
    const negated = `select unit_id, day, ${fields.map((f) => `-${f} as ${f}`).join(', ')} from old_rows`;
    await runStatements(db, [
      `create table ${monthly} (like ${daily} including defaults)`,
      `alter table ${monthly} rename column day to month`,
      `alter table ${monthly} add primary key (unit_id, month)`,
      `alter table ${monthly} add foreign key (unit_id) references units(id)`,
      addRows(`select * from ${daily}`),
      // Statement-level, over the transition tables: a bulk write (an import batch, a seed, a
      // repair) moves each month once per statement, not once per daily row.
      `create function ${daily}_to_monthly() returns trigger language plpgsql as $$
       begin
         if tg_op = 'INSERT' then ${addRows('select * from new_rows')}
         elsif tg_op = 'UPDATE' then ${addRows(`select unit_id, day, ${list} from new_rows union all ${negated}`)}
         else ${addRows(negated)}
         end if;
         return null;
       end $$`,
      `create trigger ${daily}_to_monthly_insert after insert on ${daily} referencing new table as new_rows for each statement execute function ${daily}_to_monthly()`,
      `create trigger ${daily}_to_monthly_update after update on ${daily} referencing old table as old_rows new table as new_rows for each statement execute function ${daily}_to_monthly()`,
      `create trigger ${daily}_to_monthly_delete after delete on ${daily} referencing old table as old_rows for each statement execute function ${daily}_to_monthly()`,
    ]);
  }
}
