import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

// Organisation, accounts, sessions, API tokens and the hash-chained audit log.
// PostgreSQL 15 is the lowest supported server: nothing PG16+ here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `
      create table units (
      id uuid primary key,
      parent_id uuid references units(id),
      code text not null unique,
      admin_code text,
      name text not null,
      short_name text,
      kind text not null check (kind in ('province','department','commune','division','center','other')),
      path text not null,
      depth int not null,
      sort_order int not null default 0,
      active boolean not null default true,
      search_text text not null,
      settings jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
      )
    `,
    `
      create index units_path_idx on units (path text_pattern_ops)
    `,
    `
      create index units_parent_idx on units (parent_id)
    `,
    `
      create table positions (
      id uuid primary key,
      unit_id uuid not null references units(id),
      code text,
      title text not null,
      job_description text not null default '',
      competencies jsonb not null default '[]'::jsonb,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
      )
    `,
    `
      create index positions_unit_idx on positions (unit_id)
    `,
    `
      create table officials (
      id uuid primary key,
      unit_id uuid not null references units(id),
      position_id uuid references positions(id),
      full_name text not null,
      search_text text not null,
      sort_key text not null,
      id_number text not null unique,
      gender text check (gender in ('male','female')),
      birth_date date,
      email text,
      phone text,
      rank text,
      employment_type text not null default 'cong_chuc' check (employment_type in ('cong_chuc','vien_chuc','hop_dong')),
      party_role text not null default 'none' check (party_role in ('standing_committee','committee','member','none')),
      is_head boolean not null default false,
      started_on date,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
      )
    `,
    `
      create index officials_unit_idx on officials (unit_id)
    `,
    `
      create index officials_sort_idx on officials (sort_key, id)
    `,
    `
      create table accounts (
      id uuid primary key,
      username text not null unique,
      password_hash text not null,
      display_name text not null,
      official_id uuid references officials(id),
      unit_id uuid not null references units(id),
      roles text[] not null,
      active boolean not null default true,
      failed_logins int not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
      )
    `,
    `
      create table sessions (
      id text primary key,
      account_id uuid not null references accounts(id),
      csrf_token text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      last_seen_at timestamptz not null,
      ip text,
      user_agent text
      )
    `,
    `
      create index sessions_account_idx on sessions (account_id)
    `,
    `
      create table api_tokens (
      id uuid primary key,
      name text not null,
      token_hash text not null unique,
      account_id uuid not null references accounts(id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
      )
    `,
    `
      create table audit_head (
      id int primary key check (id = 1),
      seq bigint not null,
      hash text not null
      )
    `,
    `
      insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
    `,
    `
      create table audit_log (
      seq bigint primary key,
      at timestamptz not null,
      actor_account_id uuid,
      actor text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text,
      prev_hash text not null,
      hash text not null
      )
    `,
    `
      create index audit_log_entity_idx on audit_log (entity_type, entity_id)
    `,
    `
      -- History is append-only: the application never updates or deletes audit rows.
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
      raise exception 'audit_log is append-only';
      end $$
    `,
    `
      create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()
    `,
  ]);
}
