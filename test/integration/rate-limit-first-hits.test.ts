/**
 * Rate-limit counters with first hits kept in memory (src/server/http/rate-limit-first-hits.ts): a
 * client's first hit costs no statement, its second writes both, every later hit is counted
 * exactly, two processes on one database overshoot a limit by at most one first hit each, and a
 * closing process writes the first hits it still holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstHitsDeferred } from '../../src/server/http/rate-limit-first-hits.ts';
import { type CounterTable, counterTable } from '../../src/server/http/rate-limit-store.ts';
import { BACKENDS, type TestDatabase, createTestDatabase } from '../support/databases.ts';

const WINDOW = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BACKENDS)('rate-limit counters, first hits kept in memory, on %s', (backend) => {
  let database: TestDatabase;
  let table: CounterTable;
  const stored = async (key: string) =>
    (await database.db.selectFrom('rate_limits').select('count').where('key', '=', key).executeTakeFirst())?.count ?? 0;
  /** The table, counting the statements that reach it (and left open when a counter closes). */
  const counted = () => {
    const calls = { add: 0, addMany: 0 };
    const t: CounterTable = {
      add: (...a) => (calls.add++, table.add(...a)),
      addMany: (...a) => (calls.addMany++, table.addMany(...a)),
      close: async () => {},
    };
    return { t, calls };
  };

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    table = counterTable(database.db, { databaseUrl: database.url, dbConnectTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    await table?.close();
    await database?.drop();
  });

  it('answers first hits from memory with no statement, and writes them when the process closes', async () => {
    const { t, calls } = counted();
    const counter = firstHitsDeferred(t);
    const keys = Array.from({ length: 100 }, (_, i) => `first-${backend}-${i}`);
    const answers = await Promise.all(keys.map((k) => counter.incr(k, WINDOW)));
    expect(answers.every((a) => a.count === 1 && a.ttl === WINDOW)).toBe(true);
    await sleep(200);
    expect(calls).toEqual({ add: 0, addMany: 0 });
    expect(await stored(keys[0]!)).toBe(0);
    await counter.close();
    expect(calls).toEqual({ add: 0, addMany: 1 });
    for (const k of [keys[0]!, keys[99]!]) expect(await stored(k)).toBe(1);
  });

  it('counts every later hit exactly, the second together with the first', async () => {
    const { t, calls } = counted();
    const counter = firstHitsDeferred(t);
    const key = `again-${backend}`;
    expect((await counter.incr(key, WINDOW)).count).toBe(1);
    const counts: number[] = [];
    for (let i = 0; i < 9; i++) counts.push((await counter.incr(key, WINDOW)).count);
    expect(counts).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(calls.add).toBe(9);
    expect(await stored(key)).toBe(10);
    // Closing writes nothing twice: the first hit went with the second one.
    await counter.close();
    expect(calls.addMany).toBe(0);
    expect(await stored(key)).toBe(10);
  });

  it('two processes on one database: a limit of 10 lets through at most one extra first hit', async () => {
    const a = firstHitsDeferred(counted().t);
    const b = firstHitsDeferred(counted().t);
    const key = `shared-${backend}`;
    const allowed: number[] = [];
    for (let i = 0; i < 20; i++) {
      const { count } = await (i % 2 ? b : a).incr(key, WINDOW);
      if (count <= 10) allowed.push(i);
    }
    expect(allowed.length).toBeGreaterThanOrEqual(10);
    expect(allowed.length).toBeLessThanOrEqual(11);
    await Promise.all([a.close(), b.close()]);
    expect(await stored(key)).toBe(20);
  });

  it('a window that ran out starts again from the new hits', async () => {
    const counter = firstHitsDeferred(counted().t);
    const key = `window-${backend}`;
    await counter.incr(key, 200);
    expect((await counter.incr(key, 200)).count).toBe(2);
    await sleep(300);
    expect((await counter.incr(key, 200)).count).toBe(1);
    await sleep(50);
    expect((await counter.incr(key, 200)).count).toBe(2);
    await counter.close();
  });
});
