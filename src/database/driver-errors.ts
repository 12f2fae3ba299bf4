import { QueryFailedError } from 'typeorm';

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

/** A transaction lost a deadlock or a serialization race and can simply be run again. */
export function isRetryableConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string; number?: number } }).driverError;
  return (
    driverError?.code === '40P01' || driverError?.code === '40001' || driverError?.code === 'SQLITE_BUSY' || driverError?.number === 1205
  );
}
