import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

/**
 * Applies pending migrations on a connection of their own, opened without the statement
 * timeout that bounds requests, then closes it.
 */
export async function runPendingMigrations(db: DatabaseConfig): Promise<void> {
  const dataSource = await new DataSource(buildDataSourceOptions(db, 'migrations')).initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}
