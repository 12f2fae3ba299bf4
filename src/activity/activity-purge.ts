import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JsonLogger } from '../common/logging/json-logger';
import { APP_LOGGER } from '../common/logging/logger.tokens';
import { ActivityRepository } from './activity.repository';

/** How often the purge runs; the first run is a minute after start. */
const PURGE_EVERY_MS = 60 * 60 * 1000;
const FIRST_PURGE_AFTER_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Removes provisioning activity older than ACTIVITY_RETENTION_DAYS, in the background, every
 * hour. Every instance may run it: deleting what another instance deleted already is nothing.
 */
@Injectable()
export class ActivityPurge implements OnApplicationBootstrap {
  private running = false;

  constructor(
    private readonly activities: ActivityRepository,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    // Unreferenced: the purge never keeps a stopping process alive (the registry clears both at shutdown).
    this.scheduler.addTimeout('activity-purge-first', setTimeout(() => void this.run(), FIRST_PURGE_AFTER_MS).unref());
    this.scheduler.addInterval('activity-purge', setInterval(() => void this.run(), PURGE_EVERY_MS).unref());
  }

  /** One purge; the number of rows removed (0 when a purge is already running). Never throws: a failure is logged. */
  async run(now = new Date()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const cutoff = new Date(now.getTime() - this.config.activity.retentionDays * DAY_MS);
      const deleted = await this.activities.purgeBefore(cutoff);
      if (deleted > 0) this.logger.event('info', 'provisioning activity purged', { deleted, before: cutoff.toISOString() });
      return deleted;
    } catch (error) {
      this.logger.event('warn', 'provisioning activity purge failed', { error: error instanceof Error ? error.message : String(error) });
      return 0;
    } finally {
      this.running = false;
    }
  }
}
