import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columns } from '../column-types';
import { escape, qualified } from './rebuild-column';

/**
 * The count of each subscription's live users and groups (see ResourceCount), filled from the
 * rows there are: an unfiltered list's total is then read, not counted.
 */
export class ResourceCounts1763900009000 implements MigrationInterface {
  name = 'ResourceCounts1763900009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'ResourceCount',
        columns: [
          { ...c.int('idSubscription'), isPrimary: true },
          { ...c.string('resourceType', 16, false), isPrimary: true },
          c.int('total'),
        ],
      }),
    );
    const e = (name: string) => escape(queryRunner, name);
    const into = `INSERT INTO ${qualified(queryRunner, 'ResourceCount')} (${e('idSubscription')}, ${e('resourceType')}, ${e('total')})`;
    await queryRunner.query(
      `${into} SELECT ${e('idSubscription')}, 'User', COUNT(1) FROM ${qualified(queryRunner, 'WFUser')} WHERE ${e('deletedAt')} IS NULL GROUP BY ${e('idSubscription')}`,
    );
    await queryRunner.query(
      `${into} SELECT ${e('idSubscription')}, 'Group', COUNT(1) FROM ${qualified(queryRunner, 'WFGroup')} GROUP BY ${e('idSubscription')}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ResourceCount');
  }
}
