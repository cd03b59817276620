import type { CounterTable, RateLimitCounter } from './rate-limit-store.ts';

/** How often the first hits are written, in one statement per window length. */
const FLUSH_MS = 100;
/** Clients remembered per process; past this every hit is counted at once (memory stays bounded). */
const MAX_REMEMBERED = 200_000;

/**
 * Counting every hit with its own statement made the rate limit as costly to PostgreSQL as the
 * public lookup it guards. Most clients make one or two requests, so a client's first hit in a
 * window is answered from memory (count 1) and written with the other first hits of the next
 * 100 ms in one statement; every later hit of that client is counted in the database at once, with
 * the hits still waiting, so the count that decides a 429 is exact. What a client can gain is its
 * one first hit per process and window before the others' writes land: a limit of 60 lets
 * through at most 60 + (processes − 1).
 */
export function firstHitsBatched(table: CounterTable, flushMs = FLUSH_MS): RateLimitCounter {
  /** Keys counted by this process in their current window: key → end of that window. */
  const remembered = new Map<string, number>();
  /** First hits not written yet, by window length: key → hits. */
  const waiting = new Map<number, Map<string, number>>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const flush = () => {
    timer = undefined;
    const batches = [...waiting.entries()];
    waiting.clear();
    const now = Date.now();
    for (const [key, end] of remembered) if (end <= now) remembered.delete(key);
    const written = Promise.all(
      batches.map(([windowMs, hits]) =>
        table.addMany([...hits.keys()], [...hits.values()], windowMs).catch((error: unknown) => {
          // A lost first hit is one request uncounted: not worth failing anyone's request over.
          console.error(`Giới hạn truy cập: không ghi được ${hits.size} lượt đầu (${error instanceof Error ? error.message : String(error)}).`);
        }),
      ),
    );
    flushing = Promise.all([flushing, written]).then(() => {});
  };

  return {
    async incr(key, windowMs) {
      const now = Date.now();
      const end = remembered.get(key);
      if ((end === undefined || end <= now) && remembered.size < MAX_REMEMBERED) {
        remembered.set(key, now + windowMs);
        const hits = waiting.get(windowMs) ?? new Map<string, number>();
        hits.set(key, (hits.get(key) ?? 0) + 1);
        waiting.set(windowMs, hits);
        timer ??= setTimeout(flush, flushMs).unref();
        return { count: 1, ttl: windowMs };
      }
      // Seen before in this window: count now, together with its hit still waiting, if any.
      const hits = waiting.get(windowMs);
      const pending = hits?.get(key) ?? 0;
      hits?.delete(key);
      return table.add(key, windowMs, pending + 1);
    },
    async close() {
      if (timer) clearTimeout(timer);
      flush();
      await flushing;
      await table.close();
    },
  };
}
