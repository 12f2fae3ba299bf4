import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isRetryableConflict } from '../../src/database/driver-errors';

const withCode = (code: string, message = 'driver error') => Object.assign(new Error(message), { code });
const failed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe(isDatabaseUnavailable.name, () => {
  it.each([
    ['pg-pool found no free connection in time', new Error('timeout exceeded when trying to connect')],
    ['the server closed the connection', new Error('Connection terminated unexpectedly')],
    ['nothing listens on the port', withCode('ECONNREFUSED')],
    ['postgres is shutting down', failed(withCode('57P01'))],
    ['postgres has too many connections', failed(withCode('53300'))],
    ['SQL Server socket error', withCode('ESOCKET')],
    ['SQLite file locked past the busy timeout', failed(withCode('SQLITE_BUSY'))],
    ['TypeORM after the data source was closed', new Error('Driver not Connected')],
    ['better-sqlite3 after the data source was closed', failed(new TypeError('The database connection is not open'))],
    ['an error from another realm (a native driver)', { code: 'ECONNRESET', message: 'socket hang up' }],
    ['postgres cancelled a statement past statement_timeout', failed(withCode('57014'))],
    ['node-postgres gave up waiting for an answer (query_timeout)', failed(new Error('Query read timeout'))],
    ['the postgres database was dropped', failed(withCode('3D000'))],
    ['a table was dropped (postgres)', failed(withCode('42P01'))],
    ['a table was dropped (SQL Server)', failed(Object.assign(new Error("Invalid object name 'WFUser'."), { number: 208 }))],
    ['a table was dropped (SQLite)', failed(withCode('SQLITE_ERROR', 'no such table: WFUser'))],
    ['SQL Server cancelled a request past requestTimeout', failed(withCode('ETIMEOUT'))],
    [
      'SQL Server ended a lock wait past LOCK_TIMEOUT',
      failed(Object.assign(new Error('Lock request time out period exceeded.'), { number: 1222 })),
    ],
    ['the SQL Server stand-in ended a lock wait', failed(new Error('canceling statement due to lock timeout'))],
  ])('is true when %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', failed(withCode('23505'))],
    ['a syntax error', failed(withCode('42601'))],
    ['a programming error', new TypeError('x is undefined')],
    ['something that is not an error', 'timeout exceeded when trying to connect'],
    ['nothing', undefined],
  ])('is false for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe(isRetryableConflict.name, () => {
  it.each([
    ['a postgres deadlock', failed(withCode('40P01')), true],
    ['a postgres serialization failure', failed(withCode('40001')), true],
    ['a SQL Server deadlock victim', failed(Object.assign(new Error('deadlock'), { number: 1205 })), true],
    ['a stale SQLite read snapshot', failed(withCode('SQLITE_BUSY_SNAPSHOT')), true],
    ['SQLite locked past the busy timeout (waiting again would not help)', failed(withCode('SQLITE_BUSY')), false],
    ['a statement timeout', failed(withCode('57014')), false],
  ])('%s: %s', (_case, error, retryable) => {
    expect(isRetryableConflict(error)).toBe(retryable);
  });
});
