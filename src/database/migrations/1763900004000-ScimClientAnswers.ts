import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columns } from '../column-types';

/**
 * `primary` comes back as the client sent it, false included (WFUserValue.isPrimary becomes
 * nullable: null = not sent), and each application says how a Users PATCH is answered.
 *
 * The column is rebuilt through a temporary one rather than altered in place: TypeORM's SQL
 * Server dialect writes `ALTER COLUMN` without NULL / NOT NULL, and the SQL Server stand-in
 * refuses a nullability change, while adding, copying and dropping columns works everywhere.
 */
export class ScimClientAnswers1763900004000 implements MigrationInterface {
  name = 'ScimClientAnswers1763900004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Rows written before stored "not primary" both for false and for no `primary`, and were
    // answered without one: only true is carried over, so those answers stay as they were.
    await rebuildPrimary(queryRunner, true);
    // Nullable and without a default (null reads as "resource"): no default constraint to name on SQL Server.
    await queryRunner.addColumn('OAuthApplication', new TableColumn(columns(queryRunner).string('patchResponse', 16)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('OAuthApplication', 'patchResponse');
    await rebuildPrimary(queryRunner, false);
  }
}

/** Re-creates WFUserValue.isPrimary, nullable or not, keeping the values that are true. */
async function rebuildPrimary(queryRunner: QueryRunner, nullable: boolean): Promise<void> {
  const c = columns(queryRunner);
  const mssql = queryRunner.connection.driver.options.type === 'mssql';
  const table = qualified(queryRunner, 'WFUserValue');
  const [primary, saved] = [column(queryRunner, 'isPrimary'), column(queryRunner, 'primarySaved')];
  const [yes, no] = [literal(queryRunner, true), literal(queryRunner, false)];
  await queryRunner.addColumn('WFUserValue', new TableColumn(c.bool('primarySaved', true)));
  await queryRunner.query(`UPDATE ${table} SET ${saved} = ${primary} WHERE ${primary} = ${yes}`);
  await queryRunner.dropColumn('WFUserValue', 'isPrimary');
  await queryRunner.addColumn('WFUserValue', new TableColumn(c.bool('isPrimary', true)));
  await queryRunner.query(`UPDATE ${table} SET ${primary} = ${saved} WHERE ${saved} IS NOT NULL`);
  await queryRunner.dropColumn('WFUserValue', 'primarySaved');
  if (nullable) return;
  await queryRunner.query(`UPDATE ${table} SET ${primary} = ${no} WHERE ${primary} IS NULL`);
  // On SQL Server the reverted column stays nullable (every row filled): making it NOT NULL again
  // takes an ALTER COLUMN or a named default constraint, and the stand-in supports neither.
  if (mssql) return;
  const loaded = await queryRunner.getTable('WFUserValue');
  await queryRunner.changeColumn(loaded!, loaded!.findColumnByName('isPrimary')!, new TableColumn(c.bool('isPrimary')));
}

function qualified(queryRunner: QueryRunner, name: string): string {
  const driver = queryRunner.connection.driver;
  const schema = (driver.options as { schema?: string }).schema;
  return schema ? `${driver.escape(schema)}.${driver.escape(name)}` : driver.escape(name);
}

const column = (queryRunner: QueryRunner, name: string) => queryRunner.connection.driver.escape(name);
const literal = (queryRunner: QueryRunner, value: boolean) =>
  queryRunner.connection.driver.options.type === 'postgres' ? String(value).toUpperCase() : value ? '1' : '0';
