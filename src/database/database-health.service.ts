import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions, HEALTH_TIMEOUT_MS } from './data-source-options';
import { qualifiedTable } from './table-name';

/**
 * Whether the database answers and holds the service's schema. On PostgreSQL and SQL Server the
 * check runs on one connection of its own, opened on first use and kept: a load balancer's probe
 * then never waits in the pool behind the tenants' requests, and what it measures is the database
 * and this process, not the queue. SQLite has one connection; the check shares it.
 */
@Injectable()
export class DatabaseHealthService implements OnModuleDestroy {
  private own?: Promise<DataSource>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * True when the database answers within the timeout and holds the service's schema (its
   * migrations table): a database emptied or dropped under the service is not healthy.
   */
  async isReachable(timeoutMs = HEALTH_TIMEOUT_MS): Promise<boolean> {
    // The service's own connections closed (stopping, or lost for good): not serving, whatever the database says.
    if (!this.dataSource.isInitialized) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = this.connection()
      .then((connection) =>
        connection.query(
          `SELECT COUNT(1) AS n FROM ${qualifiedTable(connection.driver, this.dataSource.options.migrationsTableName ?? 'migrations')}`,
        ),
      )
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private connection(): Promise<DataSource> {
    if (this.config.database.type === 'sqlite') return Promise.resolve(this.dataSource);
    if (!this.own) {
      const options = { ...buildDataSourceOptions(this.config.database, 'health'), migrations: [], entities: [] } as DataSourceOptions;
      const opening = new DataSource(options).initialize();
      // A failed open is not kept: the next check tries again.
      opening.catch(() => (this.own = undefined));
      this.own = opening;
    }
    return this.own;
  }

  async onModuleDestroy(): Promise<void> {
    const own = this.own;
    this.own = undefined;
    const connection = await own?.catch(() => undefined);
    if (connection?.isInitialized) await connection.destroy();
  }
}
