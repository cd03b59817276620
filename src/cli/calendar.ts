import type { Command } from 'commander';
import { type DateOnly, isDateOnly } from '../domain/calendar/index.ts';
import { dueAfterWorkingDays, loadWorkingCalendar } from '../server/modules/calendar/calendar.service.ts';
import { openMigrated } from './open.ts';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** `congvu calendar …`: the same calendar and deadline functions as the server, on the configured database. */
export function registerCalendarCommands(program: Command) {
  const calendar = program.command('calendar').description('Lịch làm việc và thời hạn giải quyết');
  calendar
    .command('due')
    .description('In ngày giờ hẹn trả (ISO-8601, +07:00) của N ngày làm việc kể từ lúc tiếp nhận')
    .requiredOption('--received <datetime>', 'thời điểm tiếp nhận, ISO-8601 có múi giờ, ví dụ 2026-11-20T10:00:00+07:00')
    .requiredOption('--days <n>', 'số ngày làm việc')
    .action(async (opts: { received: string; days: string }) => {
      if (!ISO_WITH_OFFSET.test(opts.received) || Number.isNaN(Date.parse(opts.received))) {
        fail('--received phải là ngày giờ ISO-8601 có múi giờ, ví dụ 2026-11-20T10:00:00+07:00');
      }
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 0 || days > 3650) fail('--days phải là số nguyên không âm');
      const handle = await openMigrated();
      try {
        console.log(dueAfterWorkingDays(await loadWorkingCalendar(handle.db), new Date(opts.received), days));
      } finally {
        await handle.close();
      }
    });
  calendar
    .command('working-days')
    .description('In số ngày làm việc từ ngày --from đến ngày --to (tính cả hai đầu)')
    .requiredOption('--from <date>', 'YYYY-MM-DD')
    .requiredOption('--to <date>', 'YYYY-MM-DD')
    .action(async (opts: { from: string; to: string }) => {
      if (!isDateOnly(opts.from) || !isDateOnly(opts.to)) fail('--from và --to phải có dạng YYYY-MM-DD');
      const from = opts.from as DateOnly;
      const to = opts.to as DateOnly;
      if (from > to) fail('--from phải không sau --to');
      const handle = await openMigrated();
      try {
        const cal = await loadWorkingCalendar(handle.db);
        // countWorkingDays counts (from, to]; the command counts both ends, as people say "from … to …".
        console.log(cal.countWorkingDays(from, to) + (cal.isWorkingDay(from) ? 1 : 0));
      } finally {
        await handle.close();
      }
    });
}
