import { DataSource } from 'typeorm';

type Escape = (sql: string, parameters: Record<string, unknown>) => [string, unknown[]];

/**
 * TypeORM's SQLite drivers write numeric parameters into the SQL text instead of binding them
 * (`"idUser" = 42`), so every user id makes a new statement: better-sqlite3 prepares it again and
 * TypeORM's first-in-first-out statement cache is flushed by one-off statements, evicting the hot
 * ones too. Numbers are bound like every other value here, so each query's text stays constant
 * and its prepared statement is reused. The other drivers already bind them.
 */
export function bindNumericParameters(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const driver = dataSource.driver as unknown as { escapeQueryWithParameters: Escape };
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters) => {
    if (!parameters) return escape(sql, parameters);
    const boxed: Record<string, unknown> = {};
    // A boxed Number is not `typeof "number"`, so the driver binds it; it is unboxed below.
    for (const [key, value] of Object.entries(parameters)) boxed[key] = typeof value === 'number' ? Object(value) : value;
    const [query, bound] = escape(sql, boxed);
    return [query, bound.map((value) => (value instanceof Number ? value.valueOf() : value))];
  };
}
