/**
 * usersync benchmark: `npm run bench [-- --quick] [-- --db postgres] [--users N] [--cycle N] [--duration S] [--concurrency C]`.
 *
 * Starts the built service as its own process on a fresh database, and beside it a minimal Nest
 * app with the same bearer-guard pattern and no database (the ceiling). Scenario 1 provisions
 * through the real SCIM API exactly as Entra ID does; the larger populations are then seeded
 * straight into the tables (bulk insert through TypeORM), because seeding 100,000 users over HTTP
 * measures nothing new. Prints a table and writes bench/results/<date>-<db>.json.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/load-config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { Resource } from '../src/ownership/entities/resource.entity';
import { WFUser } from '../src/users/entities/wf-user.entity';

const root = resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const quick = flag('quick');
const db = option('db', 'sqlite');
const scaleUsers = Number(option('users', quick ? '10000' : '100000'));
const cycleUsers = Number(option('cycle', quick ? '1000' : '10000'));
const duration = Number(option('duration', quick ? '3' : '10'));
const concurrency = Number(option('concurrency', '32'));
const disableUsers = quick ? 200 : 1000;
const SERVICE_PORT = 3450;
const CEILING_PORT = 3499;
const base = `http://127.0.0.1:${SERVICE_PORT}`;

interface Row {
  scenario: string;
  rps: number;
  ratio: number | null;
  p50: number | null;
  p99: number | null;
  errors: number;
  note?: string;
}

async function call(
  method: string,
  path: string,
  init: { token?: string; body?: unknown; form?: Record<string, string>; basic?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.basic) headers.Authorization = `Basic ${Buffer.from(init.basic).toString('base64')}`;
  let body: string | undefined;
  if (init.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.body !== undefined) {
    headers['Content-Type'] = 'application/scim+json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function waitFor(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function load(opts: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ connections: concurrency, duration, ...opts });
}

const userBody = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  externalId: userName,
  active: true,
  displayName: `Bench ${userName}`,
  name: { givenName: 'Bench', familyName: 'User' },
  emails: [{ type: 'work', primary: true, value: userName }],
});

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'usersync-bench-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(SERVICE_PORT), HOST: '127.0.0.1', LOG_LEVEL: 'error' };
  if (db === 'postgres') {
    Object.assign(env, {
      DB_TYPE: 'postgres',
      DB_URL: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      DB_SCHEMA: schema,
      DB_PATH: '',
    });
    const admin = new DataSource(buildDataSourceOptions(loadConfig({ ...env, DB_SCHEMA: '' } as Record<string, string>).database));
    await admin.initialize();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.destroy();
  } else {
    Object.assign(env, { DB_TYPE: 'sqlite', DB_URL: '', DB_PATH: join(dir, 'usersync.sqlite') });
  }
  const processes: ChildProcess[] = [];
  const rows: Row[] = [];
  try {
    const boot = spawnSync(
      process.execPath,
      [
        join(root, 'dist/src/cli/main.js'),
        'bootstrap',
        '--company',
        'Bench',
        '--subscription',
        'admin',
        '--admin',
        'admin@bench.example',
        '--json',
      ],
      { env, encoding: 'utf8' },
    );
    if (boot.status !== 0) throw new Error(`bootstrap failed: ${boot.stderr}`);
    const admin = JSON.parse(boot.stdout);
    const service = spawn(process.execPath, [join(root, 'dist/src/main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    const ceiling = spawn(process.execPath, [join(root, 'dist-bench/bench/ceiling.js')], {
      env: { ...process.env, PORT: String(CEILING_PORT) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    processes.push(service, ceiling);
    await waitFor(`${base}/health`);
    await waitFor(`http://127.0.0.1:${CEILING_PORT}/ceiling`);

    const adminToken = (
      await call('POST', '/oauth2/server/token', {
        basic: `${admin.clientId}:${admin.clientSecret}`,
        form: { grant_type: 'client_credentials', scope: 'api' },
      })
    ).body.access_token;
    const subscription = (await call('POST', '/api/tenancy/subscriptions', { token: adminToken, body: { name: 'bench' } })).body;
    const app = (
      await call('POST', '/api/oauth2/applications', {
        token: adminToken,
        body: { name: 'bench', grantType: 'bearer_token', allowedScopes: ['usersync'], subscriptionId: subscription.id },
      })
    ).body;
    const token: string = app.clientSecret;
    const auth = { Authorization: `Bearer ${token}` };

    const ceilingResult = await load({
      url: `http://127.0.0.1:${CEILING_PORT}/ceiling`,
      headers: { Authorization: 'Bearer ceiling-token' },
    });
    const ceilingRps = ceilingResult.requests.average;
    rows.push({
      scenario: 'ceiling: Nest + bearer guard, constant JSON',
      rps: ceilingRps,
      ratio: 1,
      p50: ceilingResult.latency.p50,
      p99: ceilingResult.latency.p99,
      errors: ceilingResult.non2xx + ceilingResult.errors,
    });
    const row = (scenario: string, r: autocannon.Result, note?: string) =>
      rows.push({
        scenario,
        rps: r.requests.average,
        ratio: r.requests.average / ceilingRps,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.non2xx + r.errors,
        note,
      });

    // 1. Entra ID's initial cycle: filter by userName, then POST, 8 at a time.
    let next = 0;
    let cycleErrors = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < cycleUsers) {
          const userName = `entra-${next++}@bench.example`;
          const found = await call('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, { token });
          if (found.status !== 200 || found.body.totalResults !== 0) cycleErrors++;
          if ((await call('POST', '/scim/v2/Users', { token, body: userBody(userName) })).status !== 201) cycleErrors++;
        }
      }),
    );
    const cycleSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    rows.push({
      scenario: `1. Entra ID initial cycle: ${cycleUsers} users (filter + POST, concurrency 8)`,
      rps: cycleUsers / cycleSeconds,
      ratio: null,
      p50: null,
      p99: null,
      errors: cycleErrors,
      note: `${cycleSeconds.toFixed(1)} s, users/s`,
    });

    const lookup = (population: number, prefix: (i: number) => string) =>
      load({
        url: base,
        headers: auth,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({
              ...req,
              path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${prefix(Math.floor(Math.random() * population))}"`)}`,
            }),
          },
        ],
      });
    const lookupSmall = await lookup(cycleUsers, (i) => `entra-${i}@bench.example`);
    row(`2a. lookup by userName at ${cycleUsers} users`, lookupSmall);

    // Seed up to the scale population straight into the tables.
    const ds = new DataSource({
      ...buildDataSourceOptions(loadConfig(env as Record<string, string>).database),
      entities: [WFUser, Resource],
    });
    await ds.initialize();
    const [{ idSubscription }] = await ds.query(
      `SELECT ${ds.driver.escape('idSubscription')} AS "idSubscription" FROM ${table(ds, 'Subscription')} WHERE ${ds.driver.escape('guidSubscription')} = ${db === 'postgres' ? '$1' : '?'}`,
      [subscription.id],
    );
    const seedCount = Math.max(0, scaleUsers - cycleUsers);
    const now = new Date();
    for (let offset = 0; offset < seedCount; offset += 500) {
      const batch = Array.from({ length: Math.min(500, seedCount - offset) }, (_, k) => {
        const userName = `seed-${offset + k}@bench.example`;
        return {
          guidUser: randomUUID(),
          idSubscription,
          userName,
          userNameKey: userName,
          fullName: `Seed ${offset + k}`,
          userEmail: userName,
          enabled: true,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
      });
      await ds.createQueryBuilder().insert().into(WFUser).values(batch).execute();
    }
    const lookupLarge = await lookup(seedCount, (i) => `seed-${i}@bench.example`);
    row(
      `2b. lookup by userName at ${scaleUsers} users`,
      lookupLarge,
      `flatness ${(lookupLarge.requests.average / lookupSmall.requests.average).toFixed(2)} of 2a`,
    );

    // 3. Entra-shaped updates.
    const patch = await load({
      url: base,
      headers: { ...auth, 'Content-Type': 'application/scim+json' },
      requests: [
        {
          method: 'PATCH',
          setupRequest: (req) => {
            const i = Math.floor(Math.random() * cycleUsers);
            return {
              ...req,
              path: `/scim/v2/Users/entra-${i}@bench.example`,
              body: JSON.stringify({
                schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
                Operations: [
                  { op: 'Replace', path: 'displayName', value: `Renamed ${i} ${Math.random()}` },
                  { op: 'Replace', path: 'emails[type eq "work"].value', value: `entra-${i}@bench.example` },
                ],
              }),
            };
          },
        },
      ],
    });
    row(`3. PATCH (Replace displayName + work email) at ${scaleUsers} users`, patch);

    // 6. Paging at the start and at the end.
    row('6a. page of 100 at the start', await load({ url: `${base}/scim/v2/Users?startIndex=1&count=100`, headers: auth }));
    row(
      `6b. page of 100 at the end (startIndex ${scaleUsers - 99})`,
      await load({ url: `${base}/scim/v2/Users?startIndex=${scaleUsers - 99}&count=100`, headers: auth }),
    );

    // 5. Token endpoint.
    row(
      '5. token endpoint (client_credentials)',
      await load({
        url: `${base}/oauth2/server/token`,
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${admin.clientId}:${admin.clientSecret}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials&scope=usersync',
      }),
    );

    // 4. Disable with ownership transfer: users with a boss and 10 resources each.
    const boss = (await call('POST', '/scim/v2/Users', { token, body: userBody('boss@bench.example') })).body.id;
    const idBoss = (
      await ds.query(
        `SELECT ${ds.driver.escape('idUser')} AS "idUser" FROM ${table(ds, 'WFUser')} WHERE ${ds.driver.escape('guidUser')} = ${db === 'postgres' ? '$1' : '?'}`,
        [boss],
      )
    )[0].idUser;
    await ds
      .createQueryBuilder()
      .update(WFUser)
      .set({ idBossUser: idBoss })
      .where('userName LIKE :p', { p: 'seed-%' })
      .andWhere('idSubscription = :s', { s: idSubscription })
      .execute();
    const owners: { idUser: number; userName: string }[] = await ds
      .createQueryBuilder()
      .select('u.idUser', 'idUser')
      .addSelect('u.userName', 'userName')
      .from(WFUser, 'u')
      .where('u.idSubscription = :s AND u.userName LIKE :p', { s: idSubscription, p: 'seed-%' })
      .orderBy('u.idUser')
      .limit(disableUsers + 5)
      .getRawMany();
    const resources = owners.flatMap((o, n) =>
      Array.from({ length: n >= disableUsers ? 1000 : 10 }, (_, k) => ({
        guidResource: randomUUID(),
        idSubscription,
        kind: 'process',
        name: `r${k}`,
        idOwnerUser: o.idUser,
        createdAt: now,
        updatedAt: now,
      })),
    );
    for (let offset = 0; offset < resources.length; offset += 500)
      await ds
        .createQueryBuilder()
        .insert()
        .into(Resource)
        .values(resources.slice(offset, offset + 500))
        .execute();
    const queue = owners.slice(0, disableUsers).map((o) => o.userName);
    const disable = await autocannon({
      url: base,
      connections: 8,
      amount: queue.length,
      headers: { ...auth, 'Content-Type': 'application/scim+json' },
      requests: [
        {
          method: 'PATCH',
          setupRequest: (req) => ({
            ...req,
            path: `/scim/v2/Users/${queue.pop()}`,
            body: JSON.stringify({
              schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
              Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
            }),
          }),
        },
      ],
    });
    row(`4. disable with transfer (10 resources each, ${disableUsers} users, concurrency 8)`, disable);
    const single: number[] = [];
    for (const owner of owners.slice(disableUsers, disableUsers + 5)) {
      const t0 = process.hrtime.bigint();
      const res = await call('PATCH', `/scim/v2/Users/${owner.userName}`, {
        token,
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
        },
      });
      if (res.status !== 204) throw new Error(`disable failed: ${JSON.stringify(res.body)}`);
      single.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    single.sort((a, b) => a - b);
    rows.push({
      scenario: '4b. one disable moving 1,000 resources (median of 5)',
      rps: 0,
      ratio: null,
      p50: single[2],
      p99: single[4],
      errors: 0,
      note: 'ms per request',
    });
    await ds.destroy();

    const rss = peakRssMb(service.pid!);
    const result = {
      date: new Date().toISOString(),
      db,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
      options: { scaleUsers, cycleUsers, duration, concurrency, quick },
      peakRssMb: rss,
      rows,
    };
    printTable(result.rows, rss);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const file = join(root, 'bench/results', `${result.date.slice(0, 10)}-${db}${quick ? '-quick' : ''}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(`\nwritten ${file}`);
  } finally {
    for (const p of processes) p.kill();
    if (db === 'postgres') {
      const admin = new DataSource(buildDataSourceOptions(loadConfig({ ...env, DB_SCHEMA: '' } as Record<string, string>).database));
      await admin.initialize();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.destroy();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(ds: DataSource, name: string): string {
  const schema = (ds.driver.options as { schema?: string }).schema;
  return schema ? `${ds.driver.escape(schema)}.${ds.driver.escape(name)}` : ds.driver.escape(name);
}

function printTable(rows: Row[], rss: number) {
  const fmt = (n: number | null, digits = 0) => (n === null ? '' : n.toFixed(digits));
  console.log(`\n| scenario | req/s | ratio to ceiling | p50 ms | p99 ms | errors | note |`);
  console.log(`|---|---:|---:|---:|---:|---:|---|`);
  for (const r of rows)
    console.log(
      `| ${r.scenario} | ${r.rps ? fmt(r.rps) : ''} | ${r.ratio === null ? '' : r.ratio.toFixed(2)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.errors} | ${r.note ?? ''} |`,
    );
  console.log(`\npeak RSS of the service: ${rss} MB`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
