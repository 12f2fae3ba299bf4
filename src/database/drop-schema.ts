import { DataSource } from 'typeorm';

/**
 * Drops a schema and everything in it (test and benchmark databases). PostgreSQL cascades;
 * SQL Server drops a schema only once it is empty: foreign keys, then tables, then the schema.
 */
export async function dropSchema(ds: DataSource, schema: string): Promise<void> {
  if (ds.driver.options.type !== 'mssql') {
    await ds.query(`DROP SCHEMA ${ds.driver.escape(schema)} CASCADE`);
    return;
  }
  const fks: { name: string; tbl: string }[] = await ds.query(
    `SELECT fk.name AS name, t.name AS tbl FROM sys.foreign_keys fk JOIN sys.tables t ON fk.parent_object_id = t.object_id WHERE SCHEMA_NAME(t.schema_id) = @0`,
    [schema],
  );
  for (const fk of fks) await ds.query(`ALTER TABLE [${schema}].[${fk.tbl}] DROP CONSTRAINT [${fk.name}]`);
  const tables: { tbl: string }[] = await ds.query(`SELECT name AS tbl FROM sys.tables WHERE SCHEMA_NAME(schema_id) = @0`, [schema]);
  for (const t of tables) await ds.query(`DROP TABLE [${schema}].[${t.tbl}]`);
  await ds.query(`DROP SCHEMA [${schema}]`);
}
