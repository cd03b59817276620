import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../../config.ts';

/**
 * The ways an outgoing message leaves congvu: e-mail over SMTP, SMS and Zalo through an HTTP
 * gateway, or a JSON-lines file under the data directory when no gateway is configured.
 * Senders never log: the worker logs message id and channel only (recipient and body are
 * personal data).
 */

export type Channel = 'email' | 'sms' | 'zalo';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'zalo'];

/** One outbox row as the worker hands it to a sender. */
export interface OutboundMessage {
  id: string;
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
  kind: string;
  dossierId: string | null;
}

export interface MessageSender {
  readonly channel: Channel;
  /** How it delivers, for logs and diagnostics: 'smtp', 'file' or 'webhook'. Never an address. */
  readonly transport: string;
  /** Resolves once the message is accepted; rejects to have it retried. Gives up when `signal` aborts. */
  send(message: OutboundMessage, signal: AbortSignal): Promise<void>;
  /** Releases connections; called once when the worker stops. */
  close?(): Promise<void>;
}

/** One sender per channel. */
export type SenderSet = Readonly<Record<Channel, MessageSender>>;

/** A failed delivery. `code` is safe to log; `message` names no recipient and quotes no body. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes the recipient from a text (servers echo it in their replies) before it is stored. */
export function redactRecipient(text: string, recipient: string): string {
  const r = recipient.trim();
  if (r.length < 3) return text;
  return text.replace(new RegExp(escapeRegExp(r), 'gi'), '[người nhận]');
}

/** A short machine code for an error: safe to log (no address, no content). */
export function deliveryErrorCode(err: unknown): string {
  if (err instanceof DeliveryError) return err.code;
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'ETIMEDOUT';
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
  }
  return 'ERROR';
}

// ---------------------------------------------------------------------------------------------
// E-mail over SMTP

export interface SmtpEmailSenderOptions {
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps://… (TLS from the start). */
  url: string;
  /** The From header, e.g. `congvu <no-reply@example.gov.vn>`. */
  from: string;
  /** Connect, greeting and idle-socket timeouts. */
  timeoutMs?: number;
}

export class SmtpEmailSender implements MessageSender {
  readonly channel = 'email' as const;
  readonly transport = 'smtp';
  private readonly mailer;
  private readonly from: string;
  private readonly messageIdDomain: string;

  constructor(opts: SmtpEmailSenderOptions) {
    const timeoutMs = opts.timeoutMs ?? 20_000;
    this.from = opts.from;
    this.messageIdDomain = /@([A-Za-z0-9.-]+)/.exec(opts.from)?.[1] ?? 'congvu.local';
    // nodemailer (15 MB resident) is loaded by the first message, not at start.
    this.mailer = import('nodemailer').then(({ createTransport }) =>
      createTransport({
        url: opts.url,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        // Bodies are plain text we wrote; never let a message pull a file or a URL in.
        disableFileAccess: true,
        disableUrlAccess: true,
      }),
    );
  }

  async send(message: OutboundMessage, signal: AbortSignal): Promise<void> {
    try {
      const info = await (await this.mailer).sendMail({
        from: this.from,
        to: message.recipient,
        // nodemailer encodes non-ASCII headers as RFC 2047 encoded words and the body as UTF-8.
        subject: message.subject.normalize('NFC'),
        text: message.body.normalize('NFC'),
        // The outbox id makes the Message-ID stable, so a resend after a crash can be recognised.
        messageId: `<${message.id}@${this.messageIdDomain}>`,
        headers: { 'X-Congvu-Kind': message.kind },
        signal,
      });
      if (info.rejected.length > 0) throw new DeliveryError('SMTP: người nhận bị từ chối', 'EENVELOPE');
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      const e = err as { message?: unknown; responseCode?: unknown };
      const reply = typeof e.responseCode === 'number' ? ` ${e.responseCode}` : '';
      const text = typeof e.message === 'string' ? e.message : String(err);
      throw new DeliveryError(`SMTP ${deliveryErrorCode(err)}${reply}: ${redactRecipient(text, message.recipient)}`, deliveryErrorCode(err));
    }
  }

  async close(): Promise<void> {
    (await this.mailer).close();
  }
}

// ---------------------------------------------------------------------------------------------
// SMS and Zalo through an HTTP gateway

export interface WebhookSenderOptions {
  /** Receives `POST {"to": "...", "text": "..."}` as JSON; any 2xx means accepted. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string | undefined;
  timeoutMs?: number;
}

/**
 * A pluggable SMS / Zalo gateway: the provider (or a small relay in front of it) takes one JSON
 * POST per message. The outbox id goes in `Idempotency-Key`, so a gateway can drop a resend.
 */
export class WebhookSender implements MessageSender {
  readonly transport = 'webhook';
  constructor(
    readonly channel: Channel,
    private readonly opts: WebhookSenderOptions,
  ) {}

  async send(message: OutboundMessage, signal: AbortSignal): Promise<void> {
    const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 10_000);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'idempotency-key': message.id,
    };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    let res: Response;
    try {
      res = await fetch(this.opts.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: message.recipient, text: message.body.normalize('NFC') }),
        signal: AbortSignal.any([signal, timeout]),
        redirect: 'error',
      });
    } catch (err) {
      if (timeout.aborted || signal.aborted) throw new DeliveryError(`${this.channel} gateway: quá thời gian chờ`, 'ETIMEDOUT');
      const cause = (err as { cause?: unknown }).cause;
      const code = deliveryErrorCode(cause ?? err);
      // The URL may carry a key in its query string: it stays out of the error.
      throw new DeliveryError(`${this.channel} gateway: lỗi kết nối (${code})`, code);
    }
    // The reply body may echo the recipient: read it away, never keep it.
    await res.body?.cancel().catch(() => undefined);
    if (!res.ok) throw new DeliveryError(`${this.channel} gateway: HTTP ${res.status}`, `HTTP_${res.status}`);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON-lines file sink

/** What one line of `<dataDir>/outbox/<channel>.jsonl` holds. */
export interface FileSinkLine {
  id: string;
  channel: Channel;
  to: string;
  subject: string;
  text: string;
  kind: string;
  dossierId: string | null;
  writtenAt: string;
}

/**
 * Appends one JSON line per message to `<dir>/<channel>.jsonl` (readable by the owner only).
 * The default for SMS and Zalo, and for e-mail when SMTP_URL is unset: a demo or a commune
 * without gateways still sees every message that would have gone out.
 */
export class FileSink implements MessageSender {
  readonly transport = 'file';
  readonly file: string;
  constructor(
    readonly channel: Channel,
    private readonly dir: string,
  ) {
    this.file = path.join(dir, `${channel}.jsonl`);
  }

  async send(message: OutboundMessage, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const line: FileSinkLine = {
      id: message.id,
      channel: this.channel,
      to: message.recipient,
      subject: message.subject,
      text: message.body,
      kind: message.kind,
      dossierId: message.dossierId,
      writtenAt: new Date().toISOString(),
    };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // One write of one line in append mode: lines from several processes do not interleave.
    await appendFile(this.file, `${JSON.stringify(line)}\n`, { encoding: 'utf8', mode: 0o600 });
  }
}

// ---------------------------------------------------------------------------------------------

/** The file sink folder: `<dataDir>/outbox`. */
export function outboxFileDir(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'outbox');
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Picks the sender of each channel:
 * - email: SMTP when `SMTP_URL` is set (config.smtpUrl), else the file sink;
 * - sms: `CONGVU_SMS_WEBHOOK_URL` (token `CONGVU_SMS_WEBHOOK_TOKEN`), else the file sink;
 * - zalo: `CONGVU_ZALO_WEBHOOK_URL` (token `CONGVU_ZALO_WEBHOOK_TOKEN`), else the file sink.
 * Gateways time out after `CONGVU_WEBHOOK_TIMEOUT_MS` (default 10 000).
 */
export function createSenders(config: Pick<AppConfig, 'smtpUrl' | 'mailFrom' | 'dataDir'>, env: NodeJS.ProcessEnv = process.env): SenderSet {
  const dir = outboxFileDir(config);
  const timeoutMs = positiveInt(env.CONGVU_WEBHOOK_TIMEOUT_MS, 10_000);
  const gateway = (channel: 'sms' | 'zalo', url: string | undefined, token: string | undefined): MessageSender =>
    url ? new WebhookSender(channel, { url, token: token || undefined, timeoutMs }) : new FileSink(channel, dir);
  return {
    email: config.smtpUrl ? new SmtpEmailSender({ url: config.smtpUrl, from: config.mailFrom }) : new FileSink('email', dir),
    sms: gateway('sms', env.CONGVU_SMS_WEBHOOK_URL, env.CONGVU_SMS_WEBHOOK_TOKEN),
    zalo: gateway('zalo', env.CONGVU_ZALO_WEBHOOK_URL, env.CONGVU_ZALO_WEBHOOK_TOKEN),
  };
}
