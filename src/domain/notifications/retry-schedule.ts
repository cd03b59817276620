/**
 * When a failed outgoing message (e-mail, SMS, Zalo) is tried again. Pure: the time of the failure
 * and the number of attempts made come in as arguments.
 */

const MINUTE_MS = 60_000;

/** Waits after the 1st, 2nd, … failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h; later ones wait 6 h. */
export const RETRY_DELAYS_MS: readonly number[] = [1 * MINUTE_MS, 5 * MINUTE_MS, 30 * MINUTE_MS, 120 * MINUTE_MS, 360 * MINUTE_MS];

/** The first attempt and one retry per step of the schedule; after that the message is `failed`. */
export const DEFAULT_MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * The wait before the next attempt, after `attemptsMade` attempts (counting the one that just
 * failed), or null when no attempt is left and the message is to be marked `failed`.
 */
export function retryDelayMs(attemptsMade: number, maxAttempts: number = DEFAULT_MAX_ATTEMPTS): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) throw new RangeError(`attemptsMade must be a positive integer, got ${attemptsMade}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  if (attemptsMade >= maxAttempts) return null;
  const last = RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1] ?? MINUTE_MS;
  return RETRY_DELAYS_MS[attemptsMade - 1] ?? last;
}

/** The time of the next attempt after a failure at `failedAt`, or null: give up (`failed`). */
export function nextAttemptAt(failedAt: Date, attemptsMade: number, maxAttempts: number = DEFAULT_MAX_ATTEMPTS): Date | null {
  const delay = retryDelayMs(attemptsMade, maxAttempts);
  return delay === null ? null : new Date(failedAt.getTime() + delay);
}
