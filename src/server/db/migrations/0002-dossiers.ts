import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

// One-stop dossiers: calendar announcements, procedure catalogue, dossiers with their append-only
// events, per-step deadlines, files, ratings, the notification outbox and idempotency keys.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table units add column agency_code text`,
    `create table calendar_announcements (
      year int primary key,
      data jsonb not null,
      updated_at timestamptz not null,
      updated_by text not null
    )`,
    `create table procedures (
      id uuid primary key,
      code text not null,
      name text not null,
      search_text text not null,
      field text not null,
      unit_id uuid not null references units(id),
      processing_amount numeric not null check (processing_amount >= 0),
      processing_unit text not null check (processing_unit in ('working_days','working_hours','calendar_days')),
      fee_vnd bigint not null default 0 check (fee_vnd >= 0),
      required_documents jsonb not null default '[]'::jsonb,
      supplement_mode text check (supplement_mode in ('pause','restart')),
      cutoff jsonb not null default '{"kind":"none"}'::jsonb,
      incomplete_close_days int not null default 15,
      online_level text check (online_level in ('partial','full')),
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`,
    `create unique index procedures_unit_code_idx on procedures (unit_id, code)`,
    `create table dossier_counters (
      agency_code text not null,
      day date not null,
      last int not null,
      primary key (agency_code, day)
    )`,
    `create table dossiers (
      id uuid primary key,
      code text not null unique,
      procedure_id uuid not null references procedures(id),
      unit_id uuid not null references units(id),
      unit_path text not null,
      channel text not null check (channel in ('counter','online','postal')),
      applicant_name text not null,
      applicant_search text not null,
      applicant_id_number text not null,
      applicant_phone text not null,
      applicant_email text,
      applicant_address text,
      status text not null,
      status_code int not null,
      outcome text check (outcome in ('approved','rejected')),
      handler_id uuid references officials(id),
      submitted_at timestamptz not null,
      received_at timestamptz,
      legal_due_at timestamptz,
      due_at timestamptz,
      supplement_count int not null default 0 check (supplement_count <= 1),
      supplement_requested_at timestamptz,
      paused_clock jsonb,
      incomplete_close_at timestamptz,
      apology_count int not null default 0 check (apology_count <= 1),
      finished_at timestamptz,
      returned_at timestamptz,
      visits int not null default 0,
      fee_vnd bigint not null default 0,
      paid_vnd bigint not null default 0,
      rules jsonb not null,
      documents jsonb not null default '[]'::jsonb,
      flags text[] not null default '{}',
      external_ref text,
      version int not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`,
    `create index dossiers_unit_path_idx on dossiers (unit_path text_pattern_ops)`,
    `create index dossiers_open_due_idx on dossiers (status, legal_due_at)`,
    `create index dossiers_handler_idx on dossiers (handler_id)`,
    `create index dossiers_applicant_idx on dossiers (applicant_id_number, procedure_id)`,
    `create index dossiers_received_idx on dossiers (received_at)`,
    `create unique index dossiers_external_ref_idx on dossiers (external_ref) where external_ref is not null`,
    `create table dossier_events (
      id bigint generated always as identity primary key,
      dossier_id uuid not null references dossiers(id),
      seq int not null,
      at timestamptz not null,
      actor_account_id uuid,
      actor text not null,
      type text not null,
      status text not null,
      data jsonb not null default '{}'::jsonb,
      unique (dossier_id, seq)
    )`,
    `create function dossier_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'dossier_events is append-only';
    end $$`,
    `create trigger dossier_events_no_update before update or delete on dossier_events
      for each row execute function dossier_events_append_only()`,
    `create table dossier_steps (
      id uuid primary key,
      dossier_id uuid not null references dossiers(id),
      step text not null,
      official_id uuid references officials(id),
      started_at timestamptz not null,
      due_at timestamptz,
      finished_at timestamptz
    )`,
    `create index dossier_steps_dossier_idx on dossier_steps (dossier_id)`,
    `create index dossier_steps_open_idx on dossier_steps (official_id) where finished_at is null`,
    `create table dossier_files (
      id uuid primary key,
      dossier_id uuid not null references dossiers(id),
      kind text not null check (kind in ('component','result')),
      name text not null,
      storage_key text not null,
      mime text not null,
      size bigint not null,
      sha256 text not null,
      digitized boolean not null default false,
      reused boolean not null default false,
      created_at timestamptz not null,
      created_by text not null
    )`,
    `create index dossier_files_dossier_idx on dossier_files (dossier_id)`,
    `create table dossier_ratings (
      dossier_id uuid primary key references dossiers(id),
      at timestamptz not null,
      level text not null check (level in ('very_satisfied','satisfied','dissatisfied')),
      criteria jsonb not null default '{}'::jsonb,
      comment text
    )`,
    `create table outbox (
      id uuid primary key,
      created_at timestamptz not null,
      channel text not null check (channel in ('email','sms','zalo')),
      recipient text not null,
      subject text not null,
      body text not null,
      kind text not null,
      dossier_id uuid references dossiers(id),
      status text not null default 'pending' check (status in ('pending','sent','failed')),
      attempts int not null default 0,
      next_attempt_at timestamptz not null,
      locked_until timestamptz,
      last_error text,
      sent_at timestamptz
    )`,
    `create index outbox_pending_idx on outbox (next_attempt_at) where status = 'pending'`,
    `create table idempotency_keys (
      scope text not null,
      key text not null,
      request_hash text not null,
      status int not null,
      response jsonb not null,
      created_at timestamptz not null,
      primary key (scope, key)
    )`,
  ]);
}
