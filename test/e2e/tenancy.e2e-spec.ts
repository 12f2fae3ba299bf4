import request from 'supertest';
import { CompanyOwner } from '../../src/tenancy/entities/company-owner.entity';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFUserRepository } from '../../src/users/wf-user.repository';
import { makeUserAttributes } from '../support/factories';
import { TestApp } from '../support/test-app';
import { clientCredentialsToken, appWithTwoTenants, Tenant } from '../support/tenant';

describe('/api/tenancy', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => ({ t, a, b } = await appWithTwoTenants()));
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const subscriptionRow = (guid: string) => t.dataSource.getRepository(Subscription).findOneByOrFail({ guidSubscription: guid });

  it('requires a token with scope api', async () => {
    await request(t.http).get('/api/tenancy/subscriptions').expect(401);
    const scimOnly = await clientCredentialsToken(t, a.clientId, a.clientSecret, 'usersync');
    await request(t.http).get('/api/tenancy/subscriptions').set(auth(scimOnly)).expect(403);
  });

  it("creates subscriptions in the caller's company and refuses a duplicate name", async () => {
    const res = await request(t.http).post('/api/tenancy/subscriptions').set(auth(a.token)).send({ name: 'Staging' }).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), name: 'Staging', ownerUserId: null, createdAt: expect.any(String) });
    const created = await subscriptionRow(res.body.id);
    const own = await subscriptionRow(a.subscriptionId);
    expect(created.idCompany).toBe(own.idCompany);
    const dup = await request(t.http).post('/api/tenancy/subscriptions').set(auth(a.token)).send({ name: 'Staging' }).expect(409);
    expect(dup.body.message).toContain('already exists');
    await request(t.http).post('/api/tenancy/subscriptions').set(auth(a.token)).send({}).expect(400);
    const list = await request(t.http).get('/api/tenancy/subscriptions').set(auth(a.token)).expect(200);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual([a.subscription, 'Staging']);
    const other = await request(t.http).get('/api/tenancy/subscriptions').set(auth(b.token)).expect(200);
    expect(other.body.items.map((s: { name: string }) => s.name)).toEqual([b.subscription]);
  });

  it('sets the subscription owner to an active user of that subscription', async () => {
    const own = await subscriptionRow(a.subscriptionId);
    const user = await t.app.get(WFUserRepository).create(own.idSubscription, makeUserAttributes());
    const res = await request(t.http)
      .put(`/api/tenancy/subscriptions/${a.subscriptionId}/owner`)
      .set(auth(a.token))
      .send({ userId: user.guidUser })
      .expect(200);
    expect(res.body.ownerUserId).toBe(user.guidUser);
    expect((await subscriptionRow(a.subscriptionId)).idOwnerUser).toBe(user.idUser);
    // a user of another tenant cannot become owner; another tenant's subscription is not found
    await request(t.http)
      .put(`/api/tenancy/subscriptions/${a.subscriptionId}/owner`)
      .set(auth(a.token))
      .send({ userId: b.adminUserId })
      .expect(400);
    await request(t.http)
      .put(`/api/tenancy/subscriptions/${b.subscriptionId}/owner`)
      .set(auth(a.token))
      .send({ userId: user.guidUser })
      .expect(404);
    await request(t.http)
      .put(`/api/tenancy/subscriptions/${a.subscriptionId}/owner`)
      .set(auth(a.token))
      .send({ userId: 'nope' })
      .expect(400);
  });

  it('adds and removes company owners, refusing to remove the last one', async () => {
    const own = await subscriptionRow(a.subscriptionId);
    const owners = () => request(t.http).get('/api/tenancy/company/owners').set(auth(a.token)).expect(200);
    expect((await owners()).body.map((o: { userId: string }) => o.userId)).toEqual([a.adminUserId]);

    const last = await request(t.http).delete(`/api/tenancy/company/owners/${a.adminUserId}`).set(auth(a.token)).expect(409);
    expect(last.body.message).toContain('only company owner');

    const second = await t.app.get(WFUserRepository).create(own.idSubscription, makeUserAttributes());
    await request(t.http).post('/api/tenancy/company/owners').set(auth(a.token)).send({ userId: second.guidUser }).expect(201);
    expect(await t.dataSource.getRepository(CompanyOwner).countBy({ idCompany: own.idCompany })).toBe(2);
    await request(t.http).delete(`/api/tenancy/company/owners/${a.adminUserId}`).set(auth(a.token)).expect(204);
    expect((await owners()).body.map((o: { userId: string }) => o.userId)).toEqual([second.guidUser]);

    // another company's user is not found
    await request(t.http).post('/api/tenancy/company/owners').set(auth(a.token)).send({ userId: b.adminUserId }).expect(404);
  });
});
