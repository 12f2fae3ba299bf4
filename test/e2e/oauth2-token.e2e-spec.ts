import request from 'supertest';
import { AccessToken } from '../../src/auth/entities/access-token.entity';
import { OAuthApplication } from '../../src/auth/entities/oauth-application.entity';
import { createTestApp, TestApp } from '../support/test-app';
import { makeTenant, Tenant } from '../support/tenant';

describe('POST /oauth2/server/token', () => {
  let t: TestApp;
  let tenant: Tenant;
  const logged: string[] = [];
  let writeSpy: jest.SpyInstance;

  beforeAll(async () => {
    writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    t = await createTestApp({
      LOG_LEVEL: 'debug',
      OAUTH_FAILED_ATTEMPTS_LIMIT: '5',
      AUTH_FAILURES_PER_SOURCE_LIMIT: '8',
      TRUST_PROXY: 'true',
    });
    tenant = await makeTenant(t);
  });
  afterAll(async () => {
    writeSpy.mockRestore();
    await t.close();
  });

  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const tokenCall = () => request(t.http).post('/oauth2/server/token');

  async function createApp(body: Record<string, unknown>) {
    const res = await request(t.http)
      .post('/api/oauth2/applications')
      .auth(tenant.token, { type: 'bearer' })
      .send({ name: 'app', userName: tenant.adminUser, ...body })
      .expect(201);
    return res.body as { id: string; clientId: string; clientSecret: string };
  }

  it('issues a token for Basic client authentication in the exact form Entra ID and scripts use', async () => {
    const res = await tokenCall()
      .set('Authorization', basic(tenant.clientId, tenant.clientSecret))
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('grant_type=client_credentials&scope=api')
      .expect(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 3600,
      scope: 'api',
      http_status_code: 200,
    });
    expect(res.body.access_token.length).toBeGreaterThanOrEqual(43);
    expect(res.headers['cache-control']).toBe('no-store');
    await request(t.http).get('/api/oauth2/applications').auth(res.body.access_token, { type: 'bearer' }).expect(200);
  });

  it('accepts client_secret_post and grants every allowed scope when scope is absent', async () => {
    const res = await tokenCall()
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: tenant.clientId, client_secret: tenant.clientSecret })
      .expect(200);
    expect(res.body.scope).toBe('api usersync');
  });

  it.each([
    [
      'a missing grant_type',
      400,
      'invalid_request',
      (r: request.Test) => r.set('Authorization', basic('x', 'y')).type('form').send('scope=api'),
    ],
    [
      'a JSON body',
      400,
      'invalid_request',
      (r: request.Test) => r.set('Authorization', basic('x', 'y')).send({ grant_type: 'client_credentials' }),
    ],
    [
      'a malformed Basic header',
      400,
      'invalid_request',
      (r: request.Test) => r.set('Authorization', 'Basic %%%').type('form').send('grant_type=client_credentials'),
    ],
    [
      'Basic without a colon',
      400,
      'invalid_request',
      (r: request.Test) =>
        r
          .set('Authorization', `Basic ${Buffer.from('nocolon').toString('base64')}`)
          .type('form')
          .send('grant_type=client_credentials'),
    ],
    [
      'a repeated parameter',
      400,
      'invalid_request',
      (r: request.Test) =>
        r.set('Authorization', basic('x', 'y')).type('form').send('grant_type=client_credentials&grant_type=client_credentials'),
    ],
    ['no client authentication', 401, 'invalid_client', (r: request.Test) => r.type('form').send('grant_type=client_credentials')],
  ])('answers %s with %i %s', async (_name, status, error, build) => {
    const res = await build(tokenCall()).expect(status);
    expect(res.body).toEqual({ error, error_description: expect.any(String) });
    expect(res.headers['cache-control']).toBe('no-store');
    if (error === 'invalid_client') expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
  });

  it('refuses two client authentication methods at once', async () => {
    const res = await tokenCall()
      .set('Authorization', basic(tenant.clientId, tenant.clientSecret))
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: tenant.clientId, client_secret: tenant.clientSecret })
      .expect(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('answers a wrong secret and an unknown client with 401 invalid_client and WWW-Authenticate: Basic', async () => {
    for (const auth of [basic(tenant.clientId, 'wrong-secret'), basic('no-such-client', 'whatever')]) {
      const res = await tokenCall().set('Authorization', auth).type('form').send('grant_type=client_credentials').expect(401);
      expect(res.body.error).toBe('invalid_client');
      expect(res.headers['www-authenticate']).toBe('Basic realm="usersync"');
    }
  });

  it('answers an unknown grant type with unsupported_grant_type', async () => {
    const res = await tokenCall()
      .set('Authorization', basic(tenant.clientId, tenant.clientSecret))
      .type('form')
      .send('grant_type=password')
      .expect(400);
    expect(res.body.error).toBe('unsupported_grant_type');
  });

  it('answers invalid_scope for an unknown scope and for one the application may not have', async () => {
    const unknown = await tokenCall()
      .set('Authorization', basic(tenant.clientId, tenant.clientSecret))
      .type('form')
      .send('grant_type=client_credentials&scope=root')
      .expect(400);
    expect(unknown.body.error).toBe('invalid_scope');
    const app = await createApp({ grantType: 'client_credentials', allowedScopes: ['usersync'] });
    const denied = await tokenCall()
      .set('Authorization', basic(app.clientId, app.clientSecret))
      .type('form')
      .send('grant_type=client_credentials&scope=api')
      .expect(400);
    expect(denied.body.error).toBe('invalid_scope');
  });

  it('answers unauthorized_client when a bearer_token application asks for client credentials', async () => {
    const app = await createApp({ grantType: 'bearer_token', allowedScopes: ['usersync'] });
    const res = await tokenCall()
      .set('Authorization', basic(app.clientId, app.clientSecret))
      .type('form')
      .send('grant_type=client_credentials')
      .expect(400);
    expect(res.body.error).toBe('unauthorized_client');
  });

  it('refuses a token after its lifetime lapses', async () => {
    const app = await createApp({ grantType: 'client_credentials', allowedScopes: ['api'], tokenLifetimeSeconds: 1 });
    const res = await tokenCall()
      .set('Authorization', basic(app.clientId, app.clientSecret))
      .type('form')
      .send('grant_type=client_credentials')
      .expect(200);
    expect(res.body.expires_in).toBe(1);
    await request(t.http).get('/api/oauth2/applications').auth(res.body.access_token, { type: 'bearer' }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const late = await request(t.http).get('/api/oauth2/applications').auth(res.body.access_token, { type: 'bearer' }).expect(401);
    expect(late.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('issues never-expiring tokens (no expires_in) for lifetime 0', async () => {
    const app = await createApp({ grantType: 'client_credentials', allowedScopes: ['api'], tokenLifetimeSeconds: 0 });
    const res = await tokenCall()
      .set('Authorization', basic(app.clientId, app.clientSecret))
      .type('form')
      .send('grant_type=client_credentials')
      .expect(200);
    expect(res.body).not.toHaveProperty('expires_in');
    const stored = await t.dataSource.getRepository(AccessToken).findBy({ isClientSecret: false });
    expect(stored.some((row) => row.expiresAt === null)).toBe(true);
    await request(t.http).get('/api/oauth2/applications').auth(res.body.access_token, { type: 'bearer' }).expect(200);
  });

  it('stores secrets and tokens only as hashes and never logs them', async () => {
    const app = await createApp({ grantType: 'client_credentials', allowedScopes: ['api'] });
    const res = await tokenCall()
      .set('Authorization', basic(app.clientId, app.clientSecret))
      .type('form')
      .send('grant_type=client_credentials')
      .expect(200);
    await request(t.http).get('/api/oauth2/applications').auth(res.body.access_token, { type: 'bearer' }).expect(200);
    const stored = JSON.stringify([
      await t.dataSource.getRepository(OAuthApplication).find(),
      await t.dataSource.getRepository(AccessToken).find(),
    ]);
    const log = logged.join('');
    expect(log).toContain('"msg":"request"');
    for (const secret of [app.clientSecret, res.body.access_token, tenant.clientSecret, tenant.token]) {
      expect(stored).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  });

  /** A client-credentials request from a source address (TRUST_PROXY=true: X-Forwarded-For names it). */
  const tokenFrom = (source: string, clientId: string, secret: string) =>
    tokenCall()
      .set('X-Forwarded-For', source)
      .set('Authorization', basic(clientId, secret))
      .type('form')
      .send('grant_type=client_credentials');

  it('holds back one client id from the source that keeps failing, never the real client elsewhere', async () => {
    const app = await createApp({ grantType: 'client_credentials', allowedScopes: ['api'] });
    for (let i = 0; i < 5; i++) await tokenFrom('198.51.100.7', app.clientId, 'wrong').expect(401);
    const limited = await tokenFrom('198.51.100.7', app.clientId, app.clientSecret).expect(429);
    expect(limited.body.error).toBe('temporarily_unavailable');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The attacker's failures do not lock the real client out from its own address.
    await tokenFrom('203.0.113.20', app.clientId, app.clientSecret).expect(200);
    // Nor any other client from the attacker's address, until that address itself is over its limit.
    await tokenFrom('198.51.100.7', tenant.clientId, tenant.clientSecret).expect(200);
  });

  it('holds back a source that fails across many client ids (AUTH_FAILURES_PER_SOURCE_LIMIT), and only that source', async () => {
    for (let i = 0; i < 8; i++) await tokenFrom('192.0.2.99', `random-${i}`, 'x').expect(401);
    const held = await tokenFrom('192.0.2.99', tenant.clientId, tenant.clientSecret).expect(429);
    expect(held.body.error).toBe('temporarily_unavailable');
    // Bad bearer tokens count for the same source: /scim/v2 answers it 429 in SCIM's format too.
    const scim = await request(t.http)
      .get('/scim/v2/Users')
      .set('X-Forwarded-For', '192.0.2.99')
      .auth(tenant.token, { type: 'bearer' })
      .expect(429);
    expect(scim.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(Number(scim.headers['retry-after'])).toBeGreaterThan(0);
    await tokenFrom('192.0.2.100', tenant.clientId, tenant.clientSecret).expect(200);
  });
});
