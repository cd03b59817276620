import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

// "5 rõ" tasks with their append-only events and evidence files, and yearly commitments
// ("việc làm theo Bác", "việc khó").
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table tasks (
      id uuid primary key,
      no bigint generated always as identity,
      title text not null,
      description text not null,
      search_text text not null,
      expected_result text not null,
      authority text,
      source_document text,
      priority text not null default 'normal' check (priority in ('normal','high','urgent')),
      hard boolean not null default false,
      unit_id uuid not null references units(id),
      unit_path text not null,
      initial_unit_path text not null,
      assigner_unit_path text not null,
      owner_id uuid not null references officials(id),
      accountable_id uuid not null references officials(id),
      assigner_official_id uuid references officials(id),
      assigner_account_id uuid references accounts(id),
      collaborator_ids uuid[] not null default '{}',
      milestones jsonb not null default '[]'::jsonb,
      status text not null check (status in ('open','in_progress','submitted','done','cancelled')),
      progress int not null default 0,
      due_at timestamptz not null,
      original_due_at timestamptz not null,
      submitted_at timestamptz,
      completed_at timestamptz,
      pending_extension jsonb,
      extension_count int not null default 0,
      transfer_count int not null default 0,
      bounce_reasons text[] not null default '{}',
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`,
    `create unique index tasks_no_idx on tasks (no)`,
    `create index tasks_unit_path_idx on tasks (unit_path text_pattern_ops)`,
    `create index tasks_assigner_path_idx on tasks (assigner_unit_path text_pattern_ops)`,
    `create index tasks_owner_idx on tasks (owner_id, status)`,
    `create index tasks_due_idx on tasks (status, due_at)`,
    `create table task_events (
      id bigint generated always as identity primary key,
      task_id uuid not null references tasks(id),
      seq int not null,
      at timestamptz not null,
      actor_account_id uuid,
      actor text not null,
      type text not null,
      status text not null,
      data jsonb not null default '{}'::jsonb,
      unique (task_id, seq)
    )`,
    `create function task_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'task_events is append-only';
    end $$`,
    `create trigger task_events_no_update before update or delete on task_events
      for each row execute function task_events_append_only()`,
    `create table task_files (
      id uuid primary key,
      task_id uuid not null references tasks(id),
      name text not null,
      storage_key text not null,
      mime text not null,
      size bigint not null,
      sha256 text not null,
      created_at timestamptz not null,
      created_by text not null
    )`,
    `create index task_files_task_idx on task_files (task_id)`,
    `create table commitments (
      id uuid primary key,
      year int not null,
      kind text not null check (kind in ('follow_uncle_ho','hard_task')),
      official_id uuid references officials(id),
      unit_id uuid not null references units(id),
      unit_path text not null,
      title text not null,
      description text not null default '',
      task_id uuid references tasks(id),
      evaluation text check (evaluation in ('done','partly','not_done')),
      evaluation_note text,
      evaluated_at timestamptz,
      evaluated_by text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`,
    `create index commitments_year_unit_idx on commitments (year, unit_path text_pattern_ops)`,
    `create index commitments_official_idx on commitments (official_id, year)`,
  ]);
}
