import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JsonLogger } from '../common/logging/json-logger';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { APP_LOGGER } from '../common/logging/logger.tokens';
import { Metrics } from '../metrics/metrics.service';
import { ActivityRepository } from './activity.repository';
import { ActivityOperation, ProvisioningActivity } from './entities/provisioning-activity.entity';

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
 * Refusals of one subscription recorded in one second, at most. An identity provider sends far
 * fewer requests (Entra ID about 25 a second), so its refusals are all recorded; a client flooding
 * bad requests cannot turn each of them into a row. What is left out is counted in the metrics.
 */
export const REFUSALS_RECORDED_PER_SECOND = 50;

/**
 * Writes the provisioning activity: a SCIM write inside the transaction of the change (it is
 * recorded exactly when it happened), a refusal after its answer, beside the request.
 */
@Injectable()
export class ActivityRecorder implements OnModuleDestroy {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly throttledAt = new Map<number, number>();
  /** Per subscription: the second being counted and the refusals recorded in it. */
  private readonly refusalsInSecond = new Map<number, { second: number; count: number }>();

  /** ACTIVITY_RETENTION_DAYS=0: no activity is kept, so none is written. */
  private readonly recording: boolean;

  constructor(
    private readonly activities: ActivityRepository,
    private readonly metrics: Metrics,
    @Inject(APP_LOGGER) private readonly logger: JsonLogger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.recording = config.activity.retentionDays > 0;
  }

  async written(source: ActivitySource, entry: ActivityEntry, manager: EntityManager): Promise<void> {
    if (this.recording) await this.activities.insert(row(source, entry, 'success', null), manager);
  }

  /** The row of a successful write (none when nothing is recorded), for a write that inserts it itself, in the same statement as the change. */
  rowOf(source: ActivitySource, entry: ActivityEntry) {
    return { target: ProvisioningActivity, rows: this.recording ? [row(source, entry, 'success', null)] : [] };
  }

  /** A refused request (4xx), with its scimType and detail. Never fails the request: a failure to record is logged. */
  refused(source: ActivitySource, entry: ActivityEntry, scimType: string | null): void {
    if (!this.recording) return;
    const now = Date.now();
    if (entry.status === 429) {
      if (now - (this.throttledAt.get(source.idSubscription) ?? 0) < THROTTLED_RECORD_MS) return this.metrics.refusalNotRecorded();
      if (this.throttledAt.size >= 10_000) this.throttledAt.clear();
      this.throttledAt.set(source.idSubscription, now);
    }
    if (!this.withinRefusalRate(source.idSubscription, Math.floor(now / 1000))) return this.metrics.refusalNotRecorded();
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

  private withinRefusalRate(idSubscription: number, second: number): boolean {
    const counted = this.refusalsInSecond.get(idSubscription);
    if (!counted || counted.second !== second) {
      if (this.refusalsInSecond.size >= 10_000) this.refusalsInSecond.clear();
      this.refusalsInSecond.set(idSubscription, { second, count: 1 });
      return true;
    }
    counted.count++;
    return counted.count <= REFUSALS_RECORDED_PER_SECOND;
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
