import { MigrationInterface, QueryRunner } from 'typeorm';
import { columns } from '../column-types';
import { escape, qualified, rebuildColumn } from './rebuild-column';

/** The transfer audit records any number of permissions moved (it was cut at 512 characters and failed the deactivation). */
export class AuditAnyAmount1763900005000 implements MigrationInterface {
  name = 'AuditAnyAmount1763900005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuildColumn(queryRunner, 'OwnershipTransfer', 'permissionsMoved', columns(queryRunner).text('permissionsMoved'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const column = escape(queryRunner, 'permissionsMoved');
    await queryRunner.query(`UPDATE ${qualified(queryRunner, 'OwnershipTransfer')} SET ${column} = SUBSTRING(${column}, 1, 512)`);
    await rebuildColumn(queryRunner, 'OwnershipTransfer', 'permissionsMoved', columns(queryRunner).string('permissionsMoved', 512, false));
  }
}
