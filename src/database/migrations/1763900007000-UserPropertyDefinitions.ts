import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columns } from '../column-types';

/** Custom user properties each subscription defines (the attributes of its properties extension schema). */
export class UserPropertyDefinitions1763900007000 implements MigrationInterface {
  name = 'UserPropertyDefinitions1763900007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'UserPropertyDefinition',
        columns: [
          c.id('idDefinition'),
          c.int('idSubscription'),
          c.string('name', 128, false),
          c.string('nameKey', 128, false),
          c.string('type', 16, false),
          c.int('maxLength', true),
          c.bool('required'),
          c.bool('caseExact'),
          c.string('description', 1000),
          c.dateTime('createdAt'),
          c.dateTime('updatedAt'),
        ],
        indices: [{ name: 'UQ_UserPropertyDefinition_name', columnNames: ['idSubscription', 'nameKey'], isUnique: true }],
        foreignKeys: [
          {
            name: 'FK_UserPropertyDefinition_Subscription',
            columnNames: ['idSubscription'],
            referencedTableName: 'Subscription',
            referencedColumnNames: ['idSubscription'],
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('UserPropertyDefinition');
  }
}
