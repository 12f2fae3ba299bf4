import { DataSource } from 'typeorm';
import { qualifiedTable } from '../database/table-name';
import { SqlDialect } from './filter/filter-sql';

/** Identifier quoting, schema-qualified table names and exact comparison of the connected database. */
export function sqlDialect(dataSource: DataSource): SqlDialect {
  const driver = dataSource.driver;
  return {
    escape: (name) => driver.escape(name),
    table: (name) => qualifiedTable(driver, name),
    ...(driver.options.type === 'mssql' ? { exact: (expression: string) => `${expression} COLLATE Latin1_General_BIN2` } : {}),
  };
}
