import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columns } from '../column-types';

export class Ownership1763900003000 implements MigrationInterface {
  name = 'Ownership1763900003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'Resource',
        columns: [
          c.id('idResource'),
          c.string('guidResource', 36, false),
          c.int('idSubscription'),
          c.string('kind', 64, false),
          c.string('name', 256, false),
          c.int('idOwnerUser'),
          c.dateTime('createdAt'),
          c.dateTime('updatedAt'),
        ],
        indices: [
          { name: 'UQ_Resource_guid', columnNames: ['guidResource'], isUnique: true },
          { name: 'IX_Resource_owner', columnNames: ['idOwnerUser'] },
          { name: 'IX_Resource_subscription', columnNames: ['idSubscription', 'idResource'] },
        ],
        foreignKeys: [
          {
            name: 'FK_Resource_Subscription',
            columnNames: ['idSubscription'],
            referencedTableName: 'Subscription',
            referencedColumnNames: ['idSubscription'],
          },
          { name: 'FK_Resource_Owner', columnNames: ['idOwnerUser'], referencedTableName: 'WFUser', referencedColumnNames: ['idUser'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'OwnershipTransfer',
        columns: [
          c.id('idTransfer'),
          c.string('guidTransfer', 36, false),
          c.int('idSubscription'),
          c.int('idFromUser'),
          c.int('idToUser'),
          c.string('rule', 32, false),
          c.int('resourcesMoved'),
          c.string('permissionsMoved', 512, false),
          c.int('idNewSubscriptionOwner', true),
          c.bool('companyOwnershipEnded'),
          c.string('trigger', 256, false),
          c.string('requestId', 128),
          c.dateTime('createdAt'),
        ],
        indices: [
          { name: 'IX_OwnershipTransfer_subscription', columnNames: ['idSubscription', 'idTransfer'] },
          { name: 'IX_OwnershipTransfer_from', columnNames: ['idFromUser'] },
          { name: 'IX_OwnershipTransfer_to', columnNames: ['idToUser'] },
        ],
        foreignKeys: [
          {
            name: 'FK_OwnershipTransfer_From',
            columnNames: ['idFromUser'],
            referencedTableName: 'WFUser',
            referencedColumnNames: ['idUser'],
          },
          { name: 'FK_OwnershipTransfer_To', columnNames: ['idToUser'], referencedTableName: 'WFUser', referencedColumnNames: ['idUser'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('OwnershipTransfer');
    await queryRunner.dropTable('Resource');
  }
}
