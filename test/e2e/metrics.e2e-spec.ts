import request from 'supertest';
import { scimClient, SCIM } from '../support/scim-client';
import { freePort } from '../support/free-port';
import { withTestApp } from '../support/test-app';
import { clientCredentialsToken, makeTenant } from '../support/tenant';

const METRICS_TOKEN = 'm'.repeat(20) + '0123456789abcdef0123';

describe('/metrics', () => {
  it('is not served without METRICS_TOKEN or METRICS_PORT', () =>
    withTestApp({}, async (t) => {
      await request(t.http).get('/metrics').expect(404);
      await request(t.http).get('/metrics').auth(METRICS_TOKEN, { type: 'bearer' }).expect(404);
    }));

  it('with METRICS_TOKEN: Prometheus text for a scraper with the token, 401 for anyone else', () =>
    withTestApp({ METRICS_TOKEN }, async (t) => {
      const tenant = await makeTenant(t);
      const scim = scimClient(t, tenant.token);
      const user = await scim
        .post('/Users', {
          schemas: [SCIM.USER],
          userName: 'metrics.person@contoso.example',
          displayName: 'Metrics Person',
          emails: [{ value: 'metrics.person@contoso.example', primary: true }],
          name: { givenName: 'M', familyName: 'P' },
        })
        .expect(201);
      await scim.get(`/Users/${user.body.id}`).expect(200);
      await scim.get('/Users?filter=userName%20eq').expect(400);
      await request(t.http)
        .post('/oauth2/server/token')
        .auth(tenant.clientId, 'wrong')
        .type('form')
        .send({ grant_type: 'client_credentials' })
        .expect(401);
      await clientCredentialsToken(t, tenant.clientId, tenant.clientSecret);

      await request(t.http)
        .get('/metrics')
        .expect(401)
        .expect('WWW-Authenticate', /Bearer/);
      await request(t.http).get('/metrics').auth('x'.repeat(40), { type: 'bearer' }).expect(401);
      await request(t.http).get('/metrics').auth(tenant.token, { type: 'bearer' }).expect(401);
      const res = await request(t.http).get('/metrics').auth(METRICS_TOKEN, { type: 'bearer' }).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const text = res.text;
      expect(text).toMatch(/usersync_http_requests_total\{method="POST",route="\/scim\/v2\/Users",status="201"\} 1/);
      expect(text).toMatch(/usersync_http_requests_total\{method="GET",route="\/scim\/v2\/Users\/:id",status="200"\} 1/);
      expect(text).toMatch(
        /usersync_http_request_duration_seconds_bucket\{le="0.5",method="GET",route="\/scim\/v2\/Users\/:id",status="200"\} 1/,
      );
      expect(text).toMatch(/usersync_scim_operations_total\{resource_type="User",operation="create",outcome="success"\} 1/);
      expect(text).toMatch(/usersync_scim_operations_total\{resource_type="User",operation="search",outcome="refused"\} 1/);
      expect(text).toMatch(/usersync_oauth_token_requests_total\{outcome="issued"\} [1-9]/);
      expect(text).toMatch(/usersync_oauth_token_requests_total\{outcome="invalid_client"\} 1/);
      expect(text).toMatch(/usersync_db_pool_connections\{state="total"\} \d+/);
      expect(text).toMatch(/usersync_nodejs_eventloop_lag_seconds \d/);
      expect(text).toMatch(/usersync_process_resident_memory_bytes \d+/);
      // no per-user or per-token label: neither ids, names nor credentials appear
      for (const secret of [user.body.id, 'metrics.person', tenant.token, tenant.clientId, METRICS_TOKEN])
        expect(text).not.toContain(secret);
    }));

  it('with METRICS_PORT: served on that port without a token, and nothing else there', async () => {
    const port = await freePort();
    await withTestApp({ METRICS_PORT: String(port), HOST: '127.0.0.1' }, async (t) => {
      await request(t.http).get('/metrics').expect(404);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('usersync_http_requests_total');
      expect((await fetch(`http://127.0.0.1:${port}/scim/v2/Users`)).status).toBe(404);
    });
    // closed with the service
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });

  it('refuses a METRICS_TOKEN that could be guessed', async () => {
    await expect(withTestApp({ METRICS_TOKEN: 'short' }, async () => undefined)).rejects.toThrow(/METRICS_TOKEN/);
  });
});
