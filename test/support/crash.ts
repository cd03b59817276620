import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';
import { seedDemo } from '../../src/server/seed/seed.ts';
import { type Backend, createSeededTestDatabase } from './databases.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The seeded demo province where other processes can reach it: a PGlite data directory on disk
 * (CONGVU_DATA_DIR) or a throwaway PostgreSQL database (DATABASE_URL). `env` points a `congvu`
 * process at it. A PGlite directory is opened by one process at a time: `open()` it only while no
 * `congvu` process runs on it.
 */
export interface DiskDatabase {
  backend: Backend;
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

export async function createDiskDatabase(backend: Backend): Promise<DiskDatabase> {
  // The same seed as startTestApp, so an `npm test` run copies its template instead of seeding again.
  const seeded = await createSeededTestDatabase(backend, (d) => seedDemo(d.db, { volume: 0.02 }));
  if (backend === 'postgres') {
    await seeded.db.destroy();
    const url = seeded.url!;
    return { backend, env: { DATABASE_URL: url }, open: () => openDatabase({ databaseUrl: url }), drop: () => seeded.drop() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-faults-'));
  const dump = await seeded.dumpDataDir!();
  await seeded.drop();
  const copy = await openDatabase({ dataDir, loadDataDir: dump });
  await copy.close();
  return {
    backend,
    env: { DATABASE_URL: '', CONGVU_DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A running `congvu …` command: its output so far, a wait for a line, its exit. */
export interface CongvuProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stderr/stdout text matching `pattern` (checked as output arrives). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runCongvu(args: string[], env: Record<string, string>): CongvuProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/congvu.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', CONGVU_SHOW_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  child.stdout!.on('data', (d: Buffer) => ((out += d.toString('utf8')), notify()));
  child.stderr!.on('data', (d: Buffer) => ((err += d.toString('utf8')), notify()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(notify);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = (err + out).match(pattern);
          if (m) return done(() => resolve(m));
          if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`congvu ended before ${pattern}:\n${out}\n${err}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`))), timeoutMs);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      }),
  };
}

/** SIGKILL: no handler runs, nothing is flushed or closed; resolves once the process is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}
