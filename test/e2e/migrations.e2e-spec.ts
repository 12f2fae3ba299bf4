import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Company } from '../../src/tenancy/entities/company.entity';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFUserValue } from '../../src/users/entities/wf-user-value.entity';
import { ResourceCount } from '../../src/users/entities/resource-count.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { makeSubscription, makeUserAttributes } from '../support/factories';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { qualifiedTable } from '../../src/database/table-name';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...buildDataSourceOptions(db.config), entities: [Company, Subscription, WFUser, WFUserValue, ResourceCount] });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const migrationsTable = () => qualifiedTable(ds.driver, 'SchemaMigration');
  const tables = async () =>
    (await ds.createQueryRunner().getTables(['WFUser', 'Company', 'Subscription'])).map((t) => t.name.split('.').pop());

  it('creates the schema, and running them twice is a no-op', async () => {
    const first = await ds.runMigrations();
    expect(first).toHaveLength(MIGRATIONS.length);
    expect(await ds.runMigrations()).toHaveLength(0);
    expect(await tables()).toEqual(expect.arrayContaining(['WFUser', 'Company', 'Subscription']));
  });

  it('keeps the answers of values stored before primary became nullable: false means "not sent"', async () => {
    // back to the schema before ScimClientAnswers
    while ((await ds.query(`SELECT COUNT(1) AS n FROM ${migrationsTable()} WHERE name = 'ScimClientAnswers1763900004000'`))[0].n > 0) {
      await ds.undoLastMigration();
    }
    const subscription = await makeSubscription(ds);
    const user = await ds.getRepository(WFUser).save({
      ...makeUserAttributes(),
      guidUser: randomUUID(),
      idSubscription: subscription.idSubscription,
      userNameKey: `key-${randomUUID()}`,
      createdAt: new Date(),
      updatedAt: new Date(),
      version: 1,
    });
    const value = { idUser: user.idUser, attribute: 'emails', type: 'work', display: null, position: 0 };
    await ds.getRepository(WFUserValue).insert([
      { ...value, value: 'a@example.com', isPrimary: true },
      { ...value, value: 'b@example.com', isPrimary: false, position: 1 },
    ]);
    await ds.runMigrations();
    expect(await ds.runMigrations()).toHaveLength(0);
    const rows = await ds.getRepository(WFUserValue).find({ where: { idUser: user.idUser }, order: { position: 'ASC' } });
    expect(rows.map((r) => r.isPrimary)).toEqual([true, null]);
    await ds.getRepository(WFUserValue).update({ idUser: user.idUser, position: 1 }, { isPrimary: false });
    expect((await ds.getRepository(WFUserValue).findOneByOrFail({ idUser: user.idUser, position: 1 })).isPrimary).toBe(false);
  });

  it('counts the users and groups already stored when the kept counts arrive', async () => {
    while ((await ds.query(`SELECT COUNT(1) AS n FROM ${migrationsTable()} WHERE name = 'ResourceCounts1763900009000'`))[0].n > 0) {
      await ds.undoLastMigration();
    }
    const subscription = await makeSubscription(ds);
    const user = (n: number, deletedAt: Date | null) => ({
      ...makeUserAttributes(),
      guidUser: randomUUID(),
      idSubscription: subscription.idSubscription,
      userNameKey: `count-${n}-${randomUUID()}`,
      deletedAt,
      createdAt: new Date(),
      updatedAt: new Date(),
      version: 1,
    });
    await ds.getRepository(WFUser).insert([user(1, null), user(2, null), user(3, new Date())]);
    await ds.runMigrations();
    const counts = await ds.getRepository(ResourceCount).findBy({ idSubscription: subscription.idSubscription });
    expect(counts).toEqual([{ idSubscription: subscription.idSubscription, resourceType: 'User', total: 2 }]);
  });

  it('revert then run restores the schema', async () => {
    const before = await ds.createQueryRunner().getTable('WFUser');
    await ds.undoLastMigration();
    await ds.runMigrations();
    const after = await ds.createQueryRunner().getTable('WFUser');
    expect(after?.columns.map((c) => c.name)).toEqual(before?.columns.map((c) => c.name));
    expect(after?.indices.map((i) => i.name).sort()).toEqual(before?.indices.map((i) => i.name).sort());
  });
});
