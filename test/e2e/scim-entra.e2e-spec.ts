import request from 'supertest';
import { WFGroupMember } from '../../src/users/entities/wf-group-member.entity';
import { WFUserValue } from '../../src/users/entities/wf-user-value.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { createTestApp, TestApp } from '../support/test-app';
import { clientCredentialsToken, makeTenant, Tenant } from '../support/tenant';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Replays what Microsoft Entra ID sends, in its order and shapes, and checks the WFUser rows. */
describe('SCIM as Entra ID drives it', () => {
  let t: TestApp;
  let tenant: Tenant;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t);
    const sub = await request(t.http)
      .post('/api/tenancy/subscriptions')
      .auth(tenant.token, { type: 'bearer' })
      .send({ name: 'entra' })
      .expect(201);
    const app = await request(t.http)
      .post('/api/oauth2/applications')
      .auth(tenant.token, { type: 'bearer' })
      .send({ name: 'Entra ID', grantType: 'bearer_token', allowedScopes: ['usersync'], subscriptionId: sub.body.id })
      .expect(201);
    token = app.body.clientSecret;
  });
  afterAll(() => t.close());

  const scim = () => ({
    get: (path: string) => request(t.http).get(`/scim/v2${path}`).auth(token, { type: 'bearer' }),
    post: (path: string, body: object) =>
      request(t.http)
        .post(`/scim/v2${path}`)
        .auth(token, { type: 'bearer' })
        .set('Content-Type', 'application/scim+json')
        .send(JSON.stringify(body)),
    patch: (path: string, body: object) =>
      request(t.http)
        .patch(`/scim/v2${path}`)
        .auth(token, { type: 'bearer' })
        .set('Content-Type', 'application/scim+json')
        .send(JSON.stringify(body)),
    put: (path: string, body: object) => request(t.http).put(`/scim/v2${path}`).auth(token, { type: 'bearer' }).send(body),
    delete: (path: string) => request(t.http).delete(`/scim/v2${path}`).auth(token, { type: 'bearer' }),
  });
  const row = (guidUser: string) => t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser });
  const newUser = (userName: string, extra: object = {}) => ({
    schemas: [USER, ENTERPRISE],
    externalId: `ext-${userName}`,
    userName,
    active: true,
    displayName: `Display ${userName}`,
    name: { givenName: 'Given', familyName: 'Family', formatted: 'Given Family' },
    emails: [{ primary: true, type: 'work', value: userName }],
    phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
    addresses: [{ type: 'work', country: 'DE', locality: 'Berlin', primary: true }],
    [ENTERPRISE]: { department: 'Finance', employeeNumber: 'E-1' },
    ...extra,
  });

  it('Test Connection: a filter for a random id answers 200 with an empty list', async () => {
    const res = await scim()
      .get(`/Users?filter=${encodeURIComponent(`id eq "${crypto.randomUUID()}"`)}`)
      .expect(200);
    expect(res.headers['content-type']).toContain('application/scim+json');
    expect(res.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    await scim()
      .get(`/Users?filter=${encodeURIComponent('userName eq "nobody@contoso.com"')}`)
      .expect(200);
  });

  it('creates through filter-then-POST and stores the mapped WFUser columns', async () => {
    const lookup = await scim()
      .get(`/Users?filter=${encodeURIComponent('userName eq "Alice@Contoso.com"')}`)
      .expect(200);
    expect(lookup.body.totalResults).toBe(0);
    const created = await scim().post('/Users', newUser('Alice@Contoso.com')).expect(201);
    expect(created.headers.location).toBe(`${created.body.meta.location}`);
    expect(created.headers.etag).toBe('W/"1"');
    expect(created.body).toMatchObject({
      id: expect.any(String),
      userName: 'Alice@Contoso.com',
      active: true,
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(await row(created.body.id)).toMatchObject({
      userName: 'Alice@Contoso.com',
      userNameKey: 'alice@contoso.com',
      fullName: 'Display Alice@Contoso.com',
      userEmail: 'Alice@Contoso.com',
      mobile: '+1 555 0100',
      department: 'Finance',
      enabled: true,
    });
    // the lookup Entra ID repeats is case-insensitive and by every matching attribute it offers
    for (const filter of [
      'userName eq "alice@contoso.com"',
      'externalId eq "ext-Alice@Contoso.com"',
      'emails[type eq "work"].value eq "ALICE@contoso.com"',
    ]) {
      const res = await scim()
        .get(`/Users?filter=${encodeURIComponent(filter)}`)
        .expect(200);
      expect(res.body.Resources.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    }
    // name.formatted and addresses round-trip
    const got = await scim().get(`/Users/${created.body.id}`).expect(200);
    expect(got.body.name.formatted).toBe('Given Family');
    expect(got.body.addresses).toEqual([{ type: 'work', country: 'DE', locality: 'Berlin', primary: true }]);
    // the REST convention: a userName in the path
    await scim().get('/Users/alice@contoso.com').expect(200);
  });

  it('answers a POST with the resource exactly as a GET then returns it', async () => {
    const boss = await scim().post('/Users', newUser('fran.boss@contoso.com')).expect(201);
    const created = await scim()
      .post(
        '/Users',
        newUser('fran@contoso.com', {
          emails: [
            { type: 'work', value: 'fran@contoso.com', primary: true },
            { type: 'home', value: 'fran@home.example' },
          ],
          [ENTERPRISE]: { department: 'Finance', manager: { value: boss.body.id } },
        }),
      )
      .expect(201);
    const got = await scim().get(`/Users/${created.body.id}`).expect(200);
    // supertest gives every request its own port: compare with the origin taken out
    const withoutOrigin = (body: object) => JSON.parse(JSON.stringify(body).replace(/http:\/\/127\.0\.0\.1:\d+/g, ''));
    expect(withoutOrigin(created.body)).toEqual(withoutOrigin(got.body));
    expect(withoutOrigin(created.body[ENTERPRISE].manager)).toEqual({
      value: boss.body.id,
      $ref: `/scim/v2/Users/${boss.body.id}`,
      displayName: boss.body.displayName,
    });
  });

  it('refuses a second user with the same userName in any case with 409 uniqueness', async () => {
    await scim().post('/Users', newUser('bob@contoso.com')).expect(201);
    const dup = await scim().post('/Users', newUser('BOB@contoso.com')).expect(409);
    expect(dup.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      scimType: 'uniqueness',
      detail: expect.any(String),
      status: '409',
    });
  });

  it('updates with capitalised ops and string booleans, creating the work email when missing', async () => {
    const created = await scim()
      .post('/Users', newUser('carol@contoso.com', { emails: [{ type: 'home', value: 'carol@home.example' }] }))
      .expect(201);
    await scim()
      .patch(`/Users/${created.body.id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'displayName', value: 'Carol C.' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'carol@contoso.com' },
          { op: 'Replace', path: 'active', value: 'True' },
        ],
      })
      .expect(200);
    const stored = await row(created.body.id);
    expect(stored).toMatchObject({ fullName: 'Carol C.', userEmail: 'carol@contoso.com', version: 2 });
    const emails = await t.dataSource.getRepository(WFUserValue).findBy({ idUser: stored.idUser, attribute: 'emails' });
    expect(emails.map((e) => [e.type, e.value]).sort()).toEqual([
      ['home', 'carol@home.example'],
      ['work', 'carol@contoso.com'],
    ]);
  });

  it('leaves unchanged multi-valued rows in place and rewrites them when they change', async () => {
    const created = await scim()
      .post('/Users', newUser('dora@contoso.com', { phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }] }))
      .expect(201);
    const idUser = (await row(created.body.id)).idUser;
    const values = () => t.dataSource.getRepository(WFUserValue).find({ where: { idUser }, order: { attribute: 'ASC', position: 'ASC' } });
    const before = await values();
    // The same work email Entra ID sends with every update: nothing of the value rows changes.
    await scim()
      .patch(`/Users/${created.body.id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'displayName', value: 'Dora D.' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'dora@contoso.com' },
        ],
      })
      .expect(200);
    expect(await values()).toEqual(before);
    expect((await row(created.body.id)).fullName).toBe('Dora D.');

    await scim()
      .patch(`/Users/${created.body.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0199' }],
      })
      .expect(200);
    const after = await values();
    expect(after.map((v) => [v.attribute, v.value])).toEqual([
      ['addresses', null],
      ['emails', 'dora@contoso.com'],
      ['phoneNumbers', '+1 555 0199'],
    ]);
    // The changed value is rewritten in its own row; the others are not touched.
    expect(after.map((v) => v.idValue)).toEqual(before.map((v) => v.idValue));
    const fetched = await scim().get(`/Users/${created.body.id}`).expect(200);
    expect(fetched.body.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555 0199' }]);
    expect(fetched.body.displayName).toBe('Dora D.');

    // A value added and one removed: the rows follow, and the resource reads as sent.
    await scim()
      .patch(`/Users/${created.body.id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'add', path: 'emails', value: [{ type: 'home', value: 'dora@home.example' }] },
          { op: 'remove', path: 'phoneNumbers[type eq "mobile"]' },
        ],
      })
      .expect(200);
    const last = await values();
    expect(last.map((v) => [v.attribute, v.type, v.value])).toEqual([
      ['addresses', 'work', null],
      ['emails', 'work', 'dora@contoso.com'],
      ['emails', 'home', 'dora@home.example'],
    ]);
    const reread = await scim().get(`/Users/${created.body.id}`).expect(200);
    expect(reread.body.phoneNumbers).toBeUndefined();
    expect(reread.body.emails.map((e: { value: string }) => e.value)).toEqual(['dora@contoso.com', 'dora@home.example']);
  });

  it('takes RFC-shaped path-less replaces with dotted keys (aadOptscim062020)', async () => {
    const created = await scim().post('/Users', newUser('dan@contoso.com')).expect(201);
    await scim()
      .patch(`/Users/${created.body.id}?aadOptscim062020`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { 'name.givenName': 'Daniel', 'name.familyName': 'Dee' } }],
      })
      .expect(200);
    expect(await row(created.body.id)).toMatchObject({ givenName: 'Daniel', familyName: 'Dee' });
  });

  it('sets the manager by a second PATCH in each shape Entra ID uses, and clears it', async () => {
    const boss = await scim().post('/Users', newUser('boss@contoso.com')).expect(201);
    const worker = await scim().post('/Users', newUser('worker@contoso.com')).expect(201);
    const bossRow = await row(boss.body.id);
    for (const value of [[{ $ref: `../Users/${boss.body.id}`, value: boss.body.id }], boss.body.id, { value: boss.body.id }]) {
      await t.dataSource.getRepository(WFUser).update({ guidUser: worker.body.id }, { idBossUser: null });
      await scim()
        .patch(`/Users/${worker.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'manager', value }] })
        .expect(200);
      expect((await row(worker.body.id)).idBossUser).toBe(bossRow.idUser);
    }
    const got = await scim().get(`/Users/${worker.body.id}`).expect(200);
    expect(got.body[ENTERPRISE].manager).toMatchObject({ value: boss.body.id, displayName: 'Display boss@contoso.com' });
    const byManager = await scim()
      .get(`/Users?filter=${encodeURIComponent(`${ENTERPRISE}:manager.value eq "${boss.body.id}"`)}`)
      .expect(200);
    expect(byManager.body.Resources.map((r: { id: string }) => r.id)).toEqual([worker.body.id]);
    await scim()
      .patch(`/Users/${worker.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }] })
      .expect(200);
    expect((await row(worker.body.id)).idBossUser).toBeNull();
  });

  it('disables with PATCH active "False": the user stays readable', async () => {
    const created = await scim().post('/Users', newUser('erin@contoso.com')).expect(201);
    await scim()
      .patch(`/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })
      .expect(200);
    expect((await row(created.body.id)).enabled).toBe(false);
    const got = await scim().get(`/Users/${created.body.id}`).expect(200);
    expect(got.body.active).toBe(false);
  });

  it('hard delete answers 204, keeps the row soft-deleted, and a new POST restores it', async () => {
    const created = await scim().post('/Users', newUser('frank@contoso.com')).expect(201);
    await scim().delete(`/Users/${created.body.id}`).expect(204);
    const stored = await row(created.body.id);
    expect(stored.enabled).toBe(false);
    expect(stored.deletedAt).toBeInstanceOf(Date);
    await scim().get(`/Users/${created.body.id}`).expect(404);
    await scim().delete(`/Users/${created.body.id}`).expect(404);
    const again = await scim().post('/Users', newUser('frank@contoso.com')).expect(201);
    expect(again.body.id).toBe(created.body.id);
    expect(await row(created.body.id)).toMatchObject({ enabled: true, deletedAt: null });
  });

  it('creates a group and changes membership with Add/Remove, including a remove by value list', async () => {
    const u1 = await scim().post('/Users', newUser('g1@contoso.com')).expect(201);
    const u2 = await scim().post('/Users', newUser('g2@contoso.com')).expect(201);
    const lookup = await scim()
      .get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Sales"')}`)
      .expect(200);
    expect(lookup.body.totalResults).toBe(0);
    const group = await scim()
      .post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', externalId: 'g-1' })
      .expect(201);
    await scim()
      .patch(`/Groups/${group.body.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: u1.body.id }, { value: u2.body.id }] }],
      })
      .expect(204);
    let got = await scim().get(`/Groups/${group.body.id}`).expect(200);
    expect(got.body.members.map((m: { value: string }) => m.value).sort()).toEqual([u1.body.id, u2.body.id].sort());
    expect(await t.dataSource.getRepository(WFGroupMember).count()).toBe(2);
    await scim()
      .patch(`/Groups/${group.body.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Remove', path: 'members', value: [{ value: u1.body.id }] }],
      })
      .expect(204);
    await scim()
      .patch(`/Groups/${group.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: `members[value eq "${u2.body.id}"]` }] })
      .expect(204);
    got = await scim().get(`/Groups/${group.body.id}`).expect(200);
    expect(got.body.members).toBeUndefined();
    expect(await t.dataSource.getRepository(WFGroupMember).count()).toBe(0);
    const found = await scim()
      .get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "sales"')}`)
      .expect(200);
    expect(found.body.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    await scim().delete(`/Groups/${group.body.id}`).expect(204);
    await scim().get(`/Groups/${group.body.id}`).expect(404);
  });

  it('refuses a group whose members are not users of the subscription', async () => {
    const res = await scim()
      .post('/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'X',
        members: [{ value: tenant.adminUserId }],
      })
      .expect(400);
    expect(res.body.scimType).toBe('invalidValue');
  });
});

describe('SCIM errors and protocol details', () => {
  let t: TestApp;
  let tenant: Tenant;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t);
  });
  afterAll(() => t.close());
  const auth = () => ({ Authorization: `Bearer ${tenant.token}` });
  const body = (extra: object = {}) => ({
    schemas: [USER],
    userName: `u${Math.random()}@x.example`,
    displayName: 'U',
    emails: [{ value: 'u@x.example', type: 'work' }],
    ...extra,
  });

  it('answers 401 as a SCIM error without a token, and 403 to a token without scope usersync', async () => {
    const res = await request(t.http).get('/scim/v2/Users').expect(401);
    expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    const apiOnly = await clientCredentialsToken(t, tenant.clientId, tenant.clientSecret, 'api');
    const forbidden = await request(t.http).get('/scim/v2/Users').auth(apiOnly, { type: 'bearer' }).expect(403);
    expect(forbidden.body.status).toBe('403');
  });

  it.each([
    ['malformed JSON', (r: request.Test) => r.set('Content-Type', 'application/scim+json').send('{"userName": '), 400, 'invalidSyntax'],
    [
      'data under an unknown schema',
      (r: request.Test) => r.send(body({ schemas: [USER, 'urn:nope'], 'urn:nope': { a: 1 } })),
      400,
      'invalidSyntax',
    ],
    ['no core schema', (r: request.Test) => r.send(body({ schemas: ['urn:nope'] })), 400, 'invalidSyntax'],
    ['no userName', (r: request.Test) => r.send(body({ userName: undefined })), 400, 'invalidValue'],
    ['no displayName', (r: request.Test) => r.send(body({ displayName: undefined })), 400, 'invalidValue'],
    ['no email', (r: request.Test) => r.send(body({ emails: [] })), 400, 'invalidValue'],
    [
      'a domain over 25 characters',
      (r: request.Test) => r.send(body({ 'urn:usersync:params:scim:schemas:extension:wfuser:2.0:User': { domain: 'd'.repeat(26) } })),
      400,
      'invalidValue',
    ],
    ['a wrong type', (r: request.Test) => r.send(body({ active: 'sometimes' })), 400, 'invalidValue'],
    ['a body over 1 MB', (r: request.Test) => r.send(body({ title: 'x'.repeat(1100000) })), 413, undefined],
  ])('answers %s with %i %s', async (_name, build, status, scimType) => {
    const res = await build(request(t.http).post('/scim/v2/Users').set(auth())).expect(status);
    expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status) });
    if (scimType) expect(res.body.scimType).toBe(scimType);
  });

  it('creates exactly one user when the same userName is posted concurrently', async () => {
    const posts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        request(t.http)
          .post('/scim/v2/Users')
          .set(auth())
          .send(body({ userName: i % 2 ? 'Race@X.example' : 'race@x.example' })),
      ),
    );
    expect(posts.map((p) => p.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(posts.filter((p) => p.status === 409).every((p) => p.body.scimType === 'uniqueness')).toBe(true);
  });

  it('answers a bad filter with 400 invalidFilter naming the position', async () => {
    const res = await request(t.http)
      .get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq')}`)
      .set(auth())
      .expect(400);
    expect(res.body).toMatchObject({ scimType: 'invalidFilter', detail: expect.stringContaining('position') });
    const unknown = await request(t.http)
      .get(`/scim/v2/Users?filter=${encodeURIComponent('shoeSize eq "9"')}`)
      .set(auth())
      .expect(400);
    expect(unknown.body.scimType).toBe('invalidFilter');
  });

  it('honours If-Match (412 on mismatch) and If-None-Match (304)', async () => {
    const created = await request(t.http).post('/scim/v2/Users').set(auth()).send(body()).expect(201);
    const id = created.body.id;
    await request(t.http).get(`/scim/v2/Users/${id}`).set(auth()).set('If-None-Match', 'W/"1"').expect(304);
    const stale = await request(t.http)
      .patch(`/scim/v2/Users/${id}`)
      .set(auth())
      .set('If-Match', 'W/"7"')
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] })
      .expect(412);
    expect(stale.body.status).toBe('412');
    const fresh = await request(t.http)
      .patch(`/scim/v2/Users/${id}?attributes=title`)
      .set(auth())
      .set('If-Match', 'W/"1"')
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] })
      .expect(200);
    expect(fresh.body).toEqual({ schemas: [USER], id, title: 'x' });
    expect(fresh.headers.etag).toBe('W/"2"');
  });

  it('pages, sorts and projects', async () => {
    for (let i = 0; i < 2; i++) await request(t.http).post('/scim/v2/Users').set(auth()).send(body()).expect(201);
    const res = await request(t.http)
      .get('/scim/v2/users?startIndex=2&count=1&sortBy=userName&sortOrder=descending&attributes=userName')
      .set(auth())
      .expect(200);
    expect(res.body).toMatchObject({ startIndex: 2, itemsPerPage: 1 });
    expect(Object.keys(res.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
    const search = await request(t.http)
      .post('/scim/v2/Users/.search')
      .set(auth())
      .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'userName sw "u"', count: 1 })
      .expect(200);
    expect(search.body.itemsPerPage).toBe(1);
  });

  it('serves truthful discovery documents', async () => {
    const spc = await request(t.http).get('/scim/v2/ServiceProviderConfig').set(auth()).expect(200);
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 500 },
      etag: { supported: true },
    });
    const schemas = await request(t.http).get('/scim/v2/Schemas').set(auth()).expect(200);
    const user = schemas.body.Resources.find((s: { id: string }) => s.id === USER);
    expect(user.attributes.find((a: { name: string }) => a.name === 'displayName').required).toBe(true);
    const types = await request(t.http).get('/scim/v2/ResourceTypes').set(auth()).expect(200);
    expect(types.body.Resources[0].endpoint).toBe('/Users');
  });
});

describe('SCIM filters beyond ASCII', () => {
  let t: TestApp;
  let tenant: Tenant;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t);
  });
  afterAll(() => t.close());

  it('compares caseExact:false attributes case-insensitively for non-ASCII letters too', async () => {
    const auth = { Authorization: `Bearer ${tenant.token}` };
    await request(t.http)
      .post('/scim/v2/Users')
      .set(auth)
      .send({
        schemas: [USER],
        userName: 'Émile@Exemple.fr',
        displayName: 'ÉMILE Zola',
        emails: [{ value: 'emile@exemple.fr', type: 'work' }],
      })
      .expect(201);
    for (const filter of ['userName eq "émile@exemple.fr"', 'displayName eq "émile zola"', 'displayName sw "émi"', 'title co "100%"']) {
      const res = await request(t.http)
        .get(`/scim/v2/Users?filter=${encodeURIComponent(filter)}`)
        .set(auth)
        .expect(200);
      expect(res.body.totalResults).toBe(filter.startsWith('title') ? 0 : 1);
    }
  });
});
