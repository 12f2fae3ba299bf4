import request from 'supertest';
import { OAuthApplication } from '../../src/auth/entities/oauth-application.entity';
import { WFUserRepository } from '../../src/users/wf-user.repository';
import { makeUserAttributes } from '../support/factories';
import { adminApi } from '../support/admin-api';
import { TestApp } from '../support/test-app';
import { clientCredentialsToken, appWithTwoTenants, Tenant } from '../support/tenant';
import { waitFor } from '../support/wait-for';

describe('/api/oauth2/applications', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => ({ t, a, b } = await appWithTwoTenants()));
  afterAll(() => t.close());

  const api = (token: string) => adminApi(t, token);
  const base = '/api/oauth2/applications';

  async function create(tenant: Tenant, body: Record<string, unknown> = {}) {
    const res = await api(tenant.token)
      .post(base, { name: 'Entra ID', grantType: 'bearer_token', allowedScopes: ['usersync', 'api'], userName: tenant.adminUser, ...body })
      .expect(201);
    return res.body;
  }

  it('answers 401 with WWW-Authenticate: Bearer error="invalid_token" without a token or with an unknown one', async () => {
    for (const req of [request(t.http).get(base), request(t.http).get(base).auth('not-a-token', { type: 'bearer' })]) {
      const res = await req.expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="usersync", error="invalid_token"/);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'invalid_token' });
    }
  });

  it('answers 403 insufficient_scope to a token without scope api', async () => {
    const token = await clientCredentialsToken(t, a.clientId, a.clientSecret, 'usersync');
    const res = await api(token).get(base).expect(403);
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope", scope="api"');
  });

  it('answers 403 when the acting user does not hold the admin permission', async () => {
    const subscriptionId = (await t.dataSource.getRepository(OAuthApplication).findOneByOrFail({ clientId: a.clientId })).idSubscription;
    const plain = await t.app.get(WFUserRepository).create(subscriptionId, makeUserAttributes());
    const app = await create(a, { grantType: 'client_credentials', allowedScopes: ['api'], userName: plain.userName });
    const token = await clientCredentialsToken(t, app.clientId, app.clientSecret);
    const res = await api(token).get(base).expect(403);
    expect(res.body.message).toContain('admin permission');
  });

  it('creates an application and shows its secret once', async () => {
    const created = await create(a);
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Entra ID',
      clientId: expect.any(String),
      clientSecret: expect.any(String),
      grantType: 'bearer_token',
      allowedScopes: ['api', 'usersync'],
      subscriptionId: a.subscriptionId,
      userName: a.adminUser,
      tokenLifetimeSeconds: 0,
      patchResponse: 'resource',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      lastUsedAt: null,
    });
    const got = await api(a.token).get(`${base}/${created.id}`).expect(200);
    expect(got.body).not.toHaveProperty('clientSecret');
    const list = await api(a.token).get(base).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(created.id);
    expect(list.body.items.every((x: object) => !('clientSecret' in x))).toBe(true);
    // the bearer_token secret is itself a bearer token, never expiring with lifetime 0
    await api(created.clientSecret).get(base).expect(200);
  });

  it.each([
    [{ grantType: 'password' }, 'grantType'],
    [{ allowedScopes: ['root'] }, 'allowedScopes'],
    [{ allowedScopes: [] }, 'allowedScopes'],
    [{ tokenLifetimeSeconds: -1 }, 'tokenLifetimeSeconds'],
    [{ name: '' }, 'name'],
    [{ extra: 1 }, 'extra'],
  ])('refuses a bad body %j with 400 naming the field', async (patch, field) => {
    const res = await api(a.token)
      .post(base, { name: 'x', grantType: 'client_credentials', allowedScopes: ['api'], userName: a.adminUser, ...patch })
      .expect(400);
    expect(res.body.message).toContain(field);
  });

  it('refuses a userName that is not a user of the subscription', async () => {
    const res = await api(a.token)
      .post(base, { name: 'x', grantType: 'client_credentials', allowedScopes: ['api'], userName: b.adminUser })
      .expect(400);
    expect(res.body.message).toContain('is not a user of that subscription');
  });

  it('registers an application for another subscription of the company, acting as the caller', async () => {
    const sub = await api(a.token)
      .post('/api/tenancy/subscriptions', { name: `entra-${Date.now()}` })
      .expect(201);
    const res = await api(a.token)
      .post(base, { name: 'Entra ID', grantType: 'bearer_token', allowedScopes: ['usersync'], subscriptionId: sub.body.id })
      .expect(201);
    expect(res.body).toMatchObject({ subscriptionId: sub.body.id, userName: a.adminUser, tokenLifetimeSeconds: 0 });
    // the new subscription is empty: the Secret Token sees none of the admin subscription's users
    const users = await request(t.http).get('/scim/v2/Users').auth(res.body.clientSecret, { type: 'bearer' }).expect(200);
    expect(users.body.totalResults).toBe(0);
    // another company's subscription is not found
    await api(a.token)
      .post(base, { name: 'x', grantType: 'bearer_token', allowedScopes: ['usersync'], subscriptionId: b.subscriptionId })
      .expect(404);
  });

  it('updates name, scopes and lifetime; narrowing scopes narrows tokens already issued', async () => {
    const app = await create(a, { grantType: 'client_credentials', allowedScopes: ['api', 'usersync'] });
    const token = await clientCredentialsToken(t, app.clientId, app.clientSecret);
    await api(token).get(base).expect(200);
    const res = await api(a.token)
      .patch(`${base}/${app.id}`, { name: 'Renamed', allowedScopes: ['usersync'], tokenLifetimeSeconds: 60 })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Renamed', allowedScopes: ['usersync'], tokenLifetimeSeconds: 60 });
    await api(token).get(base).expect(403);
    await api(a.token).patch(`${base}/${app.id}`, { grantType: 'bearer_token' }).expect(400);
  });

  it('rotating the secret stops the old secret and its tokens at once', async () => {
    const app = await create(a, { grantType: 'client_credentials', allowedScopes: ['api'] });
    const oldToken = await clientCredentialsToken(t, app.clientId, app.clientSecret);
    await api(oldToken).get(base).expect(200);
    const rotated = await api(a.token).post(`${base}/${app.id}/secret`).expect(200);
    expect(rotated.body.clientSecret).not.toBe(app.clientSecret);
    await api(oldToken).get(base).expect(401);
    await request(t.http)
      .post('/oauth2/server/token')
      .auth(app.clientId, app.clientSecret)
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(401);
    const newToken = await clientCredentialsToken(t, app.clientId, rotated.body.clientSecret);
    await api(newToken).get(base).expect(200);
  });

  it('rotating a bearer_token secret stops the old one as a bearer token', async () => {
    const app = await create(a);
    await api(app.clientSecret).get(base).expect(200);
    const rotated = await api(a.token).post(`${base}/${app.id}/secret`).expect(200);
    await api(app.clientSecret).get(base).expect(401);
    await api(rotated.body.clientSecret).get(base).expect(200);
  });

  it('deleting revokes every token at once', async () => {
    const app = await create(a, { grantType: 'client_credentials', allowedScopes: ['api'] });
    const token = await clientCredentialsToken(t, app.clientId, app.clientSecret);
    await api(a.token).delete(`${base}/${app.id}`).expect(204);
    await api(token).get(base).expect(401);
    await api(a.token).get(`${base}/${app.id}`).expect(404);
  });

  it('shows when an application was last used, written at most once a minute', async () => {
    const app = await create(a);
    const lastUsedAt = async () =>
      (await t.dataSource.getRepository(OAuthApplication).findOneByOrFail({ clientId: app.clientId })).lastUsedAt;
    const before = Date.now();
    await request(t.http).get('/scim/v2/Users?count=1').auth(app.clientSecret, { type: 'bearer' }).expect(200);
    await waitFor(async () => (await lastUsedAt()) !== null);
    const first = (await lastUsedAt())!;
    expect(first.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const shown = await api(a.token).get(`${base}/${app.id}`).expect(200);
    expect(shown.body.lastUsedAt).toBe(first.toISOString());
    // more requests within the minute write nothing
    for (let i = 0; i < 5; i++) await request(t.http).get('/scim/v2/Users?count=1').auth(app.clientSecret, { type: 'bearer' }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await lastUsedAt())!.getTime()).toBe(first.getTime());
  });

  it("answers 404 for another tenant's application on every verb", async () => {
    const app = await create(a);
    await api(b.token).get(`${base}/${app.id}`).expect(404);
    await api(b.token).patch(`${base}/${app.id}`, { name: 'hijack' }).expect(404);
    await api(b.token).post(`${base}/${app.id}/secret`).expect(404);
    await api(b.token).delete(`${base}/${app.id}`).expect(404);
    const list = await api(b.token).get(base).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(app.id);
    // naming the owner's subscription does not help: it is another company's
    await api(b.token).get(`${base}/${app.id}?subscriptionId=${a.subscriptionId}`).expect(404);
    await api(b.token).get(`${base}?subscriptionId=${a.subscriptionId}`).expect(404);
    await api(b.token).patch(`${base}/${app.id}`, { name: 'hijack', subscriptionId: a.subscriptionId }).expect(404);
    await api(b.token).post(`${base}/${app.id}/secret`, { subscriptionId: a.subscriptionId }).expect(404);
    await api(b.token).delete(`${base}/${app.id}?subscriptionId=${a.subscriptionId}`).expect(404);
    await api(app.clientSecret).get(base).expect(200);
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/oauth2/server/token', '/api/oauth2/applications', '/api/oauth2/applications/{id}/secret']),
    );
  });
});
