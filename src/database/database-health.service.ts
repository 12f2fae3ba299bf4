import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class DatabaseHealthService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * True when the database answers within the timeout and holds the service's schema (its
   * migrations table): a database emptied or dropped under the service is not healthy.
   */
  async isReachable(timeoutMs = 3000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = this.dataSource
      .query(`SELECT COUNT(1) AS n FROM ${this.migrationsTable()}`)
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private migrationsTable(): string {
    const driver = this.dataSource.driver;
    const name = this.dataSource.options.migrationsTableName ?? 'migrations';
    const schema = (driver.options as { schema?: string }).schema;
    return schema ? `${driver.escape(schema)}.${driver.escape(name)}` : driver.escape(name);
  }
}
