import { DataSource } from 'typeorm';

interface SqlServerDriverParts {
  normalizeType(column: { type?: unknown }): string;
  preparePersistentValue(value: unknown, column: { type?: unknown }): unknown;
  mssql: { map: { register(js: unknown, sql: unknown): void }; DateTime2: unknown };
}

/**
 * SQL Server: dates travel as `datetime2`, to the millisecond. For a `Date` column TypeORM's SQL
 * Server dialect zeroes the milliseconds of the value — of the caller's own Date object, which
 * it modifies — and types the parameter `datetime`; the `mssql` package infers `datetime` for any
 * other Date (filters, token expiry). So `meta.created`/`lastModified` lost their milliseconds.
 * The columns are `datetime2(3)` (see column-types.ts); the parameters now are too, and the
 * caller's Date is left alone.
 */
export function bindDateTime2(dataSource: DataSource): void {
  if (dataSource.options.type !== 'mssql') return;
  const driver = dataSource.driver as unknown as SqlServerDriverParts;
  const normalize = driver.normalizeType.bind(driver);
  driver.normalizeType = (column) => {
    const type = normalize(column);
    return type === 'datetime' ? 'datetime2' : type;
  };
  const prepare = driver.preparePersistentValue.bind(driver);
  driver.preparePersistentValue = (value, column) =>
    column.type === Date && value instanceof Date ? new Date(value.getTime()) : prepare(value, column);
  driver.mssql.map.register(Date, driver.mssql.DateTime2);
}
