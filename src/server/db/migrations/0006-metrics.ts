import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

// Daily dossier figures per unit, kept current in the same transaction as each dossier change
// (see src/domain/metrics/dossier-rollup.ts); dashboards read these, never the raw dossiers.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table dossier_daily (
      unit_id uuid not null references units(id),
      day date not null,
      received int not null default 0,
      online int not null default 0,
      with_supplement int not null default 0,
      visits int not null default 0,
      digitized int not null default 0,
      finished int not null default 0,
      on_time int not null default 0,
      early int not null default 0,
      late int not null default 0,
      processing_minutes bigint not null default 0,
      rated_very_satisfied int not null default 0,
      rated_satisfied int not null default 0,
      rated_dissatisfied int not null default 0,
      primary key (unit_id, day)
    )`,
    `create index dossier_daily_day_idx on dossier_daily (day)`,
  ]);
}
