import { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { sha256 } from '../modules/access/secrets.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Counts one hit on a key in its window: the count so far and the milliseconds left. */
export interface RateLimitCounter {
  incr(hashedKey: string, windowMs: number): Promise<{ count: number; ttl: number }>;
  close(): Promise<void>;
}

/** One hit on counter $1 in a window of $2 ms: the count so far and the milliseconds left. */
export const RATE_LIMIT_UPSERT = `insert into rate_limits (key, window_start, count) values ($1, now(), 1)
  on conflict (key) do update set
    count = case when rate_limits.window_start + $2 * interval '1 millisecond' <= now() then 1 else rate_limits.count + 1 end,
    window_start = case when rate_limits.window_start + $2 * interval '1 millisecond' <= now() then now() else rate_limits.window_start end
  returning count, greatest(0, extract(epoch from (window_start + $2 * interval '1 millisecond' - now())) * 1000)::float8 as ttl`;

/**
 * The counters live in PostgreSQL so a limit counts across every server process. On PostgreSQL
 * they get their own small pool whose sessions commit without waiting for the WAL flush
 * (synchronous_commit = off): a counter lost in a crash costs nothing, while an fsync on every
 * public request would cap the lookup's throughput; like the main pools it waits at most
 * dbConnectTimeoutMs for a connection (the limit runs before every public handler: a silent
 * database must not hold them). PGlite (one process) uses the main handle.
 */
export function rateLimitCounter(db: Database, config: Pick<AppConfig, 'databaseUrl' | 'dbConnectTimeoutMs'>): RateLimitCounter {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: Number(process.env.CONGVU_RATE_LIMIT_POOL || 4),
      connectionTimeoutMillis: config.dbConnectTimeoutMs,
      options: '-c synchronous_commit=off',
    });
    pool.on('error', (err) => console.error(`PostgreSQL (bộ đếm giới hạn truy cập): kết nối rỗi bị đóng (${err.message}).`));
    return {
      incr: async (key, windowMs) => (await pool.query<{ count: number; ttl: number }>(RATE_LIMIT_UPSERT, [key, windowMs])).rows[0]!,
      close: () => pool.end(),
    };
  }
  return {
    incr: async (key, windowMs) => (await db.executeQuery<{ count: number; ttl: number }>(CompiledQuery.raw(RATE_LIMIT_UPSERT, [key, windowMs]))).rows[0]!,
    close: async () => {},
  };
}

/** The stored key of a client's counter in a scope (a route): hashed, so no address is kept. */
export const rateLimitKey = (scope: string, client: string) => sha256(`${scope}|${client}`);

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
        .incr(rateLimitKey(this.scope, key), timeWindow)
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
