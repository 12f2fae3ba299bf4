import { DataSource } from 'typeorm';
import { SqlDialect } from './filter/filter-sql';

/** Identifier quoting, schema-qualified table names and exact comparison of the connected database. */
export function sqlDialect(dataSource: DataSource): SqlDialect {
  const driver = dataSource.driver;
  const schema = (driver.options as { schema?: string }).schema;
  return {
    escape: (name) => driver.escape(name),
    table: (name) => (schema ? `${driver.escape(schema)}.${driver.escape(name)}` : driver.escape(name)),
    ...(driver.options.type === 'mssql' ? { exact: (expression: string) => `${expression} COLLATE Latin1_General_BIN2` } : {}),
  };
}
