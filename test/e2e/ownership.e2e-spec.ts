import request from 'supertest';
import { OwnershipTransfer } from '../../src/ownership/entities/ownership-transfer.entity';
import { PermissionGrant } from '../../src/users/entities/permission-grant.entity';
import { Resource } from '../../src/ownership/entities/resource.entity';
import { CompanyOwner } from '../../src/tenancy/entities/company-owner.entity';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { createTestApp, TestApp } from '../support/test-app';
import { makeTenant } from '../support/tenant';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('ownership transfer on deactivation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A fresh tenant per test: admin (company owner, subscription owner) plus helpers. */
  async function setup() {
    const tenant = await makeTenant(t);
    const bearer = { Authorization: `Bearer ${tenant.token}` };
    const createUser = async (userName: string, managerId?: string) => {
      const res = await request(t.http)
        .post('/scim/v2/Users')
        .set(bearer)
        .send({
          schemas: [USER, ENTERPRISE],
          userName,
          displayName: userName,
          emails: [{ value: userName, type: 'work' }],
          ...(managerId ? { [ENTERPRISE]: { manager: { value: managerId } } } : {}),
        })
        .expect(201);
      return res.body.id as string;
    };
    const own = async (ownerUserId: string, count = 2) => {
      for (let i = 0; i < count; i++) {
        await request(t.http)
          .post('/api/ownership/resources')
          .set(bearer)
          .send({ kind: 'process', name: `p${i}`, ownerUserId })
          .expect(201);
      }
    };
    const disable = (id: string, how: 'patch' | 'put' | 'delete' = 'patch') => {
      if (how === 'delete') return request(t.http).delete(`/scim/v2/Users/${id}`).set(bearer);
      if (how === 'put') {
        return request(t.http)
          .get(`/scim/v2/Users/${id}`)
          .set(bearer)
          .then((got) =>
            request(t.http)
              .put(`/scim/v2/Users/${id}`)
              .set(bearer)
              .send({ ...got.body, active: false }),
          );
      }
      return request(t.http)
        .patch(`/scim/v2/Users/${id}`)
        .set(bearer)
        .send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    };
    const idOf = async (guidUser: string) => (await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser })).idUser;
    const ownedBy = async (guidUser: string) => t.dataSource.getRepository(Resource).countBy({ idOwnerUser: await idOf(guidUser) });
    const subscription = () => t.dataSource.getRepository(Subscription).findOneByOrFail({ guidSubscription: tenant.subscriptionId });
    return { tenant, bearer, createUser, own, disable, idOf, ownedBy, subscription };
  }

  it('moves resources and permissions to the active boss and writes the audit (PATCH active "False")', async () => {
    const s = await setup();
    const boss = await s.createUser('boss@x.example');
    const worker = await s.createUser('worker@x.example', boss);
    await s.own(worker, 3);
    await request(t.http).post('/api/ownership/permissions').set(s.bearer).send({ userId: worker, permission: 'reports' }).expect(201);
    expect((await s.disable(worker)).status).toBe(200);
    expect(await s.ownedBy(worker)).toBe(0);
    expect(await s.ownedBy(boss)).toBe(3);
    expect(await t.dataSource.getRepository(PermissionGrant).findBy({ idUser: await s.idOf(boss) })).toEqual([
      expect.objectContaining({ permission: 'reports' }),
    ]);
    const audit = await request(t.http).get(`/api/ownership/transfers?userId=${worker}`).set(s.bearer).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        fromUserId: worker,
        toUserId: boss,
        rule: 'boss',
        resourcesMoved: 3,
        permissionsMoved: ['reports'],
        trigger: `PATCH /scim/v2/Users/${worker}`,
      }),
    ]);
    // repeating the disable is a no-op; re-enabling transfers nothing back
    expect((await s.disable(worker)).status).toBe(200);
    await request(t.http)
      .patch(`/scim/v2/Users/${worker}`)
      .set(s.bearer)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: true }] })
      .expect(200);
    expect(await s.ownedBy(boss)).toBe(3);
    expect(await t.dataSource.getRepository(OwnershipTransfer).countBy({ idFromUser: await s.idOf(worker) })).toBe(1);
  });

  it.each(['put', 'delete'] as const)('falls back to the subscription owner when the boss is inactive (%s)', async (how) => {
    const s = await setup();
    const boss = await s.createUser('boss2@x.example');
    const worker = await s.createUser('worker2@x.example', boss);
    expect((await s.disable(boss)).status).toBe(200);
    await s.own(worker, 2);
    const res = await s.disable(worker, how);
    expect(res.status).toBe(how === 'put' ? 200 : 204);
    expect(await s.ownedBy(s.tenant.adminUserId)).toBe(2);
    const transfer = await t.dataSource.getRepository(OwnershipTransfer).findOneByOrFail({ idFromUser: await s.idOf(worker) });
    expect(transfer.rule).toBe('subscription_owner');
  });

  it('refuses to disable the only company owner with 409, changing nothing', async () => {
    const s = await setup();
    await s.own(s.tenant.adminUserId, 2);
    const res = await s.disable(s.tenant.adminUserId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      detail: expect.stringContaining('assign another company owner first'),
    });
    const admin = await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: s.tenant.adminUserId });
    expect(admin.enabled).toBe(true);
    expect(await s.ownedBy(s.tenant.adminUserId)).toBe(2);
    expect(await t.dataSource.getRepository(OwnershipTransfer).countBy({ idFromUser: admin.idUser })).toBe(0);
  });

  it('a company owner with a co-owner: everything and the subscription pass to the co-owner, who stays sole owner', async () => {
    const s = await setup();
    const co = await s.createUser('co@x.example');
    await request(t.http).post('/api/tenancy/company/owners').set(s.bearer).send({ userId: co }).expect(201);
    await s.own(s.tenant.adminUserId, 2);
    expect((await s.disable(s.tenant.adminUserId)).status).toBe(200);
    expect(await s.ownedBy(co)).toBe(2);
    const sub = await s.subscription();
    expect(sub.idOwnerUser).toBe(await s.idOf(co));
    expect(await t.dataSource.getRepository(CompanyOwner).findBy({ idCompany: sub.idCompany })).toEqual([
      expect.objectContaining({ idUser: await s.idOf(co) }),
    ]);
    expect(await t.dataSource.getRepository(PermissionGrant).existsBy({ idUser: await s.idOf(co), permission: 'admin' })).toBe(true);
  });

  it('two simultaneous disables of the same user transfer once', async () => {
    const s = await setup();
    const boss = await s.createUser('boss3@x.example');
    const worker = await s.createUser('worker3@x.example', boss);
    await s.own(worker, 5);
    const results = await Promise.all([s.disable(worker), s.disable(worker)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(await s.ownedBy(boss)).toBe(5);
    expect(await t.dataSource.getRepository(OwnershipTransfer).countBy({ idFromUser: await s.idOf(worker) })).toBe(1);
  });

  it('disabling a user and their boss at the same moment leaves nothing with an inactive owner', async () => {
    const s = await setup();
    const boss = await s.createUser('boss4@x.example');
    const worker = await s.createUser('worker4@x.example', boss);
    await s.own(worker, 4);
    await s.own(boss, 1);
    const results = await Promise.all([s.disable(worker), s.disable(boss)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const orphans = await t.dataSource
      .getRepository(Resource)
      .createQueryBuilder('r')
      .innerJoin(WFUser, 'u', 'u.idUser = r.idOwnerUser')
      .where('r.idSubscription = :sub AND u.enabled = :off', { sub: (await s.subscription()).idSubscription, off: false })
      .getCount();
    expect(orphans).toBe(0);
    expect(await s.ownedBy(s.tenant.adminUserId)).toBe(5);
  });

  it('admin API: resources and permissions validate their users and stay in the tenant', async () => {
    const s = await setup();
    const other = await setup();
    const res = await request(t.http)
      .post('/api/ownership/resources')
      .set(s.bearer)
      .send({ kind: 'form', name: 'F', ownerUserId: s.tenant.adminUserId })
      .expect(201);
    expect(res.body).toMatchObject({ id: expect.any(String), kind: 'form', name: 'F', ownerUserId: s.tenant.adminUserId });
    await request(t.http).get(`/api/ownership/resources/${res.body.id}`).set(s.bearer).expect(200);
    await request(t.http).get(`/api/ownership/resources/${res.body.id}`).set(other.bearer).expect(404);
    await request(t.http)
      .post('/api/ownership/resources')
      .set(s.bearer)
      .send({ kind: 'form', name: 'F', ownerUserId: other.tenant.adminUserId })
      .expect(400);
    await request(t.http).post('/api/ownership/resources').set(s.bearer).send({ kind: 'form' }).expect(400);
    const list = await request(t.http).get(`/api/ownership/resources?ownerUserId=${s.tenant.adminUserId}`).set(s.bearer).expect(200);
    expect(list.body.total).toBe(1);
    await request(t.http).delete(`/api/ownership/permissions/${s.tenant.adminUserId}/reports`).set(s.bearer).expect(404);
    await request(t.http).get('/api/ownership/resources').expect(401);
  });
});
