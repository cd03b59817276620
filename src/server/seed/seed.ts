import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import { insertAuditRow } from '../modules/audit/audit.store.ts';
import { insertAccount } from '../modules/access/access.store.ts';
import { hashPassword } from '../modules/access/password.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-province.ts';
import { Prng } from './prng.ts';
import { seedDossiers } from './seed-dossiers.ts';
import { seedEvaluation } from './seed-evaluation.ts';
import { seedOversight } from './seed-oversight.ts';
import { seedTasks } from './seed-tasks.ts';
import { rebuildActivityRollups } from '../modules/metrics/activity-rollup.store.ts';
import { type SeededOrg, seedOrganisation } from './seed-org.ts';
import { type SeededProcedure, seedProcedures } from './seed-procedures.ts';

export type SeedScale = 'demo' | 'province';

/** About 16,000 dossiers a year across the province: rich enough for every screen, loads in seconds. */
export const DEMO_VOLUME = 0.25;

/**
 * One step of the demo data. Later capabilities (dossiers, tasks, scores, inspections) append
 * their own step here; each gets the organisation and its own deterministic random stream.
 */
export interface SeedOptions {
  now?: Date;
  log?: (line: string) => void;
  /** Scale of the history (dossiers per unit and year): 1 = the full demo; tests use less. */
  volume?: number;
}

export interface SeedContext {
  trx: Tx;
  org: SeededOrg;
  rng: Prng;
  now: Date;
  volume: number;
  /** What earlier steps made, for later ones (procedures for dossiers, …). */
  made: { procedures?: SeededProcedure[] };
}

export type SeedStep = (ctx: SeedContext) => Promise<Record<string, number>>;

export const STEPS: { name: string; seed: number; run: SeedStep }[] = [
  {
    name: 'accounts',
    seed: 2,
    run: async ({ trx, org, now, rng }) => {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      for (const a of DEMO_ACCOUNTS) {
        const unit = org.units.get(a.unitCode)!;
        let officialId: string | null = null;
        if (a.official === 'head') officialId = unit.headOfficialId;
        else if (a.official?.startsWith('staff:')) officialId = org.units.get(a.official.slice(6))!.staffOfficialIds[0] ?? null;
        const official = officialId
          ? await trx.selectFrom('officials').select('full_name').where('id', '=', officialId).executeTakeFirst()
          : undefined;
        await insertAccount(trx, {
          id: rng.uuid(),
          username: a.username,
          passwordHash,
          displayName: a.displayName ?? official?.full_name ?? a.username,
          officialId,
          unitId: unit.id,
          roles: [...a.roles],
          now,
        });
      }
      return { accounts: DEMO_ACCOUNTS.length };
    },
  },
  {
    name: 'procedures',
    seed: 3,
    run: async (ctx) => {
      ctx.made.procedures = await seedProcedures(ctx.trx, ctx.org, ctx.rng, ctx.now);
      return { procedures: ctx.made.procedures.length };
    },
  },
  {
    name: 'dossiers',
    seed: 4,
    run: (ctx) => seedDossiers(ctx.trx, ctx.org, ctx.made.procedures ?? [], ctx.rng, ctx.now, { volume: ctx.volume }),
  },
  {
    name: 'tasks',
    seed: 5,
    // Tasks are few next to dossiers: keep a full year even at the demo volume.
    run: (ctx) => seedTasks(ctx.trx, ctx.org, ctx.rng, ctx.now, Math.min(1, ctx.volume * 4)),
  },
  {
    name: 'oversight',
    seed: 6,
    run: (ctx) => seedOversight(ctx.trx, ctx.org, ctx.rng, ctx.now, ctx.volume),
  },
  {
    name: 'evaluation',
    seed: 7,
    run: (ctx) => seedEvaluation(ctx.trx, ctx.org, ctx.rng, ctx.now),
  },
  {
    // The steps above insert tasks, complaints, inspections and violations directly: derive their
    // daily figures with the rule `congvu metrics verify` checks against.
    name: 'activity rollups',
    seed: 8,
    run: async (ctx) => ({ activity_daily: await rebuildActivityRollups(ctx.trx) }),
  },
];

export async function isEmpty(db: Database): Promise<boolean> {
  const r = await db.selectFrom('units').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n === 0;
}

/**
 * Loads the deterministic demo province in one transaction: the same data on every machine
 * (ids included), so screenshots, tests and figures are reproducible. Refuses a non-empty database.
 */
export async function seedDemo(db: Database, opts: SeedOptions = {}): Promise<Record<string, number>> {
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  if (!(await isEmpty(db))) throw new Error('Cơ sở dữ liệu đã có dữ liệu: chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống.');
  return inTransaction(db, async (trx) => {
    const org = await seedOrganisation(trx, new Prng(1), now);
    const counts: Record<string, number> = { units: org.units.size, officials: org.officialCount };
    log(`  tổ chức: ${org.units.size} đơn vị, ${org.officialCount} cán bộ`);
    const made: SeedContext['made'] = {};
    for (const step of STEPS) {
      const result = await step.run({ trx, org, rng: new Prng(step.seed), now, volume: opts.volume ?? DEMO_VOLUME, made });
      Object.assign(counts, result);
      log(`  ${step.name}: ${Object.entries(result).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    }
    await insertAuditRow(
      trx,
      { actorAccountId: null, actor: 'system', action: 'seed.demo', entityType: 'database', entityId: null, after: counts },
      now,
    );
    return counts;
  });
}
