import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columns } from '../column-types';
import { dropIndex, escape, qualified } from './rebuild-column';

/**
 * A case-folded key of each custom property value (its first 256 characters), indexed with the
 * property's name: a filter `urn:…:properties:2.0:User:costCenter eq "X"` finds its users on the
 * index (the value column itself is too long to index on SQL Server).
 */
export class UserPropertyValueKey1763900008000 implements MigrationInterface {
  name = 'UserPropertyValueKey1763900008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('WFUserProperty', new TableColumn(columns(queryRunner).string('valueKey', 256)));
    const [value, key] = [escape(queryRunner, 'value'), escape(queryRunner, 'valueKey')];
    await queryRunner.query(
      `UPDATE ${qualified(queryRunner, 'WFUserProperty')} SET ${key} = LOWER(SUBSTRING(${value}, 1, 256)) WHERE ${value} IS NOT NULL`,
    );
    await queryRunner.createIndex(
      'WFUserProperty',
      new TableIndex({ name: 'IX_WFUserProperty_name_valueKey', columnNames: ['name', 'valueKey'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropIndex(queryRunner, 'WFUserProperty', 'IX_WFUserProperty_name_valueKey');
    await queryRunner.dropColumn('WFUserProperty', 'valueKey');
  }
}
