import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityEntry, ActivityRecorder, ActivitySource } from '../activity/activity-recorder';
import { isRetryableConflict } from '../database/driver-errors';
import { UserVersionConflictError } from '../users/users.errors';
import { ScimContext } from './scim-context';

/** What a write tells the provisioning activity; the activity row is written in the write's transaction. */
export type RecordActivity = (entry: ActivityEntry) => void;

/** Attempts of one write before its conflict is answered. */
const MAX_ATTEMPTS = 6;

/**
 * The one write path of SCIM resources, Users and Groups alike. A write runs in one transaction
 * that first locks the resource (`work` does, through its repository), then checks `If-Match`
 * against the resource as it is now, then reads, changes and writes it. Writes to one resource
 * therefore run one after another instead of failing each other, whatever the database.
 *
 * What can still lose a race at the database is run again on fresh data, a bounded number of
 * times: a deadlock or serialization victim, and a version that moved where no lock is taken
 * (an heir being claimed, a deleted user being restored by a parallel create). With `If-Match`
 * the client asked for exactly the version it read, so a moved version is its 412 instead.
 *
 * What the write did (`record`) becomes its provisioning activity row, in the same transaction:
 * a write is in the activity exactly when it happened.
 */
@Injectable()
export class ScimWrites {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityRecorder,
  ) {}

  /** The activity row of a write that is a single statement and inserts the row itself (see WFUserRepository.insertInOneStatement). */
  activityRow(ctx: ScimContext, entry: ActivityEntry) {
    return this.activity.rowOf(sourceOf(ctx), entry);
  }

  async run<T>(
    ctx: ScimContext,
    ifMatch: string | undefined,
    work: (manager: EntityManager, record: RecordActivity) => Promise<T>,
  ): Promise<T> {
    const source = sourceOf(ctx);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (manager) => {
          const entries: ActivityEntry[] = [];
          const result = await work(manager, (entry) => entries.push(entry));
          for (const entry of entries) await this.activity.written(source, entry, manager);
          return result;
        });
      } catch (error) {
        const retry = isRetryableConflict(error) || (error instanceof UserVersionConflictError && !ifMatch);
        if (!retry || attempt >= MAX_ATTEMPTS) throw error;
        // A short, jittered pause so that the writers that collided do not collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }
}

function sourceOf(ctx: ScimContext): ActivitySource {
  return { idSubscription: ctx.principal.idSubscription, idApplication: ctx.principal.idApplication, requestId: ctx.requestId };
}
