/**
 * Issue 9, faults: a `congvu serve` process told to stop (SIGTERM) drains for up to
 * CONGVU_SHUTDOWN_DRAIN_MS. A request that reaches it meanwhile on a connection opened before —
 * a keep-alive connection in the middle of sending a request, or one pipelining its next request
 * behind a request still in flight — is refused in problem+json like every other refusal (503
 * SHUTTING_DOWN, Vietnamese, Retry-After, security headers, `Connection: close`), not with
 * Fastify's plain JSON; the request already in flight still completes, and the process exits
 * without waiting out the drain. The HTTP layer is the same on both databases: PGlite only.
 * Raw sockets, because fetch hides which connection a request travels on.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

const DRAIN_MS = 30_000;

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Reads the HTTP/1.1 responses of one socket in order (bodies with a Content-Length). */
function responsesOf(socket: net.Socket) {
  let buffered = Buffer.alloc(0);
  let closed = false;
  let wake = () => {};
  socket.on('data', (d: Buffer) => {
    buffered = Buffer.concat([buffered, d]);
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  socket.on('error', () => undefined);
  return {
    get closed() {
      return closed;
    },
    async next(): Promise<RawResponse> {
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end >= 0) {
          const [statusLine, ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
          const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
          expect(headers['transfer-encoding']).toBeUndefined();
          const length = Number(headers['content-length'] ?? 0);
          if (buffered.length >= end + 4 + length) {
            const body = buffered.subarray(end + 4, end + 4 + length).toString('utf8');
            buffered = buffered.subarray(end + 4 + length);
            return { status: Number(statusLine!.split(' ')[1]), headers, body };
          }
        }
        if (closed) throw new Error(`connection closed before a whole response: ${buffered.toString('utf8')}`);
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

async function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return { socket, responses: responsesOf(socket) };
}

/** True once the port refuses new connections: the server has begun closing. */
async function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(port, '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      resolve(false);
    });
    probe.once('error', () => resolve(true));
  });
}

const get = (url: string) => `GET ${url} HTTP/1.1\r\nHost: congvu\r\nConnection: keep-alive\r\n\r\n`;

function expectShuttingDown(res: RawResponse) {
  expect(res.status, res.body).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.headers.connection).toBe('close');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(JSON.parse(res.body)).toEqual({
    type: 'https://congvu.vn/problems/shutting-down',
    title: 'Dịch vụ tạm ngừng',
    status: 503,
    detail: 'Máy chủ đang khởi động lại, vui lòng thử lại sau giây lát.',
    code: 'SHUTTING_DOWN',
  });
}

describe('requests that arrive while the server drains after SIGTERM', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ CONGVU_JOBS: 'off', CONGVU_SHUTDOWN_DRAIN_MS: String(DRAIN_MS), CONGVU_SHOW_DEMO: '0' });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('get a 503 SHUTTING_DOWN problem+json on their open keep-alive connection; the request in flight completes', { timeout: 60_000 }, async () => {
    const port = Number(new URL(server.url).port);

    // Two keep-alive connections, each used once…
    const [half, piped] = [await connect(port), await connect(port)];
    for (const c of [half, piped]) {
      c.socket.write(get('/health'));
      const res = await c.responses.next();
      expect(res.status).toBe(200);
      expect(res.headers.connection).toBe('keep-alive');
    }
    // …then one sends part of a request's head, the other a login whose body is not complete.
    half.socket.write('GET /api/v1/public/procedures?limit=1 HTTP/1.1\r\nHost: congvu\r\n');
    const login = JSON.stringify({ username: 'khong.co.tai.khoan', password: 'sai-mat-khau' });
    piped.socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: congvu\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(login)}\r\n\r\n${login.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 300));

    const stopAt = Date.now();
    server.process.kill('SIGTERM');
    await expect.poll(() => refusesConnections(port), { timeout: 10_000, interval: 50 }).toBe(true);

    // The login finishes and a new request is pipelined right behind it, on the same connection.
    piped.socket.write(`${login.slice(10)}${get('/api/v1/me')}`);
    const loginRes = await piped.responses.next();
    expect(loginRes.status, loginRes.body).toBe(401);
    expect(JSON.parse(loginRes.body).code).not.toBe('SHUTTING_DOWN');
    expectShuttingDown(await piped.responses.next());

    half.socket.write('\r\n');
    expectShuttingDown(await half.responses.next());

    // Both connections are closed by the server, and the process ends without waiting out the drain.
    await expect.poll(() => half.responses.closed && piped.responses.closed, { timeout: 5_000 }).toBe(true);
    const code = server.process.exitCode ?? (await new Promise((resolve) => server.process.once('exit', resolve)));
    expect(code, server.output().slice(-2000)).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(DRAIN_MS / 2);
    expect(server.output()).not.toMatch(/unhandled error|uncaught/i);
  });
});
