import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { entityTable } from './table-name';

/** What SQL text built outside TypeORM's query builder needs to know of the connected database. */
export interface SqlDialect {
  escape(identifier: string): string;
  /** An entity's table, quoted and schema-qualified, named by its metadata. */
  table(entity: EntityTarget<ObjectLiteral>): string;
  /**
   * The expression compared letter for letter. SQL Server's usual collations ignore case, so
   * a `caseExact` comparison names a binary one there; the other databases compare exactly.
   */
  exact?(expression: string): string;
  /** The text expression as a number, or NULL where it does not read as one (never an error). */
  numeric(expression: string): string;
}

/** Identifier quoting, table names and exact comparison of the connected database. */
export function sqlDialect(dataSource: DataSource): SqlDialect {
  const driver = dataSource.driver;
  return {
    escape: (name) => driver.escape(name),
    table: (entity) => entityTable(dataSource, entity),
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
