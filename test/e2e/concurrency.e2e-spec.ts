import request from 'supertest';
import { OwnershipTransfer } from '../../src/ownership/entities/ownership-transfer.entity';
import { PermissionGrant } from '../../src/users/entities/permission-grant.entity';
import { Resource } from '../../src/ownership/entities/resource.entity';
import { CompanyOwner } from '../../src/tenancy/entities/company-owner.entity';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFGroupMember } from '../../src/users/entities/wf-group-member.entity';
import { WFGroup } from '../../src/users/entities/wf-group.entity';
import { WFUserValue } from '../../src/users/entities/wf-user-value.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { SCIM, scimClient } from '../support/scim-client';
import { createTestApp, TestApp } from '../support/test-app';
import { makeTenant, Tenant } from '../support/tenant';

/**
 * Parallel requests the way identity providers send them, through the HTTP stack, on whichever
 * database the suite runs (SQLite, PostgreSQL, SQL Server). Every check reads the database
 * afterwards: nothing lost, nothing doubled, no invariant broken, and never a 5xx.
 */
describe('parallel writes', () => {
  let t: TestApp;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const patchOp = (...operations: object[]) => ({ schemas: [SCIM.PATCH_OP], Operations: operations });
  const userRow = (guidUser: string) => t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser });
  const statuses = (responses: { status: number }[]) =>
    responses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

  async function tenantWith() {
    const tenant = await makeTenant(t);
    const scim = scimClient(t, tenant.token);
    const api = (method: 'get' | 'post' | 'delete', path: string, body?: object) => {
      const r = request(t.http)[method](path).auth(tenant.token, { type: 'bearer' });
      return body ? r.send(body) : r;
    };
    const createUser = async (extra: object = {}) => {
      const userName = `p${counter++}-${Date.now().toString(36)}@contoso.com`;
      const res = await scim
        .post('/Users', { schemas: [SCIM.USER], userName, displayName: userName, emails: [{ value: userName, type: 'work' }], ...extra })
        .expect(201);
      return res.body as { id: string; userName: string };
    };
    return { tenant, scim, api, createUser };
  }

  it('50 parallel email adds to one user all succeed and are all stored', async () => {
    const { scim, createUser } = await tenantWith();
    const user = await createUser();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        scim.patch(`/Users/${user.id}`, patchOp({ op: 'add', path: 'emails', value: [{ value: `extra${i}@contoso.com`, type: 'other' }] })),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 50 });
    const rows = await t.dataSource.getRepository(WFUserValue).findBy({ idUser: (await userRow(user.id)).idUser, attribute: 'emails' });
    expect(rows).toHaveLength(51);
    expect((await userRow(user.id)).version).toBe(51);
  });

  it('parallel phone and email adds, mixed, all succeed', async () => {
    const { scim, createUser } = await tenantWith();
    const user = await createUser();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        scim.patch(
          `/Users/${user.id}`,
          i % 2
            ? patchOp({ op: 'add', path: 'phoneNumbers', value: [{ value: `+1 555 01${String(i).padStart(2, '0')}`, type: 'work' }] })
            : patchOp({ op: 'Add', value: { emails: [{ value: `mixed${i}@contoso.com`, type: 'home' }] } }),
        ),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 30 });
    const rows = await t.dataSource.getRepository(WFUserValue).findBy({ idUser: (await userRow(user.id)).idUser });
    expect(rows.filter((r) => r.attribute === 'phoneNumbers')).toHaveLength(15);
    expect(rows.filter((r) => r.attribute === 'emails')).toHaveLength(16);
  });

  it('200 parallel member adds to one group leave 200 members', async () => {
    const { scim, createUser } = await tenantWith();
    const users: { id: string }[] = [];
    for (let i = 0; i < 200; i++) users.push(await createUser());
    const group = (await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'crowd' }).expect(201)).body;
    const responses = await Promise.all(
      users.map((u) => scim.patch(`/Groups/${group.id}`, patchOp({ op: 'Add', path: 'members', value: [{ value: u.id }] }))),
    );
    expect(statuses(responses)).toEqual({ 204: 200 });
    const idGroup = (await t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup: group.id })).idGroup;
    expect(await t.dataSource.getRepository(WFGroupMember).countBy({ idGroup })).toBe(200);
  });

  it('the same member added 20 times in parallel: every answer 204, one row', async () => {
    const { scim, createUser } = await tenantWith();
    const user = await createUser();
    const group = (await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'twice' }).expect(201)).body;
    const add = patchOp({ op: 'add', path: 'members', value: [{ value: user.id }] });
    const responses = await Promise.all(Array.from({ length: 20 }, () => scim.patch(`/Groups/${group.id}`, add)));
    expect(statuses(responses)).toEqual({ 204: 20 });
    const idGroup = (await t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup: group.id })).idGroup;
    expect(await t.dataSource.getRepository(WFGroupMember).countBy({ idGroup })).toBe(1);
  });

  it('a group deleted while members are added: each add answers 204 or 404, no 5xx, nothing left behind', async () => {
    const { scim, createUser } = await tenantWith();
    const users: { id: string }[] = [];
    for (let i = 0; i < 20; i++) users.push(await createUser());
    const group = (await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'doomed' }).expect(201)).body;
    const idGroup = (await t.dataSource.getRepository(WFGroup).findOneByOrFail({ guidGroup: group.id })).idGroup;
    const adds = users.map((u) => scim.patch(`/Groups/${group.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] })));
    const [deleted, ...responses] = await Promise.all([scim.delete(`/Groups/${group.id}`), ...adds]);
    expect(deleted.status).toBe(204);
    expect(Object.keys(statuses(responses)).every((s) => s === '204' || s === '404')).toBe(true);
    expect(await t.dataSource.getRepository(WFGroupMember).countBy({ idGroup })).toBe(0);
  });

  it('the same permission granted 20 times in parallel: no 5xx, one row', async () => {
    const { api, createUser } = await tenantWith();
    const user = await createUser();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api('post', '/api/ownership/permissions', { userId: user.id, permission: 'reports' })),
    );
    expect(statuses(responses)).toEqual({ 201: 20 });
    expect(await t.dataSource.getRepository(PermissionGrant).countBy({ idUser: (await userRow(user.id)).idUser })).toBe(1);
  });

  it('the same company owner added 20 times in parallel: no 5xx, one row', async () => {
    const { tenant, api, createUser } = await tenantWith();
    const user = await createUser();
    const responses = await Promise.all(Array.from({ length: 20 }, () => api('post', '/api/tenancy/company/owners', { userId: user.id })));
    expect(statuses(responses)).toEqual({ 201: 20 });
    const idCompany = await companyOf(tenant);
    expect(await t.dataSource.getRepository(CompanyOwner).countBy({ idCompany, idUser: (await userRow(user.id)).idUser })).toBe(1);
  });

  it.each(['new', 'deleted before'])('parallel creates of one userName (%s): one 201, the rest 409 uniqueness', async (kind) => {
    const { scim, createUser } = await tenantWith();
    const userName = `same-${counter++}@contoso.com`;
    if (kind === 'deleted before') {
      const first = await createUser({ userName, emails: [{ value: userName, type: 'work' }] });
      await scim.delete(`/Users/${first.id}`).expect(204);
    }
    const body = { schemas: [SCIM.USER], userName, displayName: 'Same', emails: [{ value: userName, type: 'work' }] };
    const responses = await Promise.all(Array.from({ length: 20 }, () => scim.post('/Users', body)));
    expect(statuses(responses)).toEqual({ 201: 1, 409: 19 });
    for (const r of responses.filter((x) => x.status === 409)) expect(r.body.scimType).toBe('uniqueness');
    expect(await t.dataSource.getRepository(WFUser).countBy({ userName })).toBe(1);
  });

  async function companyOf(tenant: Tenant): Promise<number> {
    return (await t.dataSource.getRepository(Subscription).findOneByOrFail({ guidSubscription: tenant.subscriptionId })).idCompany;
  }

  it('two company owners disabled or removed at the same moment: never zero owners, one 409 each time (20 trials)', async () => {
    const ways = ['patch', 'put', 'delete', 'remove owner'] as const;
    for (let trial = 0; trial < 20; trial++) {
      const way = ways[trial % ways.length];
      const { tenant, scim, api, createUser } = await tenantWith();
      const a = await createUser();
      const b = await createUser();
      await api('post', '/api/tenancy/company/owners', { userId: a.id }).expect(201);
      await api('post', '/api/tenancy/company/owners', { userId: b.id }).expect(201);
      // the admin stays the subscription owner (the heir) but stops being a company owner: A and B are the only two
      await api('delete', `/api/tenancy/company/owners/${tenant.adminUserId}`).expect(204);
      const end = async (id: string) => {
        if (way === 'remove owner') return api('delete', `/api/tenancy/company/owners/${id}`);
        if (way === 'delete') return scim.delete(`/Users/${id}`);
        if (way === 'put') {
          const got = await scim.get(`/Users/${id}`);
          return scim.put(`/Users/${id}`, { ...got.body, active: false });
        }
        return scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'active', value: false }));
      };
      const responses = await Promise.all([end(a.id), end(b.id)]);
      const codes = responses.map((r) => r.status).sort();
      expect([way, trial, codes]).toEqual([way, trial, [way === 'patch' || way === 'put' ? 200 : 204, 409]]);
      const idCompany = await companyOf(tenant);
      const owners = await t.dataSource.getRepository(CompanyOwner).findBy({ idCompany });
      const active = await t.dataSource.getRepository(WFUser).findBy(owners.map((o) => ({ idUser: o.idUser, enabled: true })));
      expect([way, trial, active.length]).toEqual([way, trial, 1]);
    }
  });

  it('a disable racing resource and permission registration never leaves anything with an inactive owner (20 trials)', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const { scim, api, createUser } = await tenantWith();
      const worker = await createUser();
      const registrations = Array.from({ length: 4 }, (_, i) =>
        i === 3
          ? api('post', '/api/ownership/permissions', { userId: worker.id, permission: `p${trial}` })
          : api('post', '/api/ownership/resources', { kind: 'process', name: `r${trial}-${i}`, ownerUserId: worker.id }),
      );
      const disable = scim.patch(`/Users/${worker.id}`, patchOp({ op: 'replace', path: 'active', value: false }));
      const [disabled, ...registered] = await Promise.all([disable, ...registrations]);
      expect(disabled.status).toBe(200);
      for (const r of registered) expect([201, 400]).toContain(r.status);
      const idUser = (await userRow(worker.id)).idUser;
      expect([trial, await t.dataSource.getRepository(Resource).countBy({ idOwnerUser: idUser })]).toEqual([trial, 0]);
      expect([trial, await t.dataSource.getRepository(PermissionGrant).countBy({ idUser })]).toEqual([trial, 0]);
    }
  });

  it('a user holding many long permissions can be disabled, and the audit lists them all', async () => {
    const { scim, api, createUser } = await tenantWith();
    const user = await createUser();
    const permissions = Array.from({ length: 12 }, (_, i) => `p${i}`.padEnd(64, 'x'));
    for (const permission of permissions) await api('post', '/api/ownership/permissions', { userId: user.id, permission }).expect(201);
    await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'active', value: false })).expect(200);
    const transfer = await t.dataSource.getRepository(OwnershipTransfer).findOneByOrFail({ idFromUser: (await userRow(user.id)).idUser });
    expect(transfer.permissionsMoved.split(' ')).toEqual([...permissions].sort());
  });
});
