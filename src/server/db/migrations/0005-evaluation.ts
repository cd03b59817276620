import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

// Monthly scorecards (self → peers → head → closed), peer reviews, yearly classification with the
// council's decision, commendation proposals and discipline records.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table score_templates (
      id uuid primary key,
      code text not null,
      version int not null,
      name text not null,
      criteria jsonb not null,
      created_at timestamptz not null,
      unique (code, version)
    )`,
    `create table scorecards (
      id uuid primary key,
      official_id uuid not null references officials(id),
      unit_id uuid not null references units(id),
      unit_path text not null,
      month text not null,
      regime text not null,
      template_id uuid not null references score_templates(id),
      status text not null check (status in ('self','peer','head','closed')),
      is_head boolean not null default false,
      auto jsonb not null default '{}'::jsonb,
      evidence_score numeric,
      self_general numeric,
      self_task numeric,
      self_note text,
      self_at timestamptz,
      peer_mean numeric,
      head_general numeric,
      head_task numeric,
      head_reason text,
      head_at timestamptz,
      final_score numeric,
      closed_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (official_id, month)
    )`,
    `create index scorecards_month_path_idx on scorecards (month, unit_path text_pattern_ops)`,
    `create table peer_reviews (
      scorecard_id uuid not null references scorecards(id),
      reviewer_id uuid not null references officials(id),
      score numeric,
      note text,
      submitted_at timestamptz,
      primary key (scorecard_id, reviewer_id)
    )`,
    `create index peer_reviews_reviewer_idx on peer_reviews (reviewer_id)`,
    `create table classifications (
      id uuid primary key,
      official_id uuid not null references officials(id),
      unit_id uuid not null references units(id),
      unit_path text not null,
      year int not null,
      regime text not null,
      average numeric,
      proposed_level text not null,
      reasons jsonb not null,
      decided_level text,
      decision_reason text,
      decided_by text,
      decided_at timestamptz,
      created_at timestamptz not null,
      unique (official_id, year)
    )`,
    `create table commendations (
      id uuid primary key,
      year int not null,
      official_id uuid references officials(id),
      unit_id uuid not null references units(id),
      unit_path text not null,
      title text not null,
      evidence jsonb not null,
      status text not null check (status in ('proposed','approved','rejected')),
      decision_no text,
      decided_at timestamptz,
      created_by text not null,
      created_at timestamptz not null
    )`,
    `create table discipline_records (
      id uuid primary key,
      official_id uuid not null references officials(id),
      unit_path text not null,
      form text not null check (form in ('reprimand','warning','demotion','removal','forced_resignation','dismissal')),
      regime text not null,
      violation_id uuid references violations(id),
      duty_related boolean not null,
      decision_no text not null,
      decided_at timestamptz not null,
      reason text not null,
      created_by text not null,
      created_at timestamptz not null
    )`,
    `create index discipline_official_idx on discipline_records (official_id, decided_at)`,
  ]);
}
