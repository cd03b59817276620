/** Loads the values of several keys in one round trip; a key with no value is left out. */
export type BatchLoad<K, V> = (keys: K[]) => Promise<Map<K, V>>;

export interface BatchOptions {
  /** Batches out at once; a key asked for while this many are out waits for one to come back. */
  maxInFlight: number;
  /** Keys in one batch at most. */
  maxBatch: number;
  /**
   * How long a key may wait for its batch to leave: past it the key fails with `timedOut()`, as a
   * query waiting for a pool connection fails after the pool's timeout, so that batches stuck on a
   * silent database do not hold every later key forever.
   */
  maxWaitMs: number;
  timedOut: () => Error;
}

interface Waiter<K, V> {
  key: K;
  since: number;
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers concurrent loads of single keys into batches, as a database's group commit gathers
 * transactions: a key asked for while `maxInFlight` batches are already out waits, and goes with
 * every other key that arrived meanwhile (at most `maxBatch`) once one of them is back. An idle
 * server therefore sends each key alone, at once (after the current turn of the event loop, so
 * requests read together leave together); a busy one sends a few statements carrying many keys
 * instead of one statement per key, each of which costs the database a wake-up, a round trip and an
 * executor start. A failed batch fails every key in it, and only those.
 */
export function keyedBatches<K, V>(load: BatchLoad<K, V>, opts: BatchOptions): (key: K) => Promise<V | undefined> {
  let waiting: Waiter<K, V>[] = [];
  let inFlight = 0;
  let scheduled = false;
  // One timer at a time, for the oldest waiting key (keys wait in arrival order).
  let watchdog: NodeJS.Timeout | undefined;

  const send = (batch: Waiter<K, V>[]) => {
    inFlight++;
    let loaded: Promise<Map<K, V>>;
    try {
      loaded = load([...new Set(batch.map((w) => w.key))]);
    } catch (error) {
      loaded = Promise.reject(error);
    }
    loaded
      .then(
        (values) => {
          for (const w of batch) w.resolve(values.get(w.key));
        },
        (error: unknown) => {
          for (const w of batch) w.reject(error);
        },
      )
      .finally(() => {
        inFlight--;
        flush();
      });
  };

  const flush = () => {
    scheduled = false;
    while (inFlight < opts.maxInFlight && waiting.length > 0) {
      const batch = waiting.length <= opts.maxBatch ? waiting : waiting.slice(0, opts.maxBatch);
      waiting = batch === waiting ? [] : waiting.slice(opts.maxBatch);
      send(batch);
    }
  };

  const failLate = () => {
    watchdog = undefined;
    const now = performance.now();
    let late = 0;
    while (late < waiting.length && now - waiting[late]!.since >= opts.maxWaitMs) late++;
    for (const w of waiting.splice(0, late)) w.reject(opts.timedOut());
    if (waiting.length > 0) watchdog = setTimeout(failLate, opts.maxWaitMs - (now - waiting[0]!.since)).unref();
  };

  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      waiting.push({ key, since: performance.now(), resolve, reject });
      watchdog ??= setTimeout(failLate, opts.maxWaitMs).unref();
      if (!scheduled && inFlight < opts.maxInFlight) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
