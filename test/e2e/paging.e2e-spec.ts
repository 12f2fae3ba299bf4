import { IsNull } from 'typeorm';
import { ResourceCount } from '../../src/users/entities/resource-count.entity';
import { WFUser } from '../../src/users/entities/wf-user.entity';
import { SCIM, scimClient } from '../support/scim-client';
import { connectProvider, makeTenant, Tenant } from '../support/tenant';
import { createTestApp, TestApp } from '../support/test-app';

type Scim = ReturnType<typeof scimClient>;
interface ListBody {
  totalResults: number;
  startIndex?: number;
  itemsPerPage: number;
  nextCursor?: string;
  previousCursor?: string;
  Resources: { id: string; userName?: string; displayName?: string; title?: string }[];
}

/** A user as Entra ID creates one: userName, displayName and the work email. */
function entraUser(userName: string) {
  return { schemas: [SCIM.USER], userName, displayName: userName.split('@')[0], emails: [{ type: 'work', value: userName }] };
}

/** Paging as import clients do it: by index (RFC 7644) and by cursor (RFC 9865), with exact totals. */
describe('Paging: index and cursor', () => {
  let t: TestApp;
  let admin: Tenant;
  let scim: Scim;
  const titles = ['b', null, 'a', 'c', null, 'b', 'a', null, 'd', 'c', 'b'];
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeTenant(t, 'paging');
    scim = scimClient(t, (await connectProvider(t, admin, 'paging-entra')).token);
    for (const [i, title] of titles.entries()) {
      const res = await scim
        .post('/Users', {
          schemas: [SCIM.USER],
          userName: `user${String(i).padStart(2, '0')}@paging.example`,
          displayName: `User ${i}`,
          ...(title ? { title } : {}),
          emails: [{ type: 'work', value: `user${i}@paging.example` }],
        })
        .expect(201);
      ids.push(res.body.id);
    }
  });
  afterAll(() => t.close());

  const list = async (query: string): Promise<ListBody> => (await scim.get(`/Users?${query}`).expect(200)).body;
  const walk = async (query: string, count: number) => {
    const pages: ListBody[] = [];
    let page = await list(`${query}&cursor=&count=${count}`);
    pages.push(page);
    while (page.nextCursor) {
      page = await list(`${query}&cursor=${page.nextCursor}&count=${count}`);
      pages.push(page);
    }
    return pages;
  };

  it('walks every user once by cursor, forwards and back, with the total and without startIndex', async () => {
    const pages = await walk('', 4);
    expect(pages.map((p) => p.Resources.length)).toEqual([4, 4, 3]);
    expect(pages.flatMap((p) => p.Resources.map((r) => r.id))).toEqual(ids);
    expect(pages.every((p) => p.totalResults === titles.length && p.startIndex === undefined)).toBe(true);
    expect(pages[0].previousCursor).toBeUndefined();
    expect(pages[2].nextCursor).toBeUndefined();
    expect(pages[2].previousCursor).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));

    const back = await list(`cursor=${pages[2].previousCursor}&count=4`);
    expect(back.Resources.map((r) => r.id)).toEqual(ids.slice(4, 8));
    const first = await list(`cursor=${back.previousCursor}&count=4`);
    expect(first.Resources.map((r) => r.id)).toEqual(ids.slice(0, 4));
    expect(first.previousCursor).toBeUndefined();
    expect(first.nextCursor).toBeDefined();
  });

  it.each([
    ['ascending', 'sortBy=title&sortOrder=ascending'],
    ['descending', 'sortBy=title&sortOrder=descending'],
    ['by userName, descending', 'sortBy=userName&sortOrder=descending'],
  ])('sorted (%s, with empty values) gives the order of one whole page, by cursor and by index', async (_name, sort) => {
    const whole = (await list(`${sort}&count=100`)).Resources.map((r) => r.id);
    expect(whole.sort()).toEqual([...ids].sort());
    const ordered = (await list(`${sort}&count=100`)).Resources.map((r) => r.id);
    for (const count of [1, 2, 3, 5]) {
      const byCursor = (await walk(sort, count)).flatMap((p) => p.Resources.map((r) => r.id));
      expect(byCursor).toEqual(ordered);
      const byIndex: string[] = [];
      for (let start = 1; start <= titles.length; start += count)
        byIndex.push(...(await list(`${sort}&startIndex=${start}&count=${count}`)).Resources.map((r) => r.id));
      expect(byIndex).toEqual(ordered);
    }
  });

  it('pages a filter by cursor, carrying its total', async () => {
    const filter = encodeURIComponent('title pr');
    const pages = await walk(`filter=${filter}&sortBy=title`, 2);
    const expected = titles.filter((x) => x !== null).length;
    expect(pages.flatMap((p) => p.Resources).length).toBe(expected);
    expect(pages.every((p) => p.totalResults === expected)).toBe(true);
  });

  it('answers the last pages of an index walk from the end, and nothing past it', async () => {
    const ordered = (await list('count=100')).Resources.map((r) => r.id);
    expect((await list(`startIndex=${titles.length - 1}&count=5`)).Resources.map((r) => r.id)).toEqual(ordered.slice(-2));
    expect((await list('startIndex=7&count=3')).Resources.map((r) => r.id)).toEqual(ordered.slice(6, 9));
    const past = await list(`startIndex=${titles.length + 1}&count=5`);
    expect(past).toMatchObject({ totalResults: titles.length, startIndex: titles.length + 1, itemsPerPage: 0, Resources: [] });
  });

  it('refuses a cursor made for another query, another subscription, a changed one or an expired one', async () => {
    const page = await list('cursor=&count=2&sortBy=userName');
    const refused = async (query: string, scimType: string, client: Scim = scim) => {
      const res = await client.get(`/Users?${query}`).expect(400);
      expect(res.body).toMatchObject({ schemas: [SCIM.ERROR], status: '400', scimType });
    };
    await refused(`cursor=${page.nextCursor}&count=2`, 'invalidCursor');
    await refused(`cursor=${page.nextCursor}&count=2&sortBy=userName&filter=${encodeURIComponent('title pr')}`, 'invalidCursor');
    await refused(`cursor=${page.nextCursor}&count=2&sortBy=userName`, 'invalidCursor', scimClient(t, admin.token));
    await refused('cursor=not-a-cursor&count=2', 'invalidCursor');
    await refused(`cursor=${encodeURIComponent('a b')}`, 'invalidCursor');
    await refused(`cursor=${'A'.repeat(3000)}`, 'invalidCursor');
    const state = JSON.parse(Buffer.from(page.nextCursor!, 'base64url').toString('utf8'));
    const expired = Buffer.from(JSON.stringify({ ...state, x: 1 })).toString('base64url');
    await refused(`cursor=${expired}&count=2&sortBy=userName`, 'expiredCursor');
    await refused('cursor=&startIndex=3', 'invalidValue');

    // A cursor's text is the client's to change: whatever it then says, the answer is a 400, never a 5xx.
    const dated = await list('cursor=&count=2&sortBy=meta.created');
    const datedState = JSON.parse(Buffer.from(dated.nextCursor!, 'base64url').toString('utf8'));
    const changed = (fields: object) => Buffer.from(JSON.stringify({ ...datedState, ...fields })).toString('base64url');
    for (const fields of [
      { s: 'not a date' },
      { s: 42 },
      { s: { $d: 'never' } },
      { k: 2 ** 40 },
      { k: -1 },
      { d: 'sideways' },
      { o: 1e30 },
    ]) {
      await refused(`cursor=${changed(fields)}&count=2&sortBy=meta.created`, 'invalidCursor');
    }
    const moved = await list(`cursor=${changed({ s: { $d: '2000-01-01T00:00:00.000Z' } })}&count=2&sortBy=meta.created`);
    expect(moved.Resources.map((r) => r.id)).toEqual(ids.slice(0, 2));
  });

  it('pages by cursor in a .search body, on Groups, and not across resource types', async () => {
    const body = (cursor: string) => ({ schemas: [SCIM.SEARCH], cursor, count: 6, filter: 'userName sw "user"' });
    const first = (await scim.post('/Users/.search', body('')).expect(200)).body as ListBody;
    const second = (await scim.post('/Users/.search', body(first.nextCursor!)).expect(200)).body as ListBody;
    expect([...first.Resources, ...second.Resources].map((r) => r.id)).toEqual(ids);

    for (const name of ['g1', 'g2', 'g3']) await scim.post('/Groups', { schemas: [SCIM.GROUP], displayName: name }).expect(201);
    const groups = (await scim.get('/Groups?cursor=&count=2&sortBy=displayName&sortOrder=descending').expect(200)).body as ListBody;
    const rest = (await scim.get(`/Groups?cursor=${groups.nextCursor}&count=2&sortBy=displayName&sortOrder=descending`).expect(200))
      .body as ListBody;
    expect([...groups.Resources, ...rest.Resources].map((g) => g.displayName)).toEqual(['g3', 'g2', 'g1']);
    expect(groups.totalResults).toBe(3);

    const across = await scim.post('/.search', { schemas: [SCIM.SEARCH], cursor: '' }).expect(400);
    expect(across.body.scimType).toBe('invalidValue');
  });

  it('advertises both kinds of paging', async () => {
    const config = (await scim.get('/ServiceProviderConfig').expect(200)).body;
    expect(config.pagination).toEqual({
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: t.config.scim.maxPageSize,
      maxPageSize: t.config.scim.maxPageSize,
      cursorTimeout: 3600,
    });
  });

  it('keeps the total of an unfiltered list exact through parallel creates and deletes', async () => {
    const other = scimClient(t, (await connectProvider(t, admin, 'paging-counts')).token);
    const created = await Promise.all(Array.from({ length: 24 }, (_, i) => other.post('/Users', entraUser(`p${i}@counts.example`))));
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    const deleted = await Promise.all(created.slice(0, 9).map((r) => other.delete(`/Users/${r.body.id}`)));
    expect(deleted.map((r) => r.status)).toEqual(deleted.map(() => 204));
    // A deleted user provisioned again is the same user, counted again.
    await other.post('/Users', entraUser('p0@counts.example')).expect(201);
    const body = (await other.get('/Users?count=1').expect(200)).body as ListBody;
    expect(body.totalResults).toBe(16);
    const idSubscription = (await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: created[20].body.id })).idSubscription;
    expect(await t.dataSource.getRepository(WFUser).countBy({ idSubscription })).toBe(24);
    expect(await t.dataSource.getRepository(ResourceCount).findOneBy({ idSubscription, resourceType: 'User' })).toMatchObject({
      total: 16,
    });
  });

  it('counts a subscription that had no count yet exactly, through parallel first creates', async () => {
    const other = scimClient(t, (await connectProvider(t, admin, 'paging-first-counts')).token);
    const first = await other.post('/Users', entraUser('f@first.example')).expect(201);
    const idSubscription = (await t.dataSource.getRepository(WFUser).findOneByOrFail({ guidUser: first.body.id })).idSubscription;
    // A subscription whose users were written before its count was kept (or by the platform itself).
    await t.dataSource.getRepository(ResourceCount).delete({ idSubscription });
    const created = await Promise.all(Array.from({ length: 24 }, (_, i) => other.post('/Users', entraUser(`f${i}@first.example`))));
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    const live = await t.dataSource.getRepository(WFUser).countBy({ idSubscription, deletedAt: IsNull() });
    expect(await t.dataSource.getRepository(ResourceCount).findOneBy({ idSubscription, resourceType: 'User' })).toMatchObject({
      total: live,
    });
    expect(((await other.get('/Users?count=1').expect(200)).body as ListBody).totalResults).toBe(live);
  });

  it('answers each user of a list or lookup exactly as GET answers it: values, manager, groups', async () => {
    const other = scimClient(t, (await connectProvider(t, admin, 'paging-details')).token);
    const boss = await other
      .post('/Users', {
        schemas: [SCIM.USER],
        userName: 'boss@details.example',
        displayName: 'Boss',
        emails: [{ value: 'boss@details.example' }],
      })
      .expect(201);
    const user = await other
      .post('/Users', {
        schemas: [SCIM.USER, SCIM.ENTERPRISE],
        userName: 'worker@details.example',
        displayName: 'Worker',
        emails: [
          { type: 'work', value: 'worker@details.example', primary: true },
          { type: 'home', value: 'worker@home.example' },
        ],
        phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
        addresses: [{ type: 'work', streetAddress: '1 Main St', locality: 'Springfield', country: 'US' }],
        [SCIM.ENTERPRISE]: { department: 'Sales', manager: { value: boss.body.id } },
      })
      .expect(201);
    for (const name of ['Zeta', 'alpha', 'Beta'])
      await other.post('/Groups', { schemas: [SCIM.GROUP], displayName: name, members: [{ value: user.body.id }] }).expect(201);
    const got = (await other.get(`/Users/${user.body.id}`).expect(200)).body;
    expect(got.groups).toHaveLength(3);
    expect(got[SCIM.ENTERPRISE].manager.value).toBe(boss.body.id);
    const looked = (await other.get(`/Users?filter=${encodeURIComponent('userName eq "worker@details.example"')}`).expect(200)).body;
    expect(looked.Resources).toEqual([got]);
    const listed = (await other.get('/Users?count=10').expect(200)).body;
    expect(listed.Resources.find((r: { id: string }) => r.id === user.body.id)).toEqual(got);
    // A page read at an offset (its details are read on their own) answers the same.
    const skipped = (await other.get('/Users?startIndex=2&count=10').expect(200)).body;
    expect(skipped.Resources.find((r: { id: string }) => r.id === user.body.id)).toEqual(got);
  });

  it('counts nothing of a change that was rolled back', async () => {
    const own = scimClient(t, admin.token);
    const before = ((await own.get('/Users?count=1').expect(200)).body as ListBody).totalResults;
    // The company's only owner cannot be deleted: the delete is rolled back after it was counted.
    await own.delete(`/Users/${admin.adminUserId}`).expect(409);
    expect(((await own.get('/Users?count=1').expect(200)).body as ListBody).totalResults).toBe(before);
    await own.post('/Users', entraUser('after@rollback.example')).expect(201);
    expect(((await own.get('/Users?count=1').expect(200)).body as ListBody).totalResults).toBe(before + 1);
  });
});
