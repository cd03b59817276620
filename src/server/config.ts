import path from 'node:path';

export interface AppConfig {
  /** postgres://… for a PostgreSQL server; undefined → embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** Failed logins in a row before the account is locked, and for how long. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Set behind TLS so cookies are Secure and HSTS is sent. */
  secureCookies: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.CONGVU_DATA_DIR || './data'),
    port: Number(env.PORT || 3000),
    host: env.HOST || '0.0.0.0',
    sessionHours: Number(env.CONGVU_SESSION_HOURS || 12),
    lockoutThreshold: Number(env.CONGVU_LOCKOUT_THRESHOLD || 5),
    lockoutMinutes: Number(env.CONGVU_LOCKOUT_MINUTES || 15),
    secureCookies: env.CONGVU_SECURE_COOKIES === '1' || env.CONGVU_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL || 'info',
  };
}
