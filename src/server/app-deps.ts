import type { AppConfig } from './config.ts';
import type { Database } from './db/database.ts';
import type { FileStorage } from './storage/file-storage.ts';

/** What every module's routes receive: the database, the configuration and the file store. No other shared state. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
  storage: FileStorage;
}
