import { type AppConfig, loadConfig } from '../server/config.ts';
import { type DatabaseHandle, openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';

/** Opens the configured database (DATABASE_URL, or PGlite in CONGVU_DATA_DIR) and migrates it. */
export async function openMigrated(config: AppConfig = loadConfig()): Promise<DatabaseHandle & { applied: string[] }> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, databaseReadUrl: config.databaseReadUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(handle.db);
    return { ...handle, applied };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export function describeDatabase(config: AppConfig): string {
  if (!config.databaseUrl) return `PGlite nhúng tại ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
