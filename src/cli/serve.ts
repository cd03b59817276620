import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/app.ts';
import { startScheduler } from '../server/jobs/scheduler.ts';
import { startOutboxWorker } from '../server/modules/notifications/outbox-worker.ts';
import { loadConfig } from '../server/config.ts';
import { DEMO_ACCOUNT_LABELS, DEMO_PASSWORD } from '../server/seed/demo-province.ts';
import { isEmpty, seedDemo } from '../server/seed/seed.ts';
import { describeDatabase, openMigrated } from './open.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// CONGVU_WEB_DIR lets a test run (or a second checkout) serve its own build of the web app.
export const WEB_DIR = process.env.CONGVU_WEB_DIR ? path.resolve(process.env.CONGVU_WEB_DIR) : path.join(ROOT, 'dist/web');

/** Builds the web app with Vite when it has not been built yet (a fresh clone after `npm ci`). */
export function buildWebIfMissing(): void {
  if (fs.existsSync(path.join(WEB_DIR, 'index.html'))) return;
  console.log('Đang dựng giao diện web (lần đầu)…');
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', WEB_DIR], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Dựng giao diện web thất bại (vite build).');
}

export async function serve(opts: { buildWebIfMissing?: boolean; seed?: boolean }) {
  const config = loadConfig();
  if (opts.buildWebIfMissing) buildWebIfMissing();
  const handle = await openMigrated(config);
  let seeded = false;
  if (opts.seed !== false && (await isEmpty(handle.db))) {
    console.log('Cơ sở dữ liệu trống: nạp dữ liệu mẫu…');
    await seedDemo(handle.db, { log: console.log });
    seeded = true;
  }
  const app = await buildApp({ db: handle.db, readDb: handle.readDb, config, webDir: WEB_DIR, logger: true });
  await app.listen({ port: config.port, host: config.host });
  // CONGVU_JOBS=off: a process that serves only (benchmarks, or extra web processes when another runs the jobs).
  const stopScheduler = process.env.CONGVU_JOBS === 'off' ? async () => {} : startScheduler(handle.db, config, app.log);
  const outbox = startOutboxWorker(handle.db, config, { intervalMs: 15_000, log: app.log });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`\ncongvu đang chạy tại http://${shown}:${config.port}  (dữ liệu: ${describeDatabase(config)})`);
  console.log(`Tài liệu API: http://${shown}:${config.port}/api/docs`);
  if (seeded || process.env.CONGVU_SHOW_DEMO !== '0') {
    console.log(`Tài khoản mẫu (mật khẩu: ${DEMO_PASSWORD}):`);
    for (const [username, label] of Object.entries(DEMO_ACCOUNT_LABELS)) console.log(`  ${username.padEnd(16)} ${label}`);
  }
  // SIGTERM (a process manager, a deploy) or Ctrl-C: stop accepting connections, let the requests
  // in flight finish — at most CONGVU_SHUTDOWN_DRAIN_MS (10 s), then their connections are cut —
  // and stop the jobs, and only then close the database those requests and jobs are still using.
  // A request that arrives meanwhile on an open connection gets a 503 SHUTTING_DOWN problem+json (app.ts).
  const drainMs = Number(process.env.CONGVU_SHUTDOWN_DRAIN_MS) || 10_000;
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    const deadline = Date.now() + drainMs;
    const jobs = Promise.all([stopScheduler(), outbox.stop()]);
    // A keep-alive connection is closed as soon as its last response is sent: otherwise an open
    // browser tab would hold the process for the keep-alive timeout (72 s).
    const reap = setInterval(() => app.server.closeIdleConnections(), 100);
    const cut = setTimeout(() => app.server.closeAllConnections(), drainMs);
    await app.close();
    clearInterval(reap);
    clearTimeout(cut);
    // A job still running past the deadline is cut too: its transaction rolls back and a later round redoes it.
    await Promise.race([jobs, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
