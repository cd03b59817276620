import { CompiledQuery, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { Database } from './database.ts';

/**
 * The SQL texts that run as named prepared statements on PostgreSQL, by name. A statement is
 * parsed and planned once per connection instead of at every call: for the public lookup (four
 * joins and a sub-select) planning took 0.5 ms of its 0.65 ms at province scale, and pgbench
 * went from 1,600 to 6,300–6,900 lookups/s (docs/performance.md). Only fixed texts of hot reads
 * belong here: each connection keeps every statement it has prepared for its lifetime.
 * PostgreSQL replans a statement by itself when a table it reads changes (a migration).
 */
const preparedNames = new Map<string, string>();

/** Marks `sql` to run as a named prepared statement on PostgreSQL (PGlite runs it as it is); returns it. */
export function preparedStatement(sql: string): string {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `congvu_${preparedNames.size + 1}`);
  return sql;
}

/**
 * The pool as Kysely sees it, with every marked text sent by name. One wrapper per pooled client:
 * Kysely keeps its connection objects keyed by the client it is given.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    // Kysely reads processID to cancel a query (its own `select pg_backend_pid()` otherwise).
    get processID() {
      return (client as unknown as { processID?: number }).processID;
    },
    release: (destroy?: boolean) => client.release(destroy),
    query: ((query: unknown, parameters?: readonly unknown[]) => {
      const name = typeof query === 'string' ? preparedNames.get(query) : undefined;
      if (name) return client.query({ name, text: query as string, values: parameters as unknown[] });
      return typeof query === 'string' ? client.query(query, parameters as unknown[]) : client.query(query as never);
    }) as unknown as PostgresPoolClient['query'],
  });
  return {
    Client: (pool as unknown as { Client: PostgresPool['Client'] }).Client,
    options: pool.options,
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
  };
}

/** The PostgreSQL pool under each database opened on one, for `queryPrepared`. */
const directPools = new WeakMap<Database, pg.Pool>();

/** Lets `queryPrepared` on `db` send its marked texts straight to `pool`. */
export function allowDirectQueries(db: Database, pool: pg.Pool): void {
  directPools.set(db, pool);
}

/**
 * Runs a text marked with `preparedStatement` and returns its rows. On a PostgreSQL pool the
 * statement goes to the pool itself, not through Kysely's connection provider and driver (a chain
 * of promises per query): at a fixed 1,500 public lookups/s the server's CPU per lookup fell from
 * 330–388 to 274–320 µs (docs/performance.md). Inside a transaction, and on PGlite (whose own
 * query costs far more than the chain), it runs through Kysely as any other query.
 */
export async function queryPrepared<Row>(db: Database, sql: string, parameters: unknown[]): Promise<Row[]> {
  const name = preparedNames.get(sql);
  if (!name) throw new Error('queryPrepared: the text is not marked with preparedStatement');
  const pool = directPools.get(db);
  if (pool) return (await pool.query({ name, text: sql, values: parameters })).rows as Row[];
  return (await db.executeQuery<Row>(CompiledQuery.raw(sql, parameters))).rows;
}
