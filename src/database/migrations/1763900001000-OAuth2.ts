import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columns } from '../column-types';

export class OAuth21763900001000 implements MigrationInterface {
  name = 'OAuth21763900001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'OAuthApplication',
        columns: [
          c.id('idApplication'),
          c.string('guidApplication', 36, false),
          c.int('idSubscription'),
          c.string('name', 200, false),
          c.string('clientId', 64, false),
          c.string('clientSecretHash', 64, false),
          c.string('grantType', 32, false),
          c.string('allowedScopes', 200, false),
          c.int('idUser'),
          c.int('tokenLifetimeSeconds'),
          c.dateTime('createdAt'),
          c.dateTime('updatedAt'),
          c.dateTime('revokedAt', true),
        ],
        indices: [
          { name: 'UQ_OAuthApplication_clientId', columnNames: ['clientId'], isUnique: true },
          { name: 'UQ_OAuthApplication_guid', columnNames: ['guidApplication'], isUnique: true },
          { name: 'IX_OAuthApplication_subscription', columnNames: ['idSubscription'] },
        ],
        foreignKeys: [
          {
            name: 'FK_OAuthApplication_Subscription',
            columnNames: ['idSubscription'],
            referencedTableName: 'Subscription',
            referencedColumnNames: ['idSubscription'],
          },
          { name: 'FK_OAuthApplication_User', columnNames: ['idUser'], referencedTableName: 'WFUser', referencedColumnNames: ['idUser'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'AccessToken',
        columns: [
          c.id('idToken'),
          c.string('tokenHash', 64, false),
          c.int('idApplication'),
          c.string('scopes', 200, false),
          c.bool('isClientSecret'),
          c.dateTime('expiresAt', true),
          c.dateTime('createdAt'),
        ],
        indices: [
          { name: 'UQ_AccessToken_tokenHash', columnNames: ['tokenHash'], isUnique: true },
          { name: 'IX_AccessToken_application', columnNames: ['idApplication'] },
        ],
        foreignKeys: [
          {
            name: 'FK_AccessToken_Application',
            columnNames: ['idApplication'],
            referencedTableName: 'OAuthApplication',
            referencedColumnNames: ['idApplication'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'PermissionGrant',
        columns: [
          { ...c.int('idUser'), isPrimary: true },
          { ...c.string('permission', 64, false), isPrimary: true },
          c.dateTime('createdAt'),
        ],
        foreignKeys: [
          { name: 'FK_PermissionGrant_User', columnNames: ['idUser'], referencedTableName: 'WFUser', referencedColumnNames: ['idUser'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('PermissionGrant');
    await queryRunner.dropTable('AccessToken');
    await queryRunner.dropTable('OAuthApplication');
  }
}
