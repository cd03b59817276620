import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { openDatabase } from '../database.ts';
import { BackupError, cleanUpOnInterrupt, writeAtomically } from './backup-file.ts';
import { assertPgliteNotInUse } from './pglite-in-use.ts';
import { type RestoredCheck, checkRestored } from './restored-check.ts';

/** Where openDatabase keeps PGlite's PostgreSQL data directory inside CONGVU_DATA_DIR. */
const pgdataOf = (dataDir: string) => path.join(dataDir, 'pglite');

/**
 * PGlite's own dump of its data directory (a tarball), gzip-compressed. Taken after a checkpoint,
 * by the only process that has the directory open, so it is consistent and loads without recovery.
 */
export async function backupPglite(dataDir: string, file: string): Promise<{ size: number }> {
  const pgdata = pgdataOf(dataDir);
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    throw new BackupError(`Không có cơ sở dữ liệu PGlite tại ${pgdata}: kiểm tra CONGVU_DATA_DIR (hoặc đặt DATABASE_URL nếu dữ liệu ở PostgreSQL).`);
  }
  assertPgliteNotInUse(pgdata);
  const size = await writeAtomically(file, async (tmp) => {
    const handle = await openDatabase({ dataDir });
    const stopCleanup = cleanUpOnInterrupt(() => handle.close());
    try {
      await sql`checkpoint`.execute(handle.db);
      const tar = new Uint8Array(await (await handle.dumpDataDir!()).arrayBuffer());
      await pipeline(Readable.from([tar]), zlib.createGzip(), fs.createWriteStream(tmp));
    } finally {
      stopCleanup();
      await handle.close();
    }
  });
  return { size };
}

/** True when the ustar archive has a file named `name` (at any depth): PostgreSQL's PG_VERSION marks a data directory. */
function tarHasFile(tar: Buffer, name: string): boolean {
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    const entry = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!entry) return false;
    if (entry === name || entry.endsWith(`/${name}`)) return true;
    const size = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return false;
}

function readTarball(file: string): Buffer<ArrayBuffer> {
  let tar: Buffer<ArrayBuffer>;
  try {
    // gunzip checks the CRC and length of the whole stream: a truncated or altered file fails here.
    tar = zlib.gunzipSync(fs.readFileSync(file)) as Buffer<ArrayBuffer>;
  } catch (error) {
    throw new BackupError(`${file} hỏng hoặc bị cắt cụt (giải nén thất bại: ${(error as Error).message}). Không thay đổi gì.`);
  }
  if (!tarHasFile(tar, 'PG_VERSION')) throw new BackupError(`${file} không phải bản sao lưu PGlite của congvu (không có thư mục dữ liệu PostgreSQL bên trong). Không thay đổi gì.`);
  return tar;
}

/**
 * Loads the tarball into a staging folder beside the target, migrates and checks it there, and
 * only then renames it into place: a failure on the way leaves the target as it was (empty).
 */
export async function restorePglite(dataDir: string, file: string): Promise<RestoredCheck> {
  const pgdata = pgdataOf(dataDir);
  if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) {
    throw new BackupError(
      `Cơ sở dữ liệu đích không trống: ${pgdata} đã có dữ liệu. Chỉ khôi phục vào cơ sở dữ liệu trống: đặt CONGVU_DATA_DIR là một thư mục mới ` +
        '(hoặc chuyển thư mục cũ đi chỗ khác). Không thay đổi gì.',
    );
  }
  const tar = readTarball(file);
  const staging = path.join(dataDir, `.restore-${process.pid}`);
  const removeStaging = () => fs.rmSync(staging, { recursive: true, force: true });
  const stopCleanup = cleanUpOnInterrupt(removeStaging);
  try {
    removeStaging();
    fs.mkdirSync(staging, { recursive: true });
    let handle;
    try {
      handle = await openDatabase({ dataDir: staging, loadDataDir: new Blob([tar]) });
    } catch (error) {
      throw new BackupError(`Không mở được dữ liệu trong ${file} (${(error as Error).message}): tệp hỏng hoặc do một phiên bản PGlite khác tạo ra. Không thay đổi gì.`);
    }
    let check: RestoredCheck;
    const stopClosing = cleanUpOnInterrupt(() => handle.close());
    try {
      check = await checkRestored(
        handle.db,
        (reason) => new BackupError(`Không đưa được dữ liệu của bản sao lưu lên phiên bản mới nhất (${reason}). Không thay đổi gì.`),
      );
    } finally {
      stopClosing();
      await handle.close();
    }
    // rename(2) replaces an empty directory, and fails if one with content appeared meanwhile.
    fs.renameSync(pgdataOf(staging), pgdata);
    return check;
  } finally {
    removeStaging();
    stopCleanup();
  }
}
