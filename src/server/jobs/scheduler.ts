import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { purgeRateLimits } from '../http/rate-limit-store.ts';
import { closeIncompleteDossiers } from './close-incomplete-dossiers.ts';
import { closeScoredMonths, remindLateScoring } from './evaluation-jobs.ts';
import { archiveMonthlyReports } from './monthly-reports.ts';

interface Job {
  name: string;
  everyMs: number;
  /** First run after start (default 5 s); heavy jobs wait so a fresh start serves people first. */
  firstMs?: number;
  run: (db: Database, config: AppConfig, now: Date) => Promise<unknown>;
}

/** The scheduled jobs; each runs in one process at a time (see run-exclusive.ts). */
export const JOBS: Job[] = [
  { name: 'close-incomplete-dossiers', everyMs: 10 * 60_000, run: closeIncompleteDossiers },
  { name: 'evaluation-reminders', everyMs: 60 * 60_000, run: remindLateScoring },
  { name: 'close-scored-months', everyMs: 60 * 60_000, run: closeScoredMonths },
  { name: 'purge-rate-limits', everyMs: 60 * 60_000, run: (db, _config, now) => purgeRateLimits(db, new Date(now.getTime() - 86_400_000)) },
  { name: 'monthly-reports', everyMs: 60 * 60_000, firstMs: 10 * 60_000, run: (db, config, now) => archiveMonthlyReports(db, config, now) },
];

/** Starts the jobs in this process; rounds of one job never overlap. Returns a stop function. */
export function startScheduler(db: Database, config: AppConfig, log: FastifyBaseLogger): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  // Overrides for tests and demos (e.g. two processes ticking within a second, only the jobs named
  // in CONGVU_JOBS); unset → every job on its own schedule.
  const firstMs = Number(process.env.CONGVU_JOBS_FIRST_MS) || undefined;
  const everyMs = Number(process.env.CONGVU_JOBS_EVERY_MS) || undefined;
  const only = process.env.CONGVU_JOBS?.split(',').map((s) => s.trim());
  const timers = JOBS.filter((job) => !only || only.includes(job.name)).map((job) => {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const p = job
        .run(db, config, new Date())
        .catch((err: unknown) => log.error({ job: job.name, err: err instanceof Error ? err.message : String(err) }, 'job failed'))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    const timer = setInterval(tick, everyMs ?? job.everyMs);
    timer.unref();
    setTimeout(tick, firstMs ?? job.firstMs ?? 5_000).unref();
    return timer;
  });
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.allSettled([...running]);
  };
}
