import { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { sha256 } from '../modules/access/secrets.ts';
import { firstHitsDeferred } from './rate-limit-first-hits.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Counts one hit on a key in its window: the count so far and the milliseconds left. */
export interface RateLimitCounter {
  incr(hashedKey: string, windowMs: number): Promise<{ count: number; ttl: number }>;
  close(): Promise<void>;
}

/** The counters as stored: `amount` hits on one key, or many keys' hits in one statement. */
export interface CounterTable {
  add(key: string, windowMs: number, amount: number): Promise<{ count: number; ttl: number }>;
  addMany(keys: string[], amounts: number[], windowMs: number): Promise<void>;
  close(): Promise<void>;
}

// A window that has run out starts again from these hits.
const ADD_ON_CONFLICT = `on conflict (key) do update set
    count = case when rate_limits.window_start + $2 * interval '1 millisecond' <= now() then excluded.count else rate_limits.count + excluded.count end,
    window_start = case when rate_limits.window_start + $2 * interval '1 millisecond' <= now() then now() else rate_limits.window_start end`;
/** $3 hits on counter $1 in a window of $2 ms: the count so far and the milliseconds left. */
const ADD = `insert into rate_limits (key, window_start, count) values ($1, now(), $3) ${ADD_ON_CONFLICT}
  returning count, greatest(0, extract(epoch from (window_start + $2 * interval '1 millisecond' - now())) * 1000)::float8 as ttl`;
/** Hits $3 on counters $1 (distinct keys), all in windows of $2 ms. */
const ADD_MANY = `insert into rate_limits (key, window_start, count)
  select k, now(), n from unnest($1::text[], $3::int[]) as hits(k, n) ${ADD_ON_CONFLICT}`;

/**
 * The counters live in PostgreSQL so a limit counts across every server process, in an unlogged
 * table (migration 0013): a counter lost in a crash costs nothing. On PostgreSQL they get their own
 * small pool, which like the main pools waits at most dbConnectTimeoutMs for a connection (the
 * limit runs before every public handler: a silent database must not hold them). PGlite (one
 * process) uses the main handle.
 */
export function counterTable(db: Database, config: Pick<AppConfig, 'databaseUrl' | 'dbConnectTimeoutMs'>): CounterTable {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: Number(process.env.CONGVU_RATE_LIMIT_POOL || 4),
      connectionTimeoutMillis: config.dbConnectTimeoutMs,
      options: '-c synchronous_commit=off',
    });
    pool.on('error', (err) => console.error(`PostgreSQL (bộ đếm giới hạn truy cập): kết nối rỗi bị đóng (${err.message}).`));
    return {
      add: async (key, windowMs, amount) => (await pool.query<{ count: number; ttl: number }>(ADD, [key, windowMs, amount])).rows[0]!,
      addMany: async (keys, amounts, windowMs) => void (await pool.query(ADD_MANY, [keys, windowMs, amounts])),
      close: () => pool.end(),
    };
  }
  return {
    add: async (key, windowMs, amount) => (await db.executeQuery<{ count: number; ttl: number }>(CompiledQuery.raw(ADD, [key, windowMs, amount]))).rows[0]!,
    addMany: async (keys, amounts, windowMs) => void (await db.executeQuery(CompiledQuery.raw(ADD_MANY, [keys, windowMs, amounts]))),
    close: async () => {},
  };
}

export function rateLimitCounter(db: Database, config: Pick<AppConfig, 'databaseUrl' | 'dbConnectTimeoutMs'>): RateLimitCounter {
  return firstHitsDeferred(counterTable(db, config));
}

/** The stored key of a client's counter in a scope (a route): hashed, so no address is kept. */
export const rateLimitKey = (scope: string, client: string) => sha256(`${scope}|${client}`);

/**
 * A store for @fastify/rate-limit over a RateLimitCounter, so a limit
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
