import { describe, expect, it } from 'vitest';
import { keyedBatches } from './keyed-batches.ts';

/** A load whose batches stay open until the test finishes them, recording what each carried. */
function controlledLoad() {
  const batches: { keys: string[]; finish: (values?: Map<string, string>) => void; fail: (error: Error) => void }[] = [];
  const load = (keys: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      batches.push({
        keys,
        finish: (values) => resolve(values ?? new Map(keys.map((k) => [k, `giá trị ${k}`]))),
        fail: reject,
      });
    });
  return { batches, load };
}

/** Long enough that no key of these tests waits past it, unless the test says so. */
const OPTS = { maxInFlight: 2, maxBatch: 10, maxWaitMs: 60_000, timedOut: () => new Error('hết thời gian chờ') };

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('keyedBatches', () => {
  it('sends a key alone when nothing is in flight, and answers it with its own value', async () => {
    const { batches, load } = controlledLoad();
    const get = keyedBatches(load, { ...OPTS, maxInFlight: 2, maxBatch: 10 });
    const answer = get('A');
    await turn();
    expect(batches.map((b) => b.keys)).toEqual([['A']]);
    batches[0]!.finish();
    await expect(answer).resolves.toBe('giá trị A');
  });

  it('keys asked for in the same turn leave together; duplicates are loaded once and both answered', async () => {
    const { batches, load } = controlledLoad();
    const get = keyedBatches(load, { ...OPTS, maxInFlight: 2, maxBatch: 10 });
    const answers = [get('A'), get('B'), get('A')];
    await turn();
    expect(batches.map((b) => b.keys)).toEqual([['A', 'B']]);
    batches[0]!.finish();
    await expect(Promise.all(answers)).resolves.toEqual(['giá trị A', 'giá trị B', 'giá trị A']);
  });

  it('with maxInFlight batches out, later keys wait and go together when one comes back', async () => {
    const { batches, load } = controlledLoad();
    const get = keyedBatches(load, { ...OPTS, maxInFlight: 1, maxBatch: 10 });
    const first = get('A');
    await turn();
    const later = [get('B'), get('C')];
    await turn();
    expect(batches).toHaveLength(1);
    batches[0]!.finish();
    await first;
    await turn();
    expect(batches.map((b) => b.keys)).toEqual([['A'], ['B', 'C']]);
    batches[1]!.finish();
    await expect(Promise.all(later)).resolves.toEqual(['giá trị B', 'giá trị C']);
  });

  it('splits the waiting keys into batches of at most maxBatch, oldest first', async () => {
    const { batches, load } = controlledLoad();
    const get = keyedBatches(load, { ...OPTS, maxInFlight: 3, maxBatch: 2 });
    const answers = ['A', 'B', 'C', 'D', 'E'].map(get);
    await turn();
    expect(batches.map((b) => b.keys)).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
    for (const b of batches) b.finish();
    await expect(Promise.all(answers)).resolves.toEqual(['A', 'B', 'C', 'D', 'E'].map((k) => `giá trị ${k}`));
  });

  it('answers undefined for a key the load left out', async () => {
    const { batches, load } = controlledLoad();
    const get = keyedBatches(load, { ...OPTS, maxInFlight: 1, maxBatch: 10 });
    const answers = [get('A'), get('KHÔNG-CÓ')];
    await turn();
    batches[0]!.finish(new Map([['A', 'giá trị A']]));
    await expect(Promise.all(answers)).resolves.toEqual(['giá trị A', undefined]);
  });

  it('a failed batch fails every key in it and only those; the next batch still goes', async () => {
    const { batches, load } = controlledLoad();
    const get = keyedBatches(load, { ...OPTS, maxInFlight: 1, maxBatch: 10 });
    const failed = [get('A'), get('B')];
    await turn();
    const after = get('C');
    batches[0]!.fail(new Error('mất kết nối'));
    for (const answer of failed) await expect(answer).rejects.toThrow('mất kết nối');
    await turn();
    expect(batches.map((b) => b.keys)).toEqual([['A', 'B'], ['C']]);
    batches[1]!.finish();
    await expect(after).resolves.toBe('giá trị C');
  });

  it('a load that throws at once fails its keys instead of the caller', async () => {
    const get = keyedBatches<string, string>(
      () => {
        throw new Error('hỏng');
      },
      { ...OPTS, maxInFlight: 1, maxBatch: 10 },
    );
    await expect(get('A')).rejects.toThrow('hỏng');
    await expect(get('B')).rejects.toThrow('hỏng');
  });
  it('a key that waits longer than maxWaitMs behind batches that do not come back fails with timedOut; the batch already out is left alone', async () => {
    const { batches, load } = controlledLoad();
    const get = keyedBatches(load, { ...OPTS, maxInFlight: 1, maxWaitMs: 30 });
    const stuck = get('A');
    await turn();
    const late = [get('B'), get('C')];
    for (const answer of late) await expect(answer).rejects.toThrow('hết thời gian chờ');
    expect(batches.map((b) => b.keys)).toEqual([['A']]);
    batches[0]!.finish();
    await expect(stuck).resolves.toBe('giá trị A');
    // Once the database answers again, keys go as before.
    const after = get('D');
    await turn();
    batches[1]!.finish();
    await expect(after).resolves.toBe('giá trị D');
  });
});
