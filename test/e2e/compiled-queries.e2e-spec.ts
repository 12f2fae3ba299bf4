import request from 'supertest';
import { CompiledQueries } from '../../src/database/compiled-queries';
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
