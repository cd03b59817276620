import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../server/modules/oversight/api-key.service.ts';
import { openMigrated } from './open.ts';

/** `congvu apikey …`: Open311 api_keys for apps that file citizens' reports. Stored hashed. */
export function registerApiKeyCommands(program: Command) {
  const apikey = program.command('apikey').description('Khóa api_key cho ứng dụng Open311');
  apikey
    .command('create')
    .description('Cấp khóa mới; dòng cuối cùng in ra là api_key (chỉ hiện một lần)')
    .requiredOption('--name <name>', 'tên ứng dụng dùng khóa')
    .action(async (opts: { name: string }) => {
      const name = opts.name.normalize('NFC').trim();
      if (!name || name.length > 100) {
        console.error('--name phải có 1–100 ký tự');
        process.exit(2);
      }
      const handle = await openMigrated();
      try {
        const created = await createApiKey(handle.db, name, 'cli');
        console.log(`Đã cấp khóa "${created.name}" (${created.id}). Lưu lại khóa dưới đây, hệ thống không hiện lại:`);
        console.log(created.key);
      } finally {
        await handle.close();
      }
    });
  apikey
    .command('revoke')
    .description('Thu hồi khóa theo tên hoặc mã')
    .argument('<nameOrId>')
    .action(async (nameOrId: string) => {
      const handle = await openMigrated();
      try {
        const revoked = await revokeApiKey(handle.db, nameOrId, 'cli');
        if (!revoked) {
          console.error(`Không có khóa đang hoạt động "${nameOrId}".`);
          process.exitCode = 1;
        } else console.log(`Đã thu hồi khóa "${revoked.name}".`);
      } finally {
        await handle.close();
      }
    });
  apikey
    .command('list')
    .description('Liệt kê các khóa')
    .action(async () => {
      const handle = await openMigrated();
      try {
        for (const k of await listApiKeys(handle.db)) console.log(`${k.id}  ${k.name}  ${k.revoked_at ? 'đã thu hồi' : 'hoạt động'}`);
      } finally {
        await handle.close();
      }
    });
}
