import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, nextAttemptAt, retryDelayMs } from './retry-schedule.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('retryDelayMs', () => {
  it('defaults to six attempts: the first and five retries', () => {
    expect(DEFAULT_MAX_ATTEMPTS).toBe(6);
  });

  it.each([
    { attemptsMade: 1, delay: 1 * MIN },
    { attemptsMade: 2, delay: 5 * MIN },
    { attemptsMade: 3, delay: 30 * MIN },
    { attemptsMade: 4, delay: 2 * HOUR },
    { attemptsMade: 5, delay: 6 * HOUR },
    { attemptsMade: 6, delay: null },
    { attemptsMade: 7, delay: null },
  ])('after $attemptsMade attempt(s) waits $delay ms (null: failed)', ({ attemptsMade, delay }) => {
    expect(retryDelayMs(attemptsMade)).toBe(delay);
  });

  it('keeps waiting 6 h between retries when more attempts than steps are allowed', () => {
    expect(retryDelayMs(5, 9)).toBe(6 * HOUR);
    expect(retryDelayMs(6, 9)).toBe(6 * HOUR);
    expect(retryDelayMs(8, 9)).toBe(6 * HOUR);
    expect(retryDelayMs(9, 9)).toBeNull();
  });

  it('gives up at once when only one attempt is allowed', () => {
    expect(retryDelayMs(1, 1)).toBeNull();
  });

  it('grows with each attempt', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => retryDelayMs(n) ?? 0);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] ?? 0);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects attemptsMade = %s', (n) => {
    expect(() => retryDelayMs(n)).toThrow(RangeError);
  });

  it('rejects a maxAttempts below one', () => {
    expect(() => retryDelayMs(1, 0)).toThrow(RangeError);
  });
});

describe('nextAttemptAt', () => {
  const failedAt = new Date('2026-03-02T01:00:00.000Z');

  it('adds the delay to the time of the failure', () => {
    expect(nextAttemptAt(failedAt, 1)?.toISOString()).toBe('2026-03-02T01:01:00.000Z');
    expect(nextAttemptAt(failedAt, 4)?.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(nextAttemptAt(failedAt, 5)?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
  });

  it('returns null when the attempts are used up', () => {
    expect(nextAttemptAt(failedAt, 6)).toBeNull();
    expect(nextAttemptAt(failedAt, 2, 2)).toBeNull();
  });

  it('does not change the date passed in', () => {
    const at = new Date(failedAt);
    nextAttemptAt(at, 1);
    expect(at.getTime()).toBe(failedAt.getTime());
  });
});
