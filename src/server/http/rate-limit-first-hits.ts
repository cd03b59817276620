import type { CounterTable, RateLimitCounter } from './rate-limit-store.ts';

/** Clients remembered per process; past this every hit is counted at once (memory stays bounded). */
const MAX_REMEMBERED = 200_000;

interface FirstHit {
  /** When the window this process opened for the client ends. */
  end: number;
  /** 1 while the first hit is in memory only, 0 once written with a later hit. */
  unwritten: number;
}

/**
 * Counting every hit with its own statement made the rate limit as costly to PostgreSQL as the
 * public lookup it guards, and writing each first hit (even in batches) still cost one upsert per
 * citizen. Most clients look up once or twice, so a client's first hit in a window stays in this
 * process's memory (count 1) and is written only together with that client's next hit here; from
 * then on every hit is counted in the database at once, so the count that decides a 429 is exact
 * but for the first hits other processes still hold: a limit of 60 lets through at most
 * 60 + (processes − 1). Closing the process writes the first hits it still holds.
 */
export function firstHitsDeferred(table: CounterTable): RateLimitCounter {
  /** Per window length, the keys this process counted, oldest window first (Map keeps insertion order). */
  const windows = new Map<number, Map<string, FirstHit>>();
  let size = 0;

  /** Forgets the windows that ended: they are the oldest entries, so this stops at the first live one. */
  const expire = (keys: Map<string, FirstHit>, now: number) => {
    for (const [key, hit] of keys) {
      if (hit.end > now) return;
      keys.delete(key);
      size--;
    }
  };

  return {
    async incr(key, windowMs) {
      const now = Date.now();
      let keys = windows.get(windowMs);
      if (!keys) windows.set(windowMs, (keys = new Map()));
      expire(keys, now);
      const hit = keys.get(key);
      if (!hit) {
        if (size < MAX_REMEMBERED) {
          keys.set(key, { end: now + windowMs, unwritten: 1 });
          size++;
          return { count: 1, ttl: windowMs };
        }
        return table.add(key, windowMs, 1);
      }
      // Seen before in this window: counted now, with its first hit if that is still unwritten.
      const amount = hit.unwritten + 1;
      hit.unwritten = 0;
      return table.add(key, windowMs, amount);
    },
    async close() {
      const now = Date.now();
      const writes = [...windows].map(([windowMs, keys]) => {
        expire(keys, now);
        const unwritten = [...keys].filter(([, hit]) => hit.unwritten > 0).map(([key]) => key);
        return unwritten.length ? table.addMany(unwritten, unwritten.map(() => 1), windowMs) : Promise.resolve();
      });
      windows.clear();
      size = 0;
      try {
        await Promise.all(writes);
      } catch (error) {
        // One uncounted hit per client is not worth failing a shutdown over.
        console.error(`Giới hạn truy cập: không ghi được lượt đầu khi dừng (${error instanceof Error ? error.message : String(error)}).`);
      }
      await table.close();
    },
  };
}
