import request from 'supertest';
import { BootstrapResult, BootstrapService } from '../../src/cli/bootstrap.service';
import { createTestApp, TestApp } from './test-app';

let counter = 0;

export interface Tenant extends BootstrapResult {
  /** Access token with scopes api + usersync. */
  token: string;
}

/** A bootstrapped subscription with its admin application and a fresh access token. */
export async function makeTenant(t: TestApp, name = `tenant-${Date.now().toString(36)}-${counter++}`): Promise<Tenant> {
  const result = await t.app.get(BootstrapService).bootstrap({ company: `${name}-co`, subscription: name, admin: `admin@${name}.example` });
  const token = await clientCredentialsToken(t, result.clientId, result.clientSecret);
  return { ...result, token };
}

/** A fresh app with two companies' admins: what the specs of cross-tenant rules start from. */
export async function appWithTwoTenants(): Promise<{ t: TestApp; a: Tenant; b: Tenant }> {
  const t = await createTestApp();
  return { t, a: await makeTenant(t), b: await makeTenant(t) };
}

export async function clientCredentialsToken(t: TestApp, clientId: string, clientSecret: string, scope?: string): Promise<string> {
  const res = await request(t.http)
    .post('/oauth2/server/token')
    .auth(clientId, clientSecret)
    .type('form')
    .send({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) })
    .expect(200);
  return res.body.access_token as string;
}

/**
 * What the README's Entra ID section does: a new empty subscription and a bearer_token
 * application for it, whose client secret is the Secret Token. Returns that token.
 */
export async function connectProvider(
  t: TestApp,
  admin: Tenant,
  name: string,
  options: { patchResponse?: 'resource' | 'noContent' } = {},
): Promise<{ token: string; subscriptionId: string }> {
  const sub = await request(t.http).post('/api/tenancy/subscriptions').auth(admin.token, { type: 'bearer' }).send({ name }).expect(201);
  const app = await request(t.http)
    .post('/api/oauth2/applications')
    .auth(admin.token, { type: 'bearer' })
    .send({ name: `${name} provisioning`, grantType: 'bearer_token', allowedScopes: ['usersync'], subscriptionId: sub.body.id, ...options })
    .expect(201);
  return { token: app.body.clientSecret as string, subscriptionId: sub.body.id as string };
}
