import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columns } from '../column-types';
import { booleanLiteral, escape, qualified, rebuildColumn } from './rebuild-column';

/**
 * `primary` comes back as the client sent it, false included (WFUserValue.isPrimary becomes
 * nullable: null = not sent), and each application says how a Users PATCH is answered.
 */
export class ScimClientAnswers1763900004000 implements MigrationInterface {
  name = 'ScimClientAnswers1763900004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    // Rows written before stored "not primary" both for false and for no `primary`, and were
    // answered without one: only true is carried over, so those answers stay as they were.
    await rebuildColumn(queryRunner, 'WFUserValue', 'isPrimary', c.bool('isPrimary', true), `= ${booleanLiteral(queryRunner, true)}`);
    // Nullable and without a default (null reads as "resource"): no default constraint to name on SQL Server.
    await queryRunner.addColumn('OAuthApplication', new TableColumn(c.string('patchResponse', 16)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.dropColumn('OAuthApplication', 'patchResponse');
    const primary = escape(queryRunner, 'isPrimary');
    await queryRunner.query(
      `UPDATE ${qualified(queryRunner, 'WFUserValue')} SET ${primary} = ${booleanLiteral(queryRunner, false)} WHERE ${primary} IS NULL`,
    );
    await rebuildColumn(queryRunner, 'WFUserValue', 'isPrimary', c.bool('isPrimary'));
  }
}
