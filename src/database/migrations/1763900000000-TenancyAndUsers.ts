import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from '../column-types';

export class TenancyAndUsers1763900000000 implements MigrationInterface {
  name = 'TenancyAndUsers1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'Company',
        columns: [c.id('idCompany'), c.string('name', 200, false), c.dateTime('createdAt')],
        uniques: [{ name: 'UQ_Company_name', columnNames: ['name'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'Subscription',
        columns: [
          c.id('idSubscription'),
          c.string('guidSubscription', 36, false),
          c.int('idCompany'),
          c.string('name', 200, false),
          c.int('idOwnerUser', true),
          c.dateTime('createdAt'),
        ],
        uniques: [
          { name: 'UQ_Subscription_guid', columnNames: ['guidSubscription'] },
          { name: 'UQ_Subscription_company_name', columnNames: ['idCompany', 'name'] },
        ],
        foreignKeys: [
          {
            name: 'FK_Subscription_Company',
            columnNames: ['idCompany'],
            referencedTableName: 'Company',
            referencedColumnNames: ['idCompany'],
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'WFUser',
        columns: [
          c.id('idUser'),
          c.string('guidUser', 36, false),
          c.int('idSubscription'),
          c.string('userName', 256, false),
          c.string('userNameKey', 256, false),
          c.string('domain', 25),
          c.string('fullName', 256),
          c.string('givenName', 256),
          c.string('familyName', 256),
          c.string('middleName', 256),
          c.string('honorificPrefix', 64),
          c.string('honorificSuffix', 64),
          c.string('formattedName', 512),
          c.string('nickName', 256),
          c.string('profileUrl', 512),
          c.string('title', 256),
          c.string('userType', 128),
          c.string('preferredLanguage', 64),
          c.string('locale', 64),
          c.string('timezone', 64),
          c.string('userEmail', 256),
          c.string('mobile', 64),
          c.string('externalId', 256),
          c.string('employeeNumber', 128),
          c.string('costCenter', 128),
          c.string('organization', 256),
          c.string('division', 256),
          c.string('department', 256),
          c.bool('enabled'),
          c.int('idBossUser', true),
          c.dateTime('deletedAt', true),
          c.dateTime('createdAt'),
          c.dateTime('updatedAt'),
          c.int('version'),
        ],
        foreignKeys: [
          {
            name: 'FK_WFUser_Subscription',
            columnNames: ['idSubscription'],
            referencedTableName: 'Subscription',
            referencedColumnNames: ['idSubscription'],
          },
          { name: 'FK_WFUser_Boss', columnNames: ['idBossUser'], referencedTableName: 'WFUser', referencedColumnNames: ['idUser'] },
        ],
      }),
    );
    await queryRunner.createIndices('WFUser', [
      new TableIndex({ name: 'UQ_WFUser_guidUser', columnNames: ['guidUser'], isUnique: true }),
      new TableIndex({ name: 'UQ_WFUser_subscription_userNameKey', columnNames: ['idSubscription', 'userNameKey'], isUnique: true }),
      // Live users of a subscription in id order: paging and the total count read this index alone.
      new TableIndex({ name: 'IX_WFUser_subscription_live', columnNames: ['idSubscription', 'deletedAt', 'idUser'] }),
      new TableIndex({ name: 'IX_WFUser_subscription_externalId', columnNames: ['idSubscription', 'externalId'] }),
      new TableIndex({ name: 'IX_WFUser_subscription_userEmail', columnNames: ['idSubscription', 'userEmail'] }),
      new TableIndex({ name: 'IX_WFUser_idBossUser', columnNames: ['idBossUser'] }),
    ]);
    await queryRunner.createForeignKey(
      'Subscription',
      new TableForeignKey({
        name: 'FK_Subscription_OwnerUser',
        columnNames: ['idOwnerUser'],
        referencedTableName: 'WFUser',
        referencedColumnNames: ['idUser'],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'CompanyOwner',
        columns: [{ ...c.int('idCompany'), isPrimary: true }, { ...c.int('idUser'), isPrimary: true }, c.dateTime('createdAt')],
        foreignKeys: [
          {
            name: 'FK_CompanyOwner_Company',
            columnNames: ['idCompany'],
            referencedTableName: 'Company',
            referencedColumnNames: ['idCompany'],
          },
          { name: 'FK_CompanyOwner_User', columnNames: ['idUser'], referencedTableName: 'WFUser', referencedColumnNames: ['idUser'] },
        ],
        indices: [{ name: 'IX_CompanyOwner_idUser', columnNames: ['idUser'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'WFUserProperty',
        columns: [{ ...c.int('idUser'), isPrimary: true }, { ...c.string('name', 128, false), isPrimary: true }, c.string('value', 2000)],
        foreignKeys: [
          {
            name: 'FK_WFUserProperty_User',
            columnNames: ['idUser'],
            referencedTableName: 'WFUser',
            referencedColumnNames: ['idUser'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('WFUserProperty');
    await queryRunner.dropTable('CompanyOwner');
    await queryRunner.dropForeignKey('Subscription', 'FK_Subscription_OwnerUser');
    await queryRunner.dropTable('WFUser');
    await queryRunner.dropTable('Subscription');
    await queryRunner.dropTable('Company');
  }
}
