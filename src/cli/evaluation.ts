import type { Command } from 'commander';
import { FLAT_REASON_VI, findFlatUnits } from '../server/modules/evaluation/flat-units.service.ts';
import { lastCompleteMonth } from '../domain/evaluation/month-steps.ts';
import { openMigrated } from './open.ts';

/** `congvu evaluation flat-units [--month YYYY-MM]`: one line per "cào bằng" unit, nothing else on stdout. */
export function registerEvaluationCommands(program: Command) {
  const evaluation = program.command('evaluation').description('Chấm điểm, đánh giá, xếp loại');
  evaluation
    .command('flat-units')
    .description('In mỗi đơn vị "cào bằng" trong tháng trên một dòng: mã đơn vị, lý do, độ phân tán điểm')
    .option('--month <YYYY-MM>', 'tháng; mặc định là tháng trọn vẹn gần nhất (tháng trước)')
    .action(async (opts: { month?: string }) => {
      if (opts.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) {
        console.error('--month phải có dạng YYYY-MM');
        process.exit(2);
      }
      const handle = await openMigrated();
      try {
        const month = opts.month ?? lastCompleteMonth(new Date());
        for (const u of await findFlatUnits(handle.db, month)) {
          console.log(`${u.code}\t${u.reasons.map((r) => FLAT_REASON_VI[r]).join('; ')}\tđộ phân tán ${u.spread.spread} điểm (thấp nhất ${u.spread.min}, cao nhất ${u.spread.max}, ${u.spread.count} người)`);
        }
      } finally {
        await handle.close();
      }
    });
}
