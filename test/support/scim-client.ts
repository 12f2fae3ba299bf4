import request from 'supertest';
import { TestApp } from './test-app';

/** SCIM requests as a provisioning client sends them: bearer token, `application/scim+json` bodies. */
export function scimClient(t: TestApp, token: string) {
  const send = (method: 'post' | 'put' | 'patch', path: string, body: unknown) =>
    request(t.http)
      [method](`/scim/v2${path}`)
      .auth(token, { type: 'bearer' })
      .set('Content-Type', 'application/scim+json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    get: (path: string) => request(t.http).get(`/scim/v2${path}`).auth(token, { type: 'bearer' }),
    post: (path: string, body: unknown) => send('post', path, body),
    put: (path: string, body: unknown) => send('put', path, body),
    patch: (path: string, body: unknown) => send('patch', path, body),
    delete: (path: string) => request(t.http).delete(`/scim/v2${path}`).auth(token, { type: 'bearer' }),
  };
}

export const SCIM = {
  USER: 'urn:ietf:params:scim:schemas:core:2.0:User',
  GROUP: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  ENTERPRISE: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  WFUSER: 'urn:usersync:params:scim:schemas:extension:wfuser:2.0:User',
  ADSCIM_GROUP: 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
  ADSCIM_USER: 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/User',
  PATCH_OP: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  SEARCH: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  LIST: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  ERROR: 'urn:ietf:params:scim:api:messages:2.0:Error',
};
