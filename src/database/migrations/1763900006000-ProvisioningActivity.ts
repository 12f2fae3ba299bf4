import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columns } from '../column-types';
import { dropIndex } from './rebuild-column';

/**
 * The provisioning activity an administrator reads when an identity provider reports failures;
 * when each application was last used; and an index to find the subscriptions a user owns (read
 * by every deactivation).
 */
export class ProvisioningActivity1763900006000 implements MigrationInterface {
  name = 'ProvisioningActivity1763900006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'ProvisioningActivity',
        columns: [
          c.bigId('idActivity'),
          c.int('idSubscription'),
          c.int('idApplication', true),
          c.string('operation', 16, false),
          c.string('resourceType', 16, false),
          c.string('resourceId', 36),
          c.string('resourceName', 256),
          c.string('outcome', 8, false),
          c.int('status'),
          c.string('scimType', 32),
          c.string('detail', 512),
          c.string('requestId', 128),
          c.dateTime('createdAt'),
        ],
        // Two indexes only: each one is written by every SCIM write. Lists go by subscription
        // (newest first) or by resource; the other filters narrow a subscription's rows; the
        // purge walks the primary key, whose order is the order rows were written in.
        indices: [
          { name: 'IX_ProvisioningActivity_subscription', columnNames: ['idSubscription', 'idActivity'] },
          { name: 'IX_ProvisioningActivity_resource', columnNames: ['idSubscription', 'resourceId', 'idActivity'] },
        ],
      }),
    );
    await queryRunner.addColumn('OAuthApplication', new TableColumn(c.dateTime('lastUsedAt', true)));
    await queryRunner.createIndex('Subscription', new TableIndex({ name: 'IX_Subscription_owner', columnNames: ['idOwnerUser'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropIndex(queryRunner, 'Subscription', 'IX_Subscription_owner');
    await queryRunner.dropColumn('OAuthApplication', 'lastUsedAt');
    await queryRunner.dropTable('ProvisioningActivity');
  }
}
