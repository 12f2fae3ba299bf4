import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger as TypeOrmLogger } from 'typeorm';
import { adminApi } from '../support/admin-api';
import { SCIM, scimClient } from '../support/scim-client';
import { connectProvider, makeTenant } from '../support/tenant';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * SQL you can review. A fixed sequence of requests, the shapes Entra ID and Okta send, runs
 * through the real HTTP stack, and every statement the service sends the database is written
 * down under the request that sent it first: `test/sql/<dialect>.sql`. The test fails when the
 * SQL changes and the file was not regenerated, so every change of SQL — the repositories', the
 * filter translator's, TypeORM's own — shows in the diff, for each dialect, T-SQL included.
 *
 * Regenerate: `UPDATE_SQL=1 npx jest test/e2e/sql-review` on SQLite, with
 * `DB_TYPE=postgres DB_URL=…` for PostgreSQL, with `TEST_MSSQL=1 MSSQL_URL=…` for SQL Server.
 */

/** A statement is written once, under the first request that sends it. */
interface Step {
  title: string;
  statements: string[];
}

/**
 * Written beside requests, not by them, at most once a minute per application
 * (ApplicationUsage): when it lands depends on the clock, not on the request sequence.
 */
const BACKGROUND = /^UPDATE .*"?lastUsedAt"?/i;

const DIALECT_FILES: Record<string, string> = { 'better-sqlite3': 'sqlite', postgres: 'postgres', mssql: 'mssql' };

describe('SQL sent to the database, per dialect (test/sql/*.sql)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('is the SQL checked in for this dialect', async () => {
    const admin = await makeTenant(t, 'sql-review');
    const provider = await connectProvider(t, admin, 'sql-review-entra');
    const scim = scimClient(t, provider.token);
    const api = adminApi(t, admin.token);

    const seen = new Set<string>();
    const steps: Step[] = [];
    let current: Step | undefined;
    const schema = (t.dataSource.options as { schema?: string }).schema;
    const original = t.dataSource.logger;
    const capture: TypeOrmLogger = {
      logQuery: (query) => {
        const text = normalise(query, schema);
        if (current && !BACKGROUND.test(text) && !seen.has(text)) {
          seen.add(text);
          current.statements.push(text);
        }
      },
      logQueryError: (...args) => original.logQueryError(...args),
      logQuerySlow: (...args) => original.logQuerySlow(...args),
      logSchemaBuild: (...args) => original.logSchemaBuild(...args),
      logMigration: (...args) => original.logMigration(...args),
      log: (...args) => original.log(...args),
    };
    t.dataSource.logger = capture;
    const step = async <T>(title: string, run: () => Promise<T>): Promise<T> => {
      current = { title, statements: [] };
      steps.push(current);
      try {
        return await run();
      } finally {
        current = undefined;
      }
    };

    try {
      await step('GET /Users?filter=userName eq "…" (Entra ID Test Connection, 0 results)', () =>
        scim.get(`/Users?filter=${encodeURIComponent('userName eq "f6c8ad0e-0d1e-4bb8-9f7b-2d6b7c8f0a11"')}`).expect(200),
      );
      const created = await step('POST /Users (Entra ID create)', () =>
        scim
          .post('/Users', {
            schemas: [SCIM.USER, SCIM.ENTERPRISE],
            externalId: 'ext-ada',
            userName: 'ada@contoso.example',
            active: true,
            displayName: 'Ada Lovelace',
            name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
            emails: [{ primary: true, type: 'work', value: 'ada@contoso.example' }],
            phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
            addresses: [{ type: 'work', streetAddress: '1 Main St', locality: 'Redmond', country: 'US', primary: true }],
            title: 'Engineer',
            [SCIM.ENTERPRISE]: { department: 'R&D', employeeNumber: '7' },
          })
          .expect(201),
      );
      const id = created.body.id as string;
      const boss = await step('POST /Users (a second user)', () =>
        scim
          .post('/Users', {
            schemas: [SCIM.USER],
            userName: 'grace@contoso.example',
            displayName: 'Grace Hopper',
            emails: [{ type: 'work', value: 'grace@contoso.example' }],
          })
          .expect(201),
      );
      await step('GET /Users/{id}', () => scim.get(`/Users/${id}`).expect(200));
      await step('GET /Users?filter=externalId eq "…"', () =>
        scim.get(`/Users?filter=${encodeURIComponent('externalId eq "ext-ada"')}`).expect(200),
      );
      await step('GET /Users?filter=emails[type eq "work"].value eq "…"', () =>
        scim.get(`/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "ada@contoso.example"')}`).expect(200),
      );
      await step('PATCH /Users/{id} (Entra ID Replace, string booleans)', () =>
        scim
          .patch(`/Users/${id}`, {
            schemas: [SCIM.PATCH_OP],
            Operations: [
              { op: 'Replace', path: 'displayName', value: 'Ada King' },
              { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada.king@contoso.example' },
              { op: 'Add', path: 'active', value: 'True' },
            ],
          })
          .expect(200),
      );
      await step('PATCH /Users/{id} (manager)', () =>
        scim
          .patch(`/Users/${id}`, {
            schemas: [SCIM.PATCH_OP],
            Operations: [{ op: 'Add', path: 'manager', value: [{ value: boss.body.id }] }],
          })
          .expect(200),
      );
      await step('PUT /Users/{id}', () =>
        scim
          .put(`/Users/${id}`, {
            schemas: [SCIM.USER],
            userName: 'ada@contoso.example',
            displayName: 'Ada Lovelace',
            emails: [{ type: 'work', value: 'ada@contoso.example', primary: true }],
          })
          .expect(200),
      );
      await step('GET /Users?startIndex=1&count=1 (a page and its total)', () => scim.get('/Users?startIndex=1&count=1').expect(200));
      await step('GET /Users?sortBy=userName&sortOrder=descending&startIndex=2&count=1', () =>
        scim.get('/Users?sortBy=userName&sortOrder=descending&startIndex=2&count=1').expect(200),
      );
      await step('POST /Users/.search', () =>
        scim.post('/Users/.search', { schemas: [SCIM.SEARCH], filter: 'userName sw "ada"', startIndex: 1, count: 10 }).expect(200),
      );
      for (const filter of [
        'title co "engineer" and not (active eq false)',
        'name.givenName sw "A" or name.familyName ew "lace"',
        'meta.lastModified gt "2020-01-01T00:00:00Z"',
        'emails[type eq "work" and value co "@contoso"]',
        'addresses[locality eq "Redmond"]',
        'manager.value pr',
        `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "R&D"`,
      ]) {
        await step(`GET /Users?filter=${filter}`, () => scim.get(`/Users?filter=${encodeURIComponent(filter)}`).expect(200));
      }
      await step('POST /api/tenancy/subscriptions/{id}/user-properties (an integer property)', () =>
        api
          .post(`/api/tenancy/subscriptions/${provider.subscriptionId}/user-properties`, { name: 'costCode', type: 'integer' })
          .expect(201),
      );
      const properties = 'urn:usersync:params:scim:schemas:extension:properties:2.0:User';
      await step('PATCH /Users/{id} (a custom property)', () =>
        scim
          .patch(`/Users/${id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'Add', path: `${properties}:costCode`, value: '42' }] })
          .expect(200),
      );
      await step('GET /Users?filter=<property> gt 40&sortBy=<property>', () =>
        scim.get(`/Users?filter=${encodeURIComponent(`${properties}:costCode gt 40`)}&sortBy=${properties}:costCode`).expect(200),
      );
      await step('GET /Groups?excludedAttributes=members&filter=displayName eq "…"', () =>
        scim.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Engineers"')}`).expect(200),
      );
      const group = await step('POST /Groups (Entra ID, ADSCIM schema)', () =>
        scim
          .post('/Groups', {
            schemas: [SCIM.GROUP, SCIM.ADSCIM_GROUP],
            externalId: 'ext-engineers',
            displayName: 'Engineers',
            meta: { resourceType: 'Group' },
          })
          .expect(201),
      );
      const groupId = group.body.id as string;
      await step('PATCH /Groups/{id} (add members)', () =>
        scim
          .patch(`/Groups/${groupId}`, {
            schemas: [SCIM.PATCH_OP],
            Operations: [{ op: 'Add', path: 'members', value: [{ value: id }, { value: boss.body.id }] }],
          })
          .expect(204),
      );
      await step('PATCH /Groups/{id} (remove a member by value)', () =>
        scim
          .patch(`/Groups/${groupId}`, {
            schemas: [SCIM.PATCH_OP],
            Operations: [{ op: 'Remove', path: 'members', value: [{ value: id }] }],
          })
          .expect(204),
      );
      await step('GET /Groups/{id}', () => scim.get(`/Groups/${groupId}`).expect(200));
      await step('GET /Groups?filter=members.value eq "…"', () =>
        scim.get(`/Groups?filter=${encodeURIComponent(`members.value eq "${boss.body.id}"`)}`).expect(200),
      );
      await step('PATCH /Users/{id} active "False" (deactivation: heir chain)', () =>
        scim
          .patch(`/Users/${id}`, { schemas: [SCIM.PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })
          .expect(200),
      );
      await step('DELETE /Groups/{id}', () => scim.delete(`/Groups/${groupId}`).expect(204));
      await step('DELETE /Users/{id}', () => scim.delete(`/Users/${id}`).expect(204));
    } finally {
      t.dataSource.logger = original;
    }

    const dialect = DIALECT_FILES[t.dataSource.options.type];
    const file = join(__dirname, '..', 'sql', `${dialect}.sql`);
    const text = render(dialect, steps);
    if (process.env.UPDATE_SQL === '1') writeFileSync(file, text);
    if (!existsSync(file)) throw new Error(`${file} is missing: run UPDATE_SQL=1 npx jest test/e2e/sql-review on ${dialect}`);
    // On a difference: review it, then regenerate the file (see the header of this test).
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

/** The statement as a reviewer reads it: the per-test schema named `{schema}`, no trailing blanks. */
function normalise(query: string, schema?: string): string {
  // String(): a prepared statement reaches the logger as its name and text (see CompiledQueries).
  const sql = String(query);
  const text = schema ? sql.split(schema).join('{schema}') : sql;
  return text.replace(/[ \t]+$/gm, '').trim();
}

function render(dialect: string, steps: Step[]): string {
  const header = [
    `-- The SQL usersync sends to ${dialect}, each statement under the first request that sends it.`,
    '-- Generated by test/e2e/sql-review.e2e-spec.ts, which fails when it no longer matches: review the',
    '-- difference, then regenerate with UPDATE_SQL=1 (see the README, Development).',
  ];
  const body = steps.flatMap((s) => [
    '',
    `-- ${s.title}`,
    ...(s.statements.length ? s.statements.map((q) => `${q};`) : ['-- (nothing new)']),
  ]);
  return [...header, ...body, ''].join('\n');
}
