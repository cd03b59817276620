/** Socket errors of a database that cannot be reached (stopped, restarting, failing over, network). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL states of the same kind: class 08 (connection exception), 57P01–57P03 (shutting
 * down, crashed, not accepting connections yet) and 53300 (too many connections).
 */
const SQL_STATES = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/**
 * The same, told by message only: pg's client and pool, and Kysely's driver or pg's pool once
 * closed (shutdown). A connect timeout (connectionTimeoutMillis) reads "timeout exceeded when
 * trying to connect" (a full pool), "Connection terminated due to connection timeout" (a new
 * connection) or, from the client itself, "timeout expired".
 */
const MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|^timeout expired$|driver has already been destroyed|Cannot use a pool after calling end on the pool/i;

/**
 * True when an error means "the database is out of reach for now", not a fault of the request or
 * of the code: it is answered 503 so clients retry, while the pool replaces its broken connections.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQL_STATES.test(code))) return true;
  return typeof message === 'string' && MESSAGES.test(message);
}
