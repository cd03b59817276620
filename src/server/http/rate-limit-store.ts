import { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/database.ts';
import { sha256 } from '../modules/access/secrets.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Counts one hit on a key in its window: the count so far and the milliseconds left. */
export interface RateLimitCounter {
  incr(hashedKey: string, windowMs: number): Promise<{ count: number; ttl: number }>;
  close(): Promise<void>;
}

const UPSERT = `insert into rate_limits (key, window_start, count) values ($1, now(), 1)
  on conflict (key) do update set
    count = case when rate_limits.window_start + $2 * interval '1 millisecond' <= now() then 1 else rate_limits.count + 1 end,
    window_start = case when rate_limits.window_start + $2 * interval '1 millisecond' <= now() then now() else rate_limits.window_start end
  returning count, greatest(0, extract(epoch from (window_start + $2 * interval '1 millisecond' - now())) * 1000)::float8 as ttl`;

/**
 * The counters live in PostgreSQL so a limit counts across every server process. On PostgreSQL
 * they get their own small pool whose sessions commit without waiting for the WAL flush
 * (synchronous_commit = off): a counter lost in a crash costs nothing, while an fsync on every
 * public request would cap the lookup's throughput. PGlite (one process) uses the main handle.
 */
export function rateLimitCounter(db: Database, databaseUrl: string | undefined): RateLimitCounter {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.CONGVU_RATE_LIMIT_POOL || 4), options: '-c synchronous_commit=off' });
    pool.on('error', (err) => console.error(`PostgreSQL (bộ đếm giới hạn truy cập): kết nối rỗi bị đóng (${err.message}).`));
    return {
      incr: async (key, windowMs) => (await pool.query<{ count: number; ttl: number }>(UPSERT, [key, windowMs])).rows[0]!,
      close: () => pool.end(),
    };
  }
  return {
    incr: async (key, windowMs) => (await db.executeQuery<{ count: number; ttl: number }>(CompiledQuery.raw(UPSERT, [key, windowMs]))).rows[0]!,
    close: async () => {},
  };
}

/**
 * A store for @fastify/rate-limit over a RateLimitCounter (one upsert per request), so a limit
 * counts across all server processes and survives a restart. Keys (client addresses) are stored hashed.
 */
export function databaseRateLimitStore(counter: RateLimitCounter) {
  return class DatabaseRateLimitStore {
    private readonly scope: string;

    constructor(scope?: unknown) {
      this.scope = typeof scope === 'string' ? scope : 'global';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      counter
        .incr(sha256(`${this.scope}|${key}`), timeWindow)
        .then(({ count, ttl }) => callback(null, { current: count, ttl: Math.ceil(ttl) }))
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    }

    /** One counter space per route (the plugin passes the route as `routeInfo`). */
    child(params: object): DatabaseRateLimitStore {
      const route = (params as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      return new DatabaseRateLimitStore(`${String(route?.method ?? '')}:${route?.url ?? ''}`);
    }
  };
}

/** Old windows are useless: the scheduler clears them. */
export async function purgeRateLimits(db: Database, olderThan: Date) {
  await db.deleteFrom('rate_limits').where('window_start', '<', olderThan).execute();
}
