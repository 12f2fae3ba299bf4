import request from 'supertest';
import { adminApi } from '../support/admin-api';
import { scimClient, SCIM } from '../support/scim-client';
import { TestApp } from '../support/test-app';
import { connectProvider, appWithTwoTenants, Tenant } from '../support/tenant';

const PROPERTIES = 'urn:usersync:params:scim:schemas:extension:properties:2.0:User';

describe('custom user properties', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => ({ t, a, b } = await appWithTwoTenants()));
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

  describe('SCIM', () => {
    let entra: { token: string; subscriptionId: string };
    let other: { token: string; subscriptionId: string };
    const user = (userName: string, extra: object = {}) => ({
      schemas: [SCIM.USER],
      userName,
      displayName: userName.split('@')[0],
      emails: [{ value: userName, type: 'work', primary: true }],
      ...extra,
    });

    beforeAll(async () => {
      entra = await connectProvider(t, a, `entra-props-${Date.now()}`);
      other = await connectProvider(t, a, `other-props-${Date.now()}`);
      for (const body of [
        { name: 'costCenter', type: 'string', maxLength: 10 },
        { name: 'badgeNumber', type: 'integer' },
        { name: 'fte', type: 'decimal' },
        { name: 'contractor', type: 'boolean' },
        { name: 'hireDate', type: 'dateTime' },
      ])
        await api(a.token).post(base(entra.subscriptionId), body).expect(201);
      await api(a.token).post(base(other.subscriptionId), { name: 'region', type: 'string' }).expect(201);
    });

    it("serves each subscription's definitions as its properties extension in /Schemas and /ResourceTypes", async () => {
      const schema = await scimClient(t, entra.token).get(`/Schemas/${PROPERTIES}`).expect(200);
      expect(schema.body.attributes.map((x: { name: string; type: string }) => [x.name, x.type])).toEqual([
        ['badgeNumber', 'integer'],
        ['contractor', 'boolean'],
        ['costCenter', 'string'],
        ['fte', 'decimal'],
        ['hireDate', 'dateTime'],
      ]);
      expect(schema.body.attributes[2]).toMatchObject({ mutability: 'readWrite', required: false, caseExact: false, multiValued: false });
      const types = await scimClient(t, entra.token).get('/ResourceTypes/User').expect(200);
      expect(types.body.schemaExtensions.map((x: { schema: string }) => x.schema)).toContain(PROPERTIES);
      const theirs = await scimClient(t, other.token).get(`/Schemas/${PROPERTIES}`).expect(200);
      expect(theirs.body.attributes.map((x: { name: string }) => x.name)).toEqual(['region']);
      // a subscription without definitions has no such schema
      await scimClient(t, b.token).get(`/Schemas/${PROPERTIES}`).expect(404);
      const all = await scimClient(t, b.token).get('/Schemas').expect(200);
      expect(all.body.Resources.map((x: { id: string }) => x.id)).not.toContain(PROPERTIES);
    });

    it("sets properties with Entra ID's PATCH (string values, its path form) and answers them typed", async () => {
      const scim = scimClient(t, entra.token);
      const created = await scim.post('/Users', user('ada@contoso.example')).expect(201);
      const patched = await scim
        .patch(`/Users/${created.body.id}`, {
          schemas: [SCIM.PATCH_OP],
          Operations: [
            { op: 'Add', path: `${PROPERTIES}:costCenter`, value: 'CC-100' },
            { op: 'Add', path: `${PROPERTIES}:badgeNumber`, value: '42' },
            { op: 'Replace', path: `${PROPERTIES}:fte`, value: '0.8' },
            { op: 'Replace', path: `${PROPERTIES}:contractor`, value: 'True' },
            { op: 'Add', path: `${PROPERTIES}:hireDate`, value: '2024-03-01T08:00:00+01:00' },
          ],
        })
        .expect(200);
      const expected = { costCenter: 'CC-100', badgeNumber: 42, fte: 0.8, contractor: true, hireDate: '2024-03-01T07:00:00.000Z' };
      expect(patched.body[PROPERTIES]).toEqual(expected);
      expect(patched.body.schemas).toContain(PROPERTIES);
      const read = await scim.get(`/Users/${created.body.id}`).expect(200);
      expect(read.body[PROPERTIES]).toEqual(expected);
      // path-less, with schema-qualified keys
      await scim
        .patch(`/Users/${created.body.id}`, {
          schemas: [SCIM.PATCH_OP],
          Operations: [{ op: 'replace', value: { [`${PROPERTIES}:costCenter`]: 'CC-200', [`${PROPERTIES}:badgeNumber`]: 7 } }],
        })
        .expect(200);
      const again = await scim.get(`/Users/${created.body.id}?attributes=${encodeURIComponent(`${PROPERTIES}:costCenter`)}`).expect(200);
      expect(again.body[PROPERTIES]).toEqual({ costCenter: 'CC-200' });
      // removing one
      await scim
        .patch(`/Users/${created.body.id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'Remove', path: `${PROPERTIES}:contractor` }] })
        .expect(200);
      expect((await scim.get(`/Users/${created.body.id}`).expect(200)).body[PROPERTIES]).not.toHaveProperty('contractor');
    });

    it('writes them on POST and PUT with the extension object, and refuses a wrong type naming the property', async () => {
      const scim = scimClient(t, entra.token);
      const created = await scim
        .post(
          '/Users',
          user('bob@contoso.example', { schemas: [SCIM.USER, PROPERTIES], [PROPERTIES]: { costcenter: 'CC-7', badgeNumber: 9 } }),
        )
        .expect(201);
      expect(created.body[PROPERTIES]).toEqual({ costCenter: 'CC-7', badgeNumber: 9 });
      const replaced = await scim
        .put(`/Users/${created.body.id}`, user('bob@contoso.example', { [PROPERTIES]: { hireDate: '2025-01-02T03:04:05Z' } }))
        .expect(200);
      expect(replaced.body[PROPERTIES]).toEqual({ hireDate: '2025-01-02T03:04:05.000Z' });
      for (const [name, value] of [
        ['badgeNumber', 'forty-two'],
        ['badgeNumber', '4.5'],
        ['fte', 'much'],
        ['contractor', 'maybe'],
        ['hireDate', 'yesterday'],
        ['costCenter', 'x'.repeat(11)],
      ] as const) {
        const res = await scim.patch(`/Users/${created.body.id}`, {
          schemas: [SCIM.PATCH_OP],
          Operations: [{ op: 'Replace', path: `${PROPERTIES}:${name}`, value }],
        });
        expect({ name, value, status: res.status, scimType: res.body.scimType }).toEqual({
          name,
          value,
          status: 400,
          scimType: 'invalidValue',
        });
        expect(res.body.detail).toContain(name);
      }
    });

    it('keeps each subscription to its own properties, and the deprecated list to undefined names', async () => {
      // another subscription's property is not an attribute here: ignored like any unknown attribute (RFC 7644 §3.3), never stored
      const theirs = scimClient(t, other.token);
      const eve = await theirs
        .post('/Users', user('eve@fabrikam.example', { [PROPERTIES]: { costCenter: 'CC-1', region: 'EMEA' } }))
        .expect(201);
      expect(eve.body[PROPERTIES]).toEqual({ region: 'EMEA' });
      expect((await theirs.get(`/Users/${eve.body.id}`).expect(200)).body[PROPERTIES]).toEqual({ region: 'EMEA' });
      // and a subscription without the extension refuses data under it
      const none = await scimClient(t, b.token)
        .post('/Users', user('x@b.example', { [PROPERTIES]: { region: 'EMEA' } }))
        .expect(400);
      expect(none.body.detail).toContain(PROPERTIES);
      // nor can one subscription read another's users
      await scimClient(t, entra.token).get(`/Users/${eve.body.id}`).expect(404);
      const listed = await scimClient(t, entra.token)
        .post('/Users', user('list@contoso.example', { [SCIM.WFUSER]: { properties: [{ name: 'costCenter', value: 'x' }] } }))
        .expect(400);
      expect(listed.body.detail).toContain(`${PROPERTIES}:costCenter`);
      const legacy = await scimClient(t, entra.token)
        .post('/Users', user('legacy@contoso.example', { [SCIM.WFUSER]: { properties: [{ name: 'shoeSize', value: '44' }] } }))
        .expect(201);
      expect(legacy.body[SCIM.WFUSER].properties).toEqual([{ name: 'shoeSize', value: '44' }]);
    });

    it('filters and sorts on properties in SQL: numbers as numbers, date-times as date-times, text without letter case', async () => {
      const sub = await connectProvider(t, a, `filter-${Date.now()}`);
      for (const body of [
        { name: 'costCenter', type: 'string' },
        { name: 'code', type: 'string', caseExact: true },
        { name: 'badgeNumber', type: 'integer' },
        { name: 'fte', type: 'decimal' },
        { name: 'contractor', type: 'boolean' },
        { name: 'hireDate', type: 'dateTime' },
      ])
        await api(a.token).post(base(sub.subscriptionId), body).expect(201);
      const scim = scimClient(t, sub.token);
      const people = [
        [
          'p9@x.example',
          { costCenter: 'CC-100', code: 'Ab', badgeNumber: '9', fte: '0.5', contractor: 'True', hireDate: '2019-05-01T00:00:00Z' },
        ],
        [
          'p42@x.example',
          { costCenter: 'cc-200', code: 'ab', badgeNumber: '42', fte: '1', contractor: 'False', hireDate: '2024-01-15T12:00:00Z' },
        ],
        ['p100@x.example', { costCenter: 'CC-100', badgeNumber: '100', fte: '0.25', hireDate: '2025-06-30T23:59:59.999Z' }],
        ['none@x.example', {}],
      ] as const;
      for (const [userName, properties] of people) await scim.post('/Users', user(userName, { [PROPERTIES]: properties })).expect(201);
      const find = async (filter: string, extra = '') => {
        const res = await scim.get(`/Users?filter=${encodeURIComponent(filter)}${extra}`).expect(200);
        return res.body.Resources.map((r: { userName: string }) => r.userName);
      };
      const p = (name: string) => `${PROPERTIES}:${name}`;
      expect((await find(`${p('costCenter')} eq "cc-100"`)).sort()).toEqual(['p100@x.example', 'p9@x.example']);
      expect(await find(`${p('code')} eq "ab"`)).toEqual(['p42@x.example']);
      expect((await find(`${p('badgeNumber')} gt 10`)).sort()).toEqual(['p100@x.example', 'p42@x.example']);
      expect(await find(`${p('badgeNumber')} eq "42"`)).toEqual(['p42@x.example']);
      expect(await find(`${p('badgeNumber')} eq 1.5`)).toEqual([]);
      expect(await find(`${p('badgeNumber')} eq 1e300`)).toEqual([]);
      expect(await find(`${p('fte')} lt 0.3`)).toEqual(['p100@x.example']);
      expect(await find(`${p('contractor')} eq true`)).toEqual(['p9@x.example']);
      expect((await find(`${p('hireDate')} ge "2024-01-15T13:00:00+01:00"`)).sort()).toEqual(['p100@x.example', 'p42@x.example']);
      expect((await find(`${p('hireDate')} pr`)).length).toBe(3);
      expect(await find(`not (${p('badgeNumber')} pr)`)).toEqual(['none@x.example']);
      expect(await find(`${p('badgeNumber')} pr`, `&sortBy=${encodeURIComponent(p('badgeNumber'))}`)).toEqual([
        'p9@x.example',
        'p42@x.example',
        'p100@x.example',
      ]);
      expect(await find(`${p('badgeNumber')} pr`, `&sortBy=${encodeURIComponent(p('badgeNumber'))}&sortOrder=descending`)).toEqual([
        'p100@x.example',
        'p42@x.example',
        'p9@x.example',
      ]);
      // the deprecated list is multi-valued: not a sort key
      const listSort = await scim.get(`/Users?sortBy=${encodeURIComponent(`${SCIM.WFUSER}:properties`)}`);
      expect({ status: listSort.status, scimType: listSort.body.scimType }).toEqual({ status: 400, scimType: 'invalidValue' });
      await scim.get(`/Users?sortBy=${encodeURIComponent(p('nosuch'))}`).expect(400);
      for (const filter of [
        `${p('badgeNumber')} gt "many"`,
        `${p('contractor')} gt true`,
        `${p('hireDate')} eq "soon"`,
        `${p('unknown')} eq "x"`,
      ]) {
        const res = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);
        expect({ filter, status: res.status, scimType: res.body.scimType }).toEqual({ filter, status: 400, scimType: 'invalidFilter' });
      }
    });

    it('enforces required properties like the core attributes', async () => {
      const sub = await connectProvider(t, a, `required-${Date.now()}`);
      await api(a.token).post(base(sub.subscriptionId), { name: 'employeeType', type: 'string', required: true }).expect(201);
      const scim = scimClient(t, sub.token);
      const missing = await scim.post('/Users', user('r1@contoso.example')).expect(400);
      expect(missing.body.detail).toContain('employeeType is required');
      const ok = await scim.post('/Users', user('r2@contoso.example', { [PROPERTIES]: { employeeType: 'staff' } })).expect(201);
      await scim
        .patch(`/Users/${ok.body.id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'remove', path: `${PROPERTIES}:employeeType` }] })
        .expect(400);
    });

    it('refuses to delete a property users hold values of, then deletes it and its values with force', async () => {
      const sub = await connectProvider(t, a, `delete-${Date.now()}`);
      await api(a.token).post(base(sub.subscriptionId), { name: 'team', type: 'string' }).expect(201);
      const scim = scimClient(t, sub.token);
      const created = await scim.post('/Users', user('t1@contoso.example', { [PROPERTIES]: { team: 'blue' } })).expect(201);
      const refused = await api(a.token)
        .delete(`${base(sub.subscriptionId)}/team`)
        .expect(409);
      expect(refused.body.message).toContain('force=true');
      await api(a.token)
        .patch(`${base(sub.subscriptionId)}/team`, { type: 'integer' })
        .expect(409);
      await api(a.token)
        .delete(`${base(sub.subscriptionId)}/team?force=true`)
        .expect(204);
      const read = await scim.get(`/Users/${created.body.id}`).expect(200);
      expect(read.body).not.toHaveProperty(PROPERTIES);
      expect(read.body[SCIM.WFUSER]?.properties ?? []).toEqual([]);
      await scim.get(`/Schemas/${PROPERTIES}`).expect(404);
    });
  });
});
