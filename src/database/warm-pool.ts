import { DataSource } from 'typeorm';

/** The part of the `mssql` package's ConnectionPool (TypeORM's SQL Server driver `master`) used here. */
interface MssqlPool {
  acquire(requester: unknown): Promise<unknown>;
  release(connection: unknown): unknown;
}

/**
 * SQL Server: opens every pooled connection before the service takes requests (the pool keeps
 * them, see data-source-options.ts). Opened on demand, the first burst of an identity provider
 * after a start would wait for TLS handshakes and logins, one per connection.
 */
export async function warmPool(dataSource: DataSource): Promise<void> {
  const options = dataSource.options;
  if (options.type !== 'mssql') return;
  const pool = (dataSource.driver as unknown as { master: MssqlPool }).master;
  const connections = await Promise.all(Array.from({ length: options.pool?.max ?? 1 }, () => pool.acquire(null)));
  for (const connection of connections) pool.release(connection);
}
