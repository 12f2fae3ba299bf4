import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { CompiledWrites, ITSELF, Where } from './compiled-writes';

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
  where: Where<T>,
): Promise<number> {
  const set = { [column]: ITSELF } as Where<T>;
  return (await CompiledWrites.of(manager.connection).update(target, set, where, manager, { lock: true })).affected;
}

/**
 * lockRows that also reads the locked rows as they are now: in the same statement (RETURNING)
 * on PostgreSQL and SQLite. On the SQL Server stand-in, a row returned by OUTPUT after waiting
 * for another transaction's lock is the row as it was before that transaction (measured: 5 of 50
 * parallel PATCHes of one user then read a stale version), so there the read is a second statement.
 */
export async function lockAndRead<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  column: keyof T & string,
  where: Where<T>,
  hydrate: (row: ObjectLiteral) => T,
): Promise<T[]> {
  const writes = CompiledWrites.of(manager.connection);
  const set = { [column]: ITSELF } as Where<T>;
  if (manager.connection.options.type !== 'mssql')
    return (await writes.update(target, set, where, manager, { lock: true, returning: hydrate })).rows;
  if ((await writes.update(target, set, where, manager, { lock: true })).affected === 0) return [];
  return writes.select(target, where, manager, hydrate);
}
