import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { isUniqueViolation } from '../database/driver-errors';
import { CountedResource, ResourceCount } from './entities/resource-count.entity';
import { WFGroup } from './entities/wf-group.entity';
import { WFUser } from './entities/wf-user.entity';

/**
 * The kept counts of each subscription's live users and groups (see ResourceCount). Every write
 * that adds or removes one adjusts the count in its own transaction, so a count read is exact;
 * a subscription that has no count yet (none was ever written) is counted from its rows.
 */
@Injectable()
export class ResourceCounts {
  constructor(@InjectRepository(ResourceCount) private readonly counts: Repository<ResourceCount>) {}

  /** The subscription's live resources of this type, as committed. */
  async total(idSubscription: number, resourceType: CountedResource): Promise<number> {
    const row = await this.counts.findOne({ select: { total: true }, where: { idSubscription, resourceType } });
    return row ? row.total : this.countRows(this.counts.manager, idSubscription, resourceType);
  }

  /**
   * Within the transaction that adds (+1) or removes (-1) a resource. The count's row stays
   * locked until that transaction ends, so concurrent writes of one subscription add up; it is
   * the last lock those transactions take, so they cannot wait on each other in a circle.
   */
  async adjust(manager: EntityManager, idSubscription: number, resourceType: CountedResource, delta: number): Promise<void> {
    if (await this.add(manager, idSubscription, resourceType, delta)) return;
    // No count yet: this transaction's rows, its own change included, are the count.
    const total = await this.countRows(manager, idSubscription, resourceType);
    try {
      await manager.transaction((savepoint) => savepoint.getRepository(ResourceCount).insert({ idSubscription, resourceType, total }));
    } catch (error) {
      // A concurrent write inserted it first, from rows without this change: add it.
      if (!isUniqueViolation(error)) throw error;
      await this.add(manager, idSubscription, resourceType, delta);
    }
  }

  private async add(manager: EntityManager, idSubscription: number, resourceType: CountedResource, delta: number): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ResourceCount)
      .set({ total: () => `${manager.connection.driver.escape('total')} ${delta < 0 ? '-' : '+'} ${Math.abs(Math.trunc(delta))}` })
      .where('idSubscription = :idSubscription AND resourceType = :resourceType', { idSubscription, resourceType })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private countRows(manager: EntityManager, idSubscription: number, resourceType: CountedResource): Promise<number> {
    return resourceType === 'User'
      ? manager.getRepository(WFUser).countBy({ idSubscription, deletedAt: IsNull() })
      : manager.getRepository(WFGroup).countBy({ idSubscription });
  }
}
