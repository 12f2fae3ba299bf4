import request from 'supertest';
import { adminApi } from '../support/admin-api';
import { createTestApp, TestApp } from '../support/test-app';
import { connectProvider, makeTenant, Tenant } from '../support/tenant';

const PROPERTIES = 'urn:usersync:params:scim:schemas:extension:properties:2.0:User';

describe('custom user properties', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    t = await createTestApp();
    a = await makeTenant(t);
    b = await makeTenant(t);
  });
  afterAll(() => t.close());

  const api = (token: string) => adminApi(t, token);
  const base = (subscriptionId: string) => `/api/tenancy/subscriptions/${subscriptionId}/user-properties`;

  describe('definitions (admin API)', () => {
    it('defines, lists, reads, changes and deletes properties of any subscription of the company', async () => {
      const entra = await connectProvider(t, a, `props-${Date.now()}`);
      const created = await api(a.token)
        .post(base(entra.subscriptionId), { name: 'costCenter', type: 'string', maxLength: 40, description: 'Cost center' })
        .expect(201);
      expect(created.body).toEqual({
        name: 'costCenter',
        type: 'string',
        maxLength: 40,
        required: false,
        caseExact: false,
        description: 'Cost center',
        scimPath: `${PROPERTIES}:costCenter`,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      await api(a.token).post(base(entra.subscriptionId), { name: 'badgeNumber', type: 'integer', required: false }).expect(201);
      const list = await api(a.token).get(base(entra.subscriptionId)).expect(200);
      expect(list.body.map((p: { name: string }) => p.name)).toEqual(['badgeNumber', 'costCenter']);
      expect(
        (
          await api(a.token)
            .get(`${base(entra.subscriptionId)}/COSTCENTER`)
            .expect(200)
        ).body.name,
      ).toBe('costCenter');
      const changed = await api(a.token)
        .patch(`${base(entra.subscriptionId)}/costCenter`, { maxLength: 80, caseExact: true })
        .expect(200);
      expect(changed.body).toMatchObject({ maxLength: 80, caseExact: true });
      await api(a.token)
        .delete(`${base(entra.subscriptionId)}/badgeNumber`)
        .expect(204);
      await api(a.token)
        .get(`${base(entra.subscriptionId)}/badgeNumber`)
        .expect(404);
    });

    it('refuses bad names, types and duplicates, and another company', async () => {
      const sub = a.subscriptionId;
      for (const body of [
        { name: '1st', type: 'string' },
        { name: 'has space', type: 'string' },
        { name: 'x'.repeat(129), type: 'string' },
        { name: 'ok', type: 'float' },
        { name: 'ok', type: 'integer', maxLength: 5 },
        { name: 'ok', type: 'string', maxLength: 2001 },
        { name: 'ok', type: 'string', extra: 1 },
      ]) {
        const res = await api(a.token).post(base(sub), body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      await api(a.token).post(base(sub), { name: 'Region', type: 'string' }).expect(201);
      const dup = await api(a.token).post(base(sub), { name: 'region', type: 'string' }).expect(409);
      expect(dup.body.message).toContain('already defines');
      await api(b.token).get(base(sub)).expect(404);
      await api(b.token).post(base(sub), { name: 'x', type: 'string' }).expect(404);
      await api(b.token)
        .delete(`${base(sub)}/Region`)
        .expect(404);
      await request(t.http).get(base(sub)).expect(401);
    });
  });
});
