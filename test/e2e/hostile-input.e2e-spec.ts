import request from 'supertest';
import { DataSource } from 'typeorm';
import { LIMITS } from '../../src/common/input/limits';
import { DEFAULT_REQUEST_LIMITS } from '../../src/config/app-config';
import { qualifiedTable } from '../../src/database/table-name';
import { WFUserValue } from '../../src/users/entities/wf-user-value.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { SCIM, scimClient } from '../support/scim-client';
import { createTestApp, TestApp } from '../support/test-app';
import { testDatabaseType } from '../support/test-database';
import { makeTenant, Tenant } from '../support/tenant';

/**
 * Input a fuzzer or an attacker sends: every answer is a 4xx in the route's protocol, never a
 * 5xx, and the service keeps answering others. One test a finding of the hostile-input review.
 */
describe('hostile input', () => {
  let t: TestApp;
  let tenant: Tenant;
  let scim: ReturnType<typeof scimClient>;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t);
    scim = scimClient(t, tenant.token);
  });
  afterAll(() => t.close());

  const newUser = (extra: object = {}) => {
    const userName = `h${counter++}@contoso.com`;
    return { schemas: [SCIM.USER], userName, displayName: userName, emails: [{ value: userName, type: 'work' }], ...extra };
  };
  const scimError = (res: request.Response, status: number, scimType?: string) => {
    expect([res.status, res.body.schemas]).toEqual([status, [SCIM.ERROR]]);
    if (scimType) expect(res.body.scimType).toBe(scimType);
  };
  const orTerms = (n: number) => Array.from({ length: n }, (_, i) => `userName eq "u${i}"`).join(' or ');

  it('filters: too long, too many comparisons or too deep is a 400, fast', async () => {
    const started = Date.now();
    scimError(await scim.post('/Users/.search', { schemas: [SCIM.SEARCH], filter: orTerms(20000) }), 400, 'tooMany');
    scimError(await scim.get(`/Users?filter=${encodeURIComponent(orTerms(DEFAULT_REQUEST_LIMITS.filterTerms + 1))}`), 400, 'tooMany');
    const deep = `${'('.repeat(600)}userName eq "x"${')'.repeat(600)}`;
    scimError(await scim.get(`/Users?filter=${encodeURIComponent(deep)}`), 400, 'invalidFilter');
    const nots = `${'not ('.repeat(50)}userName eq "x"${')'.repeat(50)}`;
    scimError(await scim.post('/Users/.search', { schemas: [SCIM.SEARCH], filter: nots }), 400, 'invalidFilter');
    // within the bounds it works
    await scim.get(`/Users?filter=${encodeURIComponent(orTerms(DEFAULT_REQUEST_LIMITS.filterTerms))}`).expect(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a PATCH with more operations than allowed is a 400, and adds within it stay linear', async () => {
    const created = await scim.post('/Users', newUser()).expect(201);
    const many = Array.from({ length: 8000 }, (_, i) => ({ op: 'add', path: 'emails', value: [{ value: `e${i}@x.y` }] }));
    scimError(await scim.patch(`/Users/${created.body.id}`, { schemas: [SCIM.PATCH_OP], Operations: many }), 400, 'invalidValue');
    const tooManyValues = Array.from({ length: LIMITS.valuesPerAttribute + 1 }, (_, i) => ({ value: `v${i}@x.y`, type: 'other' }));
    const res = await scim.patch(`/Users/${created.body.id}`, {
      schemas: [SCIM.PATCH_OP],
      Operations: [{ op: 'add', path: 'emails', value: tooManyValues }],
    });
    scimError(res, 400, 'invalidValue');
    expect(res.body.detail).toContain(`at most ${LIMITS.valuesPerAttribute} values`);
  });

  it('a user with thousands of values is a 400, not a database error', async () => {
    const emails = Array.from({ length: 2400 }, (_, i) => ({ value: `x${i}@contoso.com`, type: 'other' }));
    scimError(await scim.post('/Users', newUser({ emails })), 400, 'invalidValue');
    // the most a user may hold is stored, on every database
    const most = Array.from({ length: LIMITS.valuesPerAttribute }, (_, i) => ({ value: `m${counter}-${i}@contoso.com`, type: 'other' }));
    const created = await scim
      .post('/Users', newUser({ emails: most, phoneNumbers: most.map((e, i) => ({ value: `+1 ${i}`, type: 'work' })) }))
      .expect(201);
    const idUser = (await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: created.body.id })).idUser;
    expect(await t.dataSource.getRepository(WFUserValue).countBy({ idUser })).toBe(2 * LIMITS.valuesPerAttribute);
  });

  it.each(['9223372036854775808', '1e21', '99999999999', '-1e400', '1.5', 'NaN'])(
    'startIndex %s is a 400 on every list, never a database error',
    async (value) => {
      for (const path of ['/Users', '/Groups']) scimError(await scim.get(`${path}?startIndex=${value}&count=1`), 400, 'invalidValue');
      const search = await scim.post('/Users/.search', { schemas: [SCIM.SEARCH], startIndex: Number(value), count: 1 });
      expect(search.status).toBe(400);
      const admin = await request(t.http).get(`/api/oauth2/applications?offset=${value}`).auth(tenant.token, { type: 'bearer' });
      expect(admin.status).toBe(400);
    },
  );

  it('a NUL character is a 400 in each protocol: SCIM body, filter, path; token endpoint; admin API', async () => {
    scimError(await scim.post('/Users', newUser({ displayName: 'A\u0000B' })), 400, 'invalidValue');
    scimError(await scim.get(`/Users?filter=${encodeURIComponent('userName eq "a\u0000"')}`), 400, 'invalidValue');
    // a lone surrogate, and the same NUL spelled as a JSON escape inside the filter's string
    scimError(
      await scim.post('/Users', `{"schemas":["${SCIM.USER}"],"userName":"\\ud800","displayName":"x","emails":[{"value":"a@b.c"}]}`),
      400,
      'invalidValue',
    );
    scimError(await scim.get(`/Users?filter=${encodeURIComponent('title eq "\\ud800"')}`), 400, 'invalidFilter');
    scimError(await scim.get(`/Users?filter=${encodeURIComponent('name.familyName lt "a\\u0000b"')}`), 400, 'invalidFilter');
    scimError(await scim.get('/Users/abc%00def'), 400, 'invalidValue');
    const token = await request(t.http)
      .post('/oauth2/server/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: 'x\u0000', client_secret: 'y' });
    expect(token.status).toBe(400);
    expect(token.body.error).toBe('invalid_request');
    const basic = await request(t.http)
      .post('/oauth2/server/token')
      .set('Authorization', `Basic ${Buffer.from('x\u0000:y').toString('base64')}`)
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect([basic.status, basic.body.error]).toEqual([400, 'invalid_request']);
    const admin = await request(t.http)
      .post('/api/tenancy/subscriptions')
      .auth(tenant.token, { type: 'bearer' })
      .send({ name: 'a\u0000b' });
    expect(admin.status).toBe(400);
    expect(admin.body.statusCode).toBe(400);
  });

  it('a body nested thousands of levels deep is a 400 on SCIM and on the admin API', async () => {
    // Written as text: building it as an object and serialising it would exhaust this test's own stack.
    const nested = `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`;
    const body = JSON.stringify(newUser()).replace(/}$/, `,"${SCIM.ENTERPRISE}":${nested}}`);
    scimError(await scim.post('/Users', body), 400, 'invalidSyntax');
    const admin = await request(t.http)
      .post('/api/tenancy/subscriptions')
      .auth(tenant.token, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send(`{"name":${nested}}`);
    expect(admin.status).toBe(400);
  });

  it('a userName whose case-folded key outgrows its column is a 400 that says so', async () => {
    const res = await scim.post('/Users', newUser({ userName: 'İ'.repeat(129) }));
    scimError(res, 400, 'invalidValue');
    expect(res.body.detail).toContain('letter case');
  });

  it('a filter date beyond what databases hold is a 400', async () => {
    for (const date of ['-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z']) {
      scimError(await scim.get(`/Users?filter=${encodeURIComponent(`meta.lastModified gt "${date}"`)}`), 400, 'invalidFilter');
    }
    await scim.get(`/Users?filter=${encodeURIComponent('meta.lastModified gt "2001-01-01T00:00:00.123Z"')}`).expect(200);
  });

  it('null for an application field on PATCH is a 400, not a database error', async () => {
    const app = await request(t.http)
      .post('/api/oauth2/applications')
      .auth(tenant.token, { type: 'bearer' })
      .send({ name: 'nulls', grantType: 'client_credentials', allowedScopes: ['usersync'] })
      .expect(201);
    for (const field of ['name', 'allowedScopes', 'tokenLifetimeSeconds', 'patchResponse']) {
      const res = await request(t.http)
        .patch(`/api/oauth2/applications/${app.body.id}`)
        .auth(tenant.token, { type: 'bearer' })
        .send({ [field]: null });
      expect([field, res.status]).toEqual([field, 400]);
    }
  });

  it('text is brought to NFC: a decomposed userName is found by either form and created once', async () => {
    const composed = `zoë${counter++}@contoso.com`.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const created = await scim.post('/Users', newUser({ userName: decomposed })).expect(201);
    expect(created.body.userName).toBe(composed);
    for (const form of [decomposed, composed]) {
      const found = await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${form}"`)}`).expect(200);
      expect(found.body.totalResults).toBe(1);
      await scim.get(`/Users/${encodeURIComponent(form)}`).expect(200);
    }
    scimError(await scim.post('/Users', newUser({ userName: composed })), 409, 'uniqueness');
    expect((await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: created.body.id })).userName).toBe(composed);
  });
});

describe('a database emptied under the service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After, and /health says unavailable', async () => {
    const tenant = await makeTenant(t);
    const scim = scimClient(t, tenant.token);
    const group = await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'gone' }).expect(201);
    await request(t.http).get('/health').expect(200);
    const table = (name: string) => qualifiedTable(t.dataSource.driver, name);
    await t.dataSource.query(`DROP TABLE ${table('WFGroupMember')}`);
    await t.dataSource.query(`DROP TABLE ${table('SchemaMigration')}`);
    const res = await scim.get(`/Groups/${group.body.id}`);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.schemas).toEqual([SCIM.ERROR]);
    const health = await request(t.http).get('/health');
    expect(health.status).toBe(503);
  });
});

describe('limits an operator sets', () => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;
  beforeAll(async () => {
    t = await createTestApp({
      SCIM_MAX_FILTER_LENGTH: '256',
      SCIM_MAX_FILTER_TERMS: '3',
      SCIM_MAX_PATCH_OPERATIONS: '2',
      SCIM_MAX_MEMBERS_PER_REQUEST: '2',
      SCIM_MAX_BODY_BYTES: '2048',
    });
    scim = scimClient(t, (await makeTenant(t)).token);
  });
  afterAll(() => t.close());

  const expectScimError = (res: request.Response, status: number, scimType: string | undefined, detail: string) => {
    expect([res.status, res.body.schemas, res.body.scimType, res.body.detail]).toEqual([
      status,
      [SCIM.ERROR],
      scimType,
      expect.stringContaining(detail),
    ]);
  };
  const user = (userName: string) => ({ schemas: [SCIM.USER], userName, displayName: userName, emails: [{ value: userName }] });

  it('are the ones applied, each with its own answer', async () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `userName eq "u${i}"`).join(' or ');
    await scim.get(`/Users?filter=${encodeURIComponent(terms(3))}`).expect(200);
    expectScimError(await scim.get(`/Users?filter=${encodeURIComponent(terms(4))}`), 400, 'tooMany', 'at most 3 comparisons');
    const long = `userName eq "${'x'.repeat(250)}"`;
    expectScimError(await scim.post('/Users/.search', { schemas: [SCIM.SEARCH], filter: long }), 400, 'tooMany', 'at most 256 characters');

    const ids: string[] = [];
    for (const name of ['a@contoso.com', 'b@contoso.com', 'c@contoso.com'])
      ids.push((await scim.post('/Users', user(name)).expect(201)).body.id);
    const replace = (displayName: string) => ({ op: 'replace', path: 'displayName', value: displayName });
    const patch = (ops: object[]) => ({ schemas: [SCIM.PATCH_OP], Operations: ops });
    await scim.patch(`/Users/${ids[0]}`, patch([replace('one'), replace('two')])).expect(200);
    expectScimError(
      await scim.patch(`/Users/${ids[0]}`, patch([replace('1'), replace('2'), replace('3')])),
      400,
      'invalidValue',
      'at most 2 operations',
    );

    const group = await scim
      .post('/Groups', { schemas: [SCIM.GROUP], displayName: 'g', members: ids.slice(0, 2).map((value) => ({ value })) })
      .expect(201);
    const members = ids.map((value) => ({ value }));
    expectScimError(
      await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'h', members }),
      400,
      'invalidValue',
      'at most 2 values',
    );
    const addAll = patch([{ op: 'add', path: 'members', value: members }]);
    expectScimError(await scim.patch(`/Groups/${group.body.id}`, addAll), 400, 'invalidValue', 'at most 2 members');

    const big = { ...user('d@contoso.com'), title: 'x'.repeat(200), nickName: 'y'.repeat(200), profileUrl: 'z'.repeat(2000) };
    expectScimError(await scim.post('/Users', big), 413, undefined, 'too large');
  });

  it('are the ones /Schemas describes', async () => {
    const schemas = await scim.get('/Schemas').expect(200);
    const group = schemas.body.Resources.find((s: { id: string }) => s.id === SCIM.GROUP);
    const members = group.attributes.find((a: { name: string }) => a.name === 'members');
    expect(members.description).toContain('at most 2 values');
  });
});

describe('a statement that waits past DB_STATEMENT_TIMEOUT_MS', () => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;
  beforeAll(async () => {
    t = await createTestApp({ DB_STATEMENT_TIMEOUT_MS: '1500' });
    scim = scimClient(t, (await makeTenant(t)).token);
  });
  afterAll(() => t.close());

  /** Holds the user's row locked from another connection (SQLite: the whole file, from another process's handle) until released. */
  async function holdLock(guidUser: string): Promise<() => Promise<void>> {
    if (testDatabaseType() === 'sqlite') {
      const other = new DataSource({ type: 'better-sqlite3', database: t.config.database.path });
      await other.initialize();
      await other.query('BEGIN IMMEDIATE');
      await other.query('UPDATE "WFUser" SET "nickName" = \'held\' WHERE "guidUser" = ?', [guidUser]);
      return async () => {
        await other.query('ROLLBACK');
        await other.destroy();
      };
    }
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.manager.getRepository(WFUser).update({ guidUser }, { nickName: 'held' });
    return async () => {
      await runner.rollbackTransaction();
      await runner.release();
    };
  }

  it('is cancelled and answered 503 with Retry-After; the others go on and the write succeeds once the lock is gone', async () => {
    const locked = (
      await scim
        .post('/Users', {
          schemas: [SCIM.USER],
          userName: 'locked@contoso.com',
          displayName: 'L',
          emails: [{ value: 'locked@contoso.com' }],
        })
        .expect(201)
    ).body.id;
    const other = (
      await scim
        .post('/Users', { schemas: [SCIM.USER], userName: 'free@contoso.com', displayName: 'F', emails: [{ value: 'free@contoso.com' }] })
        .expect(201)
    ).body.id;
    const disable = { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] };
    const release = await holdLock(locked);
    try {
      const started = Date.now();
      const res = await scim.patch(`/Users/${locked}`, disable);
      expect([res.status, res.body.schemas, res.headers['retry-after']]).toEqual([503, [SCIM.ERROR], '5']);
      expect(Date.now() - started).toBeLessThan(5000);
      await scim.get(`/Users/${other}`).expect(200);
    } finally {
      await release();
    }
    const after = await scim.patch(`/Users/${locked}`, disable).expect(200);
    expect(after.body.active).toBe(false);
  });
});
