import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../common/logging/json-logger';
import { APP_LOGGER } from '../common/logging/logger.tokens';
import { OAuthApplication } from './entities/oauth-application.entity';

/** `lastUsedAt` is written at most this often per application. */
export const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * Records when each application was last used without a write per request: this instance
 * writes an application's `lastUsedAt` at most once a minute, and the UPDATE itself only
 * changes a value older than a minute, so several instances together still write about once
 * a minute. The write runs beside the request, never in its way; a failure is logged, not
 * answered.
 */
@Injectable()
export class ApplicationUsage implements OnModuleDestroy {
  private readonly writtenAt = new Map<number, number>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_LOGGER) private readonly logger: JsonLogger,
  ) {}

  used(idApplication: number, now = Date.now()): void {
    const last = this.writtenAt.get(idApplication);
    if (last !== undefined && now - last < LAST_USED_RESOLUTION_MS) return;
    if (this.writtenAt.size >= MAX_REMEMBERED) this.writtenAt.clear();
    this.writtenAt.set(idApplication, now);
    const write = this.write(idApplication, new Date(now)).finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }

  private async write(idApplication: number, now: Date): Promise<void> {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    try {
      await this.dataSource
        .createQueryBuilder()
        .update(OAuthApplication)
        .set({ lastUsedAt: now })
        .where('idApplication = :idApplication AND (lastUsedAt IS NULL OR lastUsedAt < :stale)', { idApplication, stale })
        .execute();
    } catch (error) {
      this.logger.event('warn', 'application last use not recorded', {
        idApplication,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** A stop waits for the writes under way, so none runs against a closed database. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
