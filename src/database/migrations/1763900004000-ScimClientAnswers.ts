import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columns } from '../column-types';

/**
 * `primary` comes back as the client sent it, false included (WFUserValue.isPrimary becomes
 * nullable: null = not sent), and each application says how a Users PATCH is answered.
 */
export class ScimClientAnswers1763900004000 implements MigrationInterface {
  name = 'ScimClientAnswers1763900004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const table = await queryRunner.getTable('WFUserValue');
    await queryRunner.changeColumn(table!, table!.findColumnByName('isPrimary')!, new TableColumn(c.bool('isPrimary', true)));
    // Rows written before stored "not primary" both for false and for no `primary`, and answered
    // without one: null keeps that answer.
    await queryRunner.query(
      `UPDATE ${qualified(queryRunner, 'WFUserValue')} SET ${column(queryRunner, 'isPrimary')} = NULL WHERE ${column(queryRunner, 'isPrimary')} = ${falseLiteral(queryRunner)}`,
    );
    await queryRunner.addColumn('OAuthApplication', new TableColumn({ ...c.string('patchResponse', 16, false), default: "'resource'" }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.dropColumn('OAuthApplication', 'patchResponse');
    await queryRunner.query(
      `UPDATE ${qualified(queryRunner, 'WFUserValue')} SET ${column(queryRunner, 'isPrimary')} = ${falseLiteral(queryRunner)} WHERE ${column(queryRunner, 'isPrimary')} IS NULL`,
    );
    const table = await queryRunner.getTable('WFUserValue');
    await queryRunner.changeColumn(table!, table!.findColumnByName('isPrimary')!, new TableColumn(c.bool('isPrimary')));
  }
}

function qualified(queryRunner: QueryRunner, name: string): string {
  const driver = queryRunner.connection.driver;
  const schema = (driver.options as { schema?: string }).schema;
  return schema ? `${driver.escape(schema)}.${driver.escape(name)}` : driver.escape(name);
}

const column = (queryRunner: QueryRunner, name: string) => queryRunner.connection.driver.escape(name);
const falseLiteral = (queryRunner: QueryRunner) => (queryRunner.connection.driver.options.type === 'postgres' ? 'FALSE' : '0');
