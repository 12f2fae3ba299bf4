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
 */
export function buildDataSourceOptions(db: DatabaseConfig): DataSourceOptions {
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
        timeout: 10000,
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
        poolSize: db.poolSize,
        connectTimeoutMS: 5000,
        // Server side, and on the client for a server that stopped answering (a network partition).
        extra: { statement_timeout: db.statementTimeoutMs, query_timeout: db.statementTimeoutMs + 1000 },
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
        pool: { max: db.poolSize },
        options: { encrypt: db.encrypt, trustServerCertificate: db.trustServerCertificate },
        connectionTimeout: 5000,
        requestTimeout: db.statementTimeoutMs,
      };
  }
}
