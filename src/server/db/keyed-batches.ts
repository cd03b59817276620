/** Loads the values of several keys in one round trip; a key with no value is left out. */
export type BatchLoad<K, V> = (keys: K[]) => Promise<Map<K, V>>;

interface Waiter<K, V> {
  key: K;
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
 * executor start. A failed batch fails every key in it.
 */
export function keyedBatches<K, V>(load: BatchLoad<K, V>, opts: { maxInFlight: number; maxBatch: number }): (key: K) => Promise<V | undefined> {
  let waiting: Waiter<K, V>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const send = (batch: Waiter<K, V>[]) => {
    inFlight++;
    let loaded: Promise<Map<K, V>>;
    try {
      loaded = load([...new Set(batch.map((w) => w.key))]);
    } catch (error) {
      loaded = Promise.reject(error);
    }
    loaded.then(
      (values) => {
        for (const w of batch) w.resolve(values.get(w.key));
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    ).finally(() => {
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

  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      if (!scheduled && inFlight < opts.maxInFlight) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
