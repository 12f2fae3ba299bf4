import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { qualifiedTable } from './table-name';

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
      .query(
        `SELECT COUNT(1) AS n FROM ${qualifiedTable(this.dataSource.driver, this.dataSource.options.migrationsTableName ?? 'migrations')}`,
      )
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
