import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columns } from '../column-types';

export class ScimValuesAndGroups1763900002000 implements MigrationInterface {
  name = 'ScimValuesAndGroups1763900002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'WFUserValue',
        columns: [
          c.id('idValue'),
          c.int('idUser'),
          c.string('attribute', 32, false),
          c.string('type', 64),
          c.string('value', 8000),
          c.string('valueKey', 256),
          c.string('display', 256),
          c.bool('isPrimary'),
          c.string('formatted', 1024),
          c.string('streetAddress', 512),
          c.string('locality', 256),
          c.string('region', 256),
          c.string('postalCode', 64),
          c.string('country', 128),
          c.int('position'),
        ],
        indices: [
          { name: 'IX_WFUserValue_user_attribute', columnNames: ['idUser', 'attribute'] },
          { name: 'IX_WFUserValue_attribute_valueKey', columnNames: ['attribute', 'valueKey'] },
        ],
        foreignKeys: [
          {
            name: 'FK_WFUserValue_User',
            columnNames: ['idUser'],
            referencedTableName: 'WFUser',
            referencedColumnNames: ['idUser'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'WFGroup',
        columns: [
          c.id('idGroup'),
          c.string('guidGroup', 36, false),
          c.int('idSubscription'),
          c.string('displayName', 256, false),
          c.string('displayNameKey', 256, false),
          c.string('externalId', 256),
          c.dateTime('createdAt'),
          c.dateTime('updatedAt'),
          c.int('version'),
        ],
        indices: [
          { name: 'UQ_WFGroup_guidGroup', columnNames: ['guidGroup'], isUnique: true },
          { name: 'IX_WFGroup_subscription_displayNameKey', columnNames: ['idSubscription', 'displayNameKey'] },
          { name: 'IX_WFGroup_subscription_externalId', columnNames: ['idSubscription', 'externalId'] },
        ],
        foreignKeys: [
          {
            name: 'FK_WFGroup_Subscription',
            columnNames: ['idSubscription'],
            referencedTableName: 'Subscription',
            referencedColumnNames: ['idSubscription'],
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'WFGroupMember',
        columns: [{ ...c.int('idGroup'), isPrimary: true }, { ...c.int('idUser'), isPrimary: true }, c.string('display', 256)],
        indices: [{ name: 'IX_WFGroupMember_idUser', columnNames: ['idUser'] }],
        foreignKeys: [
          {
            name: 'FK_WFGroupMember_Group',
            columnNames: ['idGroup'],
            referencedTableName: 'WFGroup',
            referencedColumnNames: ['idGroup'],
            onDelete: 'CASCADE',
          },
          { name: 'FK_WFGroupMember_User', columnNames: ['idUser'], referencedTableName: 'WFUser', referencedColumnNames: ['idUser'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('WFGroupMember');
    await queryRunner.dropTable('WFGroup');
    await queryRunner.dropTable('WFUserValue');
  }
}
