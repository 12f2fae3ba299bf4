import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JsonLogger } from '../common/logging/json-logger';
import { APP_LOGGER } from '../common/logging/logger.tokens';
import { ActivityRepository } from './activity.repository';
import { ActivityOperation } from './entities/provisioning-activity.entity';

/** Who made a SCIM request: the subscription and application of its token, and its request id. */
export interface ActivitySource {
  idSubscription: number;
  idApplication: number;
  requestId?: string;
}

export interface ActivityEntry {
  operation: ActivityOperation;
  /** `User`, `Group`, or the endpoint a refused request named. */
  resourceType: string;
  resourceId?: string | null;
  /** userName or displayName. */
  resourceName?: string | null;
  status: number;
  detail?: string | null;
}

/** Refusals of one subscription answered 429 are recorded at most this often: a flood is one row a second, not one a request. */
const THROTTLED_RECORD_MS = 1000;

/**
 * Writes the provisioning activity: a SCIM write inside the transaction of the change (it is
 * recorded exactly when it happened), a refusal after its answer, beside the request.
 */
@Injectable()
export class ActivityRecorder implements OnModuleDestroy {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly throttledAt = new Map<number, number>();

  constructor(
    private readonly activities: ActivityRepository,
    @Inject(APP_LOGGER) private readonly logger: JsonLogger,
  ) {}

  written(source: ActivitySource, entry: ActivityEntry, manager: EntityManager): Promise<void> {
    return this.activities.insert(row(source, entry, 'success', null), manager);
  }

  /** A refused request (4xx), with its scimType and detail. Never fails the request: a failure to record is logged. */
  refused(source: ActivitySource, entry: ActivityEntry, scimType: string | null): void {
    if (entry.status === 429) {
      const now = Date.now();
      if (now - (this.throttledAt.get(source.idSubscription) ?? 0) < THROTTLED_RECORD_MS) return;
      if (this.throttledAt.size >= 10_000) this.throttledAt.clear();
      this.throttledAt.set(source.idSubscription, now);
    }
    const write = this.activities
      .insert(row(source, entry, 'refused', scimType))
      .catch((error: unknown) =>
        this.logger.event('warn', 'provisioning activity not recorded', {
          requestId: source.requestId,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }

  /** A stop waits for the refusals being written. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}

function row(source: ActivitySource, entry: ActivityEntry, outcome: 'success' | 'refused', scimType: string | null) {
  return {
    idSubscription: source.idSubscription,
    idApplication: source.idApplication,
    operation: entry.operation,
    resourceType: entry.resourceType.slice(0, 16),
    resourceId: entry.resourceId && entry.resourceId.length <= 36 ? entry.resourceId : null,
    resourceName: entry.resourceName ? printable(entry.resourceName).slice(0, 256) : null,
    outcome,
    status: entry.status,
    scimType: scimType ? scimType.slice(0, 32) : null,
    detail: entry.detail ? printable(entry.detail).slice(0, 512) : null,
    requestId: source.requestId ? source.requestId.slice(0, 128) : null,
    createdAt: new Date(),
  };
}

/** Text a refused request carried may hold control characters (NUL among them) no column takes. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ');
}
