/**
 * The outbox and its worker against real transports: a local SMTP server (smtp-server) decoded
 * with mailparser, an HTTP gateway for SMS / Zalo, and the JSON-lines file sink. Retries follow
 * the schedule and end in `failed`; two workers on one database deliver each message once.
 */
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, retryDelayMs } from '../../src/domain/notifications/retry-schedule.ts';
import {
  type FileSinkLine,
  type MessageSender,
  type OutboundMessage,
  type SenderSet,
  createSenders,
  SmtpEmailSender,
} from '../../src/server/modules/notifications/delivery-adapters.ts';
import {
  type DeliverOptions,
  deliverDueMessages,
  LOCK_MARGIN_MS,
  type NotificationLog,
  startOutboxWorker,
} from '../../src/server/modules/notifications/outbox-worker.ts';
import { claimDueMessages, enqueueMessages, type OutgoingMessage } from '../../src/server/modules/notifications/outbox.store.ts';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/databases.ts';

const MAIL_FROM = 'Bộ phận Một cửa <no-reply@congvu.local>';
const T0 = new Date('2026-03-02T01:00:00.000Z');

// ---------------------------------------------------------------------------------------------
// A local SMTP server that records what it receives

interface ReceivedMail {
  mailFrom: string | null;
  rcptTo: string[];
  user: string | null;
  raw: Buffer;
}

interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** When set, RCPT TO is refused with this SMTP code (the reply quotes the address, as servers do). */
  rejectWith: number | null;
  close(): Promise<void>;
}

async function startSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = { url: '', received: [], rejectWith: null, close: async () => undefined };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'congvu' && auth.password === 'bí-mật') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (state.rejectWith === null) return callback();
      const err: Error & { responseCode?: number } = new Error(`Mailbox <${address.address}> unavailable`);
      err.responseCode = state.rejectWith;
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((a) => a.address),
          user: typeof session.user === 'string' ? session.user : null,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://congvu:${encodeURIComponent('bí-mật')}@127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

// ---------------------------------------------------------------------------------------------
// A local HTTP gateway for SMS / Zalo

interface GatewayRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

interface TestGateway {
  url: string;
  requests: GatewayRequest[];
  /** Status to answer with; null: never answer (to test the timeout). */
  status: number | null;
  close(): Promise<void>;
}

async function startGateway(): Promise<TestGateway> {
  const state: TestGateway = { url: '', requests: [], status: 202, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      if (state.status === null) return; // hang
      res.writeHead(state.status, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  entry: Record<string, unknown>;
}

function captureLog(): { log: NotificationLog; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    log: {
      info: (entry, msg) => entries.push({ level: 'info', msg, entry }),
      warn: (entry, msg) => entries.push({ level: 'warn', msg, entry }),
      error: (entry, msg) => entries.push({ level: 'error', msg, entry }),
    },
  };
}

function email(recipient: string, subject: string, body: string): OutgoingMessage {
  return { channel: 'email', recipient, subject, body, kind: 'received', dossierId: null };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-outbox-'));
}

function readLines(file: string): FileSinkLine[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as FileSinkLine);
}

/** A sender that records what it is given and waits `delayMs` per message. */
function recordingSender(channel: OutboundMessage['channel'], delayMs = 0): MessageSender & { sent: OutboundMessage[] } {
  const sent: OutboundMessage[] = [];
  return {
    channel,
    transport: 'test',
    sent,
    async send(message) {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      sent.push(message);
    },
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ---------------------------------------------------------------------------------------------

describe.each(BACKENDS)('notifications outbox on %s', (backend) => {
  let t: TestDatabase;
  let smtp: TestSmtp;
  let gateway: TestGateway;
  const dirs: string[] = [];
  const openSenders: SenderSet[] = [];

  const outboxRow = (id: string) => t.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const allRows = () => t.db.selectFrom('outbox').selectAll().orderBy('recipient').execute();

  /** SMTP for e-mail; SMS and Zalo to the file sink in a fresh folder (unless env says otherwise). */
  function senders(env: NodeJS.ProcessEnv = {}, smtpUrl: string | undefined = smtp.url): SenderSet {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const s = createSenders({ smtpUrl, mailFrom: MAIL_FROM, dataDir }, env);
    openSenders.push(s);
    return s;
  }

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    smtp = await startSmtp();
    gateway = await startGateway();
  });

  afterAll(async () => {
    for (const s of openSenders) for (const sender of Object.values(s)) await sender.close?.();
    await smtp?.close();
    await gateway?.close();
    await t?.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await t.db.deleteFrom('outbox').execute();
    smtp.received.length = 0;
    smtp.rejectWith = null;
    gateway.requests.length = 0;
    gateway.status = 202;
  });

  afterEach(() => {
    smtp.rejectWith = null;
  });

  it('delivers an e-mail over SMTP: right recipient, Vietnamese subject and body intact, row sent', async () => {
    const subject = 'Đã tiếp nhận hồ sơ H01.23-260302-0001 — Cấp giấy phép xây dựng nhà ở riêng lẻ';
    const body = 'Ủy ban nhân dân xã Hòa Bình đã tiếp nhận hồ sơ của ông/bà Nguyễn Văn Đức.\nHẹn trả kết quả: 09/03/2026 16:00.\nTra cứu: http://localhost:3000/tra-cuu/H01.23-260302-0001';
    await enqueueMessages(t.db, [email('nguyen.van.duc@example.vn', subject, body)], T0);
    const [queued] = await allRows();
    const { log, entries } = captureLog();

    const report = await deliverDueMessages(t.db, senders(), T0, { log });

    expect(report).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0, released: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.rcptTo).toEqual(['nguyen.van.duc@example.vn']);
    expect(mail.mailFrom).toBe('no-reply@congvu.local');
    expect(mail.user).toBe('congvu'); // authenticated with the user and password from SMTP_URL

    // On the wire the subject is an RFC 2047 encoded word, not raw UTF-8 …
    const rawHeaders = mail.raw.toString('utf8').split(/\r?\n\r?\n/)[0]!;
    expect(rawHeaders).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(rawHeaders).not.toContain('tiếp nhận');
    // … and decodes back to exactly what was queued.
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text?.trimEnd()).toBe(body);
    expect(parsed.html).toBe(false); // plain text only
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value[0]?.address).toBe('nguyen.van.duc@example.vn');
    const from = parsed.from?.value[0];
    expect(from?.name).toBe('Bộ phận Một cửa');
    expect(parsed.messageId).toBe(`<${queued!.id}@congvu.local>`);
    expect(parsed.headers.get('x-congvu-kind')).toBe('received');

    const row = await outboxRow(queued!.id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(1);
    expect(row.sent_at).not.toBeNull();
    expect(row.locked_until).toBeNull();
    expect(row.last_error).toBeNull();

    // The log names the message and the channel, never the address or the content.
    expect(entries).toEqual([{ level: 'info', msg: 'outbox: message sent', entry: { messageId: queued!.id, channel: 'email', attempt: 1 } }]);

    // Nothing is due any more.
    expect((await deliverDueMessages(t.db, senders(), new Date(T0.getTime() + 3_600_000), { log })).claimed).toBe(0);
  });

  it('a refused recipient is retried after 1 min, 5 min, 30 min, 2 h, 6 h, then marked failed', async () => {
    smtp.rejectWith = 550;
    const recipient = 'tu.choi@example.vn';
    await enqueueMessages(t.db, [email(recipient, 'Yêu cầu bổ sung hồ sơ', 'Nội dung riêng tư')], T0);
    const [queued] = await allRows();
    const id = queued!.id;
    const { log, entries } = captureLog();
    const s = senders();

    let at = T0;
    for (let attempt = 1; attempt <= DEFAULT_MAX_ATTEMPTS; attempt++) {
      const report = await deliverDueMessages(t.db, s, at, { log });
      expect(report.claimed).toBe(1);
      const row = await outboxRow(id);
      expect(row.attempts).toBe(attempt);
      expect(row.locked_until).toBeNull();
      expect(row.last_error).toContain('550');
      expect(row.last_error).not.toContain(recipient); // the server's reply quoted it; stored redacted
      const delay = retryDelayMs(attempt);
      if (delay === null) {
        expect(report).toMatchObject({ sent: 0, retried: 0, failed: 1 });
        expect(row.status).toBe('failed');
        break;
      }
      expect(report).toMatchObject({ sent: 0, retried: 1, failed: 0 });
      expect(row.status).toBe('pending');
      const wait = row.next_attempt_at.getTime() - at.getTime();
      expect(wait).toBeGreaterThanOrEqual(delay);
      expect(wait).toBeLessThan(delay + 10_000);
      // Not due a second early.
      expect((await deliverDueMessages(t.db, s, new Date(row.next_attempt_at.getTime() - 1_000), { log })).claimed).toBe(0);
      at = row.next_attempt_at;
    }

    const final = await outboxRow(id);
    expect(final.status).toBe('failed');
    expect(final.attempts).toBe(6);
    expect(final.sent_at).toBeNull();
    // A failed message is never picked up again.
    expect((await deliverDueMessages(t.db, s, new Date(T0.getTime() + 30 * 86_400_000), { log })).claimed).toBe(0);
    expect(smtp.received).toHaveLength(0);

    expect(entries.map((e) => e.level)).toEqual(['warn', 'warn', 'warn', 'warn', 'warn', 'error']);
    expect(entries[0]!.entry).toMatchObject({ messageId: id, channel: 'email', attempt: 1, code: 'EENVELOPE' });
    const logged = JSON.stringify(entries);
    expect(logged).not.toContain(recipient);
    expect(logged).not.toContain('Nội dung riêng tư');
  });

  it('a refused message that the server later accepts is sent on its retry', async () => {
    smtp.rejectWith = 451; // temporary failure
    await enqueueMessages(t.db, [email('tam.thoi@example.vn', 'Kết quả đã có', 'Mời ông/bà đến nhận kết quả.')], T0);
    const [queued] = await allRows();
    const s = senders();
    const { log } = captureLog();
    expect(await deliverDueMessages(t.db, s, T0, { log })).toMatchObject({ retried: 1 });
    smtp.rejectWith = null;
    const row = await outboxRow(queued!.id);
    expect(await deliverDueMessages(t.db, s, row.next_attempt_at, { log })).toMatchObject({ sent: 1 });
    const sent = await outboxRow(queued!.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(smtp.received.map((m) => m.rcptTo)).toEqual([['tam.thoi@example.vn']]);
  });

  it('writes one JSON line per message to <dataDir>/outbox/<channel>.jsonl when no transport is configured', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const s = createSenders({ smtpUrl: undefined, mailFrom: MAIL_FROM, dataDir }, {});
    expect(Object.values(s).map((x) => x.transport)).toEqual(['file', 'file', 'file']);
    await enqueueMessages(
      t.db,
      [
        email('a@example.vn', 'Đã tiếp nhận hồ sơ X', 'Thân thư "có ngoặc"\nvà xuống dòng'),
        { channel: 'sms', recipient: '0912345678', subject: 'Đã tiếp nhận', body: 'Ho so X da duoc tiep nhan.', kind: 'received', dossierId: null },
        { channel: 'sms', recipient: '0987654321', subject: 'Bổ sung', body: 'Ho so Y can bo sung.', kind: 'supplement_requested', dossierId: null },
        { channel: 'zalo', recipient: '0901234567', subject: 'Kết quả', body: 'Hồ sơ Z đã có kết quả.', kind: 'result_ready', dossierId: null },
      ],
      T0,
    );
    const { log } = captureLog();
    expect(await deliverDueMessages(t.db, s, T0, { log })).toMatchObject({ claimed: 4, sent: 4 });

    const dir = path.join(dataDir, 'outbox');
    const emails = readLines(path.join(dir, 'email.jsonl'));
    const sms = readLines(path.join(dir, 'sms.jsonl'));
    const zalo = readLines(path.join(dir, 'zalo.jsonl'));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ channel: 'email', to: 'a@example.vn', subject: 'Đã tiếp nhận hồ sơ X', text: 'Thân thư "có ngoặc"\nvà xuống dòng', kind: 'received', dossierId: null });
    expect(sms.map((l) => l.to).sort()).toEqual(['0912345678', '0987654321']);
    expect(zalo).toEqual([expect.objectContaining({ channel: 'zalo', to: '0901234567', text: 'Hồ sơ Z đã có kết quả.', kind: 'result_ready' })]);
    const ids = (await allRows()).map((r) => r.id).sort();
    expect([...emails, ...sms, ...zalo].map((l) => l.id).sort()).toEqual(ids);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'sms.jsonl')).mode & 0o777).toBe(0o600);
    expect((await allRows()).every((r) => r.status === 'sent')).toBe(true);

    // Appends, never rewrites.
    await enqueueMessages(t.db, [{ channel: 'sms', recipient: '0911111111', subject: '-', body: 'Lan hai', kind: 'received', dossierId: null }], T0);
    await deliverDueMessages(t.db, s, T0, { log });
    expect(readLines(path.join(dir, 'sms.jsonl'))).toHaveLength(3);
  });

  it('sends SMS and Zalo through the HTTP gateways: POST {to, text}, bearer token, idempotency key', async () => {
    const s = senders({
      CONGVU_SMS_WEBHOOK_URL: `${gateway.url}/sms?key=abc`,
      CONGVU_SMS_WEBHOOK_TOKEN: 'sms-token',
      CONGVU_ZALO_WEBHOOK_URL: `${gateway.url}/zalo`,
    });
    expect([s.sms.transport, s.zalo.transport]).toEqual(['webhook', 'webhook']);
    await enqueueMessages(
      t.db,
      [
        { channel: 'sms', recipient: '0912345678', subject: 'Đã tiếp nhận', body: 'Ho so X da duoc tiep nhan.', kind: 'received', dossierId: null },
        { channel: 'zalo', recipient: '0901234567', subject: 'Kết quả', body: 'Hồ sơ Z đã có kết quả.', kind: 'result_ready', dossierId: null },
      ],
      T0,
    );
    const { log } = captureLog();
    expect(await deliverDueMessages(t.db, s, T0, { log })).toMatchObject({ claimed: 2, sent: 2 });
    const rows = await allRows();
    const smsReq = gateway.requests.find((r) => r.path.startsWith('/sms'));
    const zaloReq = gateway.requests.find((r) => r.path === '/zalo');
    expect(smsReq?.path).toBe('/sms?key=abc');
    expect(smsReq?.body).toEqual({ to: '0912345678', text: 'Ho so X da duoc tiep nhan.' });
    expect(smsReq?.headers.authorization).toBe('Bearer sms-token');
    expect(smsReq?.headers['content-type']).toMatch(/^application\/json/);
    expect(smsReq?.headers['idempotency-key']).toBe(rows.find((r) => r.channel === 'sms')?.id);
    expect(zaloReq?.body).toEqual({ to: '0901234567', text: 'Hồ sơ Z đã có kết quả.' });
    expect(zaloReq?.headers.authorization).toBeUndefined();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('a gateway error or a gateway that does not answer schedules a retry', async () => {
    const s = senders({ CONGVU_SMS_WEBHOOK_URL: `${gateway.url}/sms`, CONGVU_WEBHOOK_TIMEOUT_MS: '300' });
    await enqueueMessages(t.db, [{ channel: 'sms', recipient: '0912345678', subject: '-', body: 'Tin nhan', kind: 'received', dossierId: null }], T0);
    const [queued] = await allRows();
    const { log, entries } = captureLog();

    gateway.status = 503;
    expect(await deliverDueMessages(t.db, s, T0, { log })).toMatchObject({ retried: 1 });
    let row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'sms gateway: HTTP 503' });

    gateway.status = null; // hangs
    const started = Date.now();
    expect(await deliverDueMessages(t.db, s, row.next_attempt_at, { log })).toMatchObject({ retried: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.last_error).toContain('quá thời gian chờ');
    expect(entries.map((e) => e.entry.code)).toEqual(['HTTP_503', 'ETIMEDOUT']);
    expect(JSON.stringify(entries)).not.toContain('0912345678');
  });

  it('two workers running at once deliver each message exactly once', async () => {
    const count = 40;
    await enqueueMessages(
      t.db,
      Array.from({ length: count }, (_, i) => email(`cong.dan.${String(i).padStart(2, '0')}@example.vn`, `Thông báo số ${i}`, `Nội dung ${i}`)),
      T0,
    );
    const opts: DeliverOptions = { batchSize: 3, log: captureLog().log };
    const drain = async (s: SenderSet) => {
      let sent = 0;
      for (;;) {
        const r = await deliverDueMessages(t.db, s, T0, opts);
        sent += r.sent;
        if (r.claimed === 0) return sent;
      }
    };
    const [a, b] = await Promise.all([drain(senders()), drain(senders())]);

    expect(a + b).toBe(count);
    if (backend === 'postgres') {
      // Both really worked (each claimed its own rows), and neither took the other's.
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    }
    const perRecipient = new Map<string, number>();
    for (const m of smtp.received) for (const r of m.rcptTo) perRecipient.set(r, (perRecipient.get(r) ?? 0) + 1);
    expect(smtp.received).toHaveLength(count);
    expect(perRecipient.size).toBe(count);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    const rows = await allRows();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('concurrent claims never hand the same row to two workers', async () => {
    await enqueueMessages(
      t.db,
      Array.from({ length: 30 }, (_, i) => email(`claim.${i}@example.vn`, 'x', 'y')),
      T0,
    );
    const lock = new Date(T0.getTime() + 60_000);
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimDueMessages(t.db, T0, lock, 7)));
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(30);
  });

  it('a message claimed by a worker that died is delivered once its lock runs out', async () => {
    await enqueueMessages(t.db, [email('sau.su.co@example.vn', 'Khôi phục sau sự cố', 'Nội dung')], T0);
    // A worker claims it and dies before sending.
    await claimDueMessages(t.db, T0, new Date(T0.getTime() + 5 * 60_000), 10);
    const s = senders();
    const { log } = captureLog();
    expect((await deliverDueMessages(t.db, s, new Date(T0.getTime() + 60_000), { log })).claimed).toBe(0);
    expect(await deliverDueMessages(t.db, s, new Date(T0.getTime() + 6 * 60_000), { log })).toMatchObject({ claimed: 1, sent: 1 });
    const [row] = await allRows();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  it('hands back the rest of a batch rather than send under a lock that may run out', async () => {
    const sendTimeoutMs = 100;
    const slow = recordingSender('email', 250);
    const s: SenderSet = { email: slow, sms: recordingSender('sms'), zalo: recordingSender('zalo') };
    await enqueueMessages(t.db, [email('x1@example.vn', 'a', 'b'), email('x2@example.vn', 'a', 'b'), email('x3@example.vn', 'a', 'b')], T0);
    const { log } = captureLog();
    const report = await deliverDueMessages(t.db, s, T0, { log, sendTimeoutMs: 1_000, lockMs: 1_000 + LOCK_MARGIN_MS + 100 });
    expect(report).toMatchObject({ claimed: 3, sent: 1, released: 2 });
    expect(slow.sent).toHaveLength(1);
    const rows = await allRows();
    const waiting = rows.filter((r) => r.status === 'pending');
    expect(waiting).toHaveLength(2);
    // Handed back as if never claimed: free at once, the attempt not counted.
    expect(waiting.every((r) => r.locked_until === null && r.attempts === 0)).toBe(true);
    expect(await deliverDueMessages(t.db, s, T0, { log, sendTimeoutMs })).toMatchObject({ claimed: 2, sent: 2 });
  });

  it('startOutboxWorker delivers on its timer, never runs two passes at once, and stops', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    let inFlight = 0;
    let maxInFlight = 0;
    const inner = recordingSender('sms', 30);
    const counting: MessageSender = {
      channel: 'sms',
      transport: 'test',
      async send(m, signal) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          await inner.send(m, signal);
        } finally {
          inFlight--;
        }
      },
    };
    const s: SenderSet = { ...createSenders({ smtpUrl: undefined, mailFrom: MAIL_FROM, dataDir }, {}), sms: counting };
    await enqueueMessages(
      t.db,
      Array.from({ length: 12 }, (_, i) => ({ channel: 'sms' as const, recipient: `09000000${String(i).padStart(2, '0')}`, subject: '-', body: `Tin ${i}`, kind: 'received', dossierId: null })),
      new Date(),
    );
    const { log } = captureLog();
    const worker = startOutboxWorker(t.db, { smtpUrl: undefined, mailFrom: MAIL_FROM, dataDir }, { intervalMs: 10, batchSize: 5, senders: s, log });
    try {
      await Promise.all([worker.runNow(), worker.runNow(), worker.runNow()]);
      await waitFor(async () => (await allRows()).every((r) => r.status === 'sent'));
    } finally {
      await worker.stop();
    }
    expect(inner.sent).toHaveLength(12);
    expect(new Set(inner.sent.map((m) => m.id)).size).toBe(12);
    expect(maxInFlight).toBe(1);

    // Stopped: nothing more is delivered.
    await enqueueMessages(t.db, [{ channel: 'sms', recipient: '0911111111', subject: '-', body: 'sau khi dừng', kind: 'received', dossierId: null }], new Date());
    await worker.runNow();
    await new Promise((r) => setTimeout(r, 60));
    expect(inner.sent).toHaveLength(12);
  });
});

describe('SmtpEmailSender', () => {
  it('reports an unreachable server as a failed send with a code, not a hang', async () => {
    // A port that was free a moment ago: nothing listens, the connection is refused.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${port}`, from: MAIL_FROM, timeoutMs: 2_000 });
    const message: OutboundMessage = { id: '00000000-0000-4000-8000-000000000000', channel: 'email', recipient: 'a@example.vn', subject: 'x', body: 'y', kind: 'k', dossierId: null };
    await expect(sender.send(message, AbortSignal.timeout(5_000))).rejects.toMatchObject({ name: 'DeliveryError', code: 'ESOCKET' });
    await sender.close();
  });
});
