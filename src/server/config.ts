import path from 'node:path';

export interface AppConfig {
  /** postgres://… for a PostgreSQL server; undefined → embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  /** postgres://… of a streaming replica for read-only public and dashboard queries; unset → the primary. */
  databaseReadUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** A session unused this many minutes ends; 0 = no idle limit. */
  sessionIdleMinutes: number;
  /** Failed logins in a row before the account is locked, and for how long. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Set behind TLS so cookies are Secure and HSTS is sent. */
  secureCookies: boolean;
  logLevel: string;
  /** Address citizens reach the public pages at (printed on slips and QR codes). */
  publicUrl: string;
  /** SMTP server for e-mail (smtp://user:pass@host:port); unset → messages are written to a file. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Addresses of reverse proxies whose X-Forwarded-For is trusted (proxy-addr syntax: 'loopback', CIDRs). */
  trustProxy: string;
  /**
   * Milliseconds a PostgreSQL pool waits for a connection (a new one, or a free one of a full pool)
   * before giving up: a silent database host then costs a request this long and a 503, not forever.
   */
  dbConnectTimeoutMs: number;
}

export const DEFAULT_DB_CONNECT_TIMEOUT_MS = 5_000;

/** CONGVU_DB_CONNECT_TIMEOUT_MS: a positive number of milliseconds, else the default (pg reads 0 as "wait forever"). */
export function dbConnectTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.CONGVU_DB_CONNECT_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_DB_CONNECT_TIMEOUT_MS;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    dataDir: path.resolve(env.CONGVU_DATA_DIR || './data'),
    port: Number(env.PORT || 3000),
    host: env.HOST || '0.0.0.0',
    sessionHours: Number(env.CONGVU_SESSION_HOURS || 12),
    sessionIdleMinutes: Number(env.CONGVU_SESSION_IDLE_MINUTES || 0),
    lockoutThreshold: Number(env.CONGVU_LOCKOUT_THRESHOLD || 5),
    lockoutMinutes: Number(env.CONGVU_LOCKOUT_MINUTES || 15),
    secureCookies: env.CONGVU_SECURE_COOKIES === '1' || env.CONGVU_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: (env.CONGVU_PUBLIC_URL || `http://localhost:${Number(env.PORT || 3000)}`).replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.CONGVU_MAIL_FROM || 'congvu <no-reply@congvu.local>',
    trustProxy: env.CONGVU_TRUST_PROXY || 'loopback',
    dbConnectTimeoutMs: dbConnectTimeoutMs(env),
  };
}
