import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CompiledWrites } from '../database/compiled-writes';
import { Between, EntityManager, FindOptionsWhere, In, LessThanOrEqual, MoreThan, MoreThanOrEqual, Repository } from 'typeorm';
import { ProvisioningActivity } from './entities/provisioning-activity.entity';

export type NewActivity = Omit<ProvisioningActivity, 'idActivity'>;

export interface ActivityFilter {
  idSubscription: number;
  idApplication?: number;
  operation?: string;
  outcome?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
}

/** Rows deleted by one statement of the purge: a purge never holds a long lock on the table. */
const PURGE_BATCH = 1000;

@Injectable()
export class ActivityRepository {
  constructor(@InjectRepository(ProvisioningActivity) private readonly activities: Repository<ProvisioningActivity>) {}

  /**
   * One row, in the caller's transaction when `manager` is given. Compiled: every write adds it to
   * its transaction, and TypeORM's insert builder costs more than the insert itself.
   */
  async insert(row: NewActivity, manager: EntityManager = this.activities.manager): Promise<void> {
    await CompiledWrites.of(manager.connection).insert(ProvisioningActivity, [row], manager);
  }

  /** Newest first (by id: the order rows were written), on the subscription's indexes. */
  list(filter: ActivityFilter, offset: number, limit: number): Promise<[ProvisioningActivity[], number]> {
    const where: FindOptionsWhere<ProvisioningActivity> = { idSubscription: filter.idSubscription };
    if (filter.idApplication !== undefined) where.idApplication = filter.idApplication;
    if (filter.operation) where.operation = filter.operation as ProvisioningActivity['operation'];
    if (filter.outcome) where.outcome = filter.outcome as ProvisioningActivity['outcome'];
    if (filter.resourceId) where.resourceId = filter.resourceId;
    if (filter.from && filter.to) where.createdAt = Between(filter.from, filter.to);
    else if (filter.from) where.createdAt = MoreThanOrEqual(filter.from);
    else if (filter.to) where.createdAt = LessThanOrEqual(filter.to);
    return this.activities.findAndCount({ where, order: { idActivity: 'DESC' }, skip: offset, take: limit });
  }

  latest(idSubscription: number): Promise<ProvisioningActivity | null> {
    return this.activities.findOne({ where: { idSubscription }, order: { idActivity: 'DESC' } });
  }

  /**
   * Deletes rows written before `cutoff`, a batch at a time; the number deleted. Rows are walked
   * in primary-key order, the order they were written in, so no index on the time is needed
   * (every write would pay for it): the walk ends at a batch whose last row is not old enough.
   */
  async purgeBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    let after: string | number | undefined;
    for (;;) {
      const batch = await this.activities.find({
        select: { idActivity: true, createdAt: true },
        where: after === undefined ? {} : { idActivity: MoreThan(after) },
        order: { idActivity: 'ASC' },
        take: PURGE_BATCH,
      });
      const old = batch.filter((row) => row.createdAt < cutoff);
      if (old.length > 0) await this.activities.delete({ idActivity: In(old.map((row) => row.idActivity)) });
      deleted += old.length;
      const last = batch.at(-1);
      if (!last || batch.length < PURGE_BATCH || last.createdAt >= cutoff) return deleted;
      after = last.idActivity;
    }
  }
}
