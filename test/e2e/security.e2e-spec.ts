import { randomInt } from 'node:crypto';
import request from 'supertest';
import { SCIM, scimClient } from '../support/scim-client';
import { testRedis } from '../support/redis';
import { createTestApp, TestApp, withTestApp } from '../support/test-app';
import { clientCredentialsToken, makeTenant, Tenant } from '../support/tenant';

/** What an operator of an identity service expects of its protections, tried as an attacker would. */
describe('security', () => {
  let t: TestApp;
  let admin: Tenant;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeTenant(t);
  });
  afterAll(() => t.close());

  const api = () => ({
    get: (path: string, token = admin.token) => request(t.http).get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body: object, token = admin.token) => request(t.http).post(path).auth(token, { type: 'bearer' }).send(body),
    delete: (path: string, token = admin.token) => request(t.http).delete(path).auth(token, { type: 'bearer' }),
  });
  async function scimUser(): Promise<{ id: string; userName: string }> {
    const userName = `s${counter++}@contoso.com`;
    const res = await scimClient(t, admin.token)
      .post('/Users', { schemas: [SCIM.USER], userName, displayName: userName, emails: [{ value: userName }] })
      .expect(201);
    return { id: res.body.id, userName };
  }

  it('takes a bearer token from the Authorization header only', async () => {
    const inQuery = await request(t.http).get(`/scim/v2/Users?access_token=${admin.token}`).expect(401);
    expect(inQuery.body.schemas).toEqual([SCIM.ERROR]);
    expect(inQuery.headers['www-authenticate']).toContain('error="invalid_request"');
    const inBody = await request(t.http)
      .post('/scim/v2/Users/.search')
      .set('Content-Type', 'application/scim+json')
      .send(JSON.stringify({ schemas: [SCIM.SEARCH], access_token: admin.token }))
      .expect(401);
    expect(inBody.headers['www-authenticate']).toContain('error="invalid_request"');
    // Even beside a valid header, a token in the URL is refused rather than ignored.
    await request(t.http).get(`/api/oauth2/applications?access_token=${admin.token}`).auth(admin.token, { type: 'bearer' }).expect(401);
  });

  it('never lets an answer carrying a secret be cached, and sends API security headers', async () => {
    const created = await api()
      .post('/api/oauth2/applications', { name: 'c', grantType: 'client_credentials', allowedScopes: ['usersync'] })
      .expect(201);
    expect(created.body.clientSecret).toEqual(expect.any(String));
    expect(created.headers['cache-control']).toBe('no-store');
    const rotated = await api().post(`/api/oauth2/applications/${created.body.id}/secret`, {});
    expect([rotated.status, rotated.headers['cache-control']]).toEqual([200, 'no-store']);
    const scim = await scimClient(t, admin.token).get('/Users').expect(200);
    expect(scim.headers['cache-control']).toBe('no-store');
    expect(scim.headers['x-content-type-options']).toBe('nosniff');
    expect(scim.headers['content-security-policy']).toContain("default-src 'none'");
    expect(scim.headers['x-powered-by']).toBeUndefined();
  });

  it('stops an application at once when the user it acts as is disabled: 401, and no new token', async () => {
    const user = await scimUser();
    const app = await api()
      .post('/api/oauth2/applications', {
        name: 'acting',
        grantType: 'client_credentials',
        allowedScopes: ['usersync'],
        userName: user.userName,
      })
      .expect(201);
    const token = await clientCredentialsToken(t, app.body.clientId, app.body.clientSecret);
    await scimClient(t, token).get('/Users?count=1').expect(200);
    await scimClient(t, admin.token)
      .patch(`/Users/${user.id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] })
      .expect(200);
    await scimClient(t, token).get('/Users?count=1').expect(401);
    const refused = await request(t.http)
      .post('/oauth2/server/token')
      .auth(app.body.clientId, app.body.clientSecret)
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect([refused.status, refused.body.error]).toEqual([400, 'unauthorized_client']);
  });

  it('applies a revoked admin permission at once on the instance that revoked it', async () => {
    const user = await scimUser();
    await api().post('/api/ownership/permissions', { userId: user.id, permission: 'admin' }).expect(201);
    const app = await api()
      .post('/api/oauth2/applications', {
        name: 'admin2',
        grantType: 'client_credentials',
        allowedScopes: ['api'],
        userName: user.userName,
      })
      .expect(201);
    const token = await clientCredentialsToken(t, app.body.clientId, app.body.clientSecret);
    await api().get('/api/oauth2/applications', token).expect(200);
    await api().delete(`/api/ownership/permissions/${user.id}/admin`).expect(204);
    await api().get('/api/oauth2/applications', token).expect(403);
  });

  it('never writes a forged Host into meta.location or Location', async () => {
    const user = await scimUser();
    const res = await scimClient(t, admin.token).get(`/Users/${user.id}`).set('Host', 'evil.example').expect(200);
    expect(res.body.meta.location).toBe(`/scim/v2/Users/${user.id}`);
    const created = await scimClient(t, admin.token)
      .post('/Groups', { schemas: [SCIM.GROUP], displayName: `g${counter++}` })
      .set('Host', 'evil.example')
      .expect(201);
    expect(created.headers.location).toBe(`/scim/v2/Groups/${created.body.id}`);
  });
});

describe('security settings', () => {
  it('ALLOWED_HOSTS: a listed host names the base URL, any other gets relative locations', async () => {
    await withTestApp({ ALLOWED_HOSTS: 'usersync.contoso.com' }, async (t) => {
      const tenant = await makeTenant(t);
      const group = await scimClient(t, tenant.token)
        .post('/Groups', { schemas: [SCIM.GROUP], displayName: 'g' })
        .expect(201);
      const listed = await scimClient(t, tenant.token).get(`/Groups/${group.body.id}`).set('Host', 'usersync.contoso.com').expect(200);
      expect(listed.body.meta.location).toBe(`http://usersync.contoso.com/scim/v2/Groups/${group.body.id}`);
      const other = await scimClient(t, tenant.token).get(`/Groups/${group.body.id}`).set('Host', 'evil.example').expect(200);
      expect(other.body.meta.location).toBe(`/scim/v2/Groups/${group.body.id}`);
    });
  });

  it('SCIM_RATE_LIMIT_PER_SECOND: a subscription over its rate gets 429 with Retry-After in SCIM form; another subscription does not', async () => {
    await withTestApp({ SCIM_RATE_LIMIT_PER_SECOND: '5' }, async (t) => {
      const busy = await makeTenant(t);
      const calm = await makeTenant(t);
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 30 }, () => scimClient(t, busy.token).get('/Users?count=1')));
      // At most 5 answered per second window the burst spans; the rest refused.
      const windows = Math.ceil((Date.now() - started) / 1000) + 1;
      const limited = answers.filter((r) => r.status === 429);
      expect(answers.filter((r) => r.status === 200).length).toBeLessThanOrEqual(5 * windows);
      expect(limited.length).toBe(30 - answers.filter((r) => r.status === 200).length);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0].body).toMatchObject({ schemas: [SCIM.ERROR], status: '429' });
      expect(Number(limited[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
      await scimClient(t, calm.token).get('/Users?count=1').expect(200);
    });
  });

  it('OAUTH_ALLOW_NON_EXPIRING_API=false: the api scope needs credentials that expire', async () => {
    await withTestApp({ OAUTH_ALLOW_NON_EXPIRING_API: 'false' }, async (t) => {
      const tenant = await makeTenant(t);
      const post = (body: object) =>
        request(t.http)
          .post('/api/oauth2/applications')
          .auth(tenant.token, { type: 'bearer' })
          .send({ name: 'entra', ...body });
      const refused = await post({ grantType: 'bearer_token', allowedScopes: ['api', 'usersync'] }).expect(400);
      expect(refused.body.message).toContain('OAUTH_ALLOW_NON_EXPIRING_API');
      await post({ grantType: 'bearer_token', allowedScopes: ['usersync'] }).expect(201);
      await post({ grantType: 'bearer_token', allowedScopes: ['api', 'usersync'], tokenLifetimeSeconds: 3600 }).expect(201);
    });
  });

  it('REDIS_URL: failures counted on one instance hold the source back on another', async () => {
    const redis = await testRedis();
    const env = { REDIS_URL: redis.url, TRUST_PROXY: 'true', AUTH_FAILURES_PER_SOURCE_LIMIT: '3' };
    const [one, two] = [await createTestApp(env), await createTestApp(env)];
    try {
      const tenant = await makeTenant(two);
      // A source address of its own, so that earlier runs' counters in the same Redis do not count.
      const source = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
      for (let i = 0; i < 3; i++) {
        await request(one.http)
          .post('/oauth2/server/token')
          .set('X-Forwarded-For', source)
          .auth(`nobody-${i}`, 'x')
          .type('form')
          .send({ grant_type: 'client_credentials' })
          .expect(401);
      }
      const held = await request(two.http)
        .post('/oauth2/server/token')
        .set('X-Forwarded-For', source)
        .auth(tenant.clientId, tenant.clientSecret)
        .type('form')
        .send({ grant_type: 'client_credentials' });
      expect([held.status, held.body.error]).toEqual([429, 'temporarily_unavailable']);
    } finally {
      await one.close();
      await two.close();
      await redis.stop();
    }
  });
});
