import type { AppConfig } from './config.ts';
import type { Database } from './db/database.ts';

/** What every module's routes receive: the database and the configuration. No other shared state. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
}
