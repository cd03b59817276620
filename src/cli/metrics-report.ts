import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { ZUnitPeriodQuery } from '../shared/schemas/metrics.ts';
import { buildReportFile } from '../server/modules/metrics/reports/reports.service.ts';
import { systemReportContext } from '../server/modules/metrics/reports/system-context.ts';
import { findUnitByCode } from '../server/modules/org/unit.store.ts';
import { openMigrated } from './open.ts';

interface ReportOptions {
  unit?: string;
  province?: boolean;
  period: string;
  at?: string;
  format: string;
  out?: string;
}

/** `congvu metrics report --unit CODE|--province --period month --at 2026-10 --format xlsx --out FILE`, as the province administrator. */
export function registerMetricsReportCommand(metrics: Command) {
  metrics
    .command('report')
    .description('Lập báo cáo số liệu (XLSX hoặc PDF) của một đơn vị hoặc toàn tỉnh theo tháng, quý, năm')
    .option('--unit <CODE>', 'mã đơn vị')
    .option('--province', 'toàn tỉnh')
    .option('--period <kind>', 'month | quarter | year', 'month')
    .option('--at <value>', 'YYYY-MM | YYYY-Qn | YYYY theo kỳ; mặc định là kỳ hiện tại')
    .option('--format <format>', 'xlsx | pdf', 'xlsx')
    .option('--out <FILE>', 'tệp ghi ra; mặc định đặt theo đơn vị và kỳ, trong thư mục hiện tại')
    .action(async (opts: ReportOptions) => {
      const fail = (message: string) => {
        console.error(message);
        process.exit(2);
      };
      if (Boolean(opts.unit) === Boolean(opts.province)) return fail('Cần đúng một trong hai: --unit <mã đơn vị> hoặc --province.');
      if (!['month', 'quarter', 'year'].includes(opts.period)) return fail('--period phải là month, quarter hoặc year.');
      if (opts.format !== 'xlsx' && opts.format !== 'pdf') return fail('--format phải là xlsx hoặc pdf.');
      const query = ZUnitPeriodQuery.safeParse({ period: opts.period, at: opts.at });
      if (!query.success) return fail(query.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));

      const handle = await openMigrated();
      try {
        const now = new Date();
        const unit = opts.unit ? await findUnitByCode(handle.db, opts.unit) : undefined;
        if (opts.unit && !unit) return fail(`Không có đơn vị mã "${opts.unit}".`);
        const ctx = await systemReportContext(handle.db, now);
        const file = await buildReportFile(handle.db, ctx, { ...query.data, ...(unit ? { unitId: unit.id } : {}), format: opts.format });
        const out = opts.out ?? file.asciiName;
        await fs.writeFile(out, file.data);
        console.log(`Đã ghi ${out} (${file.data.length} byte): ${file.name}`);
      } finally {
        await handle.close();
      }
    });
}
