import request from 'supertest';
import { makeTenant } from '../support/tenant';
import { createTestApp, TestApp } from '../support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 {"status":"ok"} while the database is reachable', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('answers 503 while the database is unreachable, and recovers when it returns', async () => {
    await t.dataSource.destroy();
    const down = await request(t.http).get('/health').expect(503);
    expect(down.body).toMatchObject({ status: 'unavailable' });
    await t.dataSource.initialize();
    await request(t.http).get('/health').expect(200);
  });

  it("answers 503 with Retry-After, in each protocol's format, while the database is unreachable", async () => {
    const tenant = await makeTenant(t);
    await t.dataSource.destroy();
    try {
      const scim = await request(t.http).get('/scim/v2/Users').auth(tenant.token, { type: 'bearer' }).expect(503);
      expect(scim.headers['retry-after']).toBe('5');
      expect(scim.headers['content-type']).toContain('application/scim+json');
      expect(scim.body).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        detail: 'The database is not answering; try again shortly',
        status: '503',
      });
      const token = await request(t.http)
        .post('/oauth2/server/token')
        .auth(tenant.clientId, tenant.clientSecret)
        .type('form')
        .send({ grant_type: 'client_credentials' })
        .expect(503);
      expect(token.headers['retry-after']).toBe('5');
      expect(token.body).toMatchObject({ error: 'server_error' });
      const admin = await request(t.http).get('/api/oauth2/applications').auth(tenant.token, { type: 'bearer' }).expect(503);
      expect(admin.body).toMatchObject({ statusCode: 503, error: 'unavailable' });
    } finally {
      await t.dataSource.initialize();
    }
    await request(t.http).get('/scim/v2/Users').auth(tenant.token, { type: 'bearer' }).expect(200);
  });
});
