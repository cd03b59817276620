import { performance } from 'node:perf_hooks';
import { DEFAULT_MAX_ATTEMPTS, nextAttemptAt } from '../../../domain/notifications/retry-schedule.ts';
import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { type OutboundMessage, type SenderSet, createSenders, deliveryErrorCode, redactRecipient } from './delivery-adapters.ts';
import { claimDueMessages, markFailedAttempt, markSent, releaseClaims } from './outbox.store.ts';

/**
 * Delivers the outbox. All state lives in the `outbox` table (claims are row locks with an
 * expiry), so any number of server processes can run this worker on one database: a message is
 * claimed by one of them at a time, and one whose worker died is claimed again once its lock runs out.
 */

/** Structured logger (pino's and Fastify's `log` fit). Entries carry message id and channel, never recipient or body. */
export interface NotificationLog {
  info(entry: Record<string, unknown>, msg: string): void;
  warn(entry: Record<string, unknown>, msg: string): void;
  error(entry: Record<string, unknown>, msg: string): void;
}

const consoleLog: NotificationLog = {
  info: (entry, msg) => console.log(JSON.stringify({ level: 'info', msg, ...entry })),
  warn: (entry, msg) => console.warn(JSON.stringify({ level: 'warn', msg, ...entry })),
  error: (entry, msg) => console.error(JSON.stringify({ level: 'error', msg, ...entry })),
};

export interface DeliverOptions {
  /** Messages claimed per pass (default 20). */
  batchSize?: number;
  /** How long a claim holds (default 5 min); must exceed sendTimeoutMs by LOCK_MARGIN_MS. */
  lockMs?: number;
  /** Longest one send may take before it counts as failed (default 30 s). */
  sendTimeoutMs?: number;
  /** Attempts before a message is `failed` (default 6: the first and five retries). */
  maxAttempts?: number;
  log?: NotificationLog;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  /** Failed this time, another attempt scheduled. */
  retried: number;
  /** Failed for the last time: status `failed`. */
  failed: number;
  /** Claimed but handed back unsent, because this worker's lock would have run out first. */
  released: number;
}

/** Room left between the end of the longest send and the end of the claim. */
export const LOCK_MARGIN_MS = 5_000;

function resolveOptions(opts: DeliverOptions) {
  const batchSize = opts.batchSize ?? 20;
  const lockMs = opts.lockMs ?? 5 * 60_000;
  const sendTimeoutMs = opts.sendTimeoutMs ?? 30_000;
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  if (!(sendTimeoutMs > 0)) throw new RangeError('sendTimeoutMs must be positive');
  if (!(lockMs >= sendTimeoutMs + LOCK_MARGIN_MS)) throw new RangeError('lockMs must exceed sendTimeoutMs by LOCK_MARGIN_MS');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a positive integer');
  return { batchSize, lockMs, sendTimeoutMs, maxAttempts, log: opts.log ?? consoleLog };
}

/**
 * One pass: claims up to `batchSize` due messages, sends each through its channel's sender, and
 * marks it `sent`, or schedules the next attempt (1 min, 5 min, 30 min, 2 h, 6 h), or marks it
 * `failed` when its attempts are used up. `now` is the time of the pass; later times in the pass
 * (sent_at, next attempt) are `now` plus the time the pass has taken.
 */
export async function deliverDueMessages(db: Database, senders: SenderSet, now: Date, opts: DeliverOptions = {}): Promise<DeliveryReport> {
  const { batchSize, lockMs, sendTimeoutMs, maxAttempts, log } = resolveOptions(opts);
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const clock = () => new Date(now.getTime() + Math.round(elapsed()));
  const lockUntil = new Date(now.getTime() + lockMs);

  const rows = await claimDueMessages(db, now, lockUntil, batchSize);
  const report: DeliveryReport = { claimed: rows.length, sent: 0, retried: 0, failed: 0, released: 0 };

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // Never send under a lock that may run out mid-send: another worker could take the message too.
    if (elapsed() + sendTimeoutMs + LOCK_MARGIN_MS > lockMs) {
      const rest = rows.slice(i).map((r) => r.id);
      await releaseClaims(db, rest, lockUntil);
      report.released = rest.length;
      log.warn({ released: rest.length }, 'outbox: claim running out, messages handed back');
      break;
    }
    const message: OutboundMessage = {
      id: row.id,
      channel: row.channel,
      recipient: row.recipient,
      subject: row.subject,
      body: row.body,
      kind: row.kind,
      dossierId: row.dossier_id,
    };
    const entry = { messageId: row.id, channel: row.channel, attempt: row.attempts };
    try {
      await senders[row.channel].send(message, AbortSignal.timeout(sendTimeoutMs));
    } catch (err) {
      const next = nextAttemptAt(clock(), row.attempts, maxAttempts);
      const text = err instanceof Error ? err.message : String(err);
      await markFailedAttempt(db, row.id, redactRecipient(text, row.recipient), next);
      const code = deliveryErrorCode(err);
      if (next) {
        report.retried++;
        log.warn({ ...entry, code, nextAttemptAt: next.toISOString() }, 'outbox: send failed, retry scheduled');
      } else {
        report.failed++;
        log.error({ ...entry, code }, 'outbox: send failed, no attempts left');
      }
      continue;
    }
    await markSent(db, row.id, clock());
    report.sent++;
    log.info(entry, 'outbox: message sent');
  }
  return report;
}

export interface OutboxWorkerOptions extends DeliverOptions {
  /** Time between passes (default 15 s). A pass that finds a full batch goes on at once. */
  intervalMs?: number;
  /** Senders per channel; default `createSenders(config)`, closed by stop(). Senders passed in stay open. */
  senders?: SenderSet;
  /** The time of each pass; default the system clock. */
  now?: () => Date;
}

export interface OutboxWorker {
  /** Runs a pass now, or waits for the one already running; never two at once. */
  runNow(): Promise<void>;
  /** Stops the timer, waits for a running pass to finish and closes the senders it made. */
  stop(): Promise<void>;
}

/**
 * Runs `deliverDueMessages` every `intervalMs` in this process (the timer does not keep the
 * process alive). Passes never overlap within a process; across processes the row locks keep
 * each message to one worker.
 */
export function startOutboxWorker(db: Database, config: Pick<AppConfig, 'smtpUrl' | 'mailFrom' | 'dataDir'>, opts: OutboxWorkerOptions = {}): OutboxWorker {
  const { batchSize, log } = resolveOptions(opts);
  const intervalMs = opts.intervalMs ?? 15_000;
  if (!(intervalMs > 0)) throw new RangeError('intervalMs must be positive');
  const senders = opts.senders ?? createSenders(config);
  const now = opts.now ?? (() => new Date());
  let stopped = false;
  let running: Promise<void> | null = null;

  const pass = async () => {
    // Drain: a full batch means more may be due.
    while (!stopped) {
      const report = await deliverDueMessages(db, senders, now(), opts);
      if (report.claimed < batchSize || report.released > 0) return;
    }
  };

  const tick = (): Promise<void> => {
    if (running) return running;
    if (stopped) return Promise.resolve();
    running = pass()
      .catch((err: unknown) => {
        // Database trouble: the claims expire and the next pass, here or elsewhere, takes them again.
        log.error({ code: deliveryErrorCode(err), error: err instanceof Error ? err.message : String(err) }, 'outbox: worker pass failed');
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  const first = setTimeout(() => void tick(), 0);
  first.unref();

  return {
    runNow: tick,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      if (running) await running;
      if (!opts.senders) await Promise.all(Object.values(senders).map((s) => s.close?.()));
    },
  };
}
