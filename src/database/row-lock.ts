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
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ [column]: () => escaped } as never)
    .where(where, parameters)
    .execute();
  return result.affected ?? 0;
}
