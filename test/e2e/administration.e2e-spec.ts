import request from 'supertest';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { scimClient, SCIM } from '../support/scim-client';
import { adminApi } from '../support/admin-api';
import { TestApp } from '../support/test-app';
import { appWithTwoTenants, makeTenant, Tenant } from '../support/tenant';

/** A company admin runs every subscription of the company, and nothing of another company. */
describe('company-wide administration', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => ({ t, a, b } = await appWithTwoTenants()));
  afterAll(() => t.close());

  const api = (token: string) => adminApi(t, token);

  /** The README's Entra ID steps: a subscription (optionally with an owner) and its Secret Token. */
  async function connectEntra(admin: Tenant, ownerUserId?: string) {
    const sub = await api(admin.token)
      .post('/api/tenancy/subscriptions', { name: `Entra ${Math.random().toString(36).slice(2)}`, ...(ownerUserId ? { ownerUserId } : {}) })
      .expect(201);
    const app = await api(admin.token)
      .post('/api/oauth2/applications', {
        name: 'Entra ID provisioning',
        grantType: 'bearer_token',
        allowedScopes: ['usersync'],
        subscriptionId: sub.body.id,
      })
      .expect(201);
    return { subscriptionId: sub.body.id as string, secretToken: app.body.clientSecret as string, applicationId: app.body.id as string };
  }

  /** A user as Entra ID creates it (Microsoft's documented request), with an optional manager. */
  async function provision(secretToken: string, userName: string, managerId?: string): Promise<string> {
    const res = await scimClient(t, secretToken)
      .post('/Users', {
        schemas: [SCIM.USER, SCIM.ENTERPRISE],
        externalId: userName.split('@')[0],
        userName,
        active: true,
        displayName: userName.split('@')[0],
        emails: [{ primary: true, type: 'work', value: userName }],
        name: { formatted: 'Test User', familyName: 'User', givenName: 'Test' },
        ...(managerId ? { [SCIM.ENTERPRISE]: { manager: { value: managerId } } } : {}),
      })
      .expect(201);
    return res.body.id as string;
  }

  const disable = (secretToken: string, id: string) =>
    scimClient(t, secretToken)
      .patch(`/Users/${id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })
      .expect(200);

  it("the README's Entra flow, followed literally, leaves resources owned and transferable inside the Entra subscription", async () => {
    const entra = await connectEntra(a);
    const created = await api(a.token).get(`/api/tenancy/subscriptions/${entra.subscriptionId}`).expect(200);
    expect(created.body).toMatchObject({ owner: null, heirWithoutBoss: 'company_owner', users: { active: 0, inactive: 0 }, groups: 0 });
    expect(created.body.applications).toEqual([
      expect.objectContaining({ id: entra.applicationId, name: 'Entra ID provisioning', grantType: 'bearer_token', lastUsedAt: null }),
    ]);
    expect(created.body.lastActivity).toBeNull();

    // first sync
    const lead = await provision(entra.secretToken, 'lead@contoso.example');
    const worker = await provision(entra.secretToken, 'worker@contoso.example');
    const loner = await provision(entra.secretToken, 'loner@contoso.example');

    // name the subscription owner after the first sync
    const owned = await api(a.token).put(`/api/tenancy/subscriptions/${entra.subscriptionId}/owner`, { userId: lead }).expect(200);
    expect(owned.body.ownerUserId).toBe(lead);

    // resources and permissions of Entra users, in the Entra subscription
    for (const owner of [worker, loner]) {
      await api(a.token)
        .post('/api/ownership/resources', {
          kind: 'process',
          name: `Approval of ${owner}`,
          ownerUserId: owner,
          subscriptionId: entra.subscriptionId,
        })
        .expect(201);
    }
    await api(a.token)
      .post('/api/ownership/permissions', { userId: loner, permission: 'reports', subscriptionId: entra.subscriptionId })
      .expect(201);
    // without subscriptionId the admin acts in their own subscription, where these users are not
    const outside = await api(a.token).post('/api/ownership/resources', { kind: 'process', name: 'x', ownerUserId: worker }).expect(400);
    expect(outside.body.message).toContain('no user');

    // the loner (no manager) is disabled: what they own passes to the subscription owner
    await disable(entra.secretToken, loner);
    const resources = await api(a.token)
      .get(`/api/ownership/resources?subscriptionId=${entra.subscriptionId}&ownerUserId=${lead}`)
      .expect(200);
    expect(resources.body.total).toBe(1);
    const permissions = await api(a.token)
      .get(`/api/ownership/permissions?userId=${lead}&subscriptionId=${entra.subscriptionId}`)
      .expect(200);
    expect(permissions.body).toEqual({ userId: lead, permissions: ['reports'] });
    const transfers = await api(a.token).get(`/api/ownership/transfers?subscriptionId=${entra.subscriptionId}`).expect(200);
    expect(transfers.body.items).toEqual([
      expect.objectContaining({
        fromUserId: loner,
        toUserId: lead,
        rule: 'subscription_owner',
        resourcesMoved: 1,
        permissionsMoved: ['reports'],
      }),
    ]);

    const detail = await api(a.token).get(`/api/tenancy/subscriptions/${entra.subscriptionId}`).expect(200);
    expect(detail.body).toMatchObject({
      id: entra.subscriptionId,
      owner: { userId: lead, userName: 'lead@contoso.example', subscriptionId: entra.subscriptionId, active: true },
      heirWithoutBoss: 'subscription_owner',
      users: { active: 2, inactive: 1 },
      groups: 0,
      lastActivity: { operation: 'disable', resourceType: 'User', resourceId: loner, outcome: 'success', status: 200 },
    });
    // the resource owned by the worker can be read and listed in its subscription only
    const own = await api(a.token).get(`/api/ownership/resources?subscriptionId=${entra.subscriptionId}&ownerUserId=${worker}`).expect(200);
    const id = own.body.items[0].id;
    await api(a.token).get(`/api/ownership/resources/${id}?subscriptionId=${entra.subscriptionId}`).expect(200);
    await api(a.token).get(`/api/ownership/resources/${id}`).expect(404);
    // revoking in the subscription
    await api(a.token).delete(`/api/ownership/permissions/${lead}/reports?subscriptionId=${entra.subscriptionId}`).expect(204);
  });

  it('names the owner at creation: an active user of the company; it inherits from users without a boss', async () => {
    await api(a.token)
      .post('/api/tenancy/subscriptions', { name: `x-${Date.now()}`, ownerUserId: b.adminUserId })
      .expect(400);
    await api(a.token)
      .post('/api/tenancy/subscriptions', { name: `x-${Date.now()}`, ownerUserId: 'not-a-uuid' })
      .expect(400);
    const entra = await connectEntra(a, a.adminUserId);
    const detail = await api(a.token).get(`/api/tenancy/subscriptions/${entra.subscriptionId}`).expect(200);
    expect(detail.body.owner).toEqual({ userId: a.adminUserId, userName: a.adminUser, subscriptionId: a.subscriptionId, active: true });
    expect(detail.body.heirWithoutBoss).toBe('subscription_owner');
    const list = await api(a.token).get('/api/tenancy/subscriptions?limit=200').expect(200);
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: entra.subscriptionId, ownerUserId: a.adminUserId }));
  });

  it("an owner of another subscription who is disabled passes that subscription's ownership to a company owner", async () => {
    const admin = await makeTenant(t);
    // a user of the admin's subscription, made owner of the Entra subscription
    const steward = await provision(admin.token, 'steward@fabrikam.example');
    const entra = await connectEntra(admin, steward);
    const member = await provision(entra.secretToken, 'member@fabrikam.example');
    await api(admin.token)
      .post('/api/ownership/resources', { kind: 'form', name: 'Leave request', ownerUserId: member, subscriptionId: entra.subscriptionId })
      .expect(201);
    await disable(admin.token, steward);
    const detail = await api(admin.token).get(`/api/tenancy/subscriptions/${entra.subscriptionId}`).expect(200);
    expect(detail.body.owner).toMatchObject({ userId: admin.adminUserId, active: true });
    const row = await t.dataSource.getRepository(Subscription).findOneByOrFail({ guidSubscription: entra.subscriptionId });
    expect(row.idOwnerUser).not.toBeNull();
    // and the member's resources now pass to that owner
    await disable(entra.secretToken, member);
    const resources = await api(admin.token)
      .get(`/api/ownership/resources?subscriptionId=${entra.subscriptionId}&ownerUserId=${admin.adminUserId}`)
      .expect(200);
    expect(resources.body.total).toBe(1);
  });

  it("answers 404 on every subscriptionId route for another company's subscription, and changes nothing", async () => {
    const other = b.subscriptionId;
    const user = b.adminUserId;
    const app = (await api(b.token).get('/api/oauth2/applications').expect(200)).body.items[0].id as string;
    const routes: [string, request.Test][] = [
      ['POST resources', api(a.token).post('/api/ownership/resources', { kind: 'k', name: 'n', ownerUserId: user, subscriptionId: other })],
      ['GET resources', api(a.token).get(`/api/ownership/resources?subscriptionId=${other}`)],
      ['GET resource', api(a.token).get(`/api/ownership/resources/${user}?subscriptionId=${other}`)],
      ['GET permissions', api(a.token).get(`/api/ownership/permissions?userId=${user}&subscriptionId=${other}`)],
      ['POST permissions', api(a.token).post('/api/ownership/permissions', { userId: user, permission: 'admin', subscriptionId: other })],
      ['DELETE permission', api(a.token).delete(`/api/ownership/permissions/${user}/admin?subscriptionId=${other}`)],
      ['GET transfers', api(a.token).get(`/api/ownership/transfers?subscriptionId=${other}`)],
      [
        'POST application',
        api(a.token).post('/api/oauth2/applications', {
          name: 'x',
          grantType: 'bearer_token',
          allowedScopes: ['usersync'],
          subscriptionId: other,
        }),
      ],
      ['GET applications', api(a.token).get(`/api/oauth2/applications?subscriptionId=${other}`)],
      ['GET application', api(a.token).get(`/api/oauth2/applications/${app}?subscriptionId=${other}`)],
      ['PATCH application', api(a.token).patch(`/api/oauth2/applications/${app}`, { name: 'hijack', subscriptionId: other })],
      ['POST secret', api(a.token).post(`/api/oauth2/applications/${app}/secret`, { subscriptionId: other })],
      ['DELETE application', api(a.token).delete(`/api/oauth2/applications/${app}?subscriptionId=${other}`)],
      ['GET activity', api(a.token).get(`/api/activity?subscriptionId=${other}`)],
      ['GET subscription', api(a.token).get(`/api/tenancy/subscriptions/${other}`)],
      ['PUT owner', api(a.token).put(`/api/tenancy/subscriptions/${other}/owner`, { userId: a.adminUserId })],
      ['GET users', api(a.token).get(`/api/tenancy/subscriptions/${other}/users`)],
    ];
    for (const [name, pending] of routes) {
      const res = await pending;
      expect({ name, status: res.status, error: res.body.error }).toEqual({ name, status: 404, error: 'not_found' });
    }
    // nothing of b changed: its admin still works and holds its permission
    const still = await api(b.token).get(`/api/ownership/permissions?userId=${user}`).expect(200);
    expect(still.body.permissions).toContain('admin');
    await api(b.token).get(`/api/oauth2/applications/${app}`).expect(200);
  });

  it("lists a subscription's users by userName, to pick an owner: prefix search in any letter case, paged", async () => {
    const entra = await connectEntra(a);
    for (const name of ['zoe@contoso.example', 'Zack@contoso.example', 'amy@contoso.example', 'zed%_x@contoso.example'])
      await provision(entra.secretToken, name);
    const all = await api(a.token).get(`/api/tenancy/subscriptions/${entra.subscriptionId}/users`).expect(200);
    expect(all.body.total).toBe(4);
    expect(all.body.items.map((u: { userName: string }) => u.userName)).toEqual([
      'amy@contoso.example',
      'Zack@contoso.example',
      'zed%_x@contoso.example',
      'zoe@contoso.example',
    ]);
    expect(all.body.items[0]).toEqual({ userId: expect.any(String), userName: 'amy@contoso.example', displayName: 'amy', active: true });
    const z = await api(a.token).get(`/api/tenancy/subscriptions/${entra.subscriptionId}/users?search=Z&limit=2`).expect(200);
    expect(z.body).toMatchObject({ total: 3, limit: 2 });
    expect(z.body.items.map((u: { userName: string }) => u.userName)).toEqual(['Zack@contoso.example', 'zed%_x@contoso.example']);
    // wildcards are taken as nothing, not as "anything"
    const wild = await api(a.token).get(`/api/tenancy/subscriptions/${entra.subscriptionId}/users?search=%25`).expect(200);
    expect(wild.body.total).toBe(4);
    const none = await api(a.token).get(`/api/tenancy/subscriptions/${entra.subscriptionId}/users?search=q`).expect(200);
    expect(none.body).toMatchObject({ total: 0, items: [] });
    await api(a.token)
      .get(`/api/tenancy/subscriptions/${entra.subscriptionId}/users?search=${'x'.repeat(257)}`)
      .expect(400);
  });

  it('validates subscriptionId like any other field', async () => {
    const res = await api(a.token).get('/api/ownership/resources?subscriptionId=nope').expect(400);
    expect(res.body.message).toContain('subscriptionId');
    await api(a.token).post('/api/ownership/permissions', { userId: a.adminUserId, permission: 'x', subscriptionId: 12 }).expect(400);
  });
});
