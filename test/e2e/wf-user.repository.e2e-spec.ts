import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { UserNameTakenError, UserVersionConflictError } from '../../src/users/users.errors';
import { UserDetailsRepository } from '../../src/users/user-details.repository';
import { WFGroupRepository } from '../../src/users/wf-group.repository';
import { WFUserRepository } from '../../src/users/wf-user.repository';
import { makeSubscription, makeUserAttributes } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe(WFUserRepository.name, () => {
  let t: TestApp;
  let users: WFUserRepository;
  let details: UserDetailsRepository;
  let sub: Subscription;
  let other: Subscription;

  beforeAll(async () => {
    t = await createTestApp();
    users = t.app.get(WFUserRepository);
    details = t.app.get(UserDetailsRepository);
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

  it('finds by id and by userName case-insensitively, within the subscription only', async () => {
    const u = await users.create(sub.idSubscription, makeUserAttributes({ userName: 'Carol@Example.com', externalId: 'ext-carol' }));
    expect((await users.findByGuid(sub.idSubscription, u.guidUser))?.idUser).toBe(u.idUser);
    expect((await users.findByUserName(sub.idSubscription, 'carol@EXAMPLE.com'))?.idUser).toBe(u.idUser);
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
    expect([...page1.rows, ...page2.rows].map((u) => u.idUser)).toEqual(created.slice(0, 4).map((u) => u.idUser));
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

  it('reads the values, properties, groups and live manager of several users in one call', async () => {
    const groups = t.app.get(WFGroupRepository);
    const boss = await users.create(sub.idSubscription, makeUserAttributes({ fullName: 'The Boss' }));
    const a = await users.create(sub.idSubscription, makeUserAttributes({ idBossUser: boss.idUser }));
    const b = await users.create(sub.idSubscription, makeUserAttributes());
    const goneBoss = await users.create(sub.idSubscription, makeUserAttributes());
    const c = await users.create(sub.idSubscription, makeUserAttributes({ idBossUser: goneBoss.idUser }));
    await users.softDelete(goneBoss);
    await t.dataSource.transaction(async (manager) => {
      const value = {
        type: 'work',
        display: null,
        formatted: null,
        streetAddress: null,
        locality: null,
        region: null,
        postalCode: null,
        country: null,
      };
      await details.replace(
        a.idUser,
        [
          { ...value, attribute: 'emails', value: 'a2@example.com', isPrimary: false, position: 1 },
          { ...value, attribute: 'emails', value: 'a1@example.com', isPrimary: true, position: 0 },
          { ...value, attribute: 'phoneNumbers', type: 'mobile', value: '+1 555', isPrimary: false, position: 0 },
        ],
        [{ name: 'costCode', value: '42' }],
        manager,
      );
      await details.replace(b.idUser, [], [{ name: 'badge', value: null }], manager);
      const zeta = await groups.create(sub.idSubscription, 'Zeta', null, manager);
      const alpha = await groups.create(sub.idSubscription, 'Alpha', null, manager);
      await groups.addMembers(zeta.idGroup, [{ idUser: a.idUser, display: null }], manager);
      await groups.addMembers(
        alpha.idGroup,
        [
          { idUser: a.idUser, display: null },
          { idUser: b.idUser, display: null },
        ],
        manager,
      );
    });

    const loaded = await details.load([a.idUser, b.idUser, c.idUser]);
    expect(loaded.values.map((v) => [v.idUser, v.attribute, v.value, v.isPrimary, v.position])).toEqual([
      [a.idUser, 'emails', 'a1@example.com', true, 0],
      [a.idUser, 'emails', 'a2@example.com', false, 1],
      [a.idUser, 'phoneNumbers', '+1 555', false, 0],
    ]);
    expect(loaded.properties).toEqual([
      { idUser: a.idUser, name: 'costCode', value: '42' },
      { idUser: b.idUser, name: 'badge', value: null },
    ]);
    expect(loaded.groups.map((g) => [g.idUser, g.displayName])).toEqual([
      [a.idUser, 'Alpha'],
      [a.idUser, 'Zeta'],
      [b.idUser, 'Alpha'],
    ]);
    // c's manager is soft-deleted: only a's shows
    expect(loaded.managers).toEqual([{ idUser: a.idUser, guidUser: boss.guidUser, fullName: 'The Boss' }]);
    expect(await details.load([])).toEqual({ values: [], properties: [], groups: [], managers: [] });
  });
});
