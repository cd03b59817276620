import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

// Scoring templates per unit type (versioned), reminders of late scoring steps, and the yearly
// classification of units with the council's decision.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table score_templates add column unit_kind text`,
    `alter table score_templates add column deductions jsonb not null default '{"violation": 2, "upheldComplaint": 3}'::jsonb`,
    `alter table score_templates add column head_reason_margin numeric not null default 10`,
    `alter table score_templates add column created_by text`,
    `alter table scorecards add column reminded_step text`,
    `alter table peer_reviews add column reminded_at timestamptz`,
    `create table unit_classifications (
      id uuid primary key,
      unit_id uuid not null references units(id),
      unit_path text not null,
      year int not null,
      score numeric,
      tasks_due int not null,
      tasks_done int not null,
      tasks_on_time int not null,
      proposed_level text not null,
      reasons jsonb not null,
      decided_level text,
      decision_reason text,
      decided_by text,
      decided_at timestamptz,
      created_at timestamptz not null,
      unique (unit_id, year)
    )`,
  ]);
}
