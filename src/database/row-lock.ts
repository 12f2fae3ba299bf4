import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Takes the write lock on the rows matching `where` until the caller's transaction ends, with
 * an UPDATE that sets a column to itself. Every database honours it the same way: a row lock
 * on PostgreSQL and SQL Server (whose lock hints the SQL Server stand-in ignores), the
 * database's write lock on SQLite. Returns how many rows matched, so a lock doubles as an
 * existence check of the rows as they are now.
 */
export async function lockRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  column: keyof T & string,
  where: string,
  parameters: ObjectLiteral,
): Promise<number> {
  const escaped = manager.connection.driver.escape(column);
  const update = manager
    .createQueryBuilder()
    .update(target)
    .set({ [column]: () => escaped } as never)
    .where(where, parameters);
  const options = manager.connection.options;
  if (options.type === 'mssql' && options.requestTimeout && manager.queryRunner) {
    // The server ends a lock wait that would outlast the request timeout, so the connection
    // stays usable: a client-side cancel of a statement waiting for a lock may take seconds to
    // be honoured (the SQL Server stand-in), after which the driver drops the connection.
    const [sql, values] = update.getQueryAndParameters();
    const lockTimeout = Math.floor(options.requestTimeout * 0.9);
    const result = await manager.queryRunner.query(`SET LOCK_TIMEOUT ${lockTimeout}; ${sql}`, values, true);
    return result.affected ?? 0;
  }
  return (await update.execute()).affected ?? 0;
}
