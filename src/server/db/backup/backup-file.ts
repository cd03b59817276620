import fs from 'node:fs';
import path from 'node:path';

/**
 * A failure the operator can act on: its message is shown as is and the command exits non-zero.
 * `loaded`: the data is already in the target (a restore whose check afterwards failed).
 */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly loaded = false,
  ) {
    super(message);
  }
}

export type BackupKind = 'postgres' | 'pglite';
export const BACKEND_LABEL: Record<BackupKind, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };

// A pg_dump custom-format archive begins with "PGDMP"; a PGlite backup is its data directory as a
// gzip-compressed tarball (1f 8b). The file itself says which backend made it.
const PG_DUMP_MAGIC = Buffer.from('PGDMP', 'latin1');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** Which backend wrote `file`; a clear BackupError when it is missing, unreadable or not a backup. */
export function readBackupKind(file: string): BackupKind {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      if (fs.fstatSync(fd).isDirectory()) throw new BackupError(`${file} là một thư mục, không phải tệp sao lưu.`);
      head = Buffer.alloc(8);
      head = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new BackupError(`${file} là một thư mục, không phải tệp sao lưu.`);
    throw new BackupError(code === 'ENOENT' ? `Không có tệp ${file}.` : `Không đọc được tệp ${file} (${code ?? String(error)}).`);
  }
  if (head.subarray(0, PG_DUMP_MAGIC.length).equals(PG_DUMP_MAGIC)) return 'postgres';
  if (head.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC)) return 'pglite';
  throw new BackupError(`${file} không phải bản sao lưu congvu (không phải tệp pg_dump dạng custom, cũng không phải bản sao lưu PGlite .tar.gz).`);
}

function fsyncPath(target: string) {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `file` through a temporary file beside it, renamed over `file` only once `write` has
 * finished and the data is on disk: a failure or an interruption never leaves a partial `file`,
 * and an earlier backup under the same name stays whole until the new one replaces it.
 * Returns the size written.
 */
export async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<number> {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.part`);
  try {
    // Fail before any long work when the folder is missing or not writable.
    fs.closeSync(fs.openSync(tmp, 'w'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'thư mục không tồn tại' : code === 'ENOTDIR' ? 'đường dẫn không phải thư mục' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'không có quyền ghi' : (code ?? String(error));
    throw new BackupError(`Không ghi được tệp sao lưu vào ${dir} (${why}).`);
  }
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    fs.rmSync(tmp, { force: true });
    throw new BackupError(`${file} là một thư mục: chọn một tên tệp cho --out.`);
  }
  const stopCleanup = cleanUpOnInterrupt(() => fs.rmSync(tmp, { force: true }));
  try {
    await write(tmp);
    fsyncPath(tmp);
    const size = fs.statSync(tmp).size;
    fs.renameSync(tmp, target);
    fsyncPath(dir);
    return size;
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new BackupError(`Hết chỗ trên đĩa khi ghi ${file}: không ghi tệp sao lưu.`);
    throw error;
  } finally {
    stopCleanup();
  }
}

// What an interruption must undo, newest first: close the database a backup or restore opened
// (PGlite removes its postmaster.pid only on a clean close), then remove the partial file or folder.
const cleanups: (() => void | Promise<void>)[] = [];

async function onInterrupt(signal: NodeJS.Signals) {
  for (const cleanup of [...cleanups].reverse()) await Promise.resolve().then(cleanup).catch(() => {});
  console.error(`Đã dừng (${signal}): đã dọn phần làm dở, không để lại tệp sao lưu hay dữ liệu khôi phục dở dang.`);
  process.exit(130);
}

/** Until the returned function is called, Ctrl-C or a stop signal runs `cleanup` before the process leaves. */
export function cleanUpOnInterrupt(cleanup: () => void | Promise<void>): () => void {
  if (cleanups.length === 0) {
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);
  }
  cleanups.push(cleanup);
  return () => {
    cleanups.splice(cleanups.indexOf(cleanup), 1);
    if (cleanups.length === 0) {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    }
  };
}
