import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { purgeRateLimits } from '../http/rate-limit-store.ts';
import { closeIncompleteDossiers } from './close-incomplete-dossiers.ts';

interface Job {
  name: string;
  everyMs: number;
  run: (db: Database, config: AppConfig, now: Date) => Promise<unknown>;
}

/** The scheduled jobs; each runs in one process at a time (see run-exclusive.ts). */
export const JOBS: Job[] = [
  { name: 'close-incomplete-dossiers', everyMs: 10 * 60_000, run: closeIncompleteDossiers },
  { name: 'purge-rate-limits', everyMs: 60 * 60_000, run: (db, _config, now) => purgeRateLimits(db, new Date(now.getTime() - 86_400_000)) },
];

/** Starts the jobs in this process; rounds of one job never overlap. Returns a stop function. */
export function startScheduler(db: Database, config: AppConfig, log: FastifyBaseLogger): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const timers = JOBS.map((job) => {
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
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    setTimeout(tick, 5_000).unref();
    return timer;
  });
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.allSettled([...running]);
  };
}
