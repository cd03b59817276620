import { openDatabase } from '../database.ts';
import { BackupError, writeAtomically } from './backup-file.ts';
import { checkToolVersion, connectPostgres, describeUrl, runPgTool, serverMajor } from './pg-tools.ts';
import { type RestoredCheck, checkRestored } from './restored-check.ts';

/**
 * pg_dump in its custom format: one consistent snapshot (a single repeatable-read transaction, so a
 * running server keeps serving), compressed, restorable table by table with pg_restore.
 */
export async function backupPostgres(url: string, file: string): Promise<{ size: number }> {
  const client = await connectPostgres(url);
  let major: number;
  try {
    major = await serverMajor(client);
  } finally {
    await client.end();
  }
  checkToolVersion('pg_dump', major);
  const size = await writeAtomically(file, (tmp) => runPgTool('pg_dump', ['--format=custom', `--file=${tmp}`], url));
  return { size };
}

/** Relations outside PostgreSQL's own schemas: any means the database is in use. */
async function countUserRelations(url: string): Promise<{ relations: number; major: number }> {
  const client = await connectPostgres(url);
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
         and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`,
    );
    return { relations: Number(rows[0]!.n), major: await serverMajor(client) };
  } finally {
    await client.end();
  }
}

/**
 * pg_restore into an empty database, in one transaction: a corrupt or truncated archive, or any
 * error on the way, rolls everything back and leaves the database empty as it was.
 */
export async function restorePostgres(url: string, file: string): Promise<RestoredCheck> {
  const { relations, major } = await countUserRelations(url);
  if (relations > 0) {
    throw new BackupError(
      `Cơ sở dữ liệu đích ${describeUrl(url)} không trống (${relations} bảng, dãy số hoặc khung nhìn): chỉ khôi phục vào cơ sở dữ liệu trống. ` +
        'Tạo một cơ sở dữ liệu mới (createdb) và đặt DATABASE_URL tới nó. Không thay đổi gì.',
    );
  }
  checkToolVersion('pg_restore', major);
  // Reads the header and table of contents: a file that is not a readable archive stops here.
  await runPgTool('pg_restore', ['--list', file], null).catch((error: unknown) => {
    throw new BackupError(`${file} hỏng hoặc không đọc được như bản sao lưu pg_dump: ${(error as Error).message}`);
  });
  // Owners and grants are those of the source server, whose roles the target may not have: the
  // restored objects belong to the restoring user (docs/backup.md).
  await runPgTool('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', file], url).catch((error: unknown) => {
    throw new BackupError(`Khôi phục thất bại, cơ sở dữ liệu đích vẫn trống như trước (tệp hỏng, bị cắt cụt hoặc không tương thích?): ${(error as Error).message}`);
  });
  const handle = await openDatabase({ databaseUrl: url });
  try {
    return await checkRestored(
      handle.db,
      (reason) => new BackupError(`Đã nạp dữ liệu nhưng không đưa được lên phiên bản mới nhất (${reason}). Sửa nguyên nhân rồi chạy "congvu migrate".`, true),
    );
  } finally {
    await handle.close();
  }
}
