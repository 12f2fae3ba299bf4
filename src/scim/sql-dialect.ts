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
    numeric: NUMERIC[driver.options.type as string] ?? NUMERIC.default,
  };
}

/** Text read as a number without failing on text that is not one (NULL then). */
const NUMERIC: Record<string, (expression: string) => string> = {
  mssql: (expression) => `TRY_CAST(${expression} AS DECIMAL(38, 10))`,
  postgres: (expression) => `(CASE WHEN ${expression} ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN CAST(${expression} AS NUMERIC) END)`,
  // SQLite's CAST never fails: text that is no number reads as 0; the guard makes it NULL as elsewhere.
  default: (expression) =>
    `(CASE WHEN ${expression} GLOB '*[0-9]*' AND ${expression} NOT GLOB '*[^0-9.-]*' THEN CAST(${expression} AS REAL) END)`,
};
