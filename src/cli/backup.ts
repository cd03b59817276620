import type { Command } from 'commander';
import { loadConfig } from '../server/config.ts';
import { describeChainBreak } from '../server/modules/audit/verify-audit.ts';
import { BACKEND_LABEL, BackupError, type BackupKind, readBackupKind } from '../server/db/backup/backup-file.ts';
import { backupPglite, restorePglite } from '../server/db/backup/pglite-backup.ts';
import { backupPostgres, restorePostgres } from '../server/db/backup/postgres-backup.ts';
import type { RestoredCheck } from '../server/db/backup/restored-check.ts';
import { describeDatabase } from './open.ts';

/**
 * Exit codes of `congvu backup` and `congvu restore` (docs/backup.md):
 * 0 done; 1 failed or refused, nothing written or changed; 2 restore only: the data is loaded but
 * the check after it failed (a migration, or a broken audit chain): read the message.
 */
export const BACKUP_EXIT = { ok: 0, failed: 1, loadedWithProblem: 2 } as const;

const number = (n: number) => n.toLocaleString('vi-VN');
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
const seconds = (since: number) => `${((Date.now() - since) / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây`;

async function runReported(work: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`Lỗi: ${error.message}`);
    process.exitCode = error.loaded ? BACKUP_EXIT.loadedWithProblem : BACKUP_EXIT.failed;
  }
}

export async function backupCommand(file: string): Promise<number> {
  const config = loadConfig();
  const started = Date.now();
  console.log(`Sao lưu ${describeDatabase(config)} vào ${file}…`);
  const { size } = config.databaseUrl ? await backupPostgres(config.databaseUrl, file) : await backupPglite(config.dataDir, file);
  console.log(`Xong: ${file} (${megabytes(size)}, ${seconds(started)}). Khôi phục bằng: congvu restore ${file}`);
  return BACKUP_EXIT.ok;
}

function printRestored(check: RestoredCheck) {
  console.log(
    check.applied.length
      ? `  Bản sao lưu từ phiên bản cũ hơn: đã áp dụng ${check.applied.length} bản di chuyển (${check.applied.join(', ')}).`
      : '  Lược đồ: đã ở phiên bản mới nhất.',
  );
  console.log(`  Bảng: ${number(check.tables)}, dòng: ${number(check.rows)}.`);
  if (check.audit.problem) console.error(`  Nhật ký kiểm toán HỎNG: ${describeChainBreak(check.audit.problem)} (seq ${check.audit.problem.seq})`);
  else console.log(`  Nhật ký kiểm toán nguyên vẹn: ${number(check.audit.rows)} dòng.`);
}

export async function restoreCommand(file: string): Promise<number> {
  const config = loadConfig();
  const kind = readBackupKind(file);
  const target: BackupKind = config.databaseUrl ? 'postgres' : 'pglite';
  if (kind !== target) {
    throw new BackupError(
      `${file} là bản sao lưu ${BACKEND_LABEL[kind]}, còn cơ sở dữ liệu đích là ${describeDatabase(config)}. ` +
        `Không khôi phục chéo giữa hai loại: ${kind === 'postgres' ? 'đặt DATABASE_URL tới một cơ sở dữ liệu PostgreSQL trống' : 'bỏ DATABASE_URL và đặt CONGVU_DATA_DIR là một thư mục trống'}.`,
    );
  }
  const started = Date.now();
  console.log(`Khôi phục ${file} (bản sao lưu ${BACKEND_LABEL[kind]}) vào ${describeDatabase(config)}…`);
  const check = config.databaseUrl ? await restorePostgres(config.databaseUrl, file) : await restorePglite(config.dataDir, file);
  console.log(`Đã khôi phục (${seconds(started)}).`);
  printRestored(check);
  return check.audit.problem ? BACKUP_EXIT.loadedWithProblem : BACKUP_EXIT.ok;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Sao lưu toàn bộ cơ sở dữ liệu (PostgreSQL bằng pg_dump, PGlite bằng bản sao thư mục dữ liệu) vào một tệp')
    .requiredOption('--out <file>', 'tệp sao lưu cần ghi (ghi trọn vẹn hoặc không ghi gì)')
    .action(async (opts: { out: string }) => runReported(() => backupCommand(opts.out)));
  program
    .command('restore')
    .description('Khôi phục một tệp sao lưu vào cơ sở dữ liệu TRỐNG, đưa lên phiên bản mới nhất và kiểm tra chuỗi nhật ký kiểm toán')
    .argument('<file>', 'tệp do congvu backup ghi')
    .action(async (file: string) => runReported(() => restoreCommand(file)));
}
