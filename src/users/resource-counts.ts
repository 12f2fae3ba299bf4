import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  IsNull,
  QueryRunner,
  Repository,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { CompiledWrites, Increment } from '../database/compiled-writes';
import { isUniqueViolation } from '../database/driver-errors';
import { entityTable } from '../database/table-name';
import { CountedResource, ResourceCount } from './entities/resource-count.entity';
import { WFGroup } from './entities/wf-group.entity';
import { WFUser } from './entities/wf-user.entity';

/** Where a transaction keeps the changes of counts it will apply when it commits. */
const PENDING = 'usersync:resourceCounts';

type Pending = Map<string, { idSubscription: number; resourceType: CountedResource; delta: number }>;

/**
 * The kept counts of each subscription's live users and groups (see ResourceCount). Every write
 * that adds or removes one changes the count in its own transaction, so a count read is exact; a
 * subscription that has no count yet (none was ever written) is counted from its rows.
 *
 * The change is made as the transaction's last statement, right before it commits: the count's
 * row is locked from there to the commit, so concurrent creates in one subscription wait for each
 * other only that long, and it is the last lock they take, so they cannot wait in a circle.
 */
@Injectable()
export class ResourceCounts implements EntitySubscriberInterface {
  constructor(
    @InjectRepository(ResourceCount) private readonly counts: Repository<ResourceCount>,
    dataSource: DataSource,
  ) {
    dataSource.subscribers.push(this);
  }

  /** The subscription's live resources of this type, as committed. */
  async total(idSubscription: number, resourceType: CountedResource): Promise<number> {
    const row = await this.counts.findOne({ select: { total: true }, where: { idSubscription, resourceType } });
    return row ? row.total : this.countRows(this.counts.manager, idSubscription, resourceType);
  }

  /** Within the transaction that adds (+1) or removes (-1) a resource: counted when it commits. */
  async adjust(manager: EntityManager, idSubscription: number, resourceType: CountedResource, delta: number): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) return this.apply(manager, idSubscription, resourceType, delta);
    const pending: Pending = (runner.data[PENDING] as Pending | undefined) ?? new Map();
    runner.data[PENDING] = pending;
    const key = `${idSubscription}:${resourceType}`;
    pending.set(key, { idSubscription, resourceType, delta: (pending.get(key)?.delta ?? 0) + delta });
  }

  /**
   * The count's change as part of a single-statement write (CompiledWrites.insertLinked): the
   * row to add to and, for a subscription that has none yet, the count from its rows as they were
   * before the statement.
   */
  linkedIncrement(idSubscription: number, resourceType: CountedResource, by: number) {
    const dataSource = this.counts.manager.connection;
    const escape = (name: string) => dataSource.driver.escape(name);
    const sql =
      resourceType === 'User'
        ? `SELECT COUNT(1) FROM ${entityTable(dataSource, WFUser)} WHERE ${escape('idSubscription')} = :countedSubscription AND ${escape('deletedAt')} IS NULL`
        : `SELECT COUNT(1) FROM ${entityTable(dataSource, WFGroup)} WHERE ${escape('idSubscription')} = :countedSubscription`;
    return {
      target: ResourceCount,
      key: { idSubscription, resourceType },
      column: 'total',
      by,
      seed: { sql, params: { countedSubscription: idSubscription } },
    };
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A savepoint's release is no commit.
    if (!isOutermost(event.queryRunner)) return;
    const pending = event.queryRunner.data[PENDING] as Pending | undefined;
    event.queryRunner.data[PENDING] = undefined;
    for (const { idSubscription, resourceType, delta } of pending?.values() ?? []) {
      if (delta !== 0) await this.apply(event.queryRunner.manager, idSubscription, resourceType, delta);
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (isOutermost(event.queryRunner, 0)) event.queryRunner.data[PENDING] = undefined;
  }

  private async apply(manager: EntityManager, idSubscription: number, resourceType: CountedResource, delta: number): Promise<void> {
    if (await this.add(manager, idSubscription, resourceType, delta)) return;
    // No count yet: the rows as this transaction sees them, its own change included, are the count.
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
    const set = { total: new Increment(Math.trunc(delta)) };
    return (await CompiledWrites.of(manager.connection).update(ResourceCount, set, { idSubscription, resourceType }, manager)).affected > 0;
  }

  private countRows(manager: EntityManager, idSubscription: number, resourceType: CountedResource): Promise<number> {
    return resourceType === 'User'
      ? manager.getRepository(WFUser).countBy({ idSubscription, deletedAt: IsNull() })
      : manager.getRepository(WFGroup).countBy({ idSubscription });
  }
}

/** Whether the query runner's transaction is its outermost one (a nested one is a savepoint); `depth` is where that is. */
function isOutermost(runner: QueryRunner, depth = 1): boolean {
  // TypeORM keeps the nesting in a protected field of every query runner.
  return (runner as unknown as { transactionDepth: number }).transactionDepth === depth;
}
