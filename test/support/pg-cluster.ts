import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server.ts';

/** Where Debian installs PostgreSQL 15 (the lowest supported server); CONGVU_PG_BIN overrides it. */
export const PG_BIN = process.env.CONGVU_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** initdb refuses to run as root: as root the cluster belongs to the `postgres` user. */
const RUN_AS = process.getuid?.() === 0 ? 'postgres' : null;
const idOf = (flag: '-u' | '-g') => Number(spawnSync('id', [flag, RUN_AS!], { encoding: 'utf8' }).stdout.trim());

/** Why a private cluster cannot be made here, or null when it can. */
export const pgClusterUnavailable: string | null = !['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(PG_BIN, b)))
  ? `PostgreSQL binaries not found in ${PG_BIN} (set CONGVU_PG_BIN)`
  : RUN_AS && spawnSync('id', ['-u', RUN_AS]).status !== 0
    ? 'running as root without a postgres user to run initdb'
    : null;

export interface PgCluster {
  port: number;
  /** postgres://… of a database on this cluster (default `postgres`). */
  url(database?: string): string;
  /** `pg_ctl stop -m <mode>`: fast terminates the sessions and checkpoints; immediate is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster (if running) and removes its folder. */
  destroy(): Promise<void>;
  /** The server's log, for a failure message. */
  log(): string;
}

/** Runs a PostgreSQL binary, as the `postgres` user when this process is root (initdb refuses root). */
function run(bin: string, args: string[], asUser: string | null): Promise<{ code: number | null; output: string }> {
  const [cmd, argv] = asUser ? ['runuser', ['-u', asUser, '--', path.join(PG_BIN, bin), ...args]] : [path.join(PG_BIN, bin), args];
  return new Promise((resolve, reject) => {
    // pg_ctl start leaves the postmaster running with the log file as its output: wait for the
    // command's exit, not for its pipes to close.
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/**
 * A PostgreSQL cluster of its own for one test: initdb into a temporary folder, a free port on
 * 127.0.0.1, trust authentication, fsync off. A test may stop and restart it under load without
 * disturbing the shared server other tests (and benchmarks) use.
 */
export async function startPgCluster(): Promise<PgCluster> {
  if (pgClusterUnavailable) throw new Error(pgClusterUnavailable);
  const asUser = RUN_AS;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-pgcluster-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (asUser) fs.chownSync(dir, idOf('-u'), idOf('-g'));
  const port = await freePort();
  const init = await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'], asUser);
  if (init.code !== 0) throw new Error(`initdb failed:\n${init.output}`);
  const settings = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${dir}`, '-c fsync=off', '-c full_page_writes=off', '-c shared_buffers=64MB', '-c max_connections=60'];
  let running = false;
  const cluster: PgCluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: async () => {
      const r = await run('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', settings.join(' '), 'start'], asUser);
      if (r.code !== 0) throw new Error(`pg_ctl start failed:\n${r.output}\n${cluster.log()}`);
      running = true;
    },
    stop: async (mode = 'fast') => {
      const r = await run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'], asUser);
      if (r.code !== 0) throw new Error(`pg_ctl stop failed:\n${r.output}`);
      running = false;
    },
    destroy: async () => {
      if (running) await cluster.stop('immediate').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
  };
  try {
    await cluster.start();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}
