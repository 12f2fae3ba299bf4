import { QueryRunner, TableColumn, TableColumnOptions } from 'typeorm';
import { qualifiedTable } from '../table-name';

/**
 * Re-creates a column with a new definition, keeping the values that match `keep` (a condition
 * on the column, e.g. `IS NOT NULL`). Changing a column in place is not portable: TypeORM's SQL
 * Server dialect alters a column without saying NULL / NOT NULL, and the SQL Server stand-in
 * refuses changes of nullability or type; adding, copying and dropping columns works everywhere.
 * The new column is added last.
 */
export async function rebuildColumn(
  queryRunner: QueryRunner,
  table: string,
  name: string,
  definition: TableColumnOptions,
  keep = 'IS NOT NULL',
): Promise<void> {
  const saved = `${name}Saved`;
  const [path, column, copy] = [qualified(queryRunner, table), escape(queryRunner, name), escape(queryRunner, saved)];
  await queryRunner.addColumn(table, new TableColumn({ ...definition, name: saved, isNullable: true }));
  await queryRunner.query(`UPDATE ${path} SET ${copy} = ${column} WHERE ${column} ${keep}`);
  await queryRunner.dropColumn(table, name);
  await queryRunner.addColumn(table, new TableColumn({ ...definition, name, isNullable: true }));
  await queryRunner.query(`UPDATE ${path} SET ${column} = ${copy} WHERE ${copy} IS NOT NULL`);
  await queryRunner.dropColumn(table, saved);
  if (definition.isNullable) return;
  // NOT NULL again where the database can say so (SQL Server: see above; the column stays nullable).
  if (queryRunner.connection.driver.options.type === 'mssql') return;
  const loaded = await queryRunner.getTable(table);
  await queryRunner.changeColumn(loaded!, loaded!.findColumnByName(name)!, new TableColumn(definition));
}

/** A schema-qualified, quoted table name for a raw statement of a migration. */
/**
 * Drops an index by name in each dialect's own words: TypeORM's dropIndex looks the index up in
 * the table's metadata first, which the SQL Server stand-in does not report.
 */
export async function dropIndex(queryRunner: QueryRunner, table: string, index: string): Promise<void> {
  const driver = queryRunner.connection.driver;
  const type = driver.options.type;
  const schema = (driver.options as { schema?: string }).schema;
  if (type === 'mssql') await queryRunner.query(`DROP INDEX ${escape(queryRunner, index)} ON ${qualified(queryRunner, table)}`);
  else if (type === 'postgres' && schema)
    await queryRunner.query(`DROP INDEX ${escape(queryRunner, schema)}.${escape(queryRunner, index)}`);
  else await queryRunner.query(`DROP INDEX ${escape(queryRunner, index)}`);
}

export const qualified = (queryRunner: QueryRunner, name: string) => qualifiedTable(queryRunner.connection.driver, name);

export const escape = (queryRunner: QueryRunner, name: string) => queryRunner.connection.driver.escape(name);

/** A boolean literal in the connected database's SQL. */
export const booleanLiteral = (queryRunner: QueryRunner, value: boolean) =>
  queryRunner.connection.driver.options.type === 'postgres' ? String(value).toUpperCase() : value ? '1' : '0';
