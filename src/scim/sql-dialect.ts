import { DataSource } from 'typeorm';
import { SqlDialect } from './filter/filter-sql';

/** Identifier quoting and schema-qualified table names of the connected database. */
export function sqlDialect(dataSource: DataSource): SqlDialect {
  const driver = dataSource.driver;
  const schema = (driver.options as { schema?: string }).schema;
  return {
    escape: (name) => driver.escape(name),
    table: (name) => (schema ? `${driver.escape(schema)}.${driver.escape(name)}` : driver.escape(name)),
  };
}
