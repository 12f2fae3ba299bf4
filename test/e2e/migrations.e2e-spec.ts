import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(buildDataSourceOptions(db.config));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const tables = async () =>
    (await ds.createQueryRunner().getTables(['WFUser', 'Company', 'Subscription'])).map((t) => t.name.split('.').pop());

  it('creates the schema, and running them twice is a no-op', async () => {
    const first = await ds.runMigrations();
    expect(first).toHaveLength(MIGRATIONS.length);
    expect(await ds.runMigrations()).toHaveLength(0);
    expect(await tables()).toEqual(expect.arrayContaining(['WFUser', 'Company', 'Subscription']));
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
