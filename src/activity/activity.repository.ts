import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, EntityManager, FindOptionsWhere, In, LessThan, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
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

  async insert(row: NewActivity, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(ProvisioningActivity) ?? this.activities).insert(row);
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

  /** Deletes rows written before `cutoff`, a batch at a time; the number deleted. */
  async purgeBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.activities.find({
        select: { idActivity: true },
        where: { createdAt: LessThan(cutoff) },
        order: { idActivity: 'ASC' },
        take: PURGE_BATCH,
      });
      if (batch.length === 0) return deleted;
      await this.activities.delete({ idActivity: In(batch.map((row) => row.idActivity)) });
      deleted += batch.length;
      if (batch.length < PURGE_BATCH) return deleted;
    }
  }
}
