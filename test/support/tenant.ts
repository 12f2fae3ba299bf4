import request from 'supertest';
import { BootstrapResult, BootstrapService } from '../../src/cli/bootstrap.service';
import { TestApp } from './test-app';

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

export async function clientCredentialsToken(t: TestApp, clientId: string, clientSecret: string, scope?: string): Promise<string> {
  const res = await request(t.http)
    .post('/oauth2/server/token')
    .auth(clientId, clientSecret)
    .type('form')
    .send({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) })
    .expect(200);
  return res.body.access_token as string;
}
