import { WFGroupMember } from '../../src/users/entities/wf-group-member.entity';
import { WFGroup } from '../../src/users/entities/wf-group.entity';
import { WFUserValue } from '../../src/users/entities/wf-user-value.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { SCIM, scimClient } from '../support/scim-client';
import { createTestApp, TestApp } from '../support/test-app';
import { connectProvider, makeTenant } from '../support/tenant';

/**
 * The requests Okta documents in its SCIM 2.0 reference ("Okta and SCIM Version 2.0"), sent as
 * raw text in Okta's order: import paging, lookup, create (with the placeholder password Okta
 * always sends), profile update by PUT, deactivation and reactivation by a path-less PATCH,
 * and group push (create, rename that repeats the id, membership, delete). Okta's example
 * ids are replaced by ids this service issued.
 */
describe("Okta's documented requests", () => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;
  let user: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    scim = scimClient(t, (await connectProvider(t, await makeTenant(t), 'okta-documented')).token);
  });
  afterAll(() => t.close());

  const userRow = (guidUser: string) => t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser });
  const groupRow = (guidGroup: string) => t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup });

  const CREATE_USER = `{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "test.user@okta.local",
    "name": {
        "givenName": "Test",
        "familyName": "User"
    },
    "emails": [{
        "primary": true,
        "value": "test.user@okta.local",
        "type": "work"
    }],
    "displayName": "Test User",
    "locale": "en-US",
    "externalId": "00ujl29u0le5T6Aj10h7",
    "groups": [],
    "password": "1mz050nq",
    "active": true
}`;

  it('looks the user up by userName with paging parameters: none yet', async () => {
    const res = await scim.get('/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100').expect(200);
    expect(res.body).toMatchObject({ schemas: [SCIM.LIST], totalResults: 0, startIndex: 1, Resources: [] });
  });

  it('Create User → 201; the placeholder password is discarded', async () => {
    const res = await scim.post('/Users', CREATE_USER).expect(201);
    user = res.body;
    expect(res.body).toMatchObject({
      schemas: [SCIM.USER],
      id: expect.any(String),
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
      meta: { resourceType: 'User' },
    });
    expect(res.body).not.toHaveProperty('password');
    expect(await userRow(user.id)).toMatchObject({
      userName: 'test.user@okta.local',
      fullName: 'Test User',
      userEmail: 'test.user@okta.local',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      enabled: true,
    });
    const found = await scim.get('/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100').expect(200);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: user.id }] });
    // recreating the same user is a uniqueness conflict Okta understands
    const again = await scim.post('/Users', CREATE_USER).expect(409);
    expect(again.body).toMatchObject({ scimType: 'uniqueness' });
  });

  it('imports users page by page (startIndex/count) until totalResults', async () => {
    for (const n of [1, 2]) {
      await scim.post('/Users', CREATE_USER.replace(/test\.user@okta\.local/g, `import${n}@okta.local`)).expect(201);
    }
    const first = await scim.get('/Users?startIndex=1&count=2').expect(200);
    expect(first.body).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 2 });
    const second = await scim.get('/Users?startIndex=3&count=2').expect(200);
    expect(second.body).toMatchObject({ totalResults: 3, startIndex: 3, itemsPerPage: 1 });
    const ids = [...first.body.Resources, ...second.body.Resources].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toBe(user.id);
  });

  it('Update User by PUT → 200 with the new profile', async () => {
    const res = await scim
      .put(
        `/Users/${user.id}`,
        `{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "id": "${user.id}",
    "userName": "test.user@okta.local",
    "name": {
        "givenName": "Another",
        "familyName": "User"
    },
    "emails": [{
        "primary": true,
        "value": "test.user@okta.local",
        "type": "work"
    }],
    "displayName": "Another User",
    "locale": "en-US",
    "externalId": "00u1dhhb1fkIGP7RL1d8",
    "groups": [],
    "active": true,
    "meta": {
        "resourceType": "User",
        "created": "2018-01-01T00:00:00Z",
        "lastModified": "2018-01-01T00:00:00Z"
    }
}`,
      )
      .expect(200);
    expect(res.body).toMatchObject({
      id: user.id,
      name: { givenName: 'Another' },
      displayName: 'Another User',
      externalId: '00u1dhhb1fkIGP7RL1d8',
    });
    expect(res.body.meta.created).not.toBe('2018-01-01T00:00:00Z');
    expect(await userRow(user.id)).toMatchObject({ givenName: 'Another', fullName: 'Another User', externalId: '00u1dhhb1fkIGP7RL1d8' });
  });

  it('deactivates and reactivates with a path-less PATCH → 200 with the user', async () => {
    const patch = (active: boolean) =>
      scim.patch(
        `/Users/${user.id}`,
        `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "replace",
        "value": {
            "active": ${active}
        }
    }]
}`,
      );
    expect((await patch(false).expect(200)).body).toMatchObject({ id: user.id, active: false });
    expect((await userRow(user.id)).enabled).toBe(false);
    expect((await patch(true).expect(200)).body).toMatchObject({ id: user.id, active: true });
    expect((await userRow(user.id)).enabled).toBe(true);
  });

  it('syncs a password change by PATCH → 200, storing nothing', async () => {
    await scim
      .patch(
        `/Users/${user.id}`,
        `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"password":"t1meMa$heen"}}]}`,
      )
      .expect(200);
    const values = await t.dataSource.getRepository(WFUserValue).findBy({ idUser: (await userRow(user.id)).idUser });
    expect(JSON.stringify([await userRow(user.id), values])).not.toContain('t1meMa$heen');
  });

  describe('group push', () => {
    let group: { id: string };

    it('imports groups with paging; none yet', async () => {
      const res = await scim.get('/Groups?startIndex=1&count=100').expect(200);
      expect(res.body).toMatchObject({ schemas: [SCIM.LIST], totalResults: 0, Resources: [] });
    });

    it('Create Group → 201; Retrieve Group without members', async () => {
      const res = await scim
        .post(
          '/Groups',
          `{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    "displayName": "Test SCIMv2",
    "members": []
}`,
        )
        .expect(201);
      group = res.body;
      expect(res.body).toMatchObject({
        schemas: [SCIM.GROUP],
        id: expect.any(String),
        displayName: 'Test SCIMv2',
        meta: { resourceType: 'Group' },
      });
      expect((await groupRow(group.id)).displayName).toBe('Test SCIMv2');
      const got = await scim.get(`/Groups/${group.id}?excludedAttributes=members`).expect(200);
      expect(got.body).toMatchObject({ id: group.id, displayName: 'Test SCIMv2' });
      const byName = await scim.get('/Groups?filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100').expect(200);
      expect(byName.body).toMatchObject({ totalResults: 1, Resources: [{ id: group.id }] });
    });

    it('Update Group Name: the replace repeats the id → 204 and the name changes', async () => {
      await scim
        .patch(
          `/Groups/${group.id}`,
          `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "replace",
        "value": {
            "id": "${group.id}",
            "displayName": "Test SCIMv2 renamed"
        }
    }]
}`,
        )
        .expect(204);
      expect((await groupRow(group.id)).displayName).toBe('Test SCIMv2 renamed');
    });

    it('Update Group Membership: add, then remove by a value filter → 204 each', async () => {
      const members = async () => t.dataSource.getRepository(WFGroupMember).countBy({ idGroup: (await groupRow(group.id)).idGroup });
      await scim
        .patch(
          `/Groups/${group.id}`,
          `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "add",
        "path": "members",
        "value": [{
            "value": "${user.id}",
            "display": "test.user@okta.local"
        }]
    }]
}`,
        )
        .expect(204);
      expect(await members()).toBe(1);
      const listed = await scim.get(`/Groups/${group.id}`).expect(200);
      expect(listed.body.members).toEqual([expect.objectContaining({ value: user.id, display: 'test.user@okta.local' })]);
      // Okta sends the rename after every membership change: still fine with members present
      await scim
        .patch(
          `/Groups/${group.id}`,
          `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"${group.id}","displayName":"Test SCIMv2 renamed"}}]}`,
        )
        .expect(204);
      expect(await members()).toBe(1);
      await scim
        .patch(
          `/Groups/${group.id}`,
          `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "remove",
        "path": "members[value eq \\"${user.id}\\"]"
    }]
}`,
        )
        .expect(204);
      expect(await members()).toBe(0);
    });

    it('Delete Group → 204', async () => {
      await scim.delete(`/Groups/${group.id}`).expect(204);
      expect(await t.dataSource.getRepository(WFGroup).countBy({ guidGroup: group.id })).toBe(0);
    });
  });
});
