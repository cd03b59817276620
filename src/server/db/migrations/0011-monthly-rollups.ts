import { type Kysely, sql } from 'kysely';
import { runStatements } from '../run-statements.ts';

// Month-level copies of the two daily rollups (issue 8): a year's dashboard for a province of
// 2,000 units reads 12 rows per unit instead of 365. They are kept by triggers on the daily
// tables, so every writer (live actions, imports, seeds, repairs after `metrics verify`) moves
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
    const upsert = (rec: 'new' | 'old', sign: '' | '-', deltaOf?: (f: string) => string) => `
      insert into ${monthly} (unit_id, month, ${list})
      values (${rec}.unit_id, date_trunc('month', ${rec}.day)::date, ${fields.map((f) => (deltaOf ? deltaOf(f) : `${sign}${rec}.${f}`)).join(', ')})
      on conflict (unit_id, month) do update set ${fields.map((f) => `${f} = ${monthly}.${f} + excluded.${f}`).join(', ')};`;
    await runStatements(db, [
      `create table ${monthly} (like ${daily} including defaults)`,
      `alter table ${monthly} rename column day to month`,
      `alter table ${monthly} add primary key (unit_id, month)`,
      `alter table ${monthly} add foreign key (unit_id) references units(id)`,
      `insert into ${monthly} (unit_id, month, ${list})
         select unit_id, date_trunc('month', day)::date, ${fields.map((f) => `sum(${f})`).join(', ')}
           from ${daily} group by unit_id, date_trunc('month', day)`,
      `create function ${daily}_to_monthly() returns trigger language plpgsql as $$
       begin
         if tg_op = 'UPDATE' and new.unit_id = old.unit_id and date_trunc('month', new.day) = date_trunc('month', old.day) then
           ${upsert('new', '', (f) => `new.${f} - old.${f}`)}
           return null;
         end if;
         if tg_op in ('UPDATE', 'DELETE') then ${upsert('old', '-')} end if;
         if tg_op in ('UPDATE', 'INSERT') then ${upsert('new', '')} end if;
         return null;
       end $$`,
      `create trigger ${daily}_to_monthly after insert or update or delete on ${daily}
         for each row execute function ${daily}_to_monthly()`,
    ]);
  }
}
