import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

// The archive of scheduled reports (issue 7): one XLSX and one PDF per unit and ended period, the
// file itself in the file storage. unit_id null = the whole province; the unique index treats that
// null as one value, so a re-run of the monthly job never stores a report twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table metric_reports (
      id uuid primary key,
      unit_id uuid references units(id),
      unit_path text not null,
      unit_name text not null,
      period_kind text not null check (period_kind in ('month', 'quarter', 'year')),
      period_key text not null,
      period_label text not null,
      format text not null check (format in ('xlsx', 'pdf')),
      storage_key text not null,
      size int not null,
      created_at timestamptz not null default now()
    )`,
    `create unique index metric_reports_once_idx on metric_reports
      (coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), period_kind, period_key, format)`,
    `create index metric_reports_path_idx on metric_reports (unit_path text_pattern_ops, created_at desc)`,
  ]);
}
