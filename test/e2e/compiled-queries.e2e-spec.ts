import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ObjectLiteral } from 'typeorm';
import { CompiledQueries } from '../../src/database/compiled-queries';
import { CompiledWrites, Increment } from '../../src/database/compiled-writes';
import { lockAndRead, lockRows } from '../../src/database/row-lock';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { WFUserRepository } from '../../src/users/wf-user.repository';
import { makeSubscription, makeUserAttributes } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { makeTenant } from '../support/tenant';

describe(CompiledQueries.name, () => {
  let t: TestApp;
  let queries: CompiledQueries;
  const ids: number[] = [];
  let idSubscription: number;

  beforeAll(async () => {
    t = await createTestApp();
    queries = new CompiledQueries(t.dataSource);
    const users = t.app.get(WFUserRepository);
    idSubscription = (await makeSubscription(t.dataSource)).idSubscription;
    for (let i = 0; i < 5; i++) {
      const user = await users.create(idSubscription, makeUserAttributes({ userName: `cq-${i}@example.com`, enabled: i % 2 === 0 }));
      ids.push(user.idUser);
    }
  });
  afterAll(() => t.close());

  // One shape: lists of several lengths, a boolean, a date and a name used twice.
  const names = (list: number[], enabled: boolean, after: Date) =>
    queries
      .rows<{ userName: string }>(
        'test:users-in',
        (em) =>
          em
            .createQueryBuilder(WFUser, 'u')
            .select('u.userName', 'userName')
            .where('u.idUser IN (:...list) AND u.enabled = :enabled AND u.createdAt > :after')
            .andWhere('u.idSubscription = :sub AND u.idSubscription >= :sub')
            .orderBy('u.idUser'),
        { list, enabled, after, sub: idSubscription },
      )
      .then((rows) => rows.map((r) => r.userName));

  it('binds fresh values on every call of one shape, whatever the list length', async () => {
    const longAgo = new Date('2000-01-01T00:00:00Z');
    expect(await names(ids, true, longAgo)).toEqual(['cq-0@example.com', 'cq-2@example.com', 'cq-4@example.com']);
    expect(await names(ids, false, longAgo)).toEqual(['cq-1@example.com', 'cq-3@example.com']);
    expect(await names([ids[1]], false, longAgo)).toEqual(['cq-1@example.com']);
    expect(await names(ids.slice(0, 3), true, longAgo)).toEqual(['cq-0@example.com', 'cq-2@example.com']);
    expect(await names(ids, true, new Date(Date.now() + 3600_000))).toEqual([]);
    expect(await names(ids, true, longAgo)).toEqual(['cq-0@example.com', 'cq-2@example.com', 'cq-4@example.com']);
  });
});

describe('compiled queries under a large filter paged in steps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keep no more entries as startIndex changes, and none for a very long filter', async () => {
    const tenant = await makeTenant(t);
    const cache = (
      t.app.get(WFUserRepository) as unknown as { queries: { sqlByShape: Map<string, string>; boundByKey: Map<string, unknown> } }
    ).queries;
    const search = (filter: string, startIndex: number) =>
      request(t.http)
        .post('/scim/v2/Users/.search')
        .auth(tenant.token, { type: 'bearer' })
        .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter, startIndex, count: 1 })
        .expect(200);
    const short = 'userName sw "a" or userName sw "b"';
    // The first page, then the second read by a seek from the first's last row: every shape there is.
    await search(short, 1);
    await search(short, 2);
    const [shapes, bound] = [cache.sqlByShape.size, cache.boundByKey.size];
    for (let startIndex = 3; startIndex <= 30; startIndex++) await search(short, startIndex);
    expect([cache.sqlByShape.size, cache.boundByKey.size]).toEqual([shapes, bound]);
    const long = Array.from({ length: 100 }, (_, i) => `userName eq "u${i}@c.io"`).join(' or ');
    for (let startIndex = 1; startIndex <= 30; startIndex++) await search(long, startIndex);
    expect([cache.sqlByShape.size, cache.boundByKey.size]).toEqual([shapes, bound]);
  });
});

describe(CompiledWrites.name, () => {
  let t: TestApp;
  let writes: CompiledWrites;
  let idSubscription: number;
  let toUser: (row: ObjectLiteral) => WFUser;

  beforeAll(async () => {
    t = await createTestApp();
    writes = CompiledWrites.of(t.dataSource);
    toUser = new CompiledQueries(t.dataSource).hydrator(WFUser);
    idSubscription = (await makeSubscription(t.dataSource)).idSubscription;
  });
  afterAll(() => t.close());

  const newUser = (userName: string): Partial<WFUser> => {
    const now = new Date('2026-01-02T03:04:05.678Z');
    return {
      ...makeUserAttributes({ userName, enabled: false }),
      guidUser: randomUUID(),
      idSubscription,
      userNameKey: userName.toLowerCase(),
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  };

  it('inserts rows that read back as TypeORM reads them, with the generated keys in order', async () => {
    const rows = [newUser('cw-a@example.com'), newUser('cw-b@example.com')];
    const ids = await t.dataSource.transaction((em) => writes.insert(WFUser, rows, em, 'idUser'));
    expect(ids).toHaveLength(2);
    const stored = await t.dataSource.getRepository(WFUser).findBy({ idSubscription });
    const byId = new Map(stored.map((u) => [u.idUser, u]));
    for (const [i, id] of ids.entries()) {
      const user = byId.get(Number(id))!;
      expect(user.userName).toBe(rows[i].userName);
      expect(user.enabled).toBe(false);
      expect(user.deletedAt).toBeNull();
      expect(user.createdAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    }
  });

  it('updates by equality and IS NULL, adds to a column, locks and returns the rows as they are now', async () => {
    const [id] = await t.dataSource.transaction((em) => writes.insert(WFUser, [newUser('cw-c@example.com')], em, 'idUser'));
    const idUser = Number(id);
    await t.dataSource.transaction(async (em) => {
      expect((await writes.update(WFUser, { fullName: 'C', version: 2 }, { idUser, version: 1, deletedAt: null }, em)).affected).toBe(1);
      // The version moved: a write from version 1 matches nothing.
      expect((await writes.update(WFUser, { fullName: 'lost' }, { idUser, version: 1 }, em)).affected).toBe(0);
      expect((await writes.update(WFUser, { version: new Increment(3) }, { idUser }, em)).affected).toBe(1);
      const [locked] = await lockAndRead(em, WFUser, 'version', { idUser, idSubscription, deletedAt: null }, toUser);
      expect([locked.fullName, locked.version, locked.enabled]).toEqual(['C', 5, false]);
      expect(await lockAndRead(em, WFUser, 'version', { idUser, idSubscription: idSubscription + 1000 }, toUser)).toEqual([]);
      expect(await lockRows(em, WFUser, 'version', { idUser, enabled: false })).toBe(1);
    });
    const [stored] = await t.dataSource.getRepository(WFUser).findBy({ idUser });
    expect([stored.fullName, stored.version]).toEqual(['C', 5]);
  });

  it('deletes by equality, saying how many rows went', async () => {
    const [id] = await t.dataSource.transaction((em) => writes.insert(WFUser, [newUser('cw-d@example.com')], em, 'idUser'));
    expect(await t.dataSource.transaction((em) => writes.delete(WFUser, { idUser: Number(id), idSubscription }, em))).toBe(1);
    expect(await t.dataSource.transaction((em) => writes.delete(WFUser, { idUser: Number(id) }, em))).toBe(0);
  });
});
