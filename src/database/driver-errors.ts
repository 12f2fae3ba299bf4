import { EntityManager, QueryFailedError } from 'typeorm';

/** True when a write failed on a unique index or primary key, on any of the three dialects. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string; number?: number } }).driverError;
  const code = driverError?.code;
  return (
    code === '23505' || // postgres
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    driverError?.number === 2627 || // mssql: unique constraint
    driverError?.number === 2601 // mssql: unique index
  );
}

/**
 * Runs an insert whose row may already be there because a parallel request inserted it first:
 * the row existing is what the caller wanted, so a unique violation is success. The insert runs
 * in a savepoint of the caller's transaction (PostgreSQL would otherwise abort the whole
 * transaction at the failed statement). Callers lock first where they can; this is the last line.
 */
export async function insertUnlessPresent(manager: EntityManager, insert: (manager: EntityManager) => Promise<unknown>): Promise<void> {
  try {
    await manager.transaction(insert);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

const UNAVAILABLE_CODES = new Set([
  // sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  // postgres: shutting down, starting up, too many connections, connection exceptions
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08006',
  // postgres: statement timeout or cancel; the database or schema or a table gone (dropped or emptied under the service)
  '57014',
  '3D000',
  '3F000',
  '42P01',
  // mssql (tedious / pool)
  'ESOCKET',
  'ETIMEOUT',
  'ECONNCLOSED',
  'EPOOLTIMEOUT',
  // sqlite: the file stayed locked by another writer past the busy timeout
  'SQLITE_BUSY',
]);

const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Lock request time out period exceeded|due to lock timeout|Connection terminated|Driver not Connected|database connection is not open|Query read timeout|no such table|relation "[^"]*" does not exist|Invalid object name/i;

/** SQL Server: invalid object name (a table gone), cannot open the database, login failed for the database, lock wait timed out. */
const UNAVAILABLE_NUMBERS = new Set([208, 4060, 911, 1222]);

/**
 * The database could not be reached or gave no connection in time: the request may succeed if
 * sent again shortly, so it is answered 503 with Retry-After rather than as an internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? (error as QueryFailedError & { driverError?: unknown }).driverError : error;
  // Read as a plain object: a native driver's errors need not be instances of this realm's Error.
  if (typeof cause !== 'object' || cause === null) return false;
  const { code, name, message, number } = cause as { code?: unknown; name?: unknown; message?: unknown; number?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (typeof number === 'number' && UNAVAILABLE_NUMBERS.has(number)) return true;
  // These set no code: pg-pool when no connection frees up in time or the server hung up;
  // TypeORM and better-sqlite3 once the data source was closed.
  if (name === 'ConnectionIsNotSetError') return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}

/**
 * A transaction lost a deadlock or a serialization race and can simply be run again. On SQLite
 * that is a read snapshot gone stale before its write (SQLITE_BUSY_SNAPSHOT); a plain SQLITE_BUSY
 * has already waited the whole busy timeout for another process and is answered 503 instead.
 */
export function isRetryableConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string; number?: number } }).driverError;
  return (
    driverError?.code === '40P01' ||
    driverError?.code === '40001' ||
    driverError?.code === 'SQLITE_BUSY_SNAPSHOT' ||
    driverError?.number === 1205
  );
}
