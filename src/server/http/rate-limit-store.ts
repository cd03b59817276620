import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { sha256 } from '../modules/access/secrets.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit that keeps its counters in PostgreSQL (one upsert per request),
 * so a limit counts across all server processes and survives a restart. Keys (client addresses)
 * are stored hashed.
 */
export function databaseRateLimitStore(db: Database) {
  return class DatabaseRateLimitStore {
    private readonly scope: string;

    constructor(scope?: unknown) {
      this.scope = typeof scope === 'string' ? scope : 'global';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const hashed = sha256(`${this.scope}|${key}`);
      sql<{ count: number; ttl: number }>`
        insert into rate_limits (key, window_start, count) values (${hashed}, now(), 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start + ${timeWindow} * interval '1 millisecond' <= now() then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start + ${timeWindow} * interval '1 millisecond' <= now() then now() else rate_limits.window_start end
        returning count, greatest(0, extract(epoch from (window_start + ${timeWindow} * interval '1 millisecond' - now())) * 1000)::float as ttl
      `
        .execute(db)
        .then(({ rows }) => callback(null, { current: rows[0]!.count, ttl: Math.ceil(rows[0]!.ttl) }))
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
