import { Command } from 'commander';
import { loadConfig } from '../server/config.ts';
import { describeChainBreak, verifyAuditChain } from '../server/modules/audit/verify-audit.ts';
import { seedDemo } from '../server/seed/seed.ts';
import { PROVINCE_DOSSIERS, seedProvince } from '../server/seed/seed-province.ts';
import { describeDatabase, openMigrated } from './open.ts';
import { registerApiKeyCommands } from './apikey.ts';
import { registerBackupCommands } from './backup.ts';
import { registerCalendarCommands } from './calendar.ts';
import { registerEvaluationCommands } from './evaluation.ts';
import { IMPORT_DOSSIERS_TASK, importDossiersCommand, registerImportCommands } from './import.ts';
import { registerMetricsCommands } from './metrics.ts';
import { serve } from './serve.ts';
import { runWorkerTask } from './worker-task.ts';

const program = new Command()
  .name('congvu')
  .description('congvu — vận hành và đo lường kỷ luật, kỷ cương, chất lượng phục vụ của cơ quan công quyền')
  .showHelpAfterError();

program
  .command('serve')
  .description('Chạy máy chủ web và API (di chuyển cơ sở dữ liệu, nạp dữ liệu mẫu nếu trống)')
  .option('--build-web-if-missing', 'dựng giao diện web nếu chưa dựng')
  .option('--no-seed', 'không nạp dữ liệu mẫu vào cơ sở dữ liệu trống')
  .action(async (opts: { buildWebIfMissing?: boolean; seed?: boolean }) => serve(opts));

program
  .command('migrate')
  .description('Áp dụng các bản di chuyển cơ sở dữ liệu còn thiếu')
  .action(async () => {
    const config = loadConfig();
    const handle = await openMigrated(config);
    console.log(
      handle.applied.length
        ? `Đã áp dụng ${handle.applied.length} bản di chuyển: ${handle.applied.join(', ')}`
        : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.',
    );
    await handle.close();
  });

program
  .command('seed')
  .description('Nạp dữ liệu mẫu tất định vào cơ sở dữ liệu trống')
  .option('--scale <scale>', 'quy mô: demo (một tỉnh mẫu, vài giây) hoặc province (2.000 đơn vị, 20.000 cán bộ, 5 triệu hồ sơ; cần PostgreSQL)', 'demo')
  .option('--dossiers <n>', 'quy mô tỉnh: số hồ sơ trong năm', String(PROVINCE_DOSSIERS))
  .action(async (opts: { scale: string; dossiers: string }) => {
    const dossiers = Number(opts.dossiers);
    if (opts.scale !== 'demo' && opts.scale !== 'province') {
      console.error(`Quy mô "${opts.scale}" không có (dùng demo hoặc province).`);
      process.exit(2);
    }
    if (!Number.isInteger(dossiers) || dossiers < 1) {
      console.error('--dossiers phải là số nguyên dương.');
      process.exit(2);
    }
    const config = loadConfig();
    if (opts.scale === 'province' && !config.databaseUrl) {
      console.error('Quy mô tỉnh cần PostgreSQL: đặt DATABASE_URL (PGlite chỉ dùng cho dữ liệu demo).');
      process.exit(2);
    }
    const handle = await openMigrated(config);
    try {
      console.log(`Nạp dữ liệu mẫu (${opts.scale === 'demo' ? 'demo' : 'quy mô tỉnh'}) vào ${describeDatabase(config)}…`);
      const counts =
        opts.scale === 'province'
          ? await seedProvince(handle.db, { databaseUrl: config.databaseUrl!, dossiers, log: console.log })
          : await seedDemo(handle.db, { log: console.log });
      console.log(`Xong: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    } finally {
      await handle.close();
    }
  });

const auditCommand = program.command('audit').description('Nhật ký kiểm toán');
auditCommand
  .command('verify')
  .description('Kiểm tra chuỗi băm của nhật ký: thoát 0 nếu nguyên vẹn, khác 0 và chỉ ra dòng hỏng đầu tiên nếu bị sửa hoặc xóa')
  .action(async () => {
    const handle = await openMigrated();
    try {
      const result = await verifyAuditChain(handle.db);
      if (result.problem) {
        console.error(`HỎNG: ${describeChainBreak(result.problem)} (seq ${result.problem.seq})`);
        process.exitCode = 1;
      } else {
        console.log(`Nhật ký nguyên vẹn: ${result.rows} dòng.`);
      }
    } finally {
      await handle.close();
    }
  });

registerCalendarCommands(program);
registerImportCommands(program);
registerApiKeyCommands(program);
registerEvaluationCommands(program);
registerMetricsCommands(program);
registerBackupCommands(program);

// In a worker thread an error goes up to the thread that started it, which prints it.
if (!(await runWorkerTask({ [IMPORT_DOSSIERS_TASK]: importDossiersCommand }))) {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    console.error(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
