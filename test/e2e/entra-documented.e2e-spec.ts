import { WFGroupMember } from '../../src/users/entities/wf-group-member.entity';
import { WFGroup } from '../../src/users/entities/wf-group.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { SCIM, scimClient } from '../support/scim-client';
import { createTestApp, TestApp } from '../support/test-app';
import { connectProvider, makeTenant } from '../support/tenant';

/**
 * The requests Microsoft documents for Entra ID's provisioning service ("Tutorial: Develop and
 * plan provisioning for a SCIM endpoint", and "Known issues and resolutions with SCIM 2.0
 * protocol compliance" for the `aadOptscim062020` format), sent as raw text. Only the ids
 * differ: Microsoft's examples name ids of their own server, these name ids this one issued.
 * Each answer is checked against the documented one and against the database.
 */
describe("Entra ID's documented requests", () => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;

  beforeAll(async () => {
    // Microsoft's create example maps no displayName; the platform's default requires one (see the last test).
    t = await createTestApp({ SCIM_REQUIRE_DISPLAY_NAME: 'false' });
    scim = scimClient(t, (await connectProvider(t, await makeTenant(t), 'entra-documented')).token);
  });
  afterAll(() => t.close());

  const userRow = (guidUser: string) => t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser });
  const groupRow = (guidGroup: string) => t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup });
  const members = async (guidGroup: string) =>
    (await t.dataSource.getRepository(WFGroupMember).findBy({ idGroup: (await groupRow(guidGroup)).idGroup })).map((m) => m.idUser);
  const filter = (text: string) => encodeURIComponent(text);

  const CREATE_USER = `{
    "schemas": [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
    "active": true,
    "emails": [{
        "primary": true,
        "type": "work",
        "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"
    }],
    "meta": {
        "resourceType": "User"
    },
    "name": {
        "formatted": "givenName familyName",
        "familyName": "familyName",
        "givenName": "givenName"
    },
    "roles": []
}`;
  const createUser = (userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1') =>
    scim.post('/Users', CREATE_USER.replace('Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1', userName));

  it('Test Connection: a query for a user that does not exist answers 200 with no resources', async () => {
    const res = await scim.get(`/Users?filter=${filter(`userName eq "${crypto.randomUUID()}"`)}`).expect(200);
    expect(res.body).toMatchObject({ schemas: [SCIM.LIST], totalResults: 0, Resources: [] });
    const none = await scim.get(`/Users?filter=${filter('userName eq "non-existent user"')}`).expect(200);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [], startIndex: 1 });
  });

  it('Create User → 201 with the user; Get User, Get User by query', async () => {
    const res = await createUser().expect(201);
    expect(res.body).toMatchObject({
      schemas: [SCIM.USER],
      id: expect.any(String),
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      meta: { resourceType: 'User', created: expect.any(String), lastModified: expect.any(String) },
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      active: true,
      emails: [{ value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com', type: 'work', primary: true }],
    });
    expect(await userRow(res.body.id)).toMatchObject({
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userEmail: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com',
      givenName: 'givenName',
      familyName: 'familyName',
      enabled: true,
    });
    const got = await scim.get(`/Users/${res.body.id}`).expect(200);
    expect(got.body).toMatchObject({ id: res.body.id, userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1' });
    const byQuery = await scim.get(`/Users?filter=${filter('userName eq "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"')}`).expect(200);
    expect(byQuery.body).toMatchObject({ schemas: [SCIM.LIST], totalResults: 1, startIndex: 1 });
    expect(byQuery.body.Resources[0]).toMatchObject({ id: res.body.id, externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef' });
  });

  it('Update User [Multi-valued properties] → 200 with the user', async () => {
    const { body: user } = await createUser('Test_User_multi@testuser.com').expect(201);
    const res = await scim
      .patch(
        `/Users/${user.id}`,
        `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
            {
            "op": "Replace",
            "path": "emails[type eq \\"work\\"].value",
            "value": "updatedEmail@microsoft.com"
            },
            {
            "op": "Replace",
            "path": "name.familyName",
            "value": "updatedFamilyName"
            }
    ]
}`,
      )
      .expect(200);
    expect(res.body).toMatchObject({
      id: user.id,
      name: { familyName: 'updatedFamilyName', givenName: 'givenName' },
      emails: [{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }],
    });
    expect(await userRow(user.id)).toMatchObject({ userEmail: 'updatedEmail@microsoft.com', familyName: 'updatedFamilyName' });
  });

  it('Update User [Single-valued properties] → 200 with the user', async () => {
    const { body: user } = await createUser('Test_User_single@testuser.com').expect(201);
    const res = await scim
      .patch(
        `/Users/${user.id}`,
        `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "Replace",
        "path": "userName",
        "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
    }]
}`,
      )
      .expect(200);
    expect(res.body).toMatchObject({ id: user.id, userName: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' });
    expect(await userRow(user.id)).toMatchObject({
      userName: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com',
      userNameKey: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com',
    });
  });

  it('Disable User → 200 with active false; the user stays readable', async () => {
    const { body: user } = await createUser('Test_User_disable@testuser.com').expect(201);
    const res = await scim
      .patch(
        `/Users/${user.id}`,
        `{
    "Operations": [
        {
            "op": "Replace",
            "path": "active",
            "value": false
        }
    ],
    "schemas": [
        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    ]
}`,
      )
      .expect(200);
    expect(res.body).toMatchObject({ id: user.id, active: false });
    expect((await userRow(user.id)).enabled).toBe(false);
    expect((await scim.get(`/Users/${user.id}`).expect(200)).body.active).toBe(false);
  });

  it('Delete User → 204; the user is gone for SCIM and the row stays, soft-deleted', async () => {
    const { body: user } = await createUser('Test_User_delete@testuser.com').expect(201);
    const res = await scim.delete(`/Users/${user.id}`).expect(204);
    expect(res.text).toBe('');
    await scim.get(`/Users/${user.id}`).expect(404);
    expect((await userRow(user.id)).deletedAt).toBeInstanceOf(Date);
  });

  /** The row after Microsoft's "replace multiple attributes" and disable examples, in either format. */
  const AFTER_BOTH_FORMATS = {
    nickName: 'Babs',
    fullName: 'Pvlo',
    userEmail: 'TestBcwqnm@testuser.com',
    givenName: 'Gtfd',
    familyName: 'Pkqf',
    externalId: 'Eqpj',
    employeeNumber: 'Eoly',
    enabled: false,
  };

  it('default format: capitalised ops, string booleans, manager by a later PATCH', async () => {
    const { body: boss } = await createUser('Test_User_boss@testuser.com').expect(201);
    const { body: user } = await createUser('Test_User_worker@testuser.com').expect(201);
    await scim
      .patch(
        `/Users/${user.id}`,
        `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}`,
      )
      .expect(200);
    await scim
      .patch(
        `/Users/${user.id}`,
        `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"${boss.id}"}]}`,
      )
      .expect(200);
    expect((await userRow(user.id)).idBossUser).toBe((await userRow(boss.id)).idUser);
    const res = await scim
      .patch(
        `/Users/${user.id}`,
        `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"Pvlo"},{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"TestBcwqnm@testuser.com"},{"op":"Replace","path":"name.givenName","value":"Gtfd"},{"op":"Replace","path":"name.familyName","value":"Pkqf"},{"op":"Replace","path":"externalId","value":"Eqpj"},{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"Eoly"},{"op":"Replace","path":"active","value":"False"}]}`,
      )
      .expect(200);
    expect(res.body).toMatchObject({
      nickName: 'Babs',
      displayName: 'Pvlo',
      active: false,
      [SCIM.ENTERPRISE]: { employeeNumber: 'Eoly', manager: { value: boss.id } },
    });
    expect(await userRow(user.id)).toMatchObject(AFTER_BOTH_FORMATS);
  });

  it('aadOptscim062020 format: lower-case ops, path-less replace with dotted keys, path-less disable', async () => {
    const { body: user } = await createUser('Test_User_rfc@testuser.com').expect(201);
    await scim
      .patch(
        `/Users/${user.id}?aadOptscim062020`,
        `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}`,
      )
      .expect(200);
    await scim
      .patch(
        `/Users/${user.id}?aadOptscim062020`,
        `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"displayName":"Pvlo","emails[type eq \\"work\\"].value":"TestBcwqnm@testuser.com","name.givenName":"Gtfd","name.familyName":"Pkqf","externalId":"Eqpj","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Eoly"}}]}`,
      )
      .expect(200);
    const res = await scim
      .patch(
        `/Users/${user.id}?aadOptscim062020`,
        `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}`,
      )
      .expect(200);
    expect(res.body).toMatchObject({ active: false, nickName: 'Babs', displayName: 'Pvlo', [SCIM.ENTERPRISE]: { employeeNumber: 'Eoly' } });
    expect(await userRow(user.id)).toMatchObject(AFTER_BOTH_FORMATS);
  });

  describe('groups', () => {
    const CREATE_GROUP = `{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
    "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
    "displayName": "displayName",
    "meta": {
        "resourceType": "Group"
    }
}`;
    let group: { id: string };
    let alice: { id: string };
    let bob: { id: string };

    beforeAll(async () => {
      alice = (await createUser('Test_User_alice@testuser.com').expect(201)).body;
      bob = (await createUser('Test_User_bob@testuser.com').expect(201)).body;
    });

    it('Create Group → 201 with the group; Get Group and Get Group by displayName without members', async () => {
      const res = await scim.post('/Groups', CREATE_GROUP).expect(201);
      group = res.body;
      expect(res.body).toMatchObject({
        schemas: [SCIM.GROUP],
        id: expect.any(String),
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        meta: { resourceType: 'Group', created: expect.any(String), lastModified: expect.any(String) },
        displayName: 'displayName',
      });
      expect(await groupRow(group.id)).toMatchObject({ displayName: 'displayName', externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159' });
      const got = await scim.get(`/Groups/${group.id}?excludedAttributes=members`).expect(200);
      expect(got.body).toMatchObject({ id: group.id, displayName: 'displayName' });
      expect(got.body).not.toHaveProperty('members');
      const byName = await scim.get(`/Groups?excludedAttributes=members&filter=${filter('displayName eq "displayName"')}`).expect(200);
      expect(byName.body).toMatchObject({ totalResults: 1, Resources: [{ id: group.id, displayName: 'displayName' }] });
    });

    it('Update Group [Non-member attributes] → 204', async () => {
      const res = await scim
        .patch(
          `/Groups/${group.id}`,
          `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "Replace",
        "path": "displayName",
        "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"
    }]
}`,
        )
        .expect(204);
      expect(res.text).toBe('');
      expect((await groupRow(group.id)).displayName).toBe('1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');
    });

    it('Update Group [Add Members] and [Remove Members] → 204', async () => {
      const body = (op: string, id: string) => `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "${op}",
        "path": "members",
        "value": [{
            "$ref": null,
            "value": "${id}"
        }]
    }]
}`;
      await scim.patch(`/Groups/${group.id}`, body('Add', alice.id)).expect(204);
      await scim.patch(`/Groups/${group.id}`, body('Add', bob.id)).expect(204);
      expect((await members(group.id)).sort()).toEqual([(await userRow(alice.id)).idUser, (await userRow(bob.id)).idUser].sort());
      await scim.patch(`/Groups/${group.id}`, body('Remove', alice.id)).expect(204);
      expect(await members(group.id)).toEqual([(await userRow(bob.id)).idUser]);
    });

    it('both formats of a member removal and of adding several members → 204', async () => {
      await scim
        .patch(
          `/Groups/${group.id}`,
          `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members[value eq \\"${bob.id}\\"]"}]}`,
        )
        .expect(204);
      expect(await members(group.id)).toEqual([]);
      await scim
        .patch(
          `/Groups/${group.id}?aadOptscim062020`,
          `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"${alice.id}"},{"value":"${bob.id}"}]}]}`,
        )
        .expect(204);
      expect(await members(group.id)).toHaveLength(2);
      await scim
        .patch(
          `/Groups/${group.id}?aadOptscim062020`,
          `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members","value":[{"value":"${alice.id}"}]}]}`,
        )
        .expect(204);
      expect(await members(group.id)).toEqual([(await userRow(bob.id)).idUser]);
    });

    it('Delete Group → 204', async () => {
      await scim.delete(`/Groups/${group.id}`).expect(204);
      await scim.get(`/Groups/${group.id}`).expect(404);
      expect(await t.dataSource.getRepository(WFGroup).countBy({ guidGroup: group.id })).toBe(0);
    });
  });

  it('with the default settings, the create example without displayName is refused naming it (map displayName in Entra ID)', async () => {
    const strict = await createTestApp();
    try {
      const client = scimClient(strict, (await connectProvider(strict, await makeTenant(strict), 'strict')).token);
      const res = await client.post('/Users', CREATE_USER).expect(400);
      expect(res.body).toMatchObject({ schemas: [SCIM.ERROR], scimType: 'invalidValue', detail: 'displayName is required' });
      expect(await strict.dataSource.getRepository(WFUser).countBy({ userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1' })).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
