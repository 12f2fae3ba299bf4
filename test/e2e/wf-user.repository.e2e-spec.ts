import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { UserNameTakenError, UserVersionConflictError } from '../../src/users/users.errors';
import { WFUserRepository } from '../../src/users/wf-user.repository';
import { makeSubscription, makeUserAttributes } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe(WFUserRepository.name, () => {
  let t: TestApp;
  let users: WFUserRepository;
  let sub: Subscription;
  let other: Subscription;

  beforeAll(async () => {
    t = await createTestApp();
    users = t.app.get(WFUserRepository);
    sub = await makeSubscription(t.dataSource);
    other = await makeSubscription(t.dataSource);
  });
  afterAll(() => t.close());

  const row = (idUser: number) => t.dataSource.getRepository(WFUser).findOneByOrFail({ idUser });

  it('creates a user with a uuid, version 1 and the case-folded key', async () => {
    const created = await users.create(sub.idSubscription, makeUserAttributes({ userName: 'Alice.Smith@Example.com' }));
    expect(created.guidUser).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await row(created.idUser);
    expect(stored).toMatchObject({
      userName: 'Alice.Smith@Example.com',
      userNameKey: 'alice.smith@example.com',
      version: 1,
      enabled: true,
      deletedAt: null,
    });
  });

  it('refuses a userName already held in the subscription, whatever its case', async () => {
    await users.create(sub.idSubscription, makeUserAttributes({ userName: 'bob@example.com' }));
    await expect(users.create(sub.idSubscription, makeUserAttributes({ userName: 'BOB@example.com' }))).rejects.toBeInstanceOf(
      UserNameTakenError,
    );
    // the same name in another subscription is another user
    await expect(users.create(other.idSubscription, makeUserAttributes({ userName: 'bob@example.com' }))).resolves.toBeDefined();
  });

  it('finds by id, by userName case-insensitively and by externalId, within the subscription only', async () => {
    const u = await users.create(sub.idSubscription, makeUserAttributes({ userName: 'Carol@Example.com', externalId: 'ext-carol' }));
    expect((await users.findByGuid(sub.idSubscription, u.guidUser))?.idUser).toBe(u.idUser);
    expect((await users.findByUserName(sub.idSubscription, 'carol@EXAMPLE.com'))?.idUser).toBe(u.idUser);
    expect((await users.findByExternalId(sub.idSubscription, 'ext-carol'))?.idUser).toBe(u.idUser);
    expect(await users.findByGuid(other.idSubscription, u.guidUser)).toBeNull();
    expect(await users.findByUserName(other.idSubscription, 'carol@example.com')).toBeNull();
  });

  it('lists live users page by page in creation order', async () => {
    const s = await makeSubscription(t.dataSource);
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await users.create(s.idSubscription, makeUserAttributes()));
    await users.softDelete(created[4]);
    const page1 = await users.search(s.idSubscription, { offset: 0, limit: 2 });
    const page2 = await users.search(s.idSubscription, { offset: 2, limit: 2 });
    expect(page1.total).toBe(4);
    expect([...page1.users, ...page2.users].map((u) => u.idUser)).toEqual(created.slice(0, 4).map((u) => u.idUser));
  });

  it('updates with an optimistic version check', async () => {
    const u = await users.create(sub.idSubscription, makeUserAttributes());
    const updated = await users.update(u, { fullName: 'New Name', userName: 'Renamed@Example.com' });
    expect(updated.version).toBe(2);
    expect(await row(u.idUser)).toMatchObject({ fullName: 'New Name', userNameKey: 'renamed@example.com', version: 2 });
    // a writer still holding version 1 loses
    await expect(users.update(u, { fullName: 'Stale' })).rejects.toBeInstanceOf(UserVersionConflictError);
    expect((await row(u.idUser)).fullName).toBe('New Name');
  });

  it('refuses a rename onto a taken userName', async () => {
    const a = await users.create(sub.idSubscription, makeUserAttributes({ userName: 'dave@example.com' }));
    const b = await users.create(sub.idSubscription, makeUserAttributes());
    await expect(users.update(b, { userName: 'DAVE@example.com' })).rejects.toBeInstanceOf(UserNameTakenError);
    expect((await row(a.idUser)).userName).toBe('dave@example.com');
  });

  it('soft-deletes: the row stays, disabled and hidden from lookups', async () => {
    const u = await users.create(sub.idSubscription, makeUserAttributes({ userName: 'erin@example.com' }));
    await users.softDelete(u);
    const stored = await row(u.idUser);
    expect(stored.enabled).toBe(false);
    expect(stored.deletedAt).toBeInstanceOf(Date);
    expect(await users.findByGuid(sub.idSubscription, u.guidUser)).toBeNull();
    expect(await users.findByUserName(sub.idSubscription, 'erin@example.com')).toBeNull();
    expect((await users.findByUserNameIncludingDeleted(sub.idSubscription, 'erin@example.com'))?.idUser).toBe(u.idUser);
  });
});
