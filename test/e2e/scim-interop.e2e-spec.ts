import { WFGroupMember } from '../../src/users/entities/wf-group-member.entity';
import { WFGroup } from '../../src/users/entities/wf-group.entity';
import { WFUserValue } from '../../src/users/entities/wf-user-value.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { SCIM, scimClient } from '../support/scim-client';
import { createTestApp, TestApp } from '../support/test-app';
import { connectProvider, makeTenant } from '../support/tenant';

/** What independent SCIM clients and identity providers send beyond the happy path. */
describe('SCIM interoperability', () => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await makeTenant(t);
    scim = scimClient(t, (await connectProvider(t, admin, 'interop')).token);
  });
  afterAll(() => t.close());

  const userRow = (guidUser: string) => t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser });
  const newUser = (extra: object = {}) => {
    const userName = `interop-${counter++}@contoso.com`;
    return { schemas: [SCIM.USER], userName, displayName: userName, emails: [{ value: userName, type: 'work' }], ...extra };
  };
  const patchOp = (...operations: object[]) => ({ schemas: [SCIM.PATCH_OP], Operations: operations });
  /** Each supertest request reaches the app on a new port: compare URIs by their path. */
  const withoutOrigin = (body: unknown) => JSON.parse(JSON.stringify(body).replace(/http:\/\/127\.0\.0\.1:\d+/g, ''));

  describe('schema URNs without data', () => {
    it("creates and replaces a group whose schemas carry Entra ID's ADSCIM URN", async () => {
      const created = await scim
        .post('/Groups', {
          schemas: [SCIM.GROUP, SCIM.ADSCIM_GROUP],
          externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
          displayName: 'ADSCIM group',
          meta: { resourceType: 'Group' },
        })
        .expect(201);
      expect(created.body).toMatchObject({ schemas: [SCIM.GROUP], displayName: 'ADSCIM group' });
      expect(await t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup: created.body.id })).toMatchObject({
        displayName: 'ADSCIM group',
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      });
      await scim.put(`/Groups/${created.body.id}`, { schemas: [SCIM.GROUP, SCIM.ADSCIM_GROUP], displayName: 'ADSCIM renamed' }).expect(200);
      expect((await t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup: created.body.id })).displayName).toBe(
        'ADSCIM renamed',
      );
    });

    it('creates a user whose schemas list the ADSCIM User URN', async () => {
      const created = await scim.post('/Users', newUser({ schemas: [SCIM.USER, SCIM.ADSCIM_USER] })).expect(201);
      expect(await userRow(created.body.id)).toMatchObject({ userName: created.body.userName });
    });

    it.each([
      ['Groups', { schemas: [SCIM.GROUP, SCIM.ADSCIM_GROUP], displayName: 'g', [SCIM.ADSCIM_GROUP]: { owner: 'x' } }, SCIM.ADSCIM_GROUP],
      [
        'Users',
        { ...newUser(), 'urn:example:scim:schemas:extension:custom:2.0:User': { badge: '7' } },
        'urn:example:scim:schemas:extension:custom:2.0:User',
      ],
    ])('refuses attribute data under an unknown URN on %s with invalidSyntax naming it', async (type, body, urn) => {
      const before = await t.dataSource.getRepository(type === 'Users' ? WFUser : WFGroup).count();
      const res = await scim.post(`/${type}`, body).expect(400);
      expect(res.body).toMatchObject({ schemas: [SCIM.ERROR], status: '400', scimType: 'invalidSyntax' });
      expect(res.body.detail).toContain(urn);
      expect(await t.dataSource.getRepository(type === 'Users' ? WFUser : WFGroup).count()).toBe(before);
    });

    it('refuses data under an unknown URN on PUT too', async () => {
      const group = await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'put-target' }).expect(201);
      const res = await scim
        .put(`/Groups/${group.body.id}`, { schemas: [SCIM.GROUP], displayName: 'changed', 'urn:example:nope': { a: 1 } })
        .expect(400);
      expect(res.body.scimType).toBe('invalidSyntax');
      expect((await t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup: group.body.id })).displayName).toBe('put-target');
    });
  });

  describe('PATCH answers', () => {
    it('answers a Users PATCH with 200, the user and its ETag, honouring the projection', async () => {
      const created = await scim.post('/Users', newUser()).expect(201);
      const res = await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'title', value: 'Engineer' })).expect(200);
      expect(res.headers.etag).toBe('W/"2"');
      expect(res.body).toMatchObject({ id: created.body.id, title: 'Engineer', meta: { version: 'W/"2"' } });
      const projected = await scim
        .patch(`/Users/${created.body.id}?attributes=title`, patchOp({ op: 'replace', path: 'title', value: 'Lead' }))
        .expect(200);
      expect(projected.body).toEqual({ schemas: [SCIM.USER], id: created.body.id, title: 'Lead' });
      expect((await userRow(created.body.id)).title).toBe('Lead');
      // the answer is the user as a GET then returns it, manager and groups included
      const boss = await scim.post('/Users', newUser()).expect(201);
      const group = await scim
        .post('/Groups', { schemas: [SCIM.GROUP], displayName: 'answer-groups', members: [{ value: created.body.id }] })
        .expect(201);
      const full = await scim
        .patch(
          `/Users/${created.body.id}`,
          patchOp(
            { op: 'add', path: 'manager', value: boss.body.id },
            { op: 'add', path: 'emails', value: [{ value: 'second@contoso.com', type: 'home', primary: false }] },
          ),
        )
        .expect(200);
      expect(full.body.groups).toEqual([expect.objectContaining({ value: group.body.id, display: 'answer-groups' })]);
      expect(full.body[SCIM.ENTERPRISE].manager).toMatchObject({ value: boss.body.id, displayName: boss.body.displayName });
      const got = await scim.get(`/Users/${created.body.id}`).expect(200);
      expect(withoutOrigin(full.body)).toEqual(withoutOrigin(got.body));
      expect(full.headers.etag).toBe(got.headers.etag);
    });

    it('answers 204 for an application set to patchResponse noContent, and 200 when attributes are asked for', async () => {
      const admin = await makeTenant(t);
      const quiet = scimClient(t, (await connectProvider(t, admin, 'quiet', { patchResponse: 'noContent' })).token);
      const created = await quiet.post('/Users', newUser()).expect(201);
      const res = await quiet.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'title', value: 'Quiet' })).expect(204);
      expect(res.text).toBe('');
      expect(res.headers.etag).toBe('W/"2"');
      await quiet
        .patch(`/Users/${created.body.id}?excludedAttributes=emails`, patchOp({ op: 'replace', path: 'title', value: 'Loud' }))
        .expect(200);
      expect((await userRow(created.body.id)).title).toBe('Loud');
    });

    it('answers a Groups PATCH with 204, and with the group (members only when shown) when attributes are asked for', async () => {
      const member = await scim.post('/Users', newUser()).expect(201);
      const group = await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'answers' }).expect(201);
      const add = patchOp({ op: 'add', path: 'members', value: [{ value: member.body.id }] });
      const plain = await scim.patch(`/Groups/${group.body.id}`, add).expect(204);
      expect(plain.headers.etag).toBe('W/"2"');
      const withMembers = await scim.patch(`/Groups/${group.body.id}?attributes=members`, add).expect(200);
      expect(withMembers.body.members).toEqual([expect.objectContaining({ value: member.body.id })]);
      const withoutMembers = await scim.patch(`/Groups/${group.body.id}?excludedAttributes=members`, add).expect(200);
      expect(withoutMembers.body).toMatchObject({ id: group.body.id, displayName: 'answers' });
      expect(withoutMembers.body).not.toHaveProperty('members');
      expect(await t.dataSource.getRepository(WFGroupMember).countBy({ idUser: (await userRow(member.body.id)).idUser })).toBe(1);
    });
  });

  describe('PATCH paths and values', () => {
    it.each(['add', 'replace'])('%s with an extension URN as the path sets the attributes within that extension', async (op) => {
      const created = await scim.post('/Users', newUser({ [SCIM.ENTERPRISE]: { costCenter: 'C-1' } })).expect(201);
      const res = await scim
        .patch(`/Users/${created.body.id}`, patchOp({ op, path: SCIM.ENTERPRISE, value: { department: 'Sales', employeeNumber: '42' } }))
        .expect(200);
      expect(res.body[SCIM.ENTERPRISE]).toEqual({ costCenter: 'C-1', department: 'Sales', employeeNumber: '42' });
      expect(await userRow(created.body.id)).toMatchObject({ department: 'Sales', employeeNumber: '42', costCenter: 'C-1' });
    });

    it('refuses only a URN that is really unknown, naming it', async () => {
      const created = await scim.post('/Users', newUser()).expect(201);
      const urn = 'urn:example:params:scim:schemas:extension:other:2.0:User';
      const res = await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'add', path: urn, value: { a: '1' } })).expect(400);
      expect(res.body).toMatchObject({ scimType: 'invalidPath' });
      expect(res.body.detail).toContain(urn.slice(0, urn.lastIndexOf(':')));
    });

    it("keeps Okta's group rename that repeats the group's id, and refuses a real change of a read-only attribute", async () => {
      const group = await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'Okta before' }).expect(201);
      await scim
        .patch(`/Groups/${group.body.id}`, patchOp({ op: 'replace', value: { id: group.body.id, displayName: 'Okta after' } }))
        .expect(204);
      expect((await t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup: group.body.id })).displayName).toBe('Okta after');
      const refused = await scim
        .patch(`/Groups/${group.body.id}`, patchOp({ op: 'replace', value: { id: crypto.randomUUID(), displayName: 'Never' } }))
        .expect(400);
      expect(refused.body).toMatchObject({ scimType: 'mutability' });
      expect((await t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup: group.body.id })).displayName).toBe('Okta after');
    });

    it('returns primary false on every multi-valued attribute as it was sent', async () => {
      const both = (value: (i: number) => object) => [
        { ...value(0), type: 'work', primary: true },
        { ...value(1), type: 'home', primary: false },
      ];
      const valued = (prefix: string) => both((i) => ({ value: `${prefix}-${i}` }));
      const body = newUser({
        emails: both((i) => ({ value: `p${i}-${counter}@contoso.com` })),
        phoneNumbers: valued('+1 555 010'),
        addresses: both((i) => ({ locality: `City ${i}` })),
        ims: valued('im'),
        photos: valued('https://example.com/p'),
        entitlements: valued('ent'),
        roles: valued('role'),
        x509Certificates: valued('MIIB'),
      });
      const created = await scim.post('/Users', body).expect(201);
      const got = await scim.get(`/Users/${created.body.id}`).expect(200);
      for (const attribute of ['emails', 'phoneNumbers', 'addresses', 'ims', 'photos', 'entitlements', 'roles', 'x509Certificates']) {
        expect(got.body[attribute]).toEqual((body as Record<string, unknown>)[attribute]);
      }
      const rows = await t.dataSource.getRepository(WFUserValue).findBy({ idUser: (await userRow(created.body.id)).idUser });
      expect(rows.filter((r) => r.isPrimary === false)).toHaveLength(8);
      expect(rows.filter((r) => r.isPrimary === true)).toHaveLength(8);
    });
  });

  it('refuses two custom properties whose names differ only in letter case, on every database', async () => {
    const res = await scim
      .post(
        '/Users',
        newUser({
          [SCIM.WFUSER]: {
            properties: [
              { name: 'Cost', value: '1' },
              { name: 'cost', value: '2' },
            ],
          },
        }),
      )
      .expect(400);
    expect(res.body).toMatchObject({ scimType: 'invalidValue' });
    expect(res.body.detail).toContain('same name twice');
  });

  describe('passwords', () => {
    // Okta sends a placeholder password on every create, even with password sync off.
    it.each([
      ['POST', async () => (await scim.post('/Users', newUser({ password: '1mz050nq' })).expect(201)).body.id as string],
      [
        'PUT',
        async () => {
          const created = await scim.post('/Users', newUser()).expect(201);
          await scim.put(`/Users/${created.body.id}`, { ...created.body, password: '1mz050nq' }).expect(200);
          return created.body.id as string;
        },
      ],
      [
        'PATCH with a path',
        async () => {
          const created = await scim.post('/Users', newUser()).expect(201);
          await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'password', value: 't1meMa$heen' })).expect(200);
          return created.body.id as string;
        },
      ],
      [
        "Okta's path-less PATCH",
        async () => {
          const created = await scim.post('/Users', newUser()).expect(201);
          await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', value: { password: 't1meMa$heen' } })).expect(200);
          return created.body.id as string;
        },
      ],
    ])('accepts a password on %s and keeps nothing of it', async (_how, send) => {
      const id = await send();
      const got = await scim.get(`/Users/${id}`).expect(200);
      expect(got.body).not.toHaveProperty('password');
      const row = await userRow(id);
      expect(JSON.stringify(row)).not.toMatch(/1mz050nq|t1meMa/);
      const values = await t.dataSource.getRepository(WFUserValue).findBy({ idUser: row.idUser });
      expect(JSON.stringify(values)).not.toMatch(/1mz050nq|t1meMa/);
    });

    it('refuses a password that is not a string, like any other value', async () => {
      const res = await scim.post('/Users', newUser({ password: { hash: 'x' } })).expect(400);
      expect(res.body).toMatchObject({ scimType: 'invalidValue', detail: 'password must be a string' });
    });

    it('advertises changePassword as unsupported and password as write-only, never returned', async () => {
      expect((await scim.get('/ServiceProviderConfig').expect(200)).body.changePassword).toEqual({ supported: false });
      const user = await scim.get(`/Schemas/${SCIM.USER}`).expect(200);
      expect(user.body.attributes.find((a: { name: string }) => a.name === 'password')).toMatchObject({
        mutability: 'writeOnly',
        returned: 'never',
      });
    });
  });

  describe('root search and endpoints not offered', () => {
    it('searches Users and Groups together, paging across both, with the projection of each', async () => {
      const admin = await makeTenant(t);
      const own = scimClient(t, (await connectProvider(t, admin, 'root-search')).token);
      const alice = await own.post('/Users', newUser({ displayName: 'Sales Alice' })).expect(201);
      const bob = await own.post('/Users', newUser({ displayName: 'Sales Bob' })).expect(201);
      const group = await own
        .post('/Groups', { schemas: [SCIM.GROUP], displayName: 'Sales team', members: [{ value: alice.body.id }] })
        .expect(201);
      await own.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'Other team' }).expect(201);

      const all = await own.post('/.search', { schemas: [SCIM.SEARCH], filter: 'displayName sw "Sales"' }).expect(200);
      expect(all.body).toMatchObject({ schemas: [SCIM.LIST], totalResults: 3, startIndex: 1, itemsPerPage: 3 });
      expect(all.body.Resources.map((r: { id: string }) => r.id)).toEqual([alice.body.id, bob.body.id, group.body.id]);
      expect(all.body.Resources.map((r: { meta: { resourceType: string } }) => r.meta.resourceType)).toEqual(['User', 'User', 'Group']);

      const second = await own
        .post('/.search', {
          schemas: [SCIM.SEARCH],
          filter: 'displayName sw "Sales"',
          startIndex: 2,
          count: 2,
          attributes: ['displayName'],
        })
        .expect(200);
      expect(second.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 2 });
      expect(second.body.Resources).toEqual([
        { schemas: [SCIM.USER], id: bob.body.id, displayName: 'Sales Bob' },
        { schemas: [SCIM.GROUP], id: group.body.id, displayName: 'Sales team' },
      ]);

      // an attribute only users have matches users only; one neither has is refused
      const byUserName = await own.post('/.search', { schemas: [SCIM.SEARCH], filter: `userName eq "${alice.body.userName}"` }).expect(200);
      expect(byUserName.body.Resources.map((r: { id: string }) => r.id)).toEqual([alice.body.id]);
      const nowhere = await own.post('/.search', { schemas: [SCIM.SEARCH], filter: 'shoeSize eq "9"' }).expect(400);
      expect(nowhere.body.scimType).toBe('invalidFilter');
    });

    it.each(['/.search', '/Users/.search', '/Groups/.search'])(
      'refuses a %s body whose schemas is not the SearchRequest URN',
      async (path) => {
        for (const body of [{ filter: 'displayName pr' }, { schemas: [SCIM.LIST], filter: 'displayName pr' }]) {
          const res = await scim.post(path, body).expect(400);
          expect(res.body).toMatchObject({ schemas: [SCIM.ERROR], scimType: 'invalidSyntax' });
          expect(res.body.detail).toContain(SCIM.SEARCH);
        }
      },
    );

    it.each([
      ['post', '/Bulk'],
      ['get', '/Me'],
      ['patch', '/Me'],
      ['get', '/Bulk/anything'],
    ] as const)('answers %s %s with 501 and a SCIM error', async (method, path) => {
      const res = await (method === 'get' ? scim.get(path) : scim[method](path, {}));
      expect(res.status).toBe(501);
      expect(res.headers['content-type']).toContain('application/scim+json');
      expect(res.body).toMatchObject({ schemas: [SCIM.ERROR], status: '501' });
    });

    it('keeps saying bulk is unsupported', async () => {
      expect((await scim.get('/ServiceProviderConfig').expect(200)).body.bulk).toMatchObject({ supported: false });
    });
  });
});
