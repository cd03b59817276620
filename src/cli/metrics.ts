import type { Command } from 'commander';
import { verifyMetrics } from '../server/modules/metrics/metrics.service.ts';
import { openMigrated } from './open.ts';
import { registerMetricsReportCommand } from './metrics-report.ts';

export function registerMetricsCommands(program: Command) {
  const metrics = program.command('metrics').description('Số liệu tổng hợp');
  registerMetricsReportCommand(metrics);
  metrics
    .command('verify')
    .description('Tính lại mọi số liệu tổng hợp (dossier_daily, activity_daily) từ hồ sơ, nhiệm vụ, phản ánh, kiểm tra, vi phạm và so với số đã lưu: thoát 0 nếu khớp, khác 0 và liệt kê chênh lệch')
    .action(async () => {
      const handle = await openMigrated();
      try {
        const { compared, differences } = await verifyMetrics(handle.db);
        if (differences.length) {
          for (const d of differences.slice(0, 50)) console.error(`KHÁC ${d.key}: đã lưu ${d.stored}, tính lại ${d.recomputed}`);
          console.error(`${differences.length} số liệu khác / ${compared} số liệu đã so sánh.`);
          process.exitCode = 1;
        } else console.log(`Khớp: ${compared} số liệu đã so sánh.`);
      } finally {
        await handle.close();
      }
    });
}
