import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

interface BetterSqliteConnection {
  pragma(sql: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

/**
 * The one place that turns configuration into TypeORM options; the service, the CLI
 * and `ormconfig.ts` all go through it so they always open the same database.
 *
 * `migrations` opens it for schema changes: no statement timeout, since building an index on
 * a large table may rightly take longer than any request should. `health` opens one connection of
 * its own for the health check (see DatabaseHealthService), with a short timeout.
 */
/** The longest the health check's statement may run. */
export const HEALTH_TIMEOUT_MS = 3000;

export function buildDataSourceOptions(db: DatabaseConfig, purpose: 'service' | 'migrations' | 'health' = 'service'): DataSourceOptions {
  const timeoutMs = purpose === 'migrations' ? undefined : purpose === 'health' ? HEALTH_TIMEOUT_MS : db.statementTimeoutMs;
  const poolSize = purpose === 'health' ? 1 : db.poolSize;
  const common = {
    migrations: MIGRATIONS,
    migrationsTableName: 'SchemaMigration',
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  switch (db.type) {
    case 'sqlite':
      if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
      return {
        ...common,
        type: 'better-sqlite3',
        database: db.path,
        enableWAL: db.path !== ':memory:',
        // How long a write waits for another process's lock on the file; the wait blocks the
        // instance, so it stays short whatever the server databases are given.
        timeout: Math.min(timeoutMs ?? 10000, 10000),
        // Statement texts are constant (see sqlite-parameters.ts); keep every hot one prepared.
        statementCacheSize: 500,
        prepareDatabase: (conn: BetterSqliteConnection) => {
          conn.pragma('foreign_keys = ON');
          conn.pragma('synchronous = NORMAL');
          // SQLite's own lower() folds ASCII only; case-insensitive filters must fold "É" as the
          // application does when it writes the case-folded key columns.
          conn.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
        },
      };
    case 'postgres':
      return {
        ...common,
        type: 'postgres',
        host: db.host,
        port: db.port,
        username: db.username,
        password: db.password,
        database: db.database,
        schema: db.schema,
        poolSize,
        connectTimeoutMS: 5000,
        // Server side, and on the client for a server that stopped answering (a network partition).
        extra: timeoutMs === undefined ? {} : { statement_timeout: timeoutMs, query_timeout: timeoutMs + 1000 },
      };
    case 'mssql':
      return {
        ...common,
        type: 'mssql',
        host: db.host!,
        port: db.port,
        username: db.username,
        password: db.password,
        database: db.database,
        schema: db.schema,
        // Connections are opened at start (warmPool) and kept, not reaped when idle: a new one costs
        // a TLS handshake and a login (most of a second on the SQL Server stand-in under load),
        // which a request would wait for.
        pool: { max: poolSize, min: poolSize },
        // A pooled connection is checked by its socket's state, not with a `SELECT 1` round trip
        // before every statement.
        extra: { validateConnection: 'socket' },
        options: { encrypt: db.encrypt, trustServerCertificate: db.trustServerCertificate },
        connectionTimeout: 5000,
        // 0: no limit (tedious).
        requestTimeout: timeoutMs ?? 0,
      };
  }
}
