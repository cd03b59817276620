import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { BackupError, cleanUpOnInterrupt } from './backup-file.ts';

export type PgTool = 'pg_dump' | 'pg_restore';

/** CONGVU_PG_BIN names the folder of PostgreSQL's client programs (/usr/lib/postgresql/16/bin); else PATH. */
function toolPath(tool: PgTool): string {
  const dir = process.env.CONGVU_PG_BIN;
  return dir ? path.join(dir, tool) : tool;
}

function installHint(tool: PgTool, major: number): string {
  return `cài gói postgresql-client-${major} (Debian/Ubuntu: apt-get install postgresql-client-${major}) hoặc đặt CONGVU_PG_BIN là thư mục chứa ${tool} (ví dụ /usr/lib/postgresql/${major}/bin)`;
}

/**
 * The major version of `tool`, checked against the server's: pg_dump refuses a server newer than
 * itself, and a pg_restore older than the pg_dump that wrote an archive cannot read it.
 */
export function checkToolVersion(tool: PgTool, serverMajor: number): number {
  const run = spawnSync(toolPath(tool), ['--version'], { encoding: 'utf8' });
  const major = /\(PostgreSQL\) (\d+)/.exec(run.stdout ?? '')?.[1];
  if (run.error || run.status !== 0 || !major) {
    throw new BackupError(`Không tìm thấy ${tool} của PostgreSQL (${toolPath(tool)}): ${installHint(tool, serverMajor)}.`);
  }
  if (Number(major) < serverMajor) {
    throw new BackupError(`${tool} ${major} cũ hơn máy chủ PostgreSQL ${serverMajor}: cần ${tool} ${serverMajor} trở lên — ${installHint(tool, serverMajor)}.`);
  }
  return Number(major);
}

/** host:port/database of a connection URL, without the user or password. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** A client on `url`, or a BackupError saying the server cannot be reached and why. */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code : String(error);
    throw new BackupError(`Không kết nối được cơ sở dữ liệu PostgreSQL ${describeUrl(url)} (${reason}). Kiểm tra DATABASE_URL và máy chủ PostgreSQL.`);
  }
  return client;
}

export async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
  return Math.floor(Number(rows[0]!.v) / 10_000);
}

/**
 * Runs pg_dump or pg_restore, on `url` when given. The password goes in PGPASSWORD, not on the command line
 * (where `ps` shows it); --no-password makes a missing one an error instead of a prompt.
 */
export async function runPgTool(tool: PgTool, args: string[], url: string | null): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: '10' };
  if (url) {
    const u = new URL(url);
    if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
    args = [...args, '--no-password', `--dbname=${u.toString()}`];
  }
  const child = spawn(toolPath(tool), args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  // Stopping this process must not leave the tool running on its own (a killed pg_restore
  // rolls its single transaction back).
  const stopCleanup = cleanUpOnInterrupt(() => {
    child.kill();
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) {
      const lines = stderr.trim().split('\n').slice(-6).join('\n  ');
      throw new BackupError(`${tool} thất bại (mã thoát ${code}):\n  ${lines || '(không có thông báo)'}`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError(`Không tìm thấy ${tool} (${toolPath(tool)}): cài gói postgresql-client hoặc đặt CONGVU_PG_BIN.`);
    throw error;
  } finally {
    stopCleanup();
  }
}
