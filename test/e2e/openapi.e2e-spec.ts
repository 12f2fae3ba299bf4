import { createConfig, lintFromString } from '@redocly/openapi-core';
import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

type Operation = {
  requestBody?: { content: Record<string, { schema?: object }> };
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
  parameters?: { name: string; in: string; schema?: { type?: string } }[];
  security?: object[];
};

/** The OpenAPI document at /api/docs-json describes the API that exists, and a maintained linter finds no error in it. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, object> } };

  beforeAll(async () => {
    t = await createTestApp();
    document = (await request(t.http).get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );

  it('passes the Redocly linter (recommended rules) without an error', async () => {
    const config = await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off', 'info-license-strict': 'off' } });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('describes every route of the admin API, SCIM and the token endpoint', () => {
    const described = new Set(operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`));
    const expected = [
      'POST /oauth2/server/token',
      'GET /api/oauth2/applications',
      'POST /api/oauth2/applications',
      'GET /api/oauth2/applications/{id}',
      'PATCH /api/oauth2/applications/{id}',
      'DELETE /api/oauth2/applications/{id}',
      'POST /api/oauth2/applications/{id}/secret',
      'GET /api/tenancy/subscriptions',
      'POST /api/tenancy/subscriptions',
      'GET /api/tenancy/subscriptions/{id}',
      'PUT /api/tenancy/subscriptions/{id}/owner',
      'GET /api/tenancy/subscriptions/{id}/users',
      'POST /api/tenancy/subscriptions/{subscriptionId}/user-properties',
      'GET /api/tenancy/subscriptions/{subscriptionId}/user-properties',
      'PATCH /api/tenancy/subscriptions/{subscriptionId}/user-properties/{name}',
      'DELETE /api/tenancy/subscriptions/{subscriptionId}/user-properties/{name}',
      'GET /api/tenancy/company/owners',
      'POST /api/tenancy/company/owners',
      'DELETE /api/tenancy/company/owners/{userId}',
      'GET /api/ownership/resources',
      'POST /api/ownership/resources',
      'GET /api/ownership/resources/{id}',
      'GET /api/ownership/permissions',
      'POST /api/ownership/permissions',
      'DELETE /api/ownership/permissions/{userId}/{permission}',
      'GET /api/ownership/transfers',
      'GET /api/activity',
      'GET /scim/v2/Users',
      'POST /scim/v2/Users',
      'POST /scim/v2/Users/.search',
      'GET /scim/v2/Users/{id}',
      'PUT /scim/v2/Users/{id}',
      'PATCH /scim/v2/Users/{id}',
      'DELETE /scim/v2/Users/{id}',
      'GET /scim/v2/Groups',
      'POST /scim/v2/Groups',
      'GET /scim/v2/Groups/{id}',
      'PATCH /scim/v2/Groups/{id}',
      'GET /scim/v2/Schemas',
      'GET /scim/v2/ServiceProviderConfig',
      'GET /scim/v2/ResourceTypes',
      'POST /scim/v2/.search',
      'GET /health',
    ];
    for (const route of expected) expect({ route, described: described.has(route) }).toEqual({ route, described: true });
  });

  it('gives every operation a success schema and its errors; every body-taking admin route its request schema', () => {
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(operation.responses);
      const success = statuses.find((s) => s.startsWith('2'));
      expect({ where, success }).toEqual({ where, success: expect.stringMatching(/^2\d\d$/) });
      if (success !== '204') {
        const content = operation.responses[success!].content ?? {};
        expect({ where, schema: Object.values(content).every((c) => c.schema !== undefined) && Object.keys(content).length > 0 }).toEqual({
          where,
          schema: true,
        });
      }
      if (path !== '/health') expect({ where, errors: statuses.some((s) => s.startsWith('4')) }).toEqual({ where, errors: true });
      if (['post', 'put', 'patch'].includes(method) && !path.endsWith('/secret')) {
        expect({ where, body: operation.requestBody !== undefined }).toEqual({ where, body: true });
      }
    }
  });

  it('tells the truth about the details the document used to get wrong', () => {
    const token = document.paths['/oauth2/server/token'].post;
    expect(Object.keys(token.requestBody!.content)).toContain('application/x-www-form-urlencoded');
    const scheme = Object.values(document.components.securitySchemes).find((s) => (s as { scheme?: string }).scheme === 'bearer');
    expect(scheme).toBeDefined();
    expect(scheme).not.toHaveProperty('bearerFormat', 'JWT');
    const list = document.paths['/api/oauth2/applications'].get;
    for (const name of ['offset', 'limit']) expect(list.parameters!.find((p) => p.name === name)?.schema?.type).toBe('integer');
    const created = document.paths['/api/oauth2/applications'].post.requestBody!.content['application/json'].schema as { $ref: string };
    const model = (
      document as unknown as {
        components: { schemas: Record<string, { properties: Record<string, { type?: string; items?: { type?: string } }> }> };
      }
    ).components.schemas[created.$ref.split('/').pop()!];
    expect(model.properties.allowedScopes).toMatchObject({ type: 'array', items: { type: 'string' } });
    const scim = document.paths['/scim/v2/Users'].post;
    expect(Object.keys(scim.requestBody!.content)).toContain('application/scim+json');
    expect(Object.keys(scim.responses['201'].content!)).toContain('application/scim+json');
    expect(Object.keys(scim.responses['400'].content!)).toContain('application/scim+json');
  });
});
