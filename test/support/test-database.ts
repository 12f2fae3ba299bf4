import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { dropSchema } from '../../src/database/drop-schema';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** Which database the suite runs on: SQLite unless DB_TYPE/DB_URL (PostgreSQL) or TEST_MSSQL=1 with MSSQL_URL say otherwise. */
export function testDatabaseType(): DatabaseConfig['type'] {
  if (process.env.TEST_MSSQL === '1') return 'mssql';
  return (process.env.DB_TYPE as DatabaseConfig['type']) || 'sqlite';
}

/**
 * A fresh, empty database for one test file: a new SQLite file, or a new schema on the
 * PostgreSQL / SQL Server named by the environment. Dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const type = testDatabaseType();
  const suffix = randomBytes(6).toString('hex');
  if (type === 'sqlite') {
    const path = join(tmpdir(), `usersync-test-${suffix}.sqlite`);
    const config = loadConfig({ DB_PATH: path }).database;
    return {
      config,
      drop: async () => {
        for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
      },
    };
  }
  const url = type === 'mssql' ? process.env.MSSQL_URL : process.env.DB_URL;
  if (!url) throw new Error(`${type === 'mssql' ? 'MSSQL_URL' : 'DB_URL'} must be set to run the suite on ${type}`);
  const base = loadConfig({ DB_TYPE: type, DB_URL: url, DB_POOL_SIZE: '4' }).database;
  const schema = `t_${suffix}`;
  const admin = new DataSource(buildDataSourceOptions(base));
  await admin.initialize();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.destroy();
  return {
    config: { ...base, schema },
    drop: async () => {
      const ds = new DataSource(buildDataSourceOptions(base));
      await ds.initialize();
      await dropSchema(ds, schema);
      await ds.destroy();
    },
  };
}
