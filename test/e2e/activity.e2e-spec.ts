import request from 'supertest';
import { ActivityPurge } from '../../src/activity/activity-purge';
import { REFUSALS_RECORDED_PER_SECOND } from '../../src/activity/activity-recorder';
import { ProvisioningActivity } from '../../src/activity/entities/provisioning-activity.entity';
import { Metrics } from '../../src/metrics/metrics.service';
import { Subscription } from '../../src/tenancy/entities/subscription.entity';
import { scimClient, SCIM } from '../support/scim-client';
import { createTestApp, TestApp } from '../support/test-app';
import { connectProvider, makeTenant, Tenant } from '../support/tenant';
import { waitFor } from '../support/wait-for';

interface Row {
  id: string;
  operation: string;
  resourceType: string;
  resourceId: string | null;
  resourceName: string | null;
  outcome: string;
  status: number;
  scimType: string | null;
  detail: string | null;
  requestId: string | null;
  applicationId: string | null;
  applicationName: string | null;
  createdAt: string;
}

describe('provisioning activity (GET /api/activity)', () => {
  let t: TestApp;
  let admin: Tenant;
  let entra: { token: string; subscriptionId: string };
  const provider = `entra-${Date.now()}`;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeTenant(t);
    entra = await connectProvider(t, admin, provider);
  });
  afterAll(() => t.close());

  const activity = (query: string) =>
    request(t.http).get(`/api/activity?subscriptionId=${entra.subscriptionId}&${query}`).auth(admin.token, { type: 'bearer' });
  const rows = async (query = 'limit=200'): Promise<Row[]> => (await activity(query).expect(200)).body.items;

  const userBody = (userName: string) => ({
    schemas: [SCIM.USER],
    userName,
    active: true,
    displayName: userName,
    emails: [{ primary: true, type: 'work', value: userName }],
    name: { givenName: 'A', familyName: 'B' },
  });

  it('records every write, in order, with what it was about; newest first', async () => {
    const scim = scimClient(t, entra.token);
    const user = (await scim.post('/Users', userBody('ada@contoso.example')).set('X-Request-Id', 'create-ada').expect(201)).body;
    const other = (await scim.post('/Users', userBody('bob@contoso.example')).expect(201)).body;
    await scim
      .patch(`/Users/${user.id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Ada' }] })
      .expect(200);
    await scim
      .patch(`/Users/${user.id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })
      .expect(200);
    await scim.put(`/Users/${user.id}`, { ...userBody('ada@contoso.example'), active: true }).expect(200);
    const group = (await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'Pilots', members: [{ value: user.id }] }).expect(201))
      .body;
    await scim.put(`/Groups/${group.id}`, { schemas: [SCIM.GROUP], displayName: 'Pilots', members: [{ value: user.id }] }).expect(200);
    await scim
      .patch(`/Groups/${group.id}`, {
        schemas: [SCIM.PATCH_OP],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: other.id }] }],
      })
      .expect(204);
    await scim
      .patch(`/Groups/${group.id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'Remove', path: `members[value eq "${user.id}"]` }] })
      .expect(204);
    await scim
      .patch(`/Groups/${group.id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Crew' }] })
      .expect(204);
    await scim.delete(`/Groups/${group.id}`).expect(204);
    await scim.delete(`/Users/${user.id}`).expect(204);

    const written = (await rows()).filter((r) => r.outcome === 'success');
    expect(written.map((r) => [r.operation, r.resourceType, r.resourceName, r.status])).toEqual([
      ['delete', 'User', 'ada@contoso.example', 204],
      ['delete', 'Group', 'Crew', 204],
      ['update', 'Group', 'Crew', 204],
      ['membership', 'Group', 'Pilots', 204],
      ['membership', 'Group', 'Pilots', 204],
      ['replace', 'Group', 'Pilots', 200],
      ['create', 'Group', 'Pilots', 201],
      ['replace', 'User', 'ada@contoso.example', 200],
      ['disable', 'User', 'ada@contoso.example', 200],
      ['update', 'User', 'ada@contoso.example', 200],
      ['create', 'User', 'bob@contoso.example', 201],
      ['create', 'User', 'ada@contoso.example', 201],
    ]);
    expect(written[3].detail).toBe('members: 0 added, 1 removed');
    expect(written[4].detail).toBe('members: 1 added, 0 removed');
    expect(written.at(-1)).toMatchObject({ resourceId: user.id, requestId: 'create-ada', applicationName: `${provider} provisioning` });
    const ids = written.map((r) => BigInt(r.id));
    expect([...ids].sort((x, y) => (x < y ? 1 : -1))).toEqual(ids);

    // filters: operation, resource, outcome, application, time, paging
    expect((await rows('operation=disable')).map((r) => r.resourceId)).toEqual([user.id]);
    expect((await rows(`resourceId=${group.id}`)).map((r) => r.operation)).toEqual([
      'delete',
      'update',
      'membership',
      'membership',
      'replace',
      'create',
    ]);
    expect((await rows(`resourceId=${group.id.toUpperCase()}`)).length).toBe(6);
    expect(written[5].detail).toBe('members replaced by 1');
    const applicationId = written[0].applicationId!;
    expect((await rows(`applicationId=${applicationId}&operation=create`)).length).toBe(3);
    expect(await rows(`applicationId=${admin.subscriptionId}`)).toEqual([]);
    const page = (await activity('outcome=success&offset=2&limit=3').expect(200)).body;
    expect(page).toMatchObject({ total: 12, offset: 2, limit: 3 });
    expect(page.items.map((r: Row) => r.id)).toEqual(written.slice(2, 5).map((r) => r.id));
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await rows(`from=${encodeURIComponent(future)}`)).toEqual([]);
    expect((await rows(`to=${encodeURIComponent(future)}&outcome=success`)).length).toBe(12);
  });

  it('records refusals with their status, scimType and detail, and no write that was rolled back', async () => {
    const scim = scimClient(t, entra.token);
    await scim.post('/Users', userBody('dup@contoso.example')).expect(201);
    await scim.post('/Users', userBody('dup@contoso.example')).expect(409);
    await scim.get('/Users?filter=userName%20eq').expect(400);
    await scim
      .patch('/Users/00000000-0000-4000-8000-000000000000', {
        schemas: [SCIM.PATCH_OP],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      })
      .expect(404);
    await waitFor(async () => (await rows('outcome=refused')).length >= 3);
    const refused = await rows('outcome=refused');
    expect(refused.slice(0, 3).map((r) => [r.operation, r.resourceType, r.status, r.scimType])).toEqual([
      ['update', 'User', 404, null],
      ['search', 'User', 400, 'invalidFilter'],
      ['create', 'User', 409, 'uniqueness'],
    ]);
    expect(refused[2]).toMatchObject({ resourceName: 'dup@contoso.example', detail: expect.stringContaining('already in use') });
    expect(refused[0].resourceId).toBe('00000000-0000-4000-8000-000000000000');

    // the only company owner cannot be disabled: 409, and the activity holds the refusal, not a disable
    const own = scimClient(t, admin.token);
    await own
      .patch(`/Users/${admin.adminUserId}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] })
      .expect(409);
    const mine = (q: string) => request(t.http).get(`/api/activity?${q}`).auth(admin.token, { type: 'bearer' }).expect(200);
    await waitFor(async () => (await mine('outcome=refused')).body.total === 1);
    expect((await mine('outcome=refused')).body.items[0]).toMatchObject({
      operation: 'update',
      status: 409,
      resourceId: admin.adminUserId,
    });
    expect((await mine('operation=disable')).body.total).toBe(0);
  });

  it('records at most REFUSALS_RECORDED_PER_SECOND refusals of a subscription in one second, and counts the rest', async () => {
    const other = await connectProvider(t, admin, `flood-${Date.now()}`);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      const scim = scimClient(t, other.token);
      for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: 40 }, () => scim.get('/Users?filter=userName%20eq').expect(400)));
    } finally {
      clock.mockRestore();
    }
    const flood = (q: string) =>
      request(t.http).get(`/api/activity?subscriptionId=${other.subscriptionId}&${q}`).auth(admin.token, { type: 'bearer' });
    await waitFor(async () => (await flood('outcome=refused&limit=1').expect(200)).body.total >= REFUSALS_RECORDED_PER_SECOND);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await flood('outcome=refused&limit=1').expect(200)).body.total).toBe(REFUSALS_RECORDED_PER_SECOND);
    const { body } = await t.app.get(Metrics).render();
    expect(body).toContain(`usersync_activity_refusals_not_recorded_total ${120 - REFUSALS_RECORDED_PER_SECOND}`);
  });

  it('answers 400 to a bad filter of the activity itself', async () => {
    for (const query of [
      'operation=bogus',
      'outcome=maybe',
      'from=yesterday',
      'to=-271821-04-20T00:00:00Z',
      'applicationId=x',
      'limit=0',
      `resourceId=${'x'.repeat(37)}`,
    ]) {
      const res = await activity(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
  });

  it('keeps ACTIVITY_RETENTION_DAYS days: the purge removes older rows only', async () => {
    const subscription = await t.dataSource.getRepository(Subscription).findOneByOrFail({ guidSubscription: entra.subscriptionId });
    const repository = t.dataSource.getRepository(ProvisioningActivity);
    const old = new Date(Date.now() - 31 * 24 * 3600_000);
    for (let i = 0; i < 1500; i += 100) {
      await repository.insert(
        Array.from({ length: 100 }, (_, j) => ({
          idSubscription: subscription.idSubscription,
          idApplication: null,
          operation: 'create' as const,
          resourceType: 'User',
          resourceId: null,
          resourceName: `old-${i + j}`,
          outcome: 'success' as const,
          status: 201,
          scimType: null,
          detail: null,
          requestId: null,
          createdAt: old,
        })),
      );
    }
    const before = (await activity('limit=1').expect(200)).body.total;
    expect(await t.app.get(ActivityPurge).run()).toBe(1500);
    const after = (await activity('limit=200').expect(200)).body;
    expect(after.total).toBe(before - 1500);
    expect(after.items.some((r: Row) => r.resourceName?.startsWith('old-'))).toBe(false);
  });
});

describe('ACTIVITY_RETENTION_DAYS=0: no provisioning activity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ACTIVITY_RETENTION_DAYS: '0' });
  });
  afterAll(() => t.close());

  it('records no write and no refusal, and the writes still happen', async () => {
    const admin = await makeTenant(t);
    const entra = await connectProvider(t, admin, 'entra-silent');
    const scim = scimClient(t, entra.token);
    const body = {
      schemas: [SCIM.USER],
      userName: 'quiet@contoso.example',
      displayName: 'Quiet',
      emails: [{ type: 'work', value: 'quiet@contoso.example' }],
    };
    const user = (await scim.post('/Users', body).expect(201)).body;
    await scim.post('/Users', body).expect(409);
    await scim
      .patch(`/Users/${user.id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Q' }] })
      .expect(200);
    await scim.delete(`/Users/${user.id}`).expect(204);
    await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: 'Silent' }).expect(201);
    const answer = await request(t.http)
      .get(`/api/activity?subscriptionId=${entra.subscriptionId}`)
      .auth(admin.token, { type: 'bearer' })
      .expect(200);
    expect(answer.body.total).toBe(0);
    expect(await t.dataSource.getRepository(ProvisioningActivity).count()).toBe(0);
  });
});
