import type { AppConfig } from './config.ts';
import type { Database } from './db/database.ts';
import type { FileStorage } from './storage/file-storage.ts';

/** What every module's routes receive: the database, the configuration and the file store. No other shared state. */
export interface AppDeps {
  db: Database;
  /**
   * For read-only public and dashboard queries: a streaming replica when DATABASE_READ_URL is set,
   * otherwise the same object as `db`. It may lag the primary by seconds; writes always use `db`.
   */
  readDb: Database;
  config: AppConfig;
  storage: FileStorage;
}
