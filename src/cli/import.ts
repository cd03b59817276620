import type { Command } from 'commander';
import { importActorLabel, normalizeImportSource } from '../domain/dossiers/import-row.ts';
import { loadConfig } from '../server/config.ts';
import { IMPORT_FORMATS, type ImportFormat, ImportFileError, type ImportInput, importFormatOf, openImportFile } from '../server/modules/dossiers/dossier-import-file.ts';
import { type ImportSummary, importDossierInput } from '../server/modules/dossiers/dossier-import.service.ts';
import { openBulkConnection } from '../server/modules/dossiers/dossier-import.store.ts';
import { describeDatabase, openMigrated } from './open.ts';
import { runInWorker } from './worker-task.ts';

/**
 * Exit codes of `congvu import dossiers` (docs/import.md):
 * 0 the file was read and at least one row is in congvu (added now or already there), or it had no rows;
 *   row errors, if any, are printed;
 * 1 the file could not be read at all (missing, unreadable, missing columns), or no row could be loaded;
 * 2 wrong options (source name, format, progress interval).
 */
export const IMPORT_EXIT = { loaded: 0, notLoaded: 1, usage: 2 } as const;

// Dossiers per transaction on PostgreSQL: against 2,000, a fifth less time at 100,000 dossiers
// (fewer round trips, and each day and month of the rollups moved once for more dossiers); 10,000
// gained nothing more. PGlite keeps the service's default.
const BULK_BATCH_SIZE = 5000;
// The import's young generation (3 × a 64 MB semi-space): at 300,000 dossiers it went from 26% to
// 30% of raw COPY's throughput against the default (docs/performance.md).
const IMPORT_YOUNG_GENERATION_MB = 192;

interface ImportDossiersOptions {
  source: string;
  format?: string;
  progressEvery: string;
  json?: boolean;
}

function printSummary(file: string, source: string, where: string, s: ImportSummary) {
  const lines = [
    `Nhập hồ sơ từ ${file} (nguồn "${source}", người thực hiện ${importActorLabel(source)}, ${where})`,
    `  Hồ sơ tạo mới:               ${s.dossiersCreated}`,
    `  Hồ sơ cập nhật:              ${s.dossiersUpdated}`,
    `  Sự kiện đã thêm:             ${s.eventsAdded}`,
    `  Sự kiện đã có (bỏ qua):      ${s.eventsSkipped}`,
    `  Lỗi:                         ${s.errors.length}`,
    ...s.errors.map((e) => `Dòng ${e.line}: ${e.field ? `[${e.field}] ` : ''}${e.message} (${e.code})`),
  ];
  console.log(lines.join('\n'));
}

export const IMPORT_DOSSIERS_TASK = 'import-dossiers';

/** `congvu import dossiers`, run in a worker thread (see runInWorker). */
export async function importDossiersCommand(file: string, opts: ImportDossiersOptions): Promise<number> {
  const source = normalizeImportSource(opts.source);
  if (!source) {
    console.error('--source: tên nguồn gồm chữ không dấu, số, ".", "_", "-", tối đa 40 ký tự (ví dụ motcua-cu).');
    return IMPORT_EXIT.usage;
  }
  const format = (opts.format?.toLowerCase() ?? importFormatOf(file)) as ImportFormat | null;
  if (!format || !IMPORT_FORMATS.includes(format)) {
    console.error(`Không xác định được định dạng tệp: dùng --format ${IMPORT_FORMATS.join('|')} hoặc đuôi .csv, .xlsx, .jsonl.`);
    return IMPORT_EXIT.usage;
  }
  const every = Number(opts.progressEvery);
  if (!Number.isInteger(every) || every < 1) {
    console.error('--progress-every phải là số nguyên dương.');
    return IMPORT_EXIT.usage;
  }

  let input: ImportInput;
  try {
    input = await openImportFile(file, format);
  } catch (error) {
    if (error instanceof ImportFileError) {
      console.error(`Lỗi: ${error.message}`);
      return IMPORT_EXIT.notLoaded;
    }
    const code = (error as { code?: string }).code;
    if (typeof code !== 'string') throw error;
    console.error(`Lỗi: ${code === 'ENOENT' ? 'không có tệp' : 'không đọc được tệp'} ${file}.`);
    return IMPORT_EXIT.notLoaded;
  }
  if (input.lines >= every) console.error(`Đã đọc ${input.lines} dòng của ${input.lastLines.size} hồ sơ; đang nhập…`);

  const config = loadConfig();
  const handle = await openMigrated(config);
  // On PostgreSQL the rows go in by COPY, on a connection of their own (opened after the
  // migrated handle, whose type parsers it shares).
  const bulk = config.databaseUrl ? await openBulkConnection(config.databaseUrl) : null;
  let summary: ImportSummary;
  try {
    let printed = 0;
    summary = await importDossierInput(
      bulk?.db ?? handle.db,
      { actor: null, ip: null, now: new Date() },
      input,
      {
        source,
        writer: bulk?.writer,
        readDb: bulk ? handle.db : undefined,
        batchSize: bulk ? BULK_BATCH_SIZE : undefined,
        onProgress: (done, total) => {
          if (total < every) return;
          if (Math.floor(done / every) > Math.floor(printed / every) || (done === total && printed !== total)) {
            printed = done;
            console.error(`Đã xử lý ${done}/${total} dòng…`);
          }
        },
      },
    );
  } finally {
    await bulk?.close();
    await handle.close();
  }

  if (opts.json) console.log(JSON.stringify(summary, null, 2));
  else printSummary(file, source, describeDatabase(config), summary);
  const rows = input.lines;
  const accepted = summary.eventsAdded + summary.eventsSkipped;
  return rows === 0 || accepted > 0 ? IMPORT_EXIT.loaded : IMPORT_EXIT.notLoaded;
}

/** `congvu import …`: loads data from other systems into the configured database, as the system. */
export function registerImportCommands(program: Command) {
  const command = program.command('import').description('Nhập dữ liệu từ hệ thống khác');
  command
    .command('dossiers')
    .description(
      'Nhập lịch sử hồ sơ một cửa từ tệp CSV, XLSX hoặc JSON Lines, mỗi dòng một sự kiện (xem docs/import.md). ' +
        'Nhập lại cùng tệp không thay đổi gì. Mã thoát: 0 đã nhập (lỗi từng dòng được in ra), 1 không đọc được tệp hoặc không dòng nào nhập được, 2 sai tùy chọn.',
    )
    .argument('<file>', 'tệp cần nhập')
    .option('--source <name>', 'tên hệ thống nguồn: cùng với mã hồ sơ nguồn xác định hồ sơ khi nhập lại', 'legacy')
    .option('--format <format>', `định dạng: ${IMPORT_FORMATS.join(' | ')} (mặc định theo đuôi tệp)`)
    .option('--progress-every <n>', 'in tiến độ ra stderr sau mỗi N dòng', '1000')
    .option('--json', 'in kết quả dạng JSON ra stdout')
    .action(async (file: string, opts: ImportDossiersOptions) => {
      process.exitCode = await runInWorker(IMPORT_DOSSIERS_TASK, [file, opts], { maxYoungGenerationSizeMb: IMPORT_YOUNG_GENERATION_MB });
    });
}
