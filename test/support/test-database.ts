import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';

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
      if (type === 'postgres') {
        await ds.query(`DROP SCHEMA ${schema} CASCADE`);
      } else {
        await dropMssqlSchema(ds, schema);
      }
      await ds.destroy();
    },
  };
}

async function dropMssqlSchema(ds: DataSource, schema: string): Promise<void> {
  const fks: { name: string; tbl: string }[] = await ds.query(
    `SELECT fk.name AS name, t.name AS tbl FROM sys.foreign_keys fk JOIN sys.tables t ON fk.parent_object_id = t.object_id WHERE SCHEMA_NAME(t.schema_id) = @0`,
    [schema],
  );
  for (const fk of fks) await ds.query(`ALTER TABLE [${schema}].[${fk.tbl}] DROP CONSTRAINT [${fk.name}]`);
  const tables: { tbl: string }[] = await ds.query(`SELECT name AS tbl FROM sys.tables WHERE SCHEMA_NAME(schema_id) = @0`, [schema]);
  for (const t of tables) await ds.query(`DROP TABLE [${schema}].[${t.tbl}]`);
  await ds.query(`DROP SCHEMA [${schema}]`);
}
